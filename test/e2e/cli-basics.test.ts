import { afterEach, describe, expect, it } from 'vitest';
import { type PtySession, spawnCli } from './pty-session.js';

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

  it.each(['SIGINT', 'SIGTERM'])('serves a hub that stops cleanly on %s', async (signal) => {
    const hub = start(['serve', '--port', '0', '--db', ':memory:', '--demo', '--no-simulate']);
    await hub.waitFor(/ccwall hub listening on ws:\/\/127\.0\.0\.1:\d+/);
    hub.kill(signal);
    await hub.waitFor(/ccwall hub stopped/);
    expect((await hub.exit).exitCode).toBe(0);
    expect(hub.screen()).toMatch(/shutting down/);
  });
});
