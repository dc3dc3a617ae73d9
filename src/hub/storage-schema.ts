/**
 * The database's tables, and what opening a file checks: that it is whole, that it is ours
 * (or empty: then the tables are created), that no newer ccwall wrote it; an older schema is
 * upgraded in place.
 *
 * Tables: meta (application marker, schema version, epoch), events (the log, by sequence
 * number), checkpoints (the whole state at a sequence number) and checkpoint_parts (a large
 * one's JSON, in parts), commands (processed command ids with their acks, for idempotency),
 * audit, tokens (sha256 hashes only).
 */
import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { textColumn } from './sql-row.js';
import { reasonOf, StorageError } from './storage-error.js';

/** 'ccw1' in the SQLite header: a file we created, recognisable without reading a table. */
const APPLICATION_ID = 0x63637731;
const APPLICATION = 'ccwall-hub';
/** 2: checkpoints may be stored in parts (checkpoint_parts); a schema 1 file is upgraded on open. */
const SCHEMA_VERSION = 2;

const CHECKPOINT_PARTS_TABLE = `CREATE TABLE IF NOT EXISTS checkpoint_parts (
  seq INTEGER NOT NULL, part INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (seq, part)
)`;

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE events (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, event TEXT NOT NULL);
CREATE TABLE checkpoints (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, state TEXT NOT NULL);
${CHECKPOINT_PARTS_TABLE};
CREATE TABLE commands (
  id TEXT PRIMARY KEY, actor TEXT NOT NULL, hash TEXT NOT NULL, ack TEXT NOT NULL, at INTEGER NOT NULL
);
CREATE INDEX commands_at ON commands (at);
CREATE TABLE audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor TEXT NOT NULL, remote TEXT NOT NULL,
  action TEXT NOT NULL, target TEXT NOT NULL, result TEXT NOT NULL, detail TEXT NOT NULL
);
CREATE INDEX audit_at ON audit (at);
CREATE TABLE tokens (
  hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, label TEXT NOT NULL, created INTEGER NOT NULL,
  expires INTEGER, read_only INTEGER NOT NULL, revoked INTEGER
);
`;

/** Checks the file is ours (or empty: then creates the schema) and returns its epoch. */
export function prepareSchema(db: DatabaseSync, path: string): string {
  const check = db.prepare('PRAGMA quick_check').all();
  const lines = check.map((row) => String(row.quick_check)).filter((line) => line !== 'ok');
  if (lines.length > 0) {
    const details = lines.filter((line) => !line.startsWith('***'));
    throw new StorageError(
      `${path} is damaged: ${(details.length > 0 ? details : lines).slice(0, 2).join('; ')}`,
    );
  }
  const applicationId = Number(db.prepare('PRAGMA application_id').get()?.application_id ?? 0);
  const tables = db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get();
  const tableCount = Number(tables?.n ?? 0);
  if (applicationId === 0 && tableCount === 0) return create(db);
  if (applicationId !== APPLICATION_ID) throw new StorageError(`${path} is not a ccwall database`);
  const meta = new Map<string, string>();
  try {
    for (const row of db.prepare('SELECT key, value FROM meta').all())
      meta.set(textColumn(row, 'key'), textColumn(row, 'value'));
  } catch (cause) {
    throw new StorageError(`${path} is damaged: its meta table cannot be read (${reasonOf(cause)})`);
  }
  if (meta.get('application') !== APPLICATION) throw new StorageError(`${path} is not a ccwall database`);
  const version = Number(meta.get('schema_version'));
  if (!Number.isInteger(version)) throw new StorageError(`${path} is damaged: no schema version`);
  if (version > SCHEMA_VERSION) {
    throw new StorageError(
      `${path} was written by a newer ccwall (schema ${version}; this one reads up to ${SCHEMA_VERSION})`,
    );
  }
  const epoch = meta.get('epoch');
  if (!epoch) throw new StorageError(`${path} is damaged: no epoch`);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  // Added after schema 1 shipped; harmless to a reader that does not know it.
  db.exec('CREATE INDEX IF NOT EXISTS commands_at ON commands (at)');
  db.exec('CREATE INDEX IF NOT EXISTS audit_at ON audit (at)');
  if (version < 2) {
    // Schema 2 may keep a checkpoint in parts: an older ccwall must not read it as whole.
    db.exec(CHECKPOINT_PARTS_TABLE);
    db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(SCHEMA_VERSION));
  }
  return epoch;
}

function create(db: DatabaseSync): string {
  const epoch = randomBytes(8).toString('hex');
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec(SCHEMA);
    db.exec(`PRAGMA application_id = ${APPLICATION_ID}`);
    const insert = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    insert.run('application', APPLICATION);
    insert.run('schema_version', String(SCHEMA_VERSION));
    insert.run('epoch', epoch);
    insert.run('created_at', new Date().toISOString());
    db.exec('COMMIT');
  } catch (cause) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw cause;
  }
  return epoch;
}

/** Turns an SQLite error met while opening into a message a person can act on. */
export function openFailure(path: string, cause: unknown): StorageError {
  const reason = reasonOf(cause);
  if (/file is not a database/i.test(reason))
    return new StorageError(`${path} is not a ccwall database (${reason})`);
  if (/malformed|corrupt/i.test(reason)) return new StorageError(`${path} is damaged: ${reason}`);
  return new StorageError(`cannot use ${path}: ${reason}`);
}
