/**
 * Writes a step's deltas to the sockets after the step, a slice of connections at a time, and
 * lets the event loop read the sockets between slices. At 2,000 events a second to 200
 * wallboards, writing a step's frames takes several milliseconds; written inside the step, a
 * command that arrived meanwhile waited behind all of it, and so did its ack.
 *
 * Order holds without help: each connection queues its deltas in seq order during the step
 * (connection-outbox.ts), and every other message it sends (an ack, a heartbeat, a snapshot…)
 * writes what it has queued first. Writing later only moves when a frame leaves, never what
 * comes before what on one connection.
 */

/** What the writer needs of a connection. */
export interface QueuedDeltas {
  /** Writes the deltas queued since the last write, as one frame (nothing when none are). */
  flushDeltas(): void;
}

/** How long one slice of writes may hold the event loop. */
const SLICE_MS = 2;

export class FanOutWriter {
  /** The connections of the pass under way, and the next one to write. */
  private pass: QueuedDeltas[] = [];
  private next = 0;
  /** A step settled during the pass: the connections already written have new deltas. */
  private again = false;
  private timer: NodeJS.Immediate | undefined;

  constructor(
    private readonly connections: () => Iterable<QueuedDeltas>,
    /** Every connection has written what it had queued (the step's fan-out is over). */
    private readonly written: () => void = () => {},
    private readonly sliceMs: number = SLICE_MS,
  ) {}

  /** A step settled: its deltas are queued; write them once the sockets have been read. */
  stepSettled(): void {
    if (this.timer) this.again = true;
    else this.start();
  }

  /** Writes everything queued now (before the connections close). */
  writeNow(): void {
    if (this.timer) clearImmediate(this.timer);
    this.timer = undefined;
    this.pass = [];
    for (const connection of this.connections()) connection.flushDeltas();
  }

  private start(): void {
    this.pass = [...this.connections()];
    this.next = 0;
    this.again = false;
    this.timer = setImmediate(() => this.slice());
  }

  private slice(): void {
    const until = performance.now() + this.sliceMs;
    while (this.next < this.pass.length) {
      this.pass[this.next++]?.flushDeltas();
      if (performance.now() >= until) break;
    }
    if (this.next < this.pass.length) {
      this.timer = setImmediate(() => this.slice());
      return;
    }
    this.timer = undefined;
    this.pass = [];
    if (this.again) return this.start();
    this.written();
  }
}
