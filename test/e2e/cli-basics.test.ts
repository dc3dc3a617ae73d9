import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import pty from '@lydell/node-pty';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, type PtySession, spawnCli } from './pty-session.js';

/** Runs the built CLI with stdin and stdout as given (not a terminal), to its end. */
function run(
  stdin: 'devnull' | 'terminal-less pipe',
): Promise<{ code: number | null; out: string; err: string }> {
  const input = stdin === 'devnull' ? openSync('/dev/null', 'r') : 'pipe';
  const child = spawn(process.execPath, [CLI], {
    stdio: [input, 'pipe', 'pipe'],
    env: { ...process.env, CI: '' },
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    err += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

const sessions: PtySession[] = [];
const start = (args: string[]) => {
  const session = spawnCli(args, { cols: 100, rows: 30 });
  sessions.push(session);
  return session;
};
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});

describe('ccwall on the command line', () => {
  it('prints its version', async () => {
    const cli = start(['--version']);
    await cli.waitFor(/ccwall \d+\.\d+\.\d+/);
    expect((await cli.exit).exitCode).toBe(0);
  });

  it('needs a terminal: "ccwall </dev/null" and "ccwall | cat" say so in one line and exit 1', async () => {
    expect(await run('devnull')).toEqual({
      code: 1,
      out: '',
      err: 'ccwall needs a terminal (stdin is not a TTY)\n',
    });
    // stdin a pipe too here: the first missing terminal is named.
    const piped = await run('terminal-less pipe');
    expect(piped.code).toBe(1);
    expect(piped.err).toMatch(/^ccwall needs a terminal \((stdin|stdout) is not a TTY\)\n$/);
  });

  it('says stdout is not a terminal for "ccwall | cat" typed at a terminal', async () => {
    const shell = pty.spawn('sh', ['-c', `"${process.execPath}" "${CLI}" | cat`], {
      cols: 100,
      rows: 30,
      env: { ...process.env, CI: '' } as Record<string, string>,
    });
    let text = '';
    shell.onData((data) => {
      text += data;
    });
    const exit = await new Promise<number>((resolve) => shell.onExit(({ exitCode }) => resolve(exitCode)));
    expect(text.trim()).toBe('ccwall needs a terminal (stdout is not a TTY)');
    // sh reports cat's status; what matters is that ccwall printed one line and drew nothing.
    expect(exit).toBe(0);
  });

  it.each(['SIGINT', 'SIGTERM'])('serves a hub that stops cleanly on %s', async (signal) => {
    const hub = start(['serve', '--port', '0', '--db', ':memory:', '--demo', '--no-simulate']);
    await hub.waitFor(/ccwall hub listening on ws:\/\/127\.0\.0\.1:\d+/);
    hub.kill(signal);
    await hub.waitFor(/ccwall hub stopped/);
    expect((await hub.exit).exitCode).toBe(0);
    expect(hub.screen()).toMatch(/shutting down/);
  });
});
