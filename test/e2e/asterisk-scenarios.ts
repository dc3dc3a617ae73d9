/**
 * The Asterisk scenarios a person sees in a real terminal, against any AMI: the fake one of the
 * test suite, or a real Asterisk (CCWALL_TEST_AMI). A `Pbx` is what a scenario needs of the
 * telephony side: make a caller join, have an agent answer, see the actions Asterisk received,
 * hold its events back, cut the link.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { centerCommand } from '../../src/commands/center-command.js';
import { Storage } from '../../src/hub/storage.js';
import { Tokens } from '../../src/hub/tokens.js';
import type { AsteriskNames } from '../hub/sources/asterisk/asterisk-harness.js';
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
 * The scenario's directory file (JSON, which the directory reads as YAML): Claire supervises
 * Sales and Support; Sarah is a member of Sales, Marc of Sales and Support, Léa of Support; each
 * agent's desk phone has its Asterisk address.
 */
export function directoryFile(names: AsteriskNames): string {
  const phone = (id: string, address?: string) => ({
    id,
    kind: 'desk_phone',
    label: 'Desk phone',
    ...(address ? { address } : {}),
  });
  return JSON.stringify(
    {
      pauseReasons: [
        { id: 'break', name: 'Break' },
        { id: 'lunch', name: 'Lunch' },
      ],
      channels: [
        {
          id: 'sales',
          kind: 'queue',
          name: 'Sales',
          wrapUpSeconds: 30,
          endWrapUpEarly: true,
          asterisk: { queue: names.sales },
        },
        {
          id: 'support',
          kind: 'queue',
          name: 'Support',
          wrapUpSeconds: 0,
          asterisk: { queue: names.support },
        },
        { id: 'web-chat', kind: 'chat', name: 'Web chat' },
      ],
      users: [
        {
          id: 'claire',
          name: 'Claire Dubois',
          extension: '8001',
          roles: ['supervisor'],
          supervises: ['sales', 'support'],
          devices: [phone('claire-desk', names.claire)],
        },
        {
          id: 'sarah',
          name: 'Sarah Thompson',
          extension: '6941',
          roles: ['agent'],
          memberOf: ['sales'],
          devices: [phone('sarah-desk', names.sarah)],
        },
        {
          id: 'marc',
          name: 'Marc Lefèvre',
          extension: '6942',
          roles: ['agent'],
          memberOf: ['sales', 'support'],
          devices: [phone('marc-desk', names.marc)],
        },
        {
          id: 'lea',
          name: 'Léa Martin',
          extension: '6943',
          roles: ['agent'],
          memberOf: ['support'],
          devices: [phone('lea-mobile')],
        },
      ],
    },
    null,
    2,
  );
}

/**
 * Applies the directory to a new database (`ccwall center apply`), makes a sign-in token for
 * `supervisorId`, then starts `ccwall serve --directory FILE --source asterisk` on it and a
 * wallboard signed in as the supervisor, each in its own terminal.
 */
export async function asteriskBoard(options: {
  names: AsteriskNames;
  supervisorId: string;
  ami: string;
  user: string;
  secret: string;
  cols?: number;
  rows?: number;
}): Promise<AsteriskBoard> {
  const dir = mkdtempSync(join(tmpdir(), 'ccwall-asterisk-e2e-'));
  const db = join(dir, 'center.db');
  const directory = join(dir, 'center.json');
  writeFileSync(directory, directoryFile(options.names));
  const quiet = () => new PassThrough().resume();
  const applied = await centerCommand(['apply', directory, '--db', db], { stdout: quiet(), stderr: quiet() });
  if (applied !== 0) throw new Error(`ccwall center apply ${directory} failed (${applied})`);
  const storage = Storage.open(db);
  const token = new Tokens(storage).create(options.supervisorId, Date.now());
  storage.close();
  const secretFile = join(dir, 'ami-secret');
  writeFileSync(secretFile, `${options.secret}\n`, { mode: 0o600 });
  const hub = spawnCli(
    [
      ...['serve', '--port', '0', '--db', db, '--directory', directory],
      ...[
        '--source',
        'asterisk',
        '--ami',
        options.ami,
        '--ami-user',
        options.user,
        '--ami-secret-file',
        secretFile,
      ],
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
