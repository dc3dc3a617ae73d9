/** The audit table: who did what, from where, with what result; newest first, pruned by age. */
import type { AuditEntry } from '../protocol/index.js';
import { intColumn, textColumn } from './sql-row.js';
import type { StorageDb } from './storage-db.js';

/** What the hub records: only the protocol's actions and results. */
export type AuditRecord = Omit<AuditEntry, 'id'>;

/**
 * An audit row as stored, read as it is: a row no version of the hub writes (an action it does
 * not know) is still shown by `ccwall audit`; the hub answers a wallboard only with known ones.
 */
export type StoredAudit = Omit<AuditEntry, 'action' | 'result'> & { action: string; result: string };

export class AuditTable {
  constructor(private readonly db: StorageDb) {}

  add(record: Omit<StoredAudit, 'id'>): void {
    this.db.transaction(() => this.insert(record));
  }

  /** Newest first; `before` pages backwards by audit id. */
  page(limit: number, before?: number): StoredAudit[] {
    const db = this.db;
    const rows =
      before === undefined
        ? db.statement('SELECT * FROM audit ORDER BY id DESC LIMIT ?').all(limit)
        : db.statement('SELECT * FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?').all(before, limit);
    return rows.map((row) =>
      db.read(() => ({
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

  /** Adds a row inside the caller's transaction (each field cut to its column's bound). */
  insert(record: Omit<StoredAudit, 'id'>): void {
    this.db
      .statement(
        'INSERT INTO audit (at, actor, remote, action, target, result, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
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
  prune(before: number, limit: number): number {
    let deleted = 0;
    this.db.transaction(() => {
      deleted = Number(
        this.db
          .statement('DELETE FROM audit WHERE id IN (SELECT id FROM audit WHERE at < ? ORDER BY at LIMIT ?)')
          .run(before, limit).changes,
      );
    });
    return deleted;
  }

  count(): number {
    const row = this.db.get('SELECT COUNT(*) AS n FROM audit');
    return row ? intColumn(row, 'n') : 0;
  }
}
