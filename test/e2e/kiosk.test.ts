/**
 * The kiosk on a wall, in a real pseudo-terminal, against a real hub run as its own process:
 * signed in with a read-only token, it shows the KPIs; the hub stops (SIGTERM) and a "stale
 * since" banner covers the KPIs; the hub starts again on the same database and port and the
 * kiosk is live again, all without a key pressed.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, type PtySession, spawnCli } from './pty-session.js';

const children: ChildProcess[] = [];
const sessions: PtySession[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) s.kill();
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `ccwall serve` as a child process; resolves once it says it is listening. */
function startHub(db: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', String(port), '--demo'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`hub did not start:\n${out}\n${err}`)), 20_000);
    child.stderr?.on('data', (chunk) => {
      err += chunk;
    });
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      if (out.includes('listening on')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with ${code}:\n${out}\n${err}`));
    });
  });
}

function stopHub(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const KPIS = (s: string) => s.includes('LONGEST WAIT') && s.includes('● live');

describe('kiosk in a real terminal', () => {
  it('stays up through a hub restart: stale banner over the KPIs, then live again, no key pressed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccwall-kiosk-'));
    dirs.push(dir);
    const db = join(dir, 'hub.db');
    const port = await freePort();
    let hub = await startHub(db, port);
    const token = execFileSync(
      process.execPath,
      [CLI, 'token', 'create', '--db', db, '--user', 'claire.dubois', '--read-only'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    ).trim();
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });

    const kiosk = spawnCli(
      ['--kiosk', '--url', `ws://127.0.0.1:${port}`, '--token-file', tokenFile, '--rotate', '0'],
      { cols: 100, rows: 30 },
    );
    sessions.push(kiosk);
    let screen = await kiosk.waitFor(KPIS, 20_000);
    expect(kiosk.isAlternateScreen()).toBe(true);
    expect(kiosk.lines()[0]).toContain(`wallboard  hub 127.0.0.1:${port}`);
    // No action keys: the footer offers only quitting, and the token is read-only (no warning).
    expect(kiosk.lines().at(-1)?.trim()).toBe('q quit  Ctrl-C quit');
    expect(screen).not.toContain('may act');
    // The three kinds of channels of the demo center.
    expect(screen).toMatch(/queue/);
    expect(screen).toMatch(/chat/);
    expect(screen).toMatch(/campaign/);

    await stopHub(hub);
    screen = await kiosk.waitFor(/STALE since \d\d:\d\d:\d\d/, 20_000);
    expect(screen).not.toContain('LONGEST WAIT');
    expect(screen).toMatch(/reconnecting to the hub \(attempt \d+\)/);
    expect(kiosk.lines()[0]).toMatch(/(reconnecting|stale)/);

    hub = await startHub(db, port);
    screen = await kiosk.waitFor(KPIS, 30_000);
    expect(screen).not.toContain('STALE');
    // It never exited on its own.
    let exited = false;
    void kiosk.exit.then(() => {
      exited = true;
    });
    expect(exited).toBe(false);
    await stopHub(hub);
  }, 90_000);

  it('on the embedded demo it signs in read-only and speaks French with --lang fr', async () => {
    const kiosk = spawnCli(['--kiosk', '--lang', 'fr'], { cols: 80, rows: 24 });
    sessions.push(kiosk);
    const screen = await kiosk.waitFor((s) => s.includes('ATTENTE MAX') && s.includes('en direct'), 20_000);
    expect(screen).toContain('affichage mural');
    expect(screen).toContain('NIVEAU DE SERVICE');
    // Signed in read-only: no warning that the token may act.
    expect(screen).not.toContain('peut agir');
    expect(kiosk.lines().at(-1)?.trim()).toBe('q quitter  Ctrl-C quitter');
    await kiosk.press('q');
    expect((await kiosk.exit).exitCode).toBe(0);
  }, 40_000);
});
