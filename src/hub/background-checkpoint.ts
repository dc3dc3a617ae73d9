/**
 * A checkpoint of a large state written between the engine's steps instead of in one go:
 * serialised a slice of entities at a time, stored a part at a time, made whole by one small
 * transaction, and the log then pruned a slice at a time, with the event loop free in between.
 * At 36,000 entities that turns a 90 ms pause of everything into a few milliseconds at a time
 * (bench/README.md).
 */
import type { SnapshotData } from '../protocol/index.js';
import type { Storage } from './storage.js';
import { PARTS_MARK } from './storage-checkpoints.js';

/** Entities serialised per slice (about a millisecond's work). */
const CHECKPOINT_SLICE = 1_000;
/** Events deleted per transaction when the log is pruned after the checkpoint. */
const PRUNE_SLICE = 2_000;
/** Characters of checkpoint JSON per stored part (a large checkpoint is ~5 MB: ~20 parts). */
const CHECKPOINT_PART_CHARS = 256 * 1024;

export interface CheckpointJob {
  seq: number;
  at: number;
  /** The state at `seq`: its entities are immutable (the reducer replaces them), so it stays as captured. */
  data: SnapshotData;
  /** True once the checkpoint is no longer the one to save (a reload, a shutdown's own). */
  cancelled(): boolean;
  /** The oldest position a client may resume from, once the checkpoint is whole. */
  floor(): number;
  /** The checkpoint is whole (the log's pruning is still to come). */
  written(): void;
}

/** Writes `job`'s checkpoint, then prunes the log behind it; stops early once cancelled. */
export async function writeCheckpointInSlices(storage: Storage, job: CheckpointJob): Promise<void> {
  const json = await serialiseInSlices(job.data, job.cancelled);
  if (json === undefined) return;
  const parts = await writeInParts(storage, job.seq, json, job.cancelled);
  if (parts === undefined) return;
  const floor = Math.min(job.floor(), job.seq);
  storage.writeCheckpoint(job.seq, job.at, `${PARTS_MARK}${parts}`, floor, { prune: false });
  job.written();
  await pruneInSlices(storage, floor, job.cancelled);
}

/** Writes `json` as the parts of checkpoint `seq`, one transaction each; how many, or undefined if cancelled. */
async function writeInParts(
  storage: Storage,
  seq: number,
  json: string,
  cancelled: () => boolean,
): Promise<number | undefined> {
  const parts = textParts(json, CHECKPOINT_PART_CHARS);
  for (const [part, text] of parts.entries()) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (cancelled()) return undefined;
    storage.writeCheckpointPart(seq, part, text);
  }
  return parts.length;
}

/**
 * `text` cut into pieces of at most `size` UTF-16 units that join back to it, never between the
 * two halves of a surrogate pair (each piece is stored as UTF-8 text: half a pair would not
 * survive). At least one piece, empty for an empty text.
 */
export function textParts(text: string, size: number): string[] {
  const parts: string[] = [];
  let from = 0;
  while (from < text.length) {
    let to = Math.min(text.length, from + Math.max(2, size));
    const last = text.charCodeAt(to - 1);
    if (to < text.length && last >= 0xd800 && last <= 0xdbff) to -= 1;
    parts.push(text.slice(from, to));
    from = to;
  }
  return parts.length > 0 ? parts : [''];
}

/** `storage.pruneSome` until nothing is left, with the event loop free in between. */
async function pruneInSlices(storage: Storage, floor: number, cancelled: () => boolean): Promise<void> {
  while (!cancelled() && storage.pruneSome(floor, PRUNE_SLICE))
    await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * `JSON.stringify(data)`, a slice of entities at a time with the event loop free in between;
 * undefined if `cancelled` says so before the end.
 */
async function serialiseInSlices(data: SnapshotData, cancelled: () => boolean): Promise<string | undefined> {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    parts.push(`${parts.length === 0 ? '{' : ','}${JSON.stringify(key)}:`);
    if (!Array.isArray(value)) {
      parts.push(JSON.stringify(value));
      continue;
    }
    parts.push('[');
    for (let from = 0; from < value.length; from += CHECKPOINT_SLICE) {
      if (from > 0) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (cancelled()) return undefined;
        parts.push(',');
      }
      parts.push(JSON.stringify(value.slice(from, from + CHECKPOINT_SLICE)).slice(1, -1));
    }
    parts.push(']');
  }
  parts.push(parts.length === 0 ? '{}' : '}');
  return parts.join('');
}
