/**
 * The hub's durable storage: one SQLite file (or `:memory:`) in WAL mode. Only this module,
 * storage-db.ts and storage-schema.ts import `node:sqlite` (Node 26 renames `DatabaseSync`).
 * The larger tables have a module each (storage-events, storage-checkpoints, storage-audit,
 * storage-tokens); this one opens the file, holds the small tables (commands, meta) and writes
 * a step's batch in one transaction.
 */
import { closeSync, existsSync, openSync, statSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { Ack, type SnapshotData } from '../protocol/index.js';
import { intColumn, textColumn } from './sql-row.js';
import { AuditTable, type StoredAudit } from './storage-audit.js';

export type { StoredAudit } from './storage-audit.js';

import { type Checkpoint, CheckpointTable } from './storage-checkpoints.js';
import { StorageDb } from './storage-db.js';
import { reasonOf, StorageError } from './storage-error.js';
import { EventLog, type StoredEvent } from './storage-events.js';
import { openFailure, prepareSchema } from './storage-schema.js';
import { type TokenRecord, TokenTable } from './storage-tokens.js';

export interface StoredCommand {
  id: string;
  actor: string;
  /** sha256 of the actor and the command's content. */
  hash: string;
  ack: Ack;
  at: number;
}

/** What one transaction writes: events, and for a command its id row and audit row. */
interface Batch {
  events: readonly StoredEvent[];
  command?: StoredCommand;
  audit?: readonly Omit<StoredAudit, 'id'>[];
}

interface OpenOptions {
  /**
   * Create the file when there is none (true by default). Only `ccwall serve` creates a
   * database: every other command opens an existing one, so that a mistyped --db says so.
   */
  create?: boolean;
}

export class Storage {
  private readonly log: EventLog;
  private readonly checkpoints: CheckpointTable;
  private readonly auditTable: AuditTable;
  private readonly tokenTable: TokenTable;

  private constructor(
    private readonly db: StorageDb,
    /** Names the event history: a client position from another epoch is meaningless here. */
    readonly epoch: string,
    /** Whether this open created the file. */
    readonly created: boolean,
  ) {
    this.log = new EventLog(db);
    this.checkpoints = new CheckpointTable(db, this.log);
    this.auditTable = new AuditTable(db);
    this.tokenTable = new TokenTable(db);
  }

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
      const epoch = prepareSchema(db, path);
      return new Storage(new StorageDb(db, path), epoch, created);
    } catch (cause) {
      db.close();
      if (cause instanceof StorageError) throw cause;
      throw openFailure(path, cause);
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

  /** The file, as given (for messages). */
  get path(): string {
    return this.db.path;
  }

  /** Told how long each write transaction took and whether it committed (metrics). */
  set onWrite(listener: ((seconds: number, ok: boolean) => void) | undefined) {
    this.db.onWrite = listener;
  }

  close(): void {
    this.db.close();
  }

  /**
   * Writes a batch in one transaction: all of it or none of it. A client's command (whose ack
   * promises it is saved) is synced to disk before this returns, so it survives a power cut
   * too; the hub's own traffic only survives a crash of the process (WAL, synchronous=NORMAL),
   * which is enough for it, and the next command's sync covers it as well.
   */
  commit(batch: Batch): void {
    this.db.setSynchronous(batch.command ? 'FULL' : 'NORMAL');
    this.db.transaction(() => {
      this.log.append(batch.events);
      const command = batch.command;
      if (command) {
        this.db
          .statement('INSERT INTO commands (id, actor, hash, ack, at) VALUES (?, ?, ?, ?, ?)')
          .run(command.id, command.actor, command.hash, JSON.stringify(command.ack), command.at);
      }
      for (const record of batch.audit ?? []) this.auditTable.insert(record);
    });
  }

  /**
   * Runs `work` in one read transaction (storage-db.ts): loading the state, a checkpoint then
   * the log after it, must read the database as of one moment.
   */
  reading<T>(work: () => T): T {
    return this.db.reading(work);
  }

  /** Copies the database to `out`, safely while a hub writes to it (storage-db.ts). */
  backupTo(out: string): Promise<number> {
    return this.db.backupTo(out);
  }

  /**
   * A small write (the time, in the meta table): whether the database takes writes now. The hub
   * probes with it at start (a full disk or a read-only file is reported before it listens)
   * and while degraded (it recovers by itself once writes succeed again).
   */
  probe(now: number): void {
    this.db.transaction(() => {
      this.db
        .statement("INSERT OR REPLACE INTO meta (key, value) VALUES ('probed_at', ?)")
        .run(new Date(now).toISOString());
    });
  }

  // ------------------------------------------------------------------ log and checkpoints (storage-events.ts, storage-checkpoints.ts)

  eventsAfter(seq: number): Generator<StoredEvent> {
    return this.log.after(seq);
  }

  firstLoggedSeq(): number | undefined {
    return this.log.firstSeq();
  }

  latestCheckpointSeq(): number {
    return this.checkpoints.latestSeq();
  }

  latestCheckpoint(): Checkpoint | undefined {
    return this.checkpoints.latest();
  }

  baseCheckpoint(): Checkpoint | undefined {
    return this.checkpoints.base();
  }

  writeCheckpointPart(seq: number, part: number, data: string): void {
    this.checkpoints.writePart(seq, part, data);
  }

  writeCheckpoint(
    seq: number,
    at: number,
    data: SnapshotData | string,
    floor: number,
    options: { prune?: boolean } = {},
  ): void {
    this.checkpoints.write(seq, at, data, floor, options);
  }

  pruneSome(floor: number, limit: number): boolean {
    return this.checkpoints.pruneSome(floor, limit);
  }

  checkpointCount(): number {
    return this.checkpoints.count();
  }

  // ------------------------------------------------------------------ commands

  command(id: string): StoredCommand | undefined {
    const row = this.db.get('SELECT id, actor, hash, ack, at FROM commands WHERE id = ?', id);
    if (!row) return undefined;
    return this.db.read(() => ({
      id: textColumn(row, 'id'),
      actor: textColumn(row, 'actor'),
      hash: textColumn(row, 'hash'),
      ack: this.db.parseJson(Ack, textColumn(row, 'ack'), `the ack of command ${id}`),
      at: intColumn(row, 'at'),
    }));
  }

  /**
   * Forgets the command ids processed before `before` (their idempotency has run out); returns
   * how many. Keeps the table bounded: ids are only needed while a client may still retry.
   */
  pruneCommands(before: number): number {
    return Number(this.db.statement('DELETE FROM commands WHERE at < ?').run(before).changes);
  }

  commandCount(): number {
    const row = this.db.get('SELECT COUNT(*) AS n FROM commands');
    return row ? intColumn(row, 'n') : 0;
  }

  // ------------------------------------------------------------------ meta

  /** A note the hub keeps about the database (which directory it holds, which hub serves it). */
  meta(key: string): string | undefined {
    const row = this.db.get('SELECT value FROM meta WHERE key = ?', key);
    return row ? textColumn(row, 'value') : undefined;
  }

  /** Sets a note (undefined removes it). */
  setMeta(key: string, value: string | undefined): void {
    if (value === undefined) this.db.statement('DELETE FROM meta WHERE key = ?').run(key);
    else
      this.db
        .statement(
          'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        )
        .run(key, value);
  }

  // ------------------------------------------------------------------ audit (storage-audit.ts)

  addAudit(record: Omit<StoredAudit, 'id'>): void {
    this.auditTable.add(record);
  }

  audit(limit: number, before?: number): StoredAudit[] {
    return this.auditTable.page(limit, before);
  }

  pruneAudit(before: number, limit = 5_000): number {
    return this.auditTable.prune(before, limit);
  }

  auditCount(): number {
    return this.auditTable.count();
  }

  // ------------------------------------------------------------------ tokens (storage-tokens.ts)

  insertToken(token: TokenRecord): void {
    this.tokenTable.insert(token);
  }

  token(hash: string): TokenRecord | undefined {
    return this.tokenTable.get(hash);
  }

  tokens(): TokenRecord[] {
    return this.tokenTable.all();
  }

  revokeTokens(prefix: string, at: number): number {
    return this.tokenTable.revoke(prefix, at);
  }
}
