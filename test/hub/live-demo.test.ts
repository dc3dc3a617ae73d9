/**
 * The demo as the wallboard runs it: a hub on real timers with simulated traffic. A supervisor's
 * wallboard that applies the deltas it receives to its snapshot ends with exactly the hub's
 * state as that supervisor may see it.
 */
import { describe, expect, it } from 'vitest';
import {
  apply,
  checkInvariants,
  scopedSnapshot,
  stateFromSnapshot,
  toSnapshotData,
  viewScope,
} from '../../src/domain/index.js';
import { DEMO_SUPERVISOR_ID, startHub } from '../../src/hub/index.js';
import type { SnapshotData } from '../../src/protocol/index.js';
import { HubClient } from './hub-client.js';

/** Snapshot data with every array in a stable order, to compare two views of one state. */
function normalised(data: SnapshotData): SnapshotData {
  const sort = <T>(items: T[]) =>
    [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    ...data,
    users: sort(data.users),
    devices: sort(data.devices),
    channels: sort(data.channels),
    assignments: sort(data.assignments),
    sessions: sort(data.sessions),
    interactions: sort(data.interactions),
    monitors: sort(data.monitors),
    stats: sort(data.stats),
  };
}

describe('live demo', () => {
  it('streams simulated traffic that keeps a wallboard exactly in step with the hub', async () => {
    const hub = await startHub({ port: 0, demo: true, simulate: { seed: 4, speed: 150, tickMs: 20 } });
    const client = await HubClient.connect(hub.url, hub.createToken(DEMO_SUPERVISOR_ID));
    const count = (type: string) => client.deltas().filter((d) => d.event.type === type).length;
    await client.until(
      () => (count('interaction_answered') >= 10 && count('interaction_ended') >= 5 ? true : undefined),
      'calls answered and ended',
      15_000,
    );
    await hub.close();
    await client.waitClosed();
    expect(client.problems).toEqual([]);

    const { seq, data } = client.snapshot();
    const mirror = stateFromSnapshot(data);
    let position = seq;
    for (const delta of client.deltas()) {
      expect(delta.prev).toBe(position);
      apply(mirror, delta.event);
      position = delta.seq;
    }
    const state = hub.state();
    expect(checkInvariants(state)).toEqual([]);
    const user = state.users.get(DEMO_SUPERVISOR_ID);
    if (!user) throw new Error('no demo supervisor');
    expect(normalised(toSnapshotData(mirror))).toEqual(
      normalised(scopedSnapshot(state, viewScope(state, user))),
    );
  });
});
