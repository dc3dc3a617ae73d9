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
});
