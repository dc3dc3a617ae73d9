/**
 * Splits a snapshot into frames that each stay well under the 64 KiB frame limit. The
 * arrays of all parts concatenate to the whole; `org` and `pauseReasons` repeat in each.
 * A single interaction too big for a frame keeps only the latest messages of its transcript.
 */
import { type Interaction, MAX_FRAME_BYTES, type Snapshot, type SnapshotData } from '../protocol/index.js';

/** Bytes of data per part: leaves room for the envelope and the repeated fields. */
export const PART_BUDGET = MAX_FRAME_BYTES - 16 * 1024;

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8') + 1;

export function snapshotFrames(
  epoch: string,
  seq: number,
  data: SnapshotData,
  budget = PART_BUDGET,
): string[] {
  const empty = (): SnapshotData => ({
    users: [],
    devices: [],
    channels: [],
    assignments: [],
    org: data.org,
    pauseReasons: data.pauseReasons,
    sessions: [],
    interactions: [],
    monitors: [],
    stats: [],
  });
  const base = bytes(empty());
  const parts: SnapshotData[] = [];
  let current = empty();
  let used = base;
  let items = 0;
  /** Makes room for an item of `size` bytes, starting a new part when this one is full; returns the part. */
  const room = (size: number): SnapshotData => {
    if (items > 0 && used + size > budget) {
      parts.push(current);
      current = empty();
      used = base;
      items = 0;
    }
    used += size;
    items += 1;
    return current;
  };
  for (const x of data.users) room(bytes(x)).users.push(x);
  for (const x of data.devices) room(bytes(x)).devices.push(x);
  for (const x of data.channels) room(bytes(x)).channels.push(x);
  for (const x of data.assignments) room(bytes(x)).assignments.push(x);
  for (const x of data.sessions) room(bytes(x)).sessions.push(x);
  for (const x of data.interactions) {
    const fitted = fitInteraction(x, budget - base);
    room(bytes(fitted)).interactions.push(fitted);
  }
  for (const x of data.monitors) room(bytes(x)).monitors.push(x);
  for (const x of data.stats) room(bytes(x)).stats.push(x);
  parts.push(current);
  return parts.map((part, index) =>
    JSON.stringify({
      type: 'snapshot',
      epoch,
      seq,
      part: index,
      parts: parts.length,
      data: part,
    } satisfies Snapshot),
  );
}

function fitInteraction(interaction: Interaction, room: number): Interaction {
  if (bytes(interaction) <= room) return interaction;
  const transcript = [...interaction.transcript];
  while (transcript.length > 0 && bytes({ ...interaction, transcript }) > room) transcript.shift();
  return { ...interaction, transcript };
}
