/**
 * The hub run as an operator runs it, on real processes: a full disk at start, a port in use,
 * two hubs on one database, SIGHUP, a database that stops taking writes while wallboards watch,
 * `ccwall token create` while a busy hub checkpoints. A full disk is made with the process's
 * file size limit (`prlimit --fsize`: writes past it fail as on a full disk, for that process
 * only). They need `npm run build`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DEMO_AGENT_ID, DEMO_SUPERVISOR_ID } from '../../src/hub/index.js';
import { Storage } from '../../src/hub/storage.js';
import { tokenCommand } from '../../src/hub/token-command.js';
import type { HubMessage } from '../../src/protocol/index.js';
import { HubClient } from '../hub/hub-client.js';
import { hasOpenssl, selfSignedCertificate } from '../hub/security-fixtures.js';
import { freePort, HubProcess } from './hub-process.js';

const LOG_WRITER = join(dirname(fileURLToPath(import.meta.url)), 'log-writer.mjs');
const dir = mkdtempSync(join(tmpdir(), 'ccwall-operable-'));
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const hasPrlimit = (() => {
  try {
    execFileSync('prlimit', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Sets the file size limit of a running process (soft:hard; `unlimited` lifts it). */
function fileSizeLimit(pid: number, bytes: number | 'unlimited'): void {
  execFileSync('prlimit', ['--pid', String(pid), `--fsize=${bytes}:unlimited`]);
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function newToken(db: string, user: string): Promise<string> {
  const out = { stdout: new Capture(), stderr: new Capture() };
  expect(await tokenCommand(['create', '--db', db, '--user', user], out)).toBe(0);
  const token = /ccw_\S+/.exec(out.stdout.text)?.[0];
  if (!token) throw new Error(`no token: ${out.stderr.text}`);
  return token;
}

/** The lines of a hub's stderr that are not its log's info lines. */
function problems(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line !== '' && !/^\S+Z INFO /.test(line));
}

function started(hub: HubProcess): HubProcess {
  cleanups.push(() => hub.kill());
  return hub;
}

describe('starting', () => {
  it.skipIf(!hasPrlimit)(
    'exits 1 with one line when the disk is full at start (it used to spin for ever)',
    async () => {
      const db = join(dir, 'full.db');
      Storage.open(db).close();
      // Room for the empty database and its lock, not for the demo center.
      const hub = started(
        HubProcess.launch(['serve', '--db', db, '--demo', '--port', '0'], ['prlimit', '--fsize=120000']),
      );
      await hub.until(() => hub.child.exitCode !== null, 'the hub to exit', 10_000);
      expect(await hub.exited).toBe(1);
      expect(hub.stdout).toBe('');
      // One line says why, last (after the log's info lines, if any); no error spins in the log.
      expect(problems(hub.stderr)).toEqual([
        expect.stringMatching(
          /^ccwall serve: cannot write to .*full\.db: (disk I\/O error|database or disk is full)$/,
        ),
      ]);
      expect(hub.stderr).toMatch(/full\.db: (disk I\/O error|database or disk is full)\n$/);
    },
  );

  it('exits 1 within a second or so when the port is in use (it used to hang)', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => taken.close(() => resolve())));
    const address = taken.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const hub = started(HubProcess.launch(['serve', '--db', ':memory:', '--port', String(address.port)]));
    await hub.until(() => /already in use/.test(hub.stderr), 'the message');
    const said = Date.now();
    await hub.until(() => hub.child.exitCode !== null, 'the hub to exit after saying so', 3_000);
    expect(Date.now() - said).toBeLessThan(1_500);
    expect(await hub.exited).toBe(1);
    expect(problems(hub.stderr)).toEqual([
      `ccwall serve: 127.0.0.1:${address.port} is already in use (is another hub running? try --port)`,
    ]);
  });

  it('exits 1 at once on an address that is not on this machine', async () => {
    // 192.0.2.1 (TEST-NET-1) is never a local address: binding to it fails at once, no packet is sent.
    const hub = started(
      HubProcess.launch(['serve', '--db', ':memory:', '--host', '192.0.2.1', '--port', '0']),
    );
    await hub.until(() => hub.child.exitCode !== null, 'the hub to exit', 5_000);
    expect(await hub.exited).toBe(1);
    expect(problems(hub.stderr)).toContain('ccwall serve: 192.0.2.1 is not an address of this machine');
  });

  it('refuses a second hub on the same database, naming the first one', async () => {
    const db = join(dir, 'twice.db');
    const first = started(await HubProcess.serve(['--db', db, '--port', '0', '--demo', '--no-simulate']));
    const second = started(HubProcess.launch(['serve', '--db', db, '--port', '0']));
    await second.until(() => second.child.exitCode !== null, 'the second hub to exit');
    expect(await second.exited).toBe(1);
    expect(second.stderr).toMatch(
      new RegExp(
        `^ccwall serve: .*twice\\.db is in use by another hub \\(pid ${first.pid} on .+\\): stop it first`,
      ),
    );
    // The first goes on; once it is stopped (or killed), the database is free again.
    await first.kill();
    const third = started(await HubProcess.serve(['--db', db, '--port', '0', '--no-simulate']));
    const code = await third.stop();
    expect({ code, signal: third.child.signalCode, stderr: third.stderr }).toMatchObject({ code: 0 });
  });
});

describe.skipIf(!hasOpenssl())('SIGHUP', () => {
  it('reloads the TLS certificate and key, and the hub goes on', async () => {
    const old = selfSignedCertificate('old');
    const fresh = selfSignedCertificate('new');
    const certPath = join(dir, 'hub.crt');
    const keyPath = join(dir, 'hub.key');
    copyFileSync(old.certPath, certPath);
    copyFileSync(old.keyPath, keyPath);
    const port = await freePort();
    const db = join(dir, 'tls.db');
    const hub = started(
      await HubProcess.serve([
        '--db',
        db,
        '--port',
        String(port),
        '--demo',
        '--no-simulate',
        '--tls-cert',
        certPath,
        '--tls-key',
        keyPath,
      ]),
    );
    const token = await newToken(db, DEMO_SUPERVISOR_ID);
    const trusts = (ca: Buffer) =>
      new Promise<boolean>((resolve) => {
        const ws = new WebSocket(`wss://127.0.0.1:${port}`, {
          ca,
          headers: { authorization: `Bearer ${token}` },
        });
        ws.once('open', () => {
          ws.close();
          resolve(true);
        });
        ws.once('error', () => resolve(false));
      });
    expect(await trusts(old.cert)).toBe(true);
    copyFileSync(fresh.certPath, certPath);
    copyFileSync(fresh.keyPath, keyPath);
    hub.child.kill('SIGHUP');
    await hub.until(() => /reloaded the TLS certificate/.test(hub.stderr), 'the reload');
    expect(await trusts(fresh.cert)).toBe(true);
    expect(await trusts(old.cert)).toBe(false);
    // A broken pair is refused and the current certificate kept.
    copyFileSync(old.keyPath, keyPath);
    hub.child.kill('SIGHUP');
    await hub.until(() => /kept the current certificate/.test(hub.stderr), 'the refusal');
    expect(await trusts(fresh.cert)).toBe(true);
    expect(hub.child.exitCode).toBeNull();
    expect(await hub.stop()).toBe(0);
  });
});

describe.skipIf(!hasPrlimit)('a database that stops taking writes', () => {
  it('degrades honestly (health, banner notice, storage_failed, one error line) and recovers by itself', async () => {
    const db = join(dir, 'degraded.db');
    const port = await freePort();
    const hub = started(
      await HubProcess.serve(['--db', db, '--port', String(port), '--demo', '--events-per-second', '50']),
    );
    const supervisor = await HubClient.connect(
      `ws://127.0.0.1:${port}`,
      await newToken(db, DEMO_SUPERVISOR_ID),
    );
    cleanups.push(() => supervisor.close());
    const health = async () => {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      return { status: response.status, body: (await response.json()) as { storage: { ok: boolean } } };
    };
    expect(await health()).toMatchObject({ status: 200, body: { storage: { ok: true } } });

    fileSizeLimit(hub.pid, 1);
    const degraded = await supervisor.waitFor(
      (m): m is Extract<HubMessage, { type: 'hub_status' }> => m.type === 'hub_status' && m.degraded,
      'the hub_status notice',
    );
    expect(degraded.detail).toMatch(/disk I\/O error|disk is full/);
    expect(await health()).toMatchObject({ status: 503, body: { storage: { ok: false } } });
    const pause = { type: 'pause', channelId: 'sales', userId: DEMO_AGENT_ID, reasonId: 'break' };
    expect(await supervisor.command(pause)).toMatchObject({ ok: false, error: { code: 'storage_failed' } });
    // Frozen, not live: no traffic is applied while nothing can be saved.
    const seqs = () => supervisor.messages.filter((m) => m.type === 'delta').length;
    const before = seqs();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seqs()).toBe(before);

    fileSizeLimit(hub.pid, 'unlimited');
    await supervisor.waitFor((m) => m.type === 'hub_status' && !m.degraded, 'the recovery notice');
    expect((await health()).status).toBe(200);
    const after = await supervisor.command(pause);
    expect(after.ok || after.error.code !== 'storage_failed').toBe(true);
    const errors = hub.stderr.split('\n').filter((line) => / ERROR /.test(line));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/cannot save .*: changes refused until it can/);
    expect(await hub.stop()).toBe(0);
  });
});

describe('ccwall token create while a busy hub checkpoints', () => {
  it('reads the state in one transaction: never "damaged: events … missing"', async () => {
    const db = join(dir, 'busy.db');
    // Another process writing, checkpointing and pruning its log all the time (as a hub does).
    const writer = spawn(process.execPath, [LOG_WRITER, db], { stdio: ['ignore', 'pipe', 'inherit'] });
    cleanups.push(() => writer.kill('SIGKILL'));
    await new Promise<void>((resolve, reject) => {
      writer.stdout.once('data', () => resolve());
      writer.once('exit', (code) => reject(new Error(`the writer exited (${code}): is dist/ current?`)));
    });
    const failures: string[] = [];
    for (let i = 0; i < 30; i++) {
      const out = { stdout: new Capture(), stderr: new Capture() };
      if ((await tokenCommand(['create', '--db', db, '--user', DEMO_SUPERVISOR_ID], out)) !== 0)
        failures.push(out.stderr.text.trim());
    }
    writer.kill('SIGTERM');
    expect(failures).toEqual([]);
  });
});
