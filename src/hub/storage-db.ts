/**
 * The plumbing under the storage's tables: one open SQLite file, its prepared statements,
 * write and read transactions, and the checks that turn a bad row into a "damaged" error.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { backup as sqliteBackup } from 'node:sqlite';
import type { z } from 'zod';
import { RowError, type SqlRow } from './sql-row.js';
import { StorageError } from './storage-error.js';

export class StorageDb {
  private readonly statements = new Map<string, StatementSync>();
  private synchronous: 'FULL' | 'NORMAL' = 'NORMAL';
  /** Told how long each write transaction took and whether it committed (metrics). */
  onWrite: ((seconds: number, ok: boolean) => void) | undefined;

  constructor(
    private readonly db: DatabaseSync,
    /** The file, as given (for messages). */
    readonly path: string,
  ) {}

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  /**
   * How hard the next commit syncs: FULL waits for the disk (a command's ack promises it is
   * saved), NORMAL survives a crash of the process only (WAL).
   */
  setSynchronous(mode: 'FULL' | 'NORMAL'): void {
    if (this.synchronous === mode) return;
    this.db.exec(`PRAGMA synchronous = ${mode}`);
    this.synchronous = mode;
  }

  /** Runs `work` in one write transaction: all of it or none of it. */
  transaction(work: () => void): void {
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

  /**
   * Runs `work` in one read transaction: everything it reads is the database as of one moment,
   * even while a hub in another process writes, checkpoints and prunes (WAL keeps that moment's
   * pages for it).
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

  statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  get(sql: string, ...params: (string | number)[]): SqlRow | undefined {
    return this.statement(sql).get(...params);
  }

  /** Reads columns of a row: a column of the wrong kind means the file is damaged. */
  read<T>(work: () => T): T {
    try {
      return work();
    } catch (cause) {
      if (cause instanceof RowError) throw this.damaged(cause.message);
      throw cause;
    }
  }

  parseJson<T>(schema: z.ZodType<T>, text: string, what: string): T {
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

  damaged(reason: string): StorageError {
    return new StorageError(`${this.path} is damaged: ${reason}`);
  }
}
