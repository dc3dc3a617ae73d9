/**
 * The resume history: the latest deliveries, bounded by count and by age, so that a wallboard
 * that reconnects gets what it missed instead of a fresh snapshot. The engine rebuilds it from
 * the database's log on restart, so a position from before a restart resumes too.
 */
import type { Delivery } from './delivery.js';

export class ResumeHistory {
  /** `entries[head…]` are kept (the entries before the head are dropped lazily). */
  private entries: Delivery[] = [];
  private head = 0;

  constructor(
    /** At most this many deliveries… */
    private readonly maxEvents: number,
    /** …and none older than this (0: no age limit). */
    private readonly maxAgeMs: number,
    private readonly now: () => number,
  ) {}

  clear(): void {
    this.entries = [];
    this.head = 0;
  }

  push(delivery: Delivery): void {
    this.entries.push(delivery);
    if (this.entries.length - this.head > this.maxEvents) this.trim();
  }

  /**
   * The deliveries after `seq` (`current` being the engine's position), if the history still
   * holds all of them (an empty list when `seq` is the current position); undefined when it no
   * longer reaches back that far.
   */
  since(seq: number, current: number): readonly Delivery[] | undefined {
    if (seq === current) return [];
    if (seq > current) return undefined;
    this.trim();
    const first = this.entries[this.head];
    if (!first || first.seq > seq + 1) return undefined;
    return this.entries.slice(this.head + seq + 1 - first.seq);
  }

  /** The oldest position a client can resume from (`current` when the history is empty). */
  resumableFrom(current: number): number {
    this.trim();
    const first = this.entries[this.head];
    return first ? first.seq - 1 : current;
  }

  /**
   * Drops the entries beyond the history's bounds (count, then age), and compacts the array
   * once most of it is dropped entries (amortised: no shifting of the whole array per event).
   */
  trim(): void {
    const entries = this.entries;
    let head = Math.max(this.head, entries.length - this.maxEvents);
    if (this.maxAgeMs > 0) {
      const oldest = this.now() - this.maxAgeMs;
      while (head < entries.length && (entries[head]?.event.at ?? oldest) < oldest) head += 1;
    }
    if (head > 1024 && head * 2 > entries.length) {
      entries.splice(0, head);
      head = 0;
    }
    this.head = head;
  }
}
