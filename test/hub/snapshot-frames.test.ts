/** Large snapshots are split into frames under 64 KiB whose arrays concatenate to the whole. */
import { describe, expect, it } from 'vitest';
import { emptyState, scopedSnapshot, toSnapshotData, viewScope } from '../../src/domain/index.js';
import { Engine } from '../../src/hub/engine.js';
import { snapshotFrames } from '../../src/hub/snapshot-frames.js';
import { demoCenterEvents } from '../../src/hub/sources/demo/demo-center.js';
import { Storage } from '../../src/hub/storage.js';
import { MAX_FRAME_BYTES, parseHubMessage, type SnapshotData } from '../../src/protocol/index.js';

function bigCenter(): SnapshotData {
  const storage = Storage.open(':memory:');
  const engine = Engine.open(storage, { now: () => 1_800_000_000_000, log: () => {} });
  engine.seed(demoCenterEvents(1, 1_800_000_000_000));
  const events = [];
  for (let i = 0; i < 3000; i++) {
    const id = `user-${i}`;
    events.push({
      type: 'user_upserted' as const,
      at: 1,
      user: {
        id,
        name: `Person ${i} ${'é'.repeat(40)}`,
        extension: String(1000 + i),
        roles: ['agent' as const],
      },
    });
    events.push({
      type: 'device_upserted' as const,
      at: 1,
      device: { id: `${id}:web`, userId: id, kind: 'web' as const, label: 'Web client', active: true },
    });
  }
  events.push({
    type: 'interaction_queued' as const,
    at: 2,
    interaction: {
      id: 'chat-long',
      channelId: 'webchat',
      kind: 'chat' as const,
      customer: { name: 'Long Talker', address: 'long@example.com' },
      queuedAt: 2,
      answeredAt: null,
      agentId: null,
      transcript: Array.from({ length: 100 }, (_, i) => ({
        from: 'customer' as const,
        text: `${i} ${'blah '.repeat(390)}`,
        at: 2,
      })),
    },
  });
  engine.seed(events);
  const data = toSnapshotData(engine.state);
  storage.close();
  return data;
}

describe('snapshot frames', () => {
  it('keeps every frame under 64 KiB and loses nothing but an oversized transcript’s oldest lines', () => {
    const data = bigCenter();
    const frames = snapshotFrames('epoch-1', 42, data);
    expect(frames.length).toBeGreaterThan(5);
    const merged: SnapshotData = {
      ...data,
      users: [],
      devices: [],
      channels: [],
      assignments: [],
      sessions: [],
      interactions: [],
      monitors: [],
      stats: [],
    };
    frames.forEach((frame, index) => {
      expect(Buffer.byteLength(frame)).toBeLessThan(MAX_FRAME_BYTES);
      const parsed = parseHubMessage(frame);
      if (!parsed.ok || parsed.value.type !== 'snapshot') throw new Error(`frame ${index} is not a snapshot`);
      expect(parsed.value).toMatchObject({ part: index, parts: frames.length, seq: 42, epoch: 'epoch-1' });
      const part = parsed.value.data;
      merged.users.push(...part.users);
      merged.devices.push(...part.devices);
      merged.channels.push(...part.channels);
      merged.assignments.push(...part.assignments);
      merged.sessions.push(...part.sessions);
      merged.interactions.push(...part.interactions);
      merged.monitors.push(...part.monitors);
      merged.stats.push(...part.stats);
    });
    expect({ ...merged, interactions: [] }).toEqual({ ...data, interactions: [] });
    const long = merged.interactions.find((i) => i.id === 'chat-long');
    expect(long?.transcript.length).toBeGreaterThan(10);
    expect(long?.transcript.length).toBeLessThan(100);
    expect(long?.transcript.at(-1)).toEqual(
      data.interactions.find((i) => i.id === 'chat-long')?.transcript.at(-1),
    );
  });

  it('sends one part for a small scope', () => {
    const state = emptyState();
    const frames = snapshotFrames(
      'e',
      0,
      scopedSnapshot(state, viewScope(state, { id: 'x', name: 'X', extension: '', roles: [] })),
    );
    expect(frames).toHaveLength(1);
  });
});
