/**
 * When the engine writes a checkpoint of the whole state, and how: in one go for a small state,
 * between steps for a large one (background-checkpoint.ts), so that traffic and commands do not
 * wait for it. A restart starts from a checkpoint and replays the log after it.
 */
import { type CenterState, toSnapshotData } from '../domain/index.js';
import { writeCheckpointInSlices } from './background-checkpoint.js';
import { DEFAULT_BACKGROUND_CHECKPOINT_ENTITIES, type EngineOptions } from './engine-options.js';
import type { SaveHealth } from './hub-health.js';
import type { Storage } from './storage.js';

export class CheckpointSchedule {
  /** The newest checkpoint written (or the one loaded). */
  private savedSeq = 0;
  /** The checkpoint being serialised in the background, if any (`cancelled` once it is stale). */
  private pending: { seq: number; cancelled: boolean } | null = null;
  private readonly every: number;

  constructor(
    private readonly storage: Storage,
    private readonly options: Pick<EngineOptions, 'now' | 'checkpointEvery' | 'backgroundCheckpointEntities'>,
    historyEvents: number,
    private readonly saving: SaveHealth,
  ) {
    this.every = Math.max(1, options.checkpointEvery ?? 1_000, Math.ceil(historyEvents / 16));
  }

  /** The state was loaded from storage: its checkpoints are those of `seq` and before. */
  loaded(seq: number): void {
    this.savedSeq = seq;
  }

  /**
   * Writes a checkpoint of `state` at `seq` now (at shutdown, say), and lets the log go of what
   * the resume history no longer needs (`floor`: the oldest position a client may resume from).
   */
  writeNow(seq: number, state: CenterState, floor: number): void {
    this.cancel();
    if (seq === this.savedSeq) return;
    try {
      this.storage.writeCheckpoint(seq, this.options.now(), toSnapshotData(state), floor);
      this.savedSeq = seq;
    } catch (cause) {
      this.saving.failed(cause, 'a checkpoint');
    }
  }

  /** After each step: a checkpoint once enough events have passed since the last one. */
  afterStep(seq: number, state: CenterState, floor: () => number): void {
    if (this.pending || seq - this.savedSeq < this.interval(state)) return;
    const background = this.options.backgroundCheckpointEntities ?? DEFAULT_BACKGROUND_CHECKPOINT_ENTITIES;
    if (entityCount(state) >= background) this.inBackground(seq, state, floor);
    else this.writeNow(seq, state, floor());
  }

  /** A background checkpoint of a state that is no longer the one to save (a reload, a shutdown's own). */
  cancel(): void {
    if (this.pending) this.pending.cancelled = true;
    this.pending = null;
  }

  private inBackground(seq: number, state: CenterState, floor: () => number): void {
    const job = { seq, cancelled: false };
    this.pending = job;
    void writeCheckpointInSlices(this.storage, {
      seq,
      at: this.options.now(),
      data: toSnapshotData(state),
      cancelled: () => job.cancelled,
      floor,
      written: () => {
        this.savedSeq = Math.max(this.savedSeq, seq);
      },
    })
      .catch((cause: unknown) => this.saving.failed(cause, 'a checkpoint'))
      .finally(() => {
        if (this.pending === job) this.pending = null;
      });
  }

  /**
   * Events between checkpoints. A checkpoint serialises the whole state (about 150 ms for the
   * large demo's 36,000 entities), so unless `checkpointEvery` was given, the interval grows with
   * the state: at least one event per entity, which keeps the cost per event constant and the
   * pauses rare at contact-center scale (one every ~18 s at 2,000 events a second).
   */
  private interval(state: CenterState): number {
    if (this.options.checkpointEvery !== undefined) return this.every;
    return Math.max(this.every, entityCount(state));
  }
}

function entityCount(s: CenterState): number {
  return (
    s.users.size +
    s.devices.size +
    s.channels.size +
    s.assignments.size +
    s.sessions.size +
    s.interactions.size
  );
}
