/**
 * `ccwall serve --directory FILE` as a real process: the file is applied at start, again on
 * SIGHUP (the plan it applied is logged), and a file that fails its check on SIGHUP is refused
 * with its problems while the hub keeps its directory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from './pty-session.js';

const dir = mkdtempSync(join(tmpdir(), 'ccwall-serve-directory-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const EXAMPLE = readFileSync(new URL('../../docs/examples/center.yaml', import.meta.url), 'utf8');

/** A process's output so far, and a wait for what it will print. */
function watch(child: ChildProcess) {
  let text = '';
  const waiters = new Set<() => void>();
  const take = (chunk: Buffer) => {
    text += chunk.toString();
    for (const wake of waiters) wake();
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return {
    text: () => text,
    /** Resolves with the output once `pattern` matches what came after `from` characters. */
    waitFor(pattern: RegExp, from = 0, timeoutMs = 15_000): Promise<RegExpMatchArray> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = text.slice(from).match(pattern);
          if (!match) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(match);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${pattern}; output:\n${text}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = watch(child);
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out: output.text() })));
}

describe('ccwall serve --directory', () => {
  it('applies the file at start and on SIGHUP, and refuses a broken file while keeping its directory', async () => {
    const file = join(dir, 'center.yaml');
    const db = join(dir, 'center.db');
    writeFileSync(file, EXAMPLE);
    const hub = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--db', db, '--directory', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(hub);
    const output = watch(hub);
    await output.waitFor(/ccwall hub listening on ws:\/\/127\.0\.0\.1:\d+/);
    await output.waitFor(new RegExp(`directory ${file} applied \\(hub start\\):\\n.*users: 12 added`));
    const [, pid] = await output.waitFor(/kill -HUP (\d+) applies it again/);

    // A new colleague joins: SIGHUP applies the file again, and logs the plan.
    writeFileSync(
      file,
      `${EXAMPLE}\n  - { id: nora.fischer, name: Nora Fischer, extension: "7204", roles: [agent], memberOf: [support] }\n`,
    );
    let mark = output.text().length;
    process.kill(Number(pid), 'SIGHUP');
    await output.waitFor(
      new RegExp(
        `directory ${file} applied \\(SIGHUP\\):\\n.*users: 1 added, 0 changed, 0 removed\\n.*\\+ nora\\.fischer`,
      ),
      mark,
    );
    expect((await cli(['token', 'create', '--db', db, '--user', 'nora.fischer'])).code).toBe(0);

    // A mistake in the file: refused with its problem, the hub keeps its directory.
    writeFileSync(
      file,
      `${EXAMPLE}\n  - { id: nora.fischer, name: Nora Fischer, roles: [agent], memberOf: [suport] }\n`,
    );
    mark = output.text().length;
    process.kill(Number(pid), 'SIGHUP');
    await output.waitFor(
      new RegExp(
        `directory ${file} refused \\(SIGHUP\\): the directory stays as it was\\n.*${file}:\\d+:\\d+ users\\[12\\]\\.memberOf\\[0\\]: no channel "suport" in channels`,
      ),
      mark,
    );
    expect((await cli(['token', 'create', '--db', db, '--user', 'nora.fischer'])).code).toBe(0);

    // Still serving: it stops cleanly, and the directory it kept is the one in the database.
    const exited = new Promise<number | null>((resolve) => hub.once('exit', resolve));
    hub.kill('SIGTERM');
    expect(await exited).toBe(0);
    const exported = await cli(['center', 'export', '--db', db]);
    expect(exported.code).toBe(0);
    expect(exported.out).toContain('id: nora.fischer');
    expect(exported.out).toContain('memberOf: [ support ]');
  });

  it('does not start on a file that fails its check', async () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'users:\n  - { id: a b, name: A }\n');
    const result = await cli(['serve', '--port', '0', '--db', join(dir, 'broken.db'), '--directory', file]);
    expect(result.code).toBe(1);
    expect(result.out).toBe(
      `ccwall serve: the directory file has 1 problem(s): nothing was served\n${file}:2:11 users[0].id: ids use letters, digits and . _ : @ - only\n`,
    );
  });
});
