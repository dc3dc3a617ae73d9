/** The event log: every applied event by sequence number, what a restart replays. */
import { CenterEvent } from '../protocol/index.js';
import { intColumn, optionalIntColumn, textColumn } from './sql-row.js';
import type { StorageDb } from './storage-db.js';

export interface StoredEvent {
  seq: number;
  event: CenterEvent;
}

export class EventLog {
  constructor(private readonly db: StorageDb) {}

  /** The logged events after `seq`, in order; a gap in the sequence is damage. */
  *after(seq: number): Generator<StoredEvent> {
    const db = this.db;
    let expected = seq + 1;
    for (const row of db.statement('SELECT seq, event FROM events WHERE seq > ? ORDER BY seq').iterate(seq)) {
      const at = db.read(() => intColumn(row, 'seq'));
      if (at !== expected) throw db.damaged(`events ${expected}–${at - 1} are missing from the log`);
      const event = db.parseJson(
        CenterEvent,
        db.read(() => textColumn(row, 'event')),
        `event ${at}`,
      );
      expected = at + 1;
      yield { seq: at, event };
    }
  }

  /** The oldest sequence number still in the log, or undefined when it is empty. */
  firstSeq(): number | undefined {
    const row = this.db.get('SELECT MIN(seq) AS seq FROM events');
    return (row ? optionalIntColumn(row, 'seq') : null) ?? undefined;
  }

  /** Adds events to the log (inside the caller's transaction). */
  append(events: readonly StoredEvent[]): void {
    const insert = this.db.statement('INSERT INTO events (seq, at, event) VALUES (?, ?, ?)');
    for (const { seq, event } of events) insert.run(seq, event.at, JSON.stringify(event));
  }

  /** Drops the events up to `seq` (inside the caller's transaction). */
  dropUpTo(seq: number): void {
    this.db.statement('DELETE FROM events WHERE seq <= ?').run(seq);
  }
}
