/**
 * `ccwall backup [--db PATH] OUT`: a consistent copy of the hub's database with SQLite's online
 * backup API, safe while the hub runs (it copies one moment of the database; the hub goes on
 * writing). The copy is made readable by its owner only, and checked once written. To restore:
 * stop the hub, move the copy to the database's path (removing any `-wal` and `-shm` files of
 * the old one), start the hub (docs/operations.md).
 */
import { closeSync, existsSync, openSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultDbPath } from '../hub/data-dir.js';
import { printable } from '../hub/printable.js';
import { Storage } from '../hub/storage.js';
import { reasonOf, StorageError } from '../hub/storage-error.js';
import { type CommandIo, UsageError } from './command-io.js';

const BACKUP_USAGE = `Usage: ccwall backup [--db PATH] OUT

  --db PATH     the hub's database (default: ${defaultDbPath()})
  OUT           the copy to write (a new file: an existing one is never overwritten)

Safe while the hub runs. To restore: stop the hub, put the copy in the database's place
(remove the old file's -wal and -shm files), start the hub.
`;

const options = {
  db: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function backupCommand(argv: string[], io: CommandIo): Promise<number> {
  let dbPath: string;
  let out: string;
  try {
    const parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
    if (parsed.values.help) {
      io.stdout.write(BACKUP_USAGE);
      return 0;
    }
    const [target, ...extra] = parsed.positionals;
    if (!target) throw new UsageError('where to? give the file to write: ccwall backup --db PATH OUT');
    if (extra.length > 0) throw new UsageError(`one file to write, not ${parsed.positionals.length}`);
    dbPath = parsed.values.db ?? defaultDbPath();
    out = target;
  } catch (error) {
    io.stderr.write(`ccwall backup: ${printable(reasonOf(error))}\n\n${BACKUP_USAGE}`);
    return 2;
  }
  const fail = (text: string) => {
    io.stderr.write(`ccwall backup: ${printable(text)}\n`);
    return 1;
  };
  if (existsSync(out)) return fail(`${out} exists already: give a new file`);
  let storage: Storage;
  try {
    storage = Storage.open(dbPath, { create: false });
  } catch (cause) {
    return fail(cause instanceof StorageError ? cause.message : reasonOf(cause));
  }
  try {
    closeSync(openSync(out, 'wx', 0o600));
    const pages = await storage.backupTo(out);
    Storage.open(out, { create: false }).close();
    io.stdout.write(`backed up ${printable(dbPath)} to ${printable(out)} (${pages} pages)\n`);
    return 0;
  } catch (cause) {
    rmSync(out, { force: true });
    return fail(
      `cannot back up ${dbPath} to ${out}: ${cause instanceof StorageError ? cause.message : reasonOf(cause)}`,
    );
  } finally {
    storage.close();
  }
}
