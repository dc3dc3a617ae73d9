/**
 * `ccwall token create --db PATH --user ID [--read-only] [--expires 30d] [--label L]` prints a
 * new token once (only its hash is stored); `token list --db PATH` shows ids, never tokens;
 * `token revoke --db PATH --id ID` revokes one (an id prefix of at least 6 digits will do).
 */
import { parseArgs } from 'node:util';
import { type CommandIo, UsageError } from './command-io.js';
import { defaultDbPath } from './data-dir.js';
import { parseDuration } from './duration.js';
import { Engine } from './engine.js';
import { Storage } from './storage.js';
import { reasonOf, StorageError } from './storage-error.js';
import { SOURCE_NAME, type TokenInfo, Tokens } from './tokens.js';

export const TOKEN_USAGE = `Usage:
  ccwall token create [--db PATH] --user ID [--read-only] [--expires 30d] [--label TEXT]
  ccwall token create [--db PATH] --source NAME [--expires 30d] [--label TEXT]
  ccwall token list   [--db PATH]
  ccwall token revoke [--db PATH] --id ID

  --db PATH     the hub's database (default: ${defaultDbPath()})
  --expires D   lifetime: 90m, 12h, 30d, 2w (default: no expiry)
  --read-only   the token may watch, not act (kiosk screens)
  --source NAME a token for a remote source process (signs in on /source: docs/sources.md);
                it can never watch or command as a user

A token is printed once: store it in a file for --token-file, or in CCWALL_TOKEN.
`;

const options = {
  db: { type: 'string' },
  user: { type: 'string' },
  source: { type: 'string' },
  'read-only': { type: 'boolean' },
  expires: { type: 'string' },
  label: { type: 'string' },
  id: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function tokenCommand(argv: string[], io: CommandIo): Promise<number> {
  const [action, ...rest] = argv;
  if (action === '--help' || action === '-h' || action === 'help') {
    io.stdout.write(TOKEN_USAGE);
    return 0;
  }
  try {
    const values = parseOptions(rest);
    if (values.help) {
      io.stdout.write(TOKEN_USAGE);
      return 0;
    }
    const dbPath = values.db ?? defaultDbPath();
    switch (action) {
      case 'create':
        return withStorage(dbPath, io, (storage) => create(storage, values, io));
      case 'list':
        return withStorage(dbPath, io, (storage) => list(storage, io));
      case 'revoke':
        return withStorage(dbPath, io, (storage) => revoke(storage, values, io));
      default:
        throw new UsageError(action ? `unknown action "${action}"` : 'create, list or revoke?');
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`ccwall token: ${error.message}\n\n${TOKEN_USAGE}`);
    return 2;
  }
}

type Values = ReturnType<typeof parseOptions>;

function parseOptions(argv: string[]) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(reasonOf(error));
  }
}

function withStorage(dbPath: string, io: CommandIo, work: (storage: Storage) => number): number {
  let storage: Storage;
  try {
    storage = Storage.open(dbPath);
  } catch (cause) {
    io.stderr.write(`ccwall token: ${cause instanceof StorageError ? cause.message : reasonOf(cause)}\n`);
    return 1;
  }
  try {
    return work(storage);
  } catch (cause) {
    if (cause instanceof UsageError) throw cause;
    io.stderr.write(`ccwall token: ${reasonOf(cause)}\n`);
    return 1;
  } finally {
    storage.close();
  }
}

function create(storage: Storage, values: Values, io: CommandIo): number {
  if (values.user && values.source)
    throw new UsageError('a token is for --user ID or for --source NAME, not both');
  if (!values.user && !values.source) throw new UsageError('create needs --user ID (or --source NAME)');
  if (values.id) throw new UsageError('--id goes with revoke');
  if (values.source && values['read-only']) throw new UsageError('--read-only is for user tokens');
  let expiresAt: number | undefined;
  if (values.expires !== undefined) {
    const ms = parseDuration(values.expires);
    if (ms === undefined)
      throw new UsageError(`--expires takes a duration like 90m, 12h, 30d or 2w, not "${values.expires}"`);
    expiresAt = Date.now() + ms;
  }
  if (values.source !== undefined) {
    if (!SOURCE_NAME.test(values.source))
      throw new UsageError(
        `--source takes a name of letters, digits and . _ : @ - (at most 48), not "${values.source}"`,
      );
    const token = new Tokens(storage).createForSource(values.source, Date.now(), {
      ...(expiresAt === undefined ? {} : { expiresAt }),
      label: values.label ?? '',
    });
    io.stdout.write(`${token}\n`);
    io.stderr.write(`token for source ${values.source}: it is shown only this once\n`);
    return 0;
  }
  const user = values.user ?? '';
  const engine = Engine.open(storage, { now: Date.now, log: () => {} });
  if (!engine.state.users.has(user)) {
    io.stderr.write(`ccwall token: no user ${user} in ${storage.path}\n`);
    return 1;
  }
  const token = new Tokens(storage).create(user, Date.now(), {
    readOnly: values['read-only'] ?? false,
    ...(expiresAt === undefined ? {} : { expiresAt }),
    label: values.label ?? '',
  });
  io.stdout.write(`${token}\n`);
  const expiry = expiresAt === undefined ? 'never expires' : `expires ${new Date(expiresAt).toISOString()}`;
  io.stderr.write(
    `token for ${user}${values['read-only'] ? ' (read-only)' : ''}, ${expiry}: it is shown only this once\n`,
  );
  return 0;
}

function list(storage: Storage, io: CommandIo): number {
  const tokens = new Tokens(storage).list();
  if (tokens.length === 0) {
    io.stdout.write('no tokens\n');
    return 0;
  }
  const rows = [
    ['ID', 'USER', 'CREATED', 'EXPIRES', 'FLAGS', 'LABEL'],
    ...tokens.map((token) => row(token, Date.now())),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
  for (const r of rows)
    io.stdout.write(
      `${r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd()}\n`,
    );
  return 0;
}

function row(token: TokenInfo, now: number): string[] {
  const day = (at: number | null) =>
    at === null ? '-' : new Date(at).toISOString().slice(0, 16).replace('T', ' ');
  const flags = [
    token.readOnly ? 'read-only' : '',
    token.revoked !== null ? 'revoked' : '',
    token.expires !== null && token.expires <= now ? 'expired' : '',
  ].filter(Boolean);
  return [
    token.id,
    token.userId,
    day(token.created),
    day(token.expires),
    flags.join(',') || '-',
    token.label,
  ];
}

function revoke(storage: Storage, values: Values, io: CommandIo): number {
  if (!values.id) throw new UsageError('revoke needs --id ID (see ccwall token list)');
  const result = new Tokens(storage).revoke(values.id, Date.now());
  if (!result.ok) {
    io.stderr.write(`ccwall token: ${result.message}\n`);
    return 1;
  }
  io.stdout.write(`revoked token ${result.id}\n`);
  return 0;
}
