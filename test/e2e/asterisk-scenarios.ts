/**
 * The Asterisk scenarios a person sees in a real terminal, against any AMI: the fake one of the
 * test suite, or a real Asterisk (CCWALL_TEST_AMI). A `Pbx` is what a scenario needs of the
 * telephony side: make a caller join, have an agent answer, see the actions Asterisk received,
 * hold its events back, cut the link.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../src/hub/engine.js';
import { Storage } from '../../src/hub/storage.js';
import { Tokens } from '../../src/hub/tokens.js';
import type { CenterEvent } from '../../src/protocol/index.js';
import { type PtySession, spawnCli } from './pty-session.js';

/** A hub (`ccwall serve --source asterisk`) and a supervisor's wallboard, each in its own terminal. */
export interface AsteriskBoard {
  hub: PtySession;
  board: PtySession;
  url: string;
  token: string;
  close(): Promise<void>;
}

/**
 * Seeds `events` (the directory) into a new database, then starts `ccwall serve` on it with the
 * Asterisk source, and a wallboard signed in as `supervisorId`.
 */
export async function asteriskBoard(options: {
  events: CenterEvent[];
  supervisorId: string;
  ami: string;
  user: string;
  secret: string;
  cols?: number;
  rows?: number;
}): Promise<AsteriskBoard> {
  const dir = mkdtempSync(join(tmpdir(), 'ccwall-asterisk-e2e-'));
  const db = join(dir, 'center.db');
  const storage = Storage.open(db);
  const engine = Engine.open(storage, { now: Date.now, log: () => {} });
  engine.seed(options.events);
  engine.checkpoint();
  const token = new Tokens(storage).create(options.supervisorId, Date.now());
  storage.close();
  const secretFile = join(dir, 'ami-secret');
  writeFileSync(secretFile, `${options.secret}\n`, { mode: 0o600 });
  const hub = spawnCli(
    [
      'serve',
      '--port',
      '0',
      '--db',
      db,
      '--source',
      'asterisk',
      '--ami',
      options.ami,
      '--ami-user',
      options.user,
      '--ami-secret-file',
      secretFile,
    ],
    { cols: 200, rows: 50 },
  );
  const listening = await hub.waitFor(/ccwall hub listening on (ws:\/\/\S+)/, 10_000);
  const url = /ccwall hub listening on (ws:\/\/\S+)/.exec(listening)?.[1] ?? '';
  const board = spawnCli(['--url', url], {
    cols: options.cols ?? 120,
    rows: options.rows ?? 30,
    env: { CCWALL_TOKEN: token },
  });
  return {
    hub,
    board,
    url,
    token,
    close: async () => {
      board.kill();
      hub.kill('SIGTERM');
      await Promise.race([hub.exit, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
