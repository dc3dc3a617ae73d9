/**
 * `ccwall token create --db PATH --user ID [--read-only] [--expires 30d] [--label L]` prints a
 * new token once (only its hash is stored); `token list --db PATH` shows ids, never tokens;
 * `token revoke --db PATH --id ID` revokes one (an id prefix of at least 6 digits will do).
 */
import { parseArgs } from 'node:util';
import { defaultDbPath } from '../hub/data-dir.js';
import { parseDuration } from '../hub/duration.js';
import { Engine } from '../hub/engine.js';
import { printable } from '../hub/printable.js';
import { Storage } from '../hub/storage.js';
import { reasonOf, StorageError } from '../hub/storage-error.js';
import { hashToken, SOURCE_NAME, TOKEN_ID_LENGTH, type TokenInfo, Tokens } from '../hub/tokens.js';
import { type CommandIo, UsageError } from './command-io.js';

const TOKEN_USAGE = `Usage:
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
      case 'create': {
        // Mistakes in the call are told before the database is opened.
        const request = createRequest(values);
        return withStorage(dbPath, io, (storage) => create(storage, request, io));
      }
      case 'list':
        return withStorage(dbPath, io, (storage) => list(storage, io));
      case 'revoke': {
        const id = values.id;
        if (!id) throw new UsageError('revoke needs --id ID (see ccwall token list)');
        return withStorage(dbPath, io, (storage) => revoke(storage, id, io));
      }
      default:
        throw new UsageError(action ? `unknown action "${action}"` : 'create, list or revoke?');
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`ccwall token: ${printable(error.message)} (see ccwall token --help)
`);
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
    storage = Storage.open(dbPath, { create: false });
  } catch (cause) {
    io.stderr.write(
      `ccwall token: ${printable(cause instanceof StorageError ? cause.message : reasonOf(cause))}\n`,
    );
    return 1;
  }
  try {
    return work(storage);
  } catch (cause) {
    if (cause instanceof UsageError) throw cause;
    io.stderr.write(`ccwall token: ${printable(reasonOf(cause))}\n`);
    return 1;
  } finally {
    storage.close();
  }
}

/** What `token create` was asked for, checked. */
type CreateRequest =
  | { kind: 'user'; user: string; readOnly: boolean; expiresAt: number | undefined; label: string }
  | { kind: 'source'; source: string; expiresAt: number | undefined; label: string };

function createRequest(values: Values): CreateRequest {
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
  const label = values.label ?? '';
  if (values.source !== undefined) {
    if (!SOURCE_NAME.test(values.source))
      throw new UsageError(
        `--source takes a name of letters, digits and . _ : @ - (at most 48), not "${values.source}"`,
      );
    return { kind: 'source', source: values.source, expiresAt, label };
  }
  return { kind: 'user', user: values.user ?? '', readOnly: values['read-only'] ?? false, expiresAt, label };
}

function create(storage: Storage, request: CreateRequest, io: CommandIo): number {
  const { expiresAt } = request;
  const lifetime = {
    ...(expiresAt === undefined ? {} : { expiresAt }),
    label: request.label,
  };
  const expiry = expiresAt === undefined ? 'never expires' : `expires ${new Date(expiresAt).toISOString()}`;
  /** Where it is printed once, and how to revoke it: the id `token revoke --id` takes. */
  const shown = (token: string, holder: string) => {
    const id = hashToken(token).slice(0, TOKEN_ID_LENGTH);
    io.stdout.write(`${token}\n`);
    io.stderr.write(
      `token ${id} for ${holder}, ${expiry}: it is shown only this once ` +
        `(revoke it with: ccwall token revoke --id ${id})\n`,
    );
  };
  if (request.kind === 'source') {
    shown(
      new Tokens(storage).createForSource(request.source, Date.now(), lifetime),
      `source ${request.source}`,
    );
    return 0;
  }
  const engine = Engine.open(storage, { now: Date.now, log: () => {} });
  if (!engine.state.users.has(request.user)) {
    io.stderr.write(`ccwall token: no user ${printable(request.user)} in ${printable(storage.path)}\n`);
    return 1;
  }
  const token = new Tokens(storage).create(request.user, Date.now(), {
    readOnly: request.readOnly,
    ...lifetime,
  });
  shown(token, `${printable(request.user)}${request.readOnly ? ' (read-only)' : ''}`);
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
    ...tokens.map((token) => row(token, Date.now()).map(printable)),
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

function revoke(storage: Storage, id: string, io: CommandIo): number {
  const result = new Tokens(storage).revoke(id, Date.now());
  if (!result.ok) {
    io.stderr.write(`ccwall token: ${printable(result.message)}\n`);
    return 1;
  }
  io.stdout.write(`revoked token ${result.id}\n`);
  return 0;
}
