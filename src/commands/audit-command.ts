/**
 * `ccwall audit [--db PATH] [--since 1h|ISO] [--limit N] [--json]`: prints the hub's audit log —
 * every command (allowed or denied), every sign-in and failed sign-in, every limit hit — oldest
 * first, the most recent N entries. It reads the same table the wallboard's activity log queries.
 * Nothing in it is a token; control characters are shown escaped, never sent to the terminal.
 * `ccwall audit prune [--db PATH] [--older-than 90d]` deletes the old entries (the hub does it
 * by itself every ten minutes, after `--audit-retention`).
 */
import { parseArgs } from 'node:util';
import { defaultDbPath } from '../hub/data-dir.js';
import { parseDuration } from '../hub/duration.js';
import { inertJson, printable } from '../hub/printable.js';
import { Storage, type StoredAudit } from '../hub/storage.js';
import { reasonOf, StorageError } from '../hub/storage-error.js';
import { type CommandIo, UsageError } from './command-io.js';

const DEFAULT_AUDIT_LIMIT = 100;
const DEFAULT_PRUNE = '90d';
const PAGE = 1000;

const AUDIT_USAGE = `Usage: ccwall audit [--db PATH] [--since 1h|ISO-TIME] [--limit N] [--json]
       ccwall audit prune [--db PATH] [--older-than 90d]

  --db PATH     the hub's database (default: ${defaultDbPath()})
  --since S     only entries from the last 90m, 12h, 30d, 2w, or since an ISO time
                (2026-11-03T08:00:00Z)
  --limit N     at most the N most recent entries (default ${DEFAULT_AUDIT_LIMIT})
  --json        one JSON object per line instead of columns

Shows commands allowed and denied, sign-ins, failed sign-ins and limit hits: time, actor,
remote address, action, target, result and detail. Never a token.

prune deletes the entries older than --older-than (default ${DEFAULT_PRUNE}), safe while the hub
runs; a running hub also does it by itself after its --audit-retention (90 days by default).
`;

const options = {
  db: { type: 'string' },
  since: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function auditCommand(argv: string[], io: CommandIo, now: number = Date.now()): Promise<number> {
  if (argv[0] === 'prune') return pruneCommand(argv.slice(1), io, now);
  let settings: ReturnType<typeof parse>;
  try {
    settings = parse(argv, now);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`ccwall audit: ${printable(error.message)} (see ccwall audit --help)
`);
    return 2;
  }
  if (settings === 'help') {
    io.stdout.write(AUDIT_USAGE);
    return 0;
  }
  const { dbPath, since, limit, json } = settings;
  const storage = openExisting(dbPath, io);
  if (!storage) return 1;
  try {
    const entries = readAudit(storage, limit, since);
    if (json) {
      for (const entry of entries) io.stdout.write(`${inertJson(entry)}\n`);
      return 0;
    }
    if (entries.length === 0) {
      io.stdout.write('no audit entries\n');
      return 0;
    }
    io.stdout.write(formatAudit(entries));
    return 0;
  } catch (cause) {
    io.stderr.write(`ccwall audit: ${printable(reasonOf(cause))}\n`);
    return 1;
  } finally {
    storage.close();
  }
}

function openExisting(dbPath: string, io: CommandIo): Storage | undefined {
  try {
    return Storage.open(dbPath, { create: false });
  } catch (cause) {
    io.stderr.write(
      `ccwall audit: ${printable(cause instanceof StorageError ? cause.message : reasonOf(cause))}\n`,
    );
    return undefined;
  }
}

const pruneOptions = {
  db: { type: 'string' },
  'older-than': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `ccwall audit prune`: deletes the entries older than `--older-than`, a slice at a time. */
async function pruneCommand(argv: string[], io: CommandIo, now: number): Promise<number> {
  let values: ReturnType<
    typeof parseArgs<{ args: string[]; options: typeof pruneOptions; strict: true }>
  >['values'];
  try {
    values = parseArgs({ args: argv, options: pruneOptions, strict: true, allowPositionals: false }).values;
  } catch (error) {
    io.stderr.write(`ccwall audit prune: ${printable(reasonOf(error))}\n\n${AUDIT_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(AUDIT_USAGE);
    return 0;
  }
  const olderThan = values['older-than'] ?? DEFAULT_PRUNE;
  const ms = parseDuration(olderThan);
  if (ms === undefined) {
    io.stderr.write(
      `ccwall audit prune: --older-than takes a duration like 90d or 12w, not "${printable(olderThan)}"\n\n${AUDIT_USAGE}`,
    );
    return 2;
  }
  const storage = openExisting(values.db ?? defaultDbPath(), io);
  if (!storage) return 1;
  try {
    const before = now - ms;
    let deleted = 0;
    for (let n = storage.pruneAudit(before); n > 0; n = storage.pruneAudit(before)) deleted += n;
    io.stdout.write(
      `deleted ${deleted} audit entries from before ${new Date(before).toISOString()} (${storage.auditCount()} kept)\n`,
    );
    return 0;
  } catch (cause) {
    io.stderr.write(`ccwall audit prune: ${printable(reasonOf(cause))}\n`);
    return 1;
  } finally {
    storage.close();
  }
}

/** The `limit` most recent entries at or after `since`, oldest first. */
function readAudit(storage: Storage, limit: number, since: number | undefined): StoredAudit[] {
  const newestFirst: StoredAudit[] = [];
  let before: number | undefined;
  while (newestFirst.length < limit) {
    const want = Math.min(PAGE, limit - newestFirst.length);
    const page = storage.audit(want, before);
    for (const entry of page) {
      if (since !== undefined && entry.at < since) return newestFirst.reverse();
      newestFirst.push(entry);
    }
    const last = page.at(-1);
    if (!last || page.length < want) break;
    before = last.id;
  }
  return newestFirst.reverse();
}

/** Columns; every field made safe for a terminal. */
function formatAudit(entries: readonly StoredAudit[]): string {
  const rows = [
    ['TIME', 'ACTOR', 'REMOTE', 'ACTION', 'TARGET', 'RESULT', 'DETAIL'],
    ...entries.map((e) => [
      new Date(e.at).toISOString().replace('T', ' ').slice(0, 23),
      e.actorId,
      e.remote,
      e.action,
      e.target,
      e.result,
      e.detail,
    ]),
  ].map((row) => row.map(printable));
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i]?.length ?? 0))) ?? [];
  return rows
    .map(
      (row) =>
        `${row
          .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
          .join('  ')
          .trimEnd()}\n`,
    )
    .join('');
}

function parse(argv: string[], now: number) {
  let values: ReturnType<
    typeof parseArgs<{ args: string[]; options: typeof options; strict: true }>
  >['values'];
  try {
    values = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(reasonOf(error));
  }
  if (values.help) return 'help' as const;
  const limit = values.limit === undefined ? DEFAULT_AUDIT_LIMIT : Number(values.limit);
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new UsageError(`--limit takes a whole number from 1, not "${values.limit}"`);
  let since: number | undefined;
  if (values.since !== undefined) {
    const ms = parseDuration(values.since);
    const at = ms === undefined ? isoTime(values.since) : now - ms;
    if (at === undefined)
      throw new UsageError(
        `--since takes a duration (90m, 12h, 30d, 2w) or an ISO time, not "${values.since}"`,
      );
    since = at;
  }
  return { dbPath: values.db ?? defaultDbPath(), since, limit, json: values.json ?? false };
}

function isoTime(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) return undefined;
  const at = Date.parse(text.trim());
  return Number.isFinite(at) ? at : undefined;
}
