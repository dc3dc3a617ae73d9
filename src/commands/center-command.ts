/**
 * `ccwall center check FILE`, `ccwall center apply FILE [--db PATH] [--dry-run]`,
 * `ccwall center export [--db PATH] [--format yaml|json]`: the organisation's directory file
 * (docs/directory.md) checked, applied to a hub's database as one audited transaction, and
 * written back out. A file with problems prints one `FILE:LINE:COL message` line each, exits 1
 * and touches nothing.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type Directory,
  diffDirectory,
  exportDirectory,
  formatPlan,
  readDirectory,
} from '../directory/index.js';
import { emptyState } from '../domain/index.js';
import { applyDirectory } from '../hub/apply-directory.js';
import { defaultDbPath } from '../hub/data-dir.js';
import { Engine } from '../hub/engine.js';
import { keepOfflineLogouts } from '../hub/offline-logouts.js';
import { servingHub } from '../hub/served-by.js';
import { Storage } from '../hub/storage.js';
import { reasonOf, StorageError } from '../hub/storage-error.js';
import { type CommandIo, UsageError } from './command-io.js';

const CENTER_USAGE = `Usage:
  ccwall center check FILE
  ccwall center apply FILE [--db PATH] [--dry-run]
  ccwall center export [--db PATH] [--format yaml|json]

  FILE          the organisation's directory: people, devices, channels, pause reasons and
                settings, in YAML or JSON (docs/directory.md; example: docs/examples/center.yaml)
  --db PATH     the hub's database (default: ${defaultDbPath()}); apply creates it if it does
                not exist yet: that is how a center is first loaded
  --dry-run     print the plan, change nothing
  --format F    yaml (the default) or json

check prints every problem of FILE as FILE:LINE:COL message and exits 1; apply does the same
and then changes nothing. apply prints the plan (users, channels, devices, assignments, pause
reasons and settings added, changed or removed; sessions logged out) and carries it out in one
transaction, recorded in the audit log. A running hub holds its database: give it the file with
ccwall serve --directory FILE and send it SIGHUP instead.
`;

const options = {
  db: { type: 'string' },
  'dry-run': { type: 'boolean' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function centerCommand(
  argv: string[],
  io: CommandIo,
  now: () => number = Date.now,
): Promise<number> {
  const [action, ...rest] = argv;
  if (action === '--help' || action === '-h' || action === 'help') {
    io.stdout.write(CENTER_USAGE);
    return 0;
  }
  try {
    const { values, positionals } = parse(rest);
    if (values.help) {
      io.stdout.write(CENTER_USAGE);
      return 0;
    }
    switch (action) {
      case 'check': {
        only(values, [], 'check');
        return check(oneFile(positionals, 'check'), io);
      }
      case 'apply': {
        only(values, ['db', 'dry-run'], 'apply');
        const file = oneFile(positionals, 'apply');
        return apply(file, values.db ?? defaultDbPath(), values['dry-run'] ?? false, io, now);
      }
      case 'export': {
        only(values, ['db', 'format'], 'export');
        if (positionals.length > 0)
          throw new UsageError(`export writes to standard output: no FILE (got "${positionals[0]}")`);
        const format = values.format ?? 'yaml';
        if (format !== 'yaml' && format !== 'json')
          throw new UsageError(`--format takes yaml or json, not "${format}"`);
        return exportCenter(values.db ?? defaultDbPath(), format, io, now);
      }
      default:
        throw new UsageError(
          action ? `unknown action "${action}": check, apply or export?` : 'check, apply or export?',
        );
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`ccwall center: ${error.message}\n\n${CENTER_USAGE}`);
    return 2;
  }
}

type Values = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(reasonOf(error));
  }
}

function only(values: Values, allowed: readonly (keyof Values)[], action: string): void {
  for (const key of Object.keys(values) as (keyof Values)[])
    if (key !== 'help' && !allowed.includes(key)) throw new UsageError(`--${key} does not go with ${action}`);
}

function oneFile(positionals: string[], action: string): string {
  if (positionals.length !== 1)
    throw new UsageError(
      `${action} takes one FILE${positionals.length > 1 ? `, not ${positionals.length}` : ''}`,
    );
  return positionals[0] ?? '';
}

/** The file's directory, or its problems written out (then undefined). */
function read(file: string, io: CommandIo): Directory | undefined {
  const result = readDirectory(file);
  if (result.ok) return result.directory;
  for (const problem of result.problems) io.stderr.write(`${problem}\n`);
  return undefined;
}

function check(file: string, io: CommandIo): number {
  const directory = read(file, io);
  if (!directory) return 1;
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  io.stdout.write(
    `${file}: ok (${count(directory.users.length, 'user')}, ${count(directory.channels.length, 'channel')}, ` +
      `${count(directory.devices.length, 'device')}, ${count(directory.pauseReasons.length, 'pause reason')})\n`,
  );
  return 0;
}

function apply(file: string, dbPath: string, dryRun: boolean, io: CommandIo, now: () => number): number {
  const directory = read(file, io);
  if (!directory) return 1;
  const fresh = dbPath !== ':memory:' && !existsSync(dbPath);
  if (dryRun && fresh) {
    // Nothing to open, and a dry run creates nothing: the plan is against an empty center.
    io.stdout.write(`${dbPath} does not exist yet: the plan is against an empty center\n`);
    writePlan(formatPlan(diffDirectory(emptyState(), directory, { at: now() })), io);
    io.stdout.write('dry run: nothing changed\n');
    return 0;
  }
  if (fresh) {
    try {
      mkdirSync(dirname(dbPath), { recursive: true });
    } catch (cause) {
      io.stderr.write(`ccwall center: cannot create the folder of ${dbPath}: ${reasonOf(cause)}\n`);
      return 1;
    }
  }
  return withEngine(dbPath, io, now, (engine, storage) => {
    if (!dryRun) {
      const hub = servingHub(storage);
      if (hub) {
        io.stderr.write(
          `ccwall center: a hub (pid ${hub.pid} on ${hub.host}, since ${hub.since}) serves ${dbPath}: it would not ` +
            `see changes made behind its back. Give it the file instead: ccwall serve --db ${dbPath} --directory ${file}, ` +
            `then kill -HUP ${hub.pid} after each change\n`,
        );
        return 1;
      }
    }
    const applied = applyDirectory(engine, storage, directory, {
      file,
      remote: whoRuns(),
      now: now(),
      dryRun,
    });
    writePlan(formatPlan(applied.plan), io);
    if (!applied.ok) {
      io.stderr.write(`ccwall center: ${applied.error}\n`);
      return 1;
    }
    io.stdout.write(
      dryRun ? 'dry run: nothing changed\n' : `applied to ${dbPath}${fresh ? ' (created)' : ''}\n`,
    );
    const loggedOut = applied.plan.sessions.loggedOut;
    if (dryRun || loggedOut.length === 0) return 0;
    // No hub runs: the telephony system still has them logged in. The next hub tells its source.
    try {
      keepOfflineLogouts(storage, loggedOut);
    } catch (cause) {
      io.stderr.write(
        `ccwall center: the ${loggedOut.length} logout(s) could not be kept for the telephony system: ` +
          `${reasonOf(cause)}; log them out there by hand\n`,
      );
      return 1;
    }
    io.stdout.write(
      `${loggedOut.length} session(s) logged out here: the telephony system is told when a hub next starts on ${dbPath}\n`,
    );
    return 0;
  });
}

function exportCenter(dbPath: string, format: 'yaml' | 'json', io: CommandIo, now: () => number): number {
  if (dbPath !== ':memory:' && !existsSync(dbPath)) {
    io.stderr.write(`ccwall center: there is no database at ${dbPath}\n`);
    return 1;
  }
  return withEngine(dbPath, io, now, (engine) => {
    const comment = `ccwall directory, exported from ${dbPath} at ${new Date(now()).toISOString()}`;
    io.stdout.write(exportDirectory(engine.state, format, format === 'yaml' ? comment : undefined));
    return 0;
  });
}

function writePlan(lines: readonly string[], io: CommandIo): void {
  for (const line of lines) io.stdout.write(`${line}\n`);
}

function withEngine(
  dbPath: string,
  io: CommandIo,
  now: () => number,
  work: (engine: Engine, storage: Storage) => number,
): number {
  let storage: Storage;
  try {
    storage = Storage.open(dbPath);
  } catch (cause) {
    io.stderr.write(`ccwall center: ${cause instanceof StorageError ? cause.message : reasonOf(cause)}\n`);
    return 1;
  }
  try {
    const engine = Engine.open(storage, { now, log: (line) => io.stderr.write(`ccwall center: ${line}\n`) });
    const code = work(engine, storage);
    engine.checkpoint();
    return code;
  } catch (cause) {
    io.stderr.write(`ccwall center: ${reasonOf(cause)}\n`);
    return 1;
  } finally {
    storage.close();
  }
}

/** Who applies the file, for the audit log: `cli (alice@host)`. */
function whoRuns(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No entry in the passwords file (a container): the host still says where.
  }
  return `cli (${user}@${hostname()})`;
}
