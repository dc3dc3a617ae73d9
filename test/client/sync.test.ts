import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { type SyncEffect, SyncMachine } from '../../src/client/sync.js';
import { pairKey } from '../../src/domain/index.js';
import { snapshotFrames } from '../../src/hub/snapshot-frames.js';
import { type HubMessage, parseHubMessage, type SnapshotData } from '../../src/protocol/index.js';
import { centerSnapshot, T0 } from '../fixtures/center-snapshot.js';
import { SUPERVISING, welcomeOf } from '../fixtures/welcome.js';

const welcome: HubMessage = welcomeOf(SUPERVISING);

function snapshotParts(data: SnapshotData, parts: number, seq = 10): HubMessage[] {
  const messages: HubMessage[] = [];
  const slice = <T>(items: T[], part: number) => {
    const size = Math.ceil(items.length / parts);
    return items.slice(part * size, (part + 1) * size);
  };
  for (let part = 0; part < parts; part += 1) {
    messages.push({
      type: 'snapshot',
      epoch: 'e1',
      seq,
      part,
      parts,
      data: {
        users: slice(data.users, part),
        devices: slice(data.devices, part),
        channels: slice(data.channels, part),
        assignments: slice(data.assignments, part),
        org: data.org,
        pauseReasons: data.pauseReasons,
        sessions: slice(data.sessions, part),
        interactions: slice(data.interactions, part),
        monitors: slice(data.monitors, part),
        stats: slice(data.stats, part),
      },
    });
  }
  return messages;
}

function connected(parts = 1): { sync: SyncMachine; effects: SyncEffect[] } {
  const sync = new SyncMachine();
  sync.connectionOpened('test');
  const effects = [welcome, ...snapshotParts(centerSnapshot(), parts)].flatMap((m) => sync.receive(m));
  return { sync, effects };
}

const resumeDelta = (prev: number, seq: number): HubMessage => ({
  type: 'delta',
  seq,
  prev,
  event: { type: 'agent_resumed', at: T0 + 1000, channelId: 'q-sales', userId: 'a04', by: 'sup' },
});

describe('SyncMachine', () => {
  it('assembles a chunked snapshot into one state and goes live', () => {
    const { sync, effects } = connected(3);
    expect(effects.map((e) => e.type)).toEqual(['welcome', 'state', 'live']);
    const data = centerSnapshot();
    expect(sync.state?.users.size).toBe(data.users.length);
    expect(sync.state?.sessions.size).toBe(data.sessions.length);
    expect(sync.state?.channels.size).toBe(data.channels.length);
    expect(sync.position).toEqual({ epoch: 'e1', seq: 10 });
    expect(sync.live).toBe(true);
  });

  it('applies deltas in order and moves the position', () => {
    const { sync } = connected();
    const effects = sync.receive(resumeDelta(10, 11));
    expect(effects).toMatchObject([{ type: 'state', reset: false }]);
    expect(sync.state?.sessions.get(pairKey('q-sales', 'a04'))?.status).toBe('available');
    expect(sync.position?.seq).toBe(11);
  });

  it('asks for a resync on a gap, and the next hello does not resume', () => {
    const { sync } = connected();
    const before = sync.state;
    const effects = sync.receive(resumeDelta(12, 13));
    expect(effects).toMatchObject([{ type: 'resync' }]);
    // The old state stays for display, unchanged; but it is no longer live.
    expect(sync.state).toBe(before);
    expect(sync.state?.sessions.get(pairKey('q-sales', 'a04'))?.status).toBe('paused');
    expect(sync.live).toBe(false);
    expect(sync.connectionOpened('test').resume).toBeUndefined();
  });

  it('resumes from its position after a lost link, and resyncs if the hub resumes elsewhere', () => {
    const { sync } = connected();
    sync.connectionLost();
    expect(sync.connectionOpened('test').resume).toEqual({ epoch: 'e1', seq: 10 });
    expect(sync.receive({ type: 'resumed', epoch: 'e1', seq: 10 })).toEqual([{ type: 'live' }]);
    sync.connectionLost();
    sync.connectionOpened('test');
    expect(sync.receive({ type: 'resumed', epoch: 'e2', seq: 10 })).toMatchObject([{ type: 'resync' }]);
  });

  it('resyncs on snapshot parts out of order', () => {
    const sync = new SyncMachine();
    sync.connectionOpened('test');
    const [p0, , p2] = snapshotParts(centerSnapshot(), 3);
    expect(sync.receive(p0!)).toEqual([]);
    expect(sync.receive(p2!)).toMatchObject([{ type: 'resync' }]);
  });

  it('answers a heartbeat with its position, and resyncs when the hub is elsewhere', () => {
    const { sync } = connected();
    expect(sync.receive({ type: 'heartbeat', epoch: 'e1', seq: 10, at: T0 })).toEqual([
      { type: 'send', message: { type: 'heartbeat', seq: 10 } },
    ]);
    expect(sync.receive({ type: 'heartbeat', epoch: 'e1', seq: 12, at: T0 })).toMatchObject([
      { type: 'send' },
      { type: 'resync' },
    ]);
  });

  it('applies a batch of deltas in order, chained from its prev', () => {
    const { sync } = connected();
    const pause = {
      type: 'agent_paused',
      at: T0 + 2000,
      channelId: 'q-sales',
      userId: 'a04',
      reasonId: 'break',
      by: 'sup',
    };
    const effects = sync.receiveFrame(
      JSON.stringify({
        type: 'deltas',
        prev: 10,
        deltas: [
          {
            seq: 11,
            event: { type: 'agent_resumed', at: T0 + 1000, channelId: 'q-sales', userId: 'a04', by: 'sup' },
          },
          { seq: 14, event: pause },
        ],
      }),
    );
    expect(effects).toMatchObject([
      { type: 'state', event: { type: 'agent_resumed' } },
      { type: 'state', event: { type: 'agent_paused' } },
    ]);
    const session = sync.state?.sessions.get(pairKey('q-sales', 'a04'));
    expect(session).toMatchObject({ status: 'paused', pauseReasonId: 'break' });
    expect(sync.position?.seq).toBe(14);
    // The next delta follows the batch's last item.
    expect(sync.receive(resumeDelta(14, 15))).toMatchObject([{ type: 'state' }]);
  });

  it('resyncs on a batch that does not follow its position, applying none of it', () => {
    const { sync } = connected();
    const effects = sync.receive({
      type: 'deltas',
      prev: 12,
      deltas: [
        {
          seq: 13,
          event: { type: 'agent_resumed', at: T0 + 1000, channelId: 'q-sales', userId: 'a04', by: 'sup' },
        },
      ],
    });
    expect(effects).toMatchObject([{ type: 'resync' }]);
    expect(sync.state?.sessions.get(pairKey('q-sales', 'a04'))?.status).toBe('paused');
  });

  it('refuses a batch whose sequence numbers do not increase', () => {
    const { sync } = connected();
    const event = { type: 'agent_resumed', at: T0 + 1000, channelId: 'q-sales', userId: 'a04', by: 'sup' };
    const frame = JSON.stringify({
      type: 'deltas',
      prev: 10,
      deltas: [
        { seq: 12, event },
        { seq: 11, event },
      ],
    });
    expect(sync.receiveFrame(frame)).toMatchObject([
      { type: 'problem', problem: { kind: 'bad_message', detail: expect.stringContaining('must increase') } },
    ]);
    expect(sync.position?.seq).toBe(10);
  });

  it('turns a bad frame into a problem line and keeps going', () => {
    const { sync } = connected();
    expect(sync.receiveFrame('{not json')).toMatchObject([
      { type: 'problem', problem: { kind: 'bad_message', detail: expect.stringContaining('not JSON') } },
    ]);
    expect(sync.receiveFrame(JSON.stringify({ type: 'delta', seq: 'eleven' }))).toMatchObject([
      { type: 'problem', problem: { kind: 'bad_message' } },
    ]);
    // Still in step: the next good delta applies.
    expect(sync.receiveFrame(JSON.stringify(resumeDelta(10, 11)))).toMatchObject([{ type: 'state' }]);
  });
});

describe('a loaded snapshot', () => {
  it("keeps none of its parts' messages", async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const sync = new SyncMachine();
    sync.connectionOpened('test');
    const refs: WeakRef<object>[] = [];
    const feed = () => {
      const frames = snapshotFrames('e1', 5, centerSnapshot(), 2048);
      expect(frames.length).toBeGreaterThan(2);
      for (const frame of frames) {
        const result = parseHubMessage(frame);
        if (!result.ok || result.value.type !== 'snapshot') throw new Error('not a snapshot part');
        const message = result.value;
        refs.push(new WeakRef(message), new WeakRef(message.data), new WeakRef(message.data.users));
        sync.receive(message);
      }
    };
    feed();
    expect(sync.live).toBe(true);
    // A WeakRef holds its target until the end of the job that made it.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(refs.filter((ref) => ref.deref() !== undefined)).toEqual([]);
  });
});
