/**
 * Checkpoints: the whole state at a sequence number. Restart = a checkpoint + replay of the
 * later events. The log and the checkpoints are kept so that a restart can rebuild the whole
 * resume history (see `write`): the oldest checkpoint kept is the one the history starts after,
 * and the log runs on from it. A large checkpoint's JSON is stored in parts (checkpoint_parts).
 */
import { SnapshotData } from '../protocol/index.js';
import { intColumn, optionalIntColumn, type SqlRow, textColumn } from './sql-row.js';
import type { StorageDb } from './storage-db.js';
import type { EventLog } from './storage-events.js';

/** A checkpoint's `state` when its JSON is in checkpoint_parts: `parts:N`. */
export const PARTS_MARK = 'parts:';

export interface Checkpoint {
  seq: number;
  data: SnapshotData;
}

export class CheckpointTable {
  constructor(
    private readonly db: StorageDb,
    private readonly log: EventLog,
  ) {}

  latestSeq(): number {
    const row = this.db.get('SELECT MAX(seq) AS seq FROM checkpoints');
    return (row ? optionalIntColumn(row, 'seq') : null) ?? 0;
  }

  latest(): Checkpoint | undefined {
    const row = this.db.get('SELECT seq, state FROM checkpoints ORDER BY seq DESC LIMIT 1');
    return row ? this.from(row) : undefined;
  }

  /**
   * The checkpoint a restart starts from so that it can replay the whole log after it: the
   * oldest one the log runs on from without a gap (undefined: start from an empty center, the
   * log begins at event 1). Databases pruned by older versions may keep only recent checkpoints:
   * then this is the first checkpoint the log reaches, and the history starts there.
   */
  base(): Checkpoint | undefined {
    const first = this.log.firstSeq();
    if (first === 1) return undefined;
    const row =
      first === undefined
        ? this.db.get('SELECT seq, state FROM checkpoints ORDER BY seq DESC LIMIT 1')
        : this.db.get('SELECT seq, state FROM checkpoints WHERE seq >= ? ORDER BY seq LIMIT 1', first - 1);
    if (!row) {
      if (first !== undefined && this.latestSeq() === 0) {
        throw this.db.damaged(`events 1–${first - 1} are missing from the log and there is no checkpoint`);
      }
      return this.latest();
    }
    return this.from(row);
  }

  /**
   * One part of a checkpoint's JSON, in a transaction of its own: a large checkpoint is written
   * a part at a time, then `write(seq, at, 'parts:N', …)` makes it one. Parts of a checkpoint
   * that never got that far are dropped by the next prune.
   */
  writePart(seq: number, part: number, data: string): void {
    this.db.setSynchronous('NORMAL');
    this.db
      .statement('INSERT OR REPLACE INTO checkpoint_parts (seq, part, data) VALUES (?, ?, ?)')
      .run(seq, part, data);
  }

  /**
   * Saves the whole state at `seq`, then prunes what the resume history no longer needs:
   * `floor` is the oldest position a client may still resume from. The newest checkpoint at or
   * before `floor` becomes the base: older checkpoints and every event up to the base go. Events
   * after the base stay (a restart replays them to rebuild the history), and so do the later
   * checkpoints (future bases). `prune: false` leaves that to `pruneSome`.
   */
  write(
    seq: number,
    at: number,
    data: SnapshotData | string,
    floor: number,
    options: { prune?: boolean },
  ): void {
    this.db.transaction(() => {
      this.db
        .statement('INSERT OR REPLACE INTO checkpoints (seq, at, state) VALUES (?, ?, ?)')
        .run(seq, at, typeof data === 'string' ? data : JSON.stringify(data));
      if (options.prune === false) return;
      const base = this.pruneBase(Math.min(floor, seq));
      if (base === null) return;
      this.dropBefore(base);
      this.log.dropUpTo(base);
    });
  }

  /**
   * What `write` prunes, at most `limit` events at a time (oldest first, in a transaction of
   * their own, so that no single one is long); true while some are left. An interrupted prune
   * leaves a longer log that a restart replays from the same base.
   */
  pruneSome(floor: number, limit: number): boolean {
    let more = false;
    this.db.transaction(() => {
      const base = this.pruneBase(floor);
      if (base === null) return;
      this.dropBefore(base);
      const first = this.log.firstSeq();
      if (first === undefined || first > base) return;
      const upTo = Math.min(base, first + limit - 1);
      this.log.dropUpTo(upTo);
      more = upTo < base;
    });
    return more;
  }

  /** How many checkpoints are kept (for tests and figures). */
  count(): number {
    const row = this.db.get('SELECT COUNT(*) AS n FROM checkpoints');
    return row ? intColumn(row, 'n') : 0;
  }

  private from(row: SqlRow): Checkpoint {
    const db = this.db;
    const seq = db.read(() => intColumn(row, 'seq'));
    let state = db.read(() => textColumn(row, 'state'));
    if (state.startsWith(PARTS_MARK)) {
      const count = Number(state.slice(PARTS_MARK.length));
      const parts = db
        .statement('SELECT part, data FROM checkpoint_parts WHERE seq = ? ORDER BY part')
        .all(seq);
      if (!Number.isInteger(count) || parts.length !== count || parts.some((p, i) => Number(p.part) !== i))
        throw db.damaged(`checkpoint ${seq} is missing parts`);
      state = parts.map((p) => db.read(() => textColumn(p, 'data'))).join('');
    }
    const data = db.parseJson(SnapshotData, state, `checkpoint ${seq}`);
    return { seq, data };
  }

  /** Checkpoints older than `base`, their parts, and parts no checkpoint was made of. */
  private dropBefore(base: number): void {
    this.db.statement('DELETE FROM checkpoints WHERE seq < ?').run(base);
    this.db
      .statement('DELETE FROM checkpoint_parts WHERE seq < ? OR seq NOT IN (SELECT seq FROM checkpoints)')
      .run(base);
  }

  /** The newest checkpoint at or before `floor`: what a prune keeps the log from. */
  private pruneBase(floor: number): number | null {
    const row = this.db.get('SELECT MAX(seq) AS seq FROM checkpoints WHERE seq <= ?', floor);
    return row ? optionalIntColumn(row, 'seq') : null;
  }
}
