/**
 * One hub per database. Two hubs on one file both started, then failed most saves and served
 * diverged states as live; now the second refuses to start, naming the first.
 *
 * The lock is a small SQLite file beside the database (`hub.db.lock`): the hub writes who it is
 * in it, then holds a write transaction open (SQLite's RESERVED lock, an fcntl lock) for its
 * whole life. Another hub cannot take it and reads who holds it (readers are let in while the
 * lock is held). The operating system drops the lock when the process ends, however it ends
 * (`kill -9` too), so there is nothing stale to clean up. The database itself stays open to
 * `ccwall token` and `ccwall audit` while the hub runs.
 */
import { closeSync, openSync } from 'node:fs';
import { hostname } from 'node:os';
import { DatabaseSync } from 'node:sqlite';
import { reasonOf, StorageError } from './storage-error.js';

/** Who holds the lock. */
export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the holder started. */
  since: string;
}

export class HubLock {
  private constructor(
    private readonly db: DatabaseSync,
    readonly path: string,
  ) {}

  /** Takes the lock of `dbPath`, or throws a StorageError naming the hub that holds it. */
  static acquire(dbPath: string, holder: LockHolder = currentHolder()): HubLock {
    const path = `${dbPath}.lock`;
    let db: DatabaseSync;
    try {
      createPrivate(path);
      db = new DatabaseSync(path, { timeout: 0 });
    } catch (cause) {
      throw new StorageError(`cannot create the lock file ${path}: ${reasonOf(cause)}`);
    }
    try {
      db.exec('PRAGMA journal_mode = DELETE');
      if (!tryBegin(db)) throw inUse(dbPath, db);
      db.exec(
        'CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, host TEXT NOT NULL, since TEXT NOT NULL)',
      );
      db.exec('DELETE FROM holder');
      db.prepare('INSERT INTO holder (pid, host, since) VALUES (?, ?, ?)').run(
        holder.pid,
        holder.host,
        holder.since,
      );
      db.exec('COMMIT');
      // Readers see the holder from now on; the open transaction is the lock itself.
      if (!tryBegin(db)) throw inUse(dbPath, db);
      return new HubLock(db, path);
    } catch (cause) {
      if (db.isTransaction) db.exec('ROLLBACK');
      db.close();
      if (cause instanceof StorageError) throw cause;
      throw new StorageError(`cannot lock ${dbPath} (with ${path}): ${reasonOf(cause)}`);
    }
  }

  /** Lets the lock go (closing ends the transaction); the file stays, empty of meaning. */
  release(): void {
    if (!this.db.isOpen) return;
    if (this.db.isTransaction) this.db.exec('ROLLBACK');
    this.db.close();
  }
}

/**
 * Creates the file (0600) if it is not there. Never opens an existing one: closing any
 * descriptor of a file drops every fcntl lock this process holds on it, the lock included.
 */
function createPrivate(path: string): void {
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw cause;
  }
}

function currentHolder(): LockHolder {
  return { pid: process.pid, host: hostname(), since: new Date().toISOString() };
}

function tryBegin(db: DatabaseSync): boolean {
  try {
    db.exec('BEGIN IMMEDIATE');
    return true;
  } catch (cause) {
    if (/locked|busy/i.test(reasonOf(cause))) return false;
    throw cause;
  }
}

function inUse(dbPath: string, db: DatabaseSync): StorageError {
  let who = 'another hub';
  try {
    const row = db.prepare('SELECT pid, host, since FROM holder LIMIT 1').get();
    if (row) who = `another hub (pid ${String(row.pid)} on ${String(row.host)}, since ${String(row.since)})`;
  } catch {
    // The holder has not written who it is yet: say what we know.
  }
  return new StorageError(`${dbPath} is in use by ${who}: stop it first, or give this hub another --db`);
}
