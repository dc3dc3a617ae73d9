import { describe, expect, it } from 'vitest';
import { StringPool } from '../../src/client/shared-strings.js';
import { SyncMachine } from '../../src/client/sync.js';
import { type CenterState, toSnapshotData } from '../../src/domain/index.js';
import { Engine } from '../../src/hub/engine.js';
import { snapshotFrames } from '../../src/hub/snapshot-frames.js';
import { demoCenterEvents } from '../../src/hub/sources/demo/demo-center.js';
import { Simulator } from '../../src/hub/sources/demo/simulator.js';
import { Storage } from '../../src/hub/storage.js';
import { type CenterEvent, type HubMessage, parseHubMessage } from '../../src/protocol/index.js';
import { centerSnapshot, T0 } from '../fixtures/center-snapshot.js';

const WELCOME = JSON.stringify({
  type: 'welcome',
  protocol: 1,
  user: { id: 'sup', name: 'Sam Super', extension: '2000', roles: ['supervisor'] },
  permissions: { manageAgents: true, monitor: true, changeOrgSettings: false, readOnly: false },
  hub: { name: 'test hub', version: '0.1.0' },
  epoch: 'e1',
  heartbeatMs: 1000,
});

/** A demo center's snapshot, in small frames, then half an hour of its traffic as deltas and batches. */
function demoFrames(): string[] {
  let now = T0;
  const storage = Storage.open(':memory:');
  const engine = Engine.open(storage, { now: () => now, log: () => {} });
  engine.seed(demoCenterEvents(3, now));
  const frames = [WELCOME, ...snapshotFrames('e1', 0, toSnapshotData(engine.state), 4096)];
  const events: CenterEvent[] = [];
  engine.subscribe({ deliver: (d) => events.push(d.event), reset: () => {} });
  const simulator = new Simulator(engine, { seed: 3 }, () => now);
  for (let step = 1; step <= 1800; step++) {
    now = T0 + step * 1000;
    simulator.step(now);
  }
  storage.close();
  let seq = 0;
  for (let i = 0; i < events.length; ) {
    // Alternately one delta and a batch of three, as the hub sends a step of traffic.
    if (i % 2 === 0) {
      frames.push(JSON.stringify({ type: 'delta', seq: seq + 1, prev: seq, event: events[i] }));
      seq += 1;
      i += 1;
    } else {
      const batch = events.slice(i, i + 3).map((event, k) => ({ seq: seq + 1 + k, event }));
      frames.push(JSON.stringify({ type: 'deltas', prev: seq, deltas: batch }));
      seq += batch.length;
      i += batch.length;
    }
  }
  return frames;
}

function parsed(frame: string): HubMessage {
  const result = parseHubMessage(frame);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('shared strings', () => {
  it('leave the state a wallboard builds from the frames as it was without them', () => {
    const frames = demoFrames();
    expect(frames.length).toBeGreaterThan(500);
    const interned = new SyncMachine();
    const plain = new SyncMachine();
    interned.connectionOpened('test');
    plain.connectionOpened('test');
    for (const frame of frames) {
      // receiveFrame shares the strings; receive is given the parsed message as it is.
      const a = interned.receiveFrame(frame);
      const b = plain.receive(parsed(frame));
      expect(a.map((effect) => effect.type)).toEqual(b.map((effect) => effect.type));
      expect(a.some((effect) => effect.type === 'resync' || effect.type === 'problem')).toBe(false);
    }
    expect((interned.state as CenterState).sessions.size).toBeGreaterThan(0);
    expect(interned.state).toEqual(plain.state);
    expect(interned.position).toEqual(plain.position);
  });

  it('leave every message equal to the one parsed without them', () => {
    const pool = new StringPool();
    for (const frame of demoFrames()) {
      const message = parsed(frame);
      pool.internMessage(message);
      expect(message).toEqual(parsed(frame));
    }
  });

  it("pool the ids entities refer to and the enums, not what is each entity's own", () => {
    const pool = new StringPool();
    const data = centerSnapshot();
    const message = (snapshot: typeof data): HubMessage => ({
      type: 'snapshot',
      epoch: 'e1',
      seq: 1,
      part: 0,
      parts: 1,
      data: structuredClone(snapshot),
    });
    pool.internMessage(message(data));
    const held = pool.size;
    expect(held).toBeGreaterThan(data.users.length);
    // The same center with other names, extensions, labels, device ids and customers: nothing more.
    const renamed = {
      ...data,
      users: data.users.map((u) => ({ ...u, name: `${u.name} Jr`, extension: `9${u.extension}` })),
      devices: data.devices.map((d) => ({ ...d, id: `${d.id}-2`, label: `${d.label} 2` })),
      interactions: data.interactions.map((i) => ({ ...i, customer: { name: 'Other', address: 'other' } })),
    };
    pool.internMessage(message(renamed));
    expect(pool.size).toBe(held);
  });

  it('start afresh past their bound', () => {
    const pool = new StringPool(3);
    for (const text of ['a', 'b', 'c', 'a']) pool.intern(text);
    expect(pool.size).toBe(3);
    expect(pool.intern('d')).toBe('d');
    expect(pool.size).toBe(1);
  });
});
