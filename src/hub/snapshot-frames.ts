/**
 * The wire frames of a snapshot: it is split into `snapshot` messages (the protocol's parts
 * `part` of `parts`) that each stay well under the 64 KiB frame limit. The arrays of all frames
 * concatenate to the whole; `org` and `pauseReasons` repeat in each. A single interaction too
 * big for a frame keeps only the latest messages of its transcript. (Not to be confused with
 * the parts a large checkpoint is stored in: storage-checkpoints.ts.)
 */
import { type Interaction, MAX_FRAME_BYTES, type Snapshot, type SnapshotData } from '../protocol/index.js';
import { FrameParts, itemBytes } from './frame-parts.js';

/** Bytes of data per frame: leaves room for the envelope and the repeated fields. */
const FRAME_BUDGET = MAX_FRAME_BYTES - 16 * 1024;

const bytes = itemBytes;

export function snapshotFrames(
  epoch: string,
  seq: number,
  data: SnapshotData,
  budget = FRAME_BUDGET,
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
  const frames = new FrameParts(empty, base, budget);
  const room = (size: number) => frames.room(size);
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
  const parts = frames.done();
  return parts.map((frame, index) =>
    JSON.stringify({
      type: 'snapshot',
      epoch,
      seq,
      part: index,
      parts: parts.length,
      data: frame,
    } satisfies Snapshot),
  );
}

function fitInteraction(interaction: Interaction, room: number): Interaction {
  if (bytes(interaction) <= room) return interaction;
  const transcript = [...interaction.transcript];
  while (transcript.length > 0 && bytes({ ...interaction, transcript }) > room) transcript.shift();
  return { ...interaction, transcript };
}
