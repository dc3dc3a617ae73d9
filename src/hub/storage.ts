/**
 * The hub's durable storage: one SQLite file (or `:memory:`) in WAL mode. This is the only
 * module that imports `node:sqlite` (Node 26 renames `DatabaseSync`).
 *
 * Tables: meta (application marker, schema version, epoch), events (the log, by sequence
 * number), checkpoints (the whole state at a sequence number), commands (processed command
 * ids with their acks, for idempotency), audit, tokens (sha256 hashes only).
 * Restart = a checkpoint + replay of the later events. The log and the checkpoints are kept so
 * that a restart can rebuild the whole resume history (see `writeCheckpoint`): the oldest
 * checkpoint kept is the one the history starts after, and the log runs on from it.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, statSync } from 'node:fs';
import { DatabaseSync, type StatementSync, backup as sqliteBackup } from 'node:sqlite';
import type { z } from 'zod';
import { Ack, type AuditEntry, CenterEvent, SnapshotData } from '../protocol/index.js';
import { intColumn, optionalIntColumn, RowError, type SqlRow, textColumn } from './sql-row.js';
import { reasonOf, StorageError } from './storage-error.js';

/** 'ccw1' in the SQLite header: a file we created, recognisable without reading a table. */
const APPLICATION_ID = 0x63637731;
const APPLICATION = 'ccwall-hub';
/** 2: checkpoints may be stored in parts (checkpoint_parts); a schema 1 file is upgraded on open. */
export const SCHEMA_VERSION = 2;
/** A checkpoint's `state` when its JSON is in checkpoint_parts: `parts:N`. */
const PARTS_MARK = 'parts:';

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

export interface StoredEvent {
  seq: number;
  event: CenterEvent;
}

export interface Checkpoint {
  seq: number;
  data: SnapshotData;
}

export interface StoredCommand {
  id: string;
  actor: string;
  /** sha256 of the actor and the command's content. */
  hash: string;
  ack: Ack;
  at: number;
}

/** What the hub records: only the protocol's actions and results. */
export type AuditRecord = Omit<AuditEntry, 'id'>;

/**
 * An audit row as stored, read as it is: a row no version of the hub writes (an action it does
 * not know) is still shown by `ccwall audit`; the hub answers a wallboard only with known ones.
 */
export type StoredAudit = Omit<AuditEntry, 'action' | 'result'> & { action: string; result: string };

export interface TokenRecord {
  hash: string;
  userId: string;
  label: string;
  created: number;
  expires: number | null;
  readOnly: boolean;
  revoked: number | null;
}

/** What one transaction writes: events, and for a command its id row and audit row. */
export interface Batch {
  events: readonly StoredEvent[];
  command?: StoredCommand;
  audit?: readonly AuditRecord[];
}

export interface OpenOptions {
  /**
   * Create the file when there is none (true by default). Only `ccwall serve` creates a
   * database: every other command opens an existing one, so that a mistyped --db says so.
   */
  create?: boolean;
}

export class Storage {
  private readonly statements = new Map<string, StatementSync>();
  private synchronous: 'FULL' | 'NORMAL' = 'NORMAL';
  /** Told how long each write transaction took and whether it committed (metrics). */
  onWrite: ((seconds: number, ok: boolean) => void) | undefined;

  private constructor(
    private readonly db: DatabaseSync,
    /** The file, as given (for messages). */
    readonly path: string,
    /** Names the event history: a client position from another epoch is meaningless here. */
    readonly epoch: string,
    /** Whether this open created the file. */
    readonly created: boolean,
  ) {}

  /**
   * Opens (or creates) a ccwall database; a foreign, newer or damaged file, or a missing one
   * with `create: false`, throws a StorageError. A new file is made readable by its owner only
   * (0600: it holds transcripts, the audit log and token hashes); SQLite gives its -wal and
   * -shm files the same mode.
   */
  static open(path: string, options: OpenOptions = {}): Storage {
    const inMemory = path === ':memory:' || path === '';
    const created = !inMemory && !existsSync(path);
    if (created && options.create === false)
      throw new StorageError(`there is no database at ${path} (ccwall serve creates one)`);
    if (created) {
      try {
        closeSync(openSync(path, 'wx', 0o600));
      } catch (cause) {
        throw new StorageError(`cannot create ${path}: ${reasonOf(cause)}`);
      }
    }
    let db: DatabaseSync;
    try {
      db = new DatabaseSync(path, { timeout: 5000 });
    } catch (cause) {
      throw new StorageError(`cannot open ${path}: ${reasonOf(cause)}`);
    }
    try {
      const epoch = prepare(db, path);
      return new Storage(db, path, epoch, created);
    } catch (cause) {
      db.close();
      if (cause instanceof StorageError) throw cause;
      throw classify(path, cause);
    }
  }

  /** Whether other users may read the file (a database made by an older ccwall, or copied). */
  static readableByOthers(path: string): boolean {
    try {
      return (statSync(path).mode & 0o077) !== 0;
    } catch {
      return false;
    }
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  // ------------------------------------------------------------------ event log

  lastSeq(): number {
    const row = this.get('SELECT MAX(seq) AS seq FROM events');
    const fromEvents = row ? optionalIntColumn(row, 'seq') : null;
    return Math.max(fromEvents ?? 0, this.latestCheckpointSeq());
  }

  latestCheckpointSeq(): number {
    const row = this.get('SELECT MAX(seq) AS seq FROM checkpoints');
    return (row ? optionalIntColumn(row, 'seq') : null) ?? 0;
  }

  latestCheckpoint(): Checkpoint | undefined {
    const row = this.get('SELECT seq, state FROM checkpoints ORDER BY seq DESC LIMIT 1');
    return row ? this.checkpointFrom(row) : undefined;
  }

  private checkpointFrom(row: SqlRow): Checkpoint {
    const seq = this.read(() => intColumn(row, 'seq'));
    let state = this.read(() => textColumn(row, 'state'));
    if (state.startsWith(PARTS_MARK)) {
      const count = Number(state.slice(PARTS_MARK.length));
      const parts = this.statement('SELECT part, data FROM checkpoint_parts WHERE seq = ? ORDER BY part').all(
        seq,
      );
      if (!Number.isInteger(count) || parts.length !== count || parts.some((p, i) => Number(p.part) !== i))
        throw this.damaged(`checkpoint ${seq} is missing parts`);
      state = parts.map((p) => this.read(() => textColumn(p, 'data'))).join('');
    }
    const data = this.parseJson(SnapshotData, state, `checkpoint ${seq}`);
    return { seq, data };
  }

  /**
   * One part of a checkpoint's JSON, in a transaction of its own: a large checkpoint is written
   * a part at a time, then `writeCheckpoint(seq, at, 'parts:N', …)` makes it one. Parts of a
   * checkpoint that never got that far are dropped by the next prune.
   */
  writeCheckpointPart(seq: number, part: number, data: string): void {
    this.setSynchronous('NORMAL');
    this.statement('INSERT OR REPLACE INTO checkpoint_parts (seq, part, data) VALUES (?, ?, ?)').run(
      seq,
      part,
      data,
    );
  }

  /** The logged events after `seq`, in order; a gap in the sequence is damage. */
  *eventsAfter(seq: number): Generator<StoredEvent> {
    let expected = seq + 1;
    for (const row of this.statement('SELECT seq, event FROM events WHERE seq > ? ORDER BY seq').iterate(
      seq,
    )) {
      const at = this.read(() => intColumn(row, 'seq'));
      if (at !== expected) throw this.damaged(`events ${expected}–${at - 1} are missing from the log`);
      const event = this.parseJson(
        CenterEvent,
        this.read(() => textColumn(row, 'event')),
        `event ${at}`,
      );
      expected = at + 1;
      yield { seq: at, event };
    }
  }

  /** The oldest sequence number still in the log, or undefined when it is empty. */
  firstLoggedSeq(): number | undefined {
    const row = this.get('SELECT MIN(seq) AS seq FROM events');
    return (row ? optionalIntColumn(row, 'seq') : null) ?? undefined;
  }

  /**
   * Writes a batch in one transaction: all of it or none of it. A client's command (whose ack
   * promises it is saved) is synced to disk before this returns, so it survives a power cut
   * too; the hub's own traffic only survives a crash of the process (WAL, synchronous=NORMAL),
   * which is enough for it, and the next command's sync covers it as well.
   */
  commit(batch: Batch): void {
    this.setSynchronous(batch.command ? 'FULL' : 'NORMAL');
    this.transaction(() => {
      const insertEvent = this.statement('INSERT INTO events (seq, at, event) VALUES (?, ?, ?)');
      for (const { seq, event } of batch.events) insertEvent.run(seq, event.at, JSON.stringify(event));
      const command = batch.command;
      if (command) {
        this.statement('INSERT INTO commands (id, actor, hash, ack, at) VALUES (?, ?, ?, ?, ?)').run(
          command.id,
          command.actor,
          command.hash,
          JSON.stringify(command.ack),
          command.at,
        );
      }
      for (const record of batch.audit ?? []) this.insertAudit(record);
    });
  }

  /**
   * The checkpoint a restart starts from so that it can replay the whole log after it: the
   * oldest one the log runs on from without a gap (undefined: start from an empty center, the
   * log begins at event 1). Databases pruned by older versions may keep only recent checkpoints:
   * then this is the first checkpoint the log reaches, and the history starts there.
   */
  baseCheckpoint(): Checkpoint | undefined {
    const first = this.firstLoggedSeq();
    if (first === 1) return undefined;
    const row =
      first === undefined
        ? this.get('SELECT seq, state FROM checkpoints ORDER BY seq DESC LIMIT 1')
        : this.get('SELECT seq, state FROM checkpoints WHERE seq >= ? ORDER BY seq LIMIT 1', first - 1);
    if (!row) {
      if (first !== undefined && this.latestCheckpointSeq() === 0) {
        throw this.damaged(`events 1–${first - 1} are missing from the log and there is no checkpoint`);
      }
      return this.latestCheckpoint();
    }
    return this.checkpointFrom(row);
  }

  /**
   * Saves the whole state at `seq`, then prunes what the resume history no longer needs:
   * `floor` is the oldest position a client may still resume from. The newest checkpoint at or
   * before `floor` becomes the base: older checkpoints and every event up to the base go. Events
   * after the base stay (a restart replays them to rebuild the history), and so do the later
   * checkpoints (future bases). `prune: false` leaves that to `pruneSome`.
   */
  writeCheckpoint(
    seq: number,
    at: number,
    data: SnapshotData | string,
    floor: number,
    options: { prune?: boolean } = {},
  ): void {
    this.transaction(() => {
      this.statement('INSERT OR REPLACE INTO checkpoints (seq, at, state) VALUES (?, ?, ?)').run(
        seq,
        at,
        typeof data === 'string' ? data : JSON.stringify(data),
      );
      if (options.prune === false) return;
      const base = this.pruneBase(Math.min(floor, seq));
      if (base === null) return;
      this.dropCheckpointsBefore(base);
      this.statement('DELETE FROM events WHERE seq <= ?').run(base);
    });
  }

  /**
   * What `writeCheckpoint` prunes, at most `limit` events at a time (oldest first, in a
   * transaction of their own, so that no single one is long); true while some are left. An
   * interrupted prune leaves a longer log that a restart replays from the same base.
   */
  pruneSome(floor: number, limit: number): boolean {
    let more = false;
    this.transaction(() => {
      const base = this.pruneBase(floor);
      if (base === null) return;
      this.dropCheckpointsBefore(base);
      const first = this.firstLoggedSeq();
      if (first === undefined || first > base) return;
      const upTo = Math.min(base, first + limit - 1);
      this.statement('DELETE FROM events WHERE seq <= ?').run(upTo);
      more = upTo < base;
    });
    return more;
  }

  /** Checkpoints older than `base`, their parts, and parts no checkpoint was made of. */
  private dropCheckpointsBefore(base: number): void {
    this.statement('DELETE FROM checkpoints WHERE seq < ?').run(base);
    this.statement(
      'DELETE FROM checkpoint_parts WHERE seq < ? OR seq NOT IN (SELECT seq FROM checkpoints)',
    ).run(base);
  }

  /** The newest checkpoint at or before `floor`: what a prune keeps the log from. */
  private pruneBase(floor: number): number | null {
    const row = this.get('SELECT MAX(seq) AS seq FROM checkpoints WHERE seq <= ?', floor);
    return row ? optionalIntColumn(row, 'seq') : null;
  }

  /** How many checkpoints are kept (for tests and figures). */
  checkpointCount(): number {
    const row = this.get('SELECT COUNT(*) AS n FROM checkpoints');
    return row ? intColumn(row, 'n') : 0;
  }

  // ------------------------------------------------------------------ commands

  command(id: string): StoredCommand | undefined {
    const row = this.get('SELECT id, actor, hash, ack, at FROM commands WHERE id = ?', id);
    if (!row) return undefined;
    return this.read(() => ({
      id: textColumn(row, 'id'),
      actor: textColumn(row, 'actor'),
      hash: textColumn(row, 'hash'),
      ack: this.parseJson(Ack, textColumn(row, 'ack'), `the ack of command ${id}`),
      at: intColumn(row, 'at'),
    }));
  }

  /**
   * Forgets the command ids processed before `before` (their idempotency has run out); returns
   * how many. Keeps the table bounded: ids are only needed while a client may still retry.
   */
  pruneCommands(before: number): number {
    return Number(this.statement('DELETE FROM commands WHERE at < ?').run(before).changes);
  }

  commandCount(): number {
    const row = this.get('SELECT COUNT(*) AS n FROM commands');
    return row ? intColumn(row, 'n') : 0;
  }

  // ------------------------------------------------------------------ meta

  /** A note the hub keeps about the database (which directory it holds, which hub serves it). */
  meta(key: string): string | undefined {
    const row = this.get('SELECT value FROM meta WHERE key = ?', key);
    return row ? textColumn(row, 'value') : undefined;
  }

  /** Sets a note (undefined removes it). */
  setMeta(key: string, value: string | undefined): void {
    if (value === undefined) this.statement('DELETE FROM meta WHERE key = ?').run(key);
    else
      this.statement(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ).run(key, value);
  }

  // ------------------------------------------------------------------ audit

  addAudit(record: Omit<StoredAudit, 'id'>): void {
    this.transaction(() => this.insertAudit(record));
  }

  /** Newest first; `before` pages backwards by audit id. */
  audit(limit: number, before?: number): StoredAudit[] {
    const rows =
      before === undefined
        ? this.statement('SELECT * FROM audit ORDER BY id DESC LIMIT ?').all(limit)
        : this.statement('SELECT * FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?').all(before, limit);
    return rows.map((row) =>
      this.read(() => ({
        id: intColumn(row, 'id'),
        at: intColumn(row, 'at'),
        actorId: textColumn(row, 'actor'),
        remote: textColumn(row, 'remote'),
        action: textColumn(row, 'action'),
        target: textColumn(row, 'target'),
        result: textColumn(row, 'result'),
        detail: textColumn(row, 'detail'),
      })),
    );
  }

  private insertAudit(record: Omit<StoredAudit, 'id'>): void {
    this.statement(
      'INSERT INTO audit (at, actor, remote, action, target, result, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(
      record.at,
      record.actorId.slice(0, 64),
      record.remote.slice(0, 80),
      record.action.slice(0, 64),
      record.target.slice(0, 200),
      record.result.slice(0, 64),
      record.detail.slice(0, 500),
    );
  }

  /**
   * Deletes the audit entries older than `before`, at most `limit` at a time (the hub prunes in
   * slices between steps; `ccwall audit prune` until none is left); returns how many.
   */
  pruneAudit(before: number, limit = 5_000): number {
    let deleted = 0;
    this.transaction(() => {
      deleted = Number(
        this.statement(
          'DELETE FROM audit WHERE id IN (SELECT id FROM audit WHERE at < ? ORDER BY at LIMIT ?)',
        ).run(before, limit).changes,
      );
    });
    return deleted;
  }

  auditCount(): number {
    const row = this.get('SELECT COUNT(*) AS n FROM audit');
    return row ? intColumn(row, 'n') : 0;
  }

  // ------------------------------------------------------------------ health

  /**
   * A small write (the time, in the meta table): whether the database takes writes now. The hub
   * probes with it at start (a full disk or a read-only file is reported before it listens)
   * and while degraded (it recovers by itself once writes succeed again).
   */
  probe(now: number): void {
    this.transaction(() => {
      this.statement("INSERT OR REPLACE INTO meta (key, value) VALUES ('probed_at', ?)").run(
        new Date(now).toISOString(),
      );
    });
  }

  /**
   * Runs `work` in one read transaction: everything it reads is the database as of one moment,
   * even while a hub in another process writes, checkpoints and prunes (WAL keeps that moment's
   * pages for it). Loading the state (a checkpoint, then the log after it) must be read so.
   */
  reading<T>(work: () => T): T {
    if (this.db.isTransaction) return work();
    this.db.exec('BEGIN');
    try {
      return work();
    } finally {
      if (this.db.isTransaction) this.db.exec('COMMIT');
    }
  }

  /**
   * Copies the database to `out` with SQLite's online backup API: a consistent copy of one
   * moment, taken in one step (a copy made in small steps starts again whenever a running hub
   * writes, and at 2,000 events a second would never end); resolves with the pages copied.
   */
  backupTo(out: string): Promise<number> {
    return sqliteBackup(this.db, out, { rate: 1_000_000_000 });
  }

  // ------------------------------------------------------------------ tokens

  insertToken(token: TokenRecord): void {
    this.statement(
      'INSERT INTO tokens (hash, user_id, label, created, expires, read_only, revoked) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(
      token.hash,
      token.userId,
      token.label,
      token.created,
      token.expires,
      token.readOnly ? 1 : 0,
      token.revoked,
    );
  }

  token(hash: string): TokenRecord | undefined {
    const row = this.get('SELECT * FROM tokens WHERE hash = ?', hash);
    return row ? this.tokenFrom(row) : undefined;
  }

  tokens(): TokenRecord[] {
    return this.statement('SELECT * FROM tokens ORDER BY created, hash')
      .all()
      .map((row) => this.tokenFrom(row));
  }

  /** Marks the tokens whose hash starts with `prefix` revoked; returns how many. */
  revokeTokens(prefix: string, at: number): number {
    const result = this.statement(
      'UPDATE tokens SET revoked = ? WHERE substr(hash, 1, ?) = ? AND revoked IS NULL',
    ).run(at, prefix.length, prefix);
    return Number(result.changes);
  }

  private tokenFrom(row: SqlRow): TokenRecord {
    return this.read(() => ({
      hash: textColumn(row, 'hash'),
      userId: textColumn(row, 'user_id'),
      label: textColumn(row, 'label'),
      created: intColumn(row, 'created'),
      expires: optionalIntColumn(row, 'expires'),
      readOnly: intColumn(row, 'read_only') !== 0,
      revoked: optionalIntColumn(row, 'revoked'),
    }));
  }

  // ------------------------------------------------------------------ plumbing

  private setSynchronous(mode: 'FULL' | 'NORMAL'): void {
    if (this.synchronous === mode) return;
    this.db.exec(`PRAGMA synchronous = ${mode}`);
    this.synchronous = mode;
  }

  private transaction(work: () => void): void {
    const started = performance.now();
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        work();
        this.db.exec('COMMIT');
      } catch (cause) {
        if (this.db.isTransaction) this.db.exec('ROLLBACK');
        throw cause;
      }
    } catch (cause) {
      this.onWrite?.((performance.now() - started) / 1000, false);
      throw cause;
    }
    this.onWrite?.((performance.now() - started) / 1000, true);
  }

  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private get(sql: string, ...params: (string | number)[]): SqlRow | undefined {
    return this.statement(sql).get(...params);
  }

  private read<T>(work: () => T): T {
    try {
      return work();
    } catch (cause) {
      if (cause instanceof RowError) throw this.damaged(cause.message);
      throw cause;
    }
  }

  private parseJson<T>(schema: z.ZodType<T>, text: string, what: string): T {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw this.damaged(`${what} is not valid JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw this.damaged(`${what} does not match the schema`);
    return parsed.data;
  }

  private damaged(reason: string): StorageError {
    return new StorageError(`${this.path} is damaged: ${reason}`);
  }
}

/** Checks the file is ours (or empty: then creates the schema) and returns its epoch. */
function prepare(db: DatabaseSync, path: string): string {
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
function classify(path: string, cause: unknown): StorageError {
  const reason = reasonOf(cause);
  if (/file is not a database/i.test(reason))
    return new StorageError(`${path} is not a ccwall database (${reason})`);
  if (/malformed|corrupt/i.test(reason)) return new StorageError(`${path} is damaged: ${reason}`);
  return new StorageError(`cannot use ${path}: ${reason}`);
}
