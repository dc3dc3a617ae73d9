/**
 * The store brings its published copies up to date with the keys the reducer changed, and the
 * device index after the events that change it: after any sequence of events, flushed at any
 * points, every collection the screen reads must equal the live state's, in the same order. A
 * change the copies miss (or an event that reindexes devices and is not listed) would leave the
 * screen behind; this finds it. The same for the channels' tallies, kept change by change: the
 * KPIs made from them are those counted afresh from the live state, and a publish that keeps the
 * same tallies map (which the board's KPIs are kept by) changed no channel's KPIs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStore, type WallboardStore } from '../../src/client/store.js';
import {
  agentIdsOf,
  allChannelKpis,
  apply,
  type CenterState,
  channelKpisOf,
} from '../../src/domain/index.js';
import { eventsOf, operationArb } from '../domain/random-operations.js';
import { buildCenter, T0 } from '../fixtures/center.js';

const COLLECTIONS = [
  'users',
  'devices',
  'devicesByUser',
  'channels',
  'assignments',
  'sessions',
  'interactions',
  'monitors',
  'stats',
] as const satisfies readonly (keyof CenterState)[];

/** When the KPIs are read: after every step's time, so that waits are positive. */
const KPI_NOW = T0 + 86_400_000;

/** The KPIs of the last publish, and the tallies map they were made from. */
interface Shown {
  tallies: unknown;
  kpis: unknown;
}

function expectSame(store: WallboardStore, live: CenterState, shown: Shown): void {
  const { state: published, tallies } = store.getSnapshot();
  if (!published || !tallies) throw new Error('nothing published');
  const counted = allChannelKpis(live, KPI_NOW);
  expect(channelKpisOf(published, tallies, KPI_NOW)).toEqual(counted);
  // Each channel's agents, as the agent list reads them from the tallies.
  for (const channelId of live.channels.keys()) {
    const agents = [...live.sessions.values()].filter((s) => s.channelId === channelId).map((s) => s.userId);
    expect(new Set(agentIdsOf(tallies, channelId)), channelId).toEqual(new Set(agents));
    expect(agentIdsOf(tallies, channelId)?.length).toBe(agents.length);
  }
  if (tallies === shown.tallies) expect(counted).toEqual(shown.kpis);
  shown.tallies = tallies;
  shown.kpis = counted;
  // Entry by entry, in order: the live maps are the store's logging maps, the published ones plain.
  for (const name of COLLECTIONS) expect([...published[name]], name).toEqual([...live[name]]);
  expect(published.org).toEqual(live.org);
  expect(published.pauseReasons).toEqual(live.pauseReasons);
}

describe('the store’s published state', () => {
  it('equals the live state after any events, flushed at any points', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ step: operationArb, flush: fc.boolean() }), { minLength: 20, maxLength: 150 }),
        (steps) => {
          const live = buildCenter();
          const store = createStore({ intervalMs: 60_000 });
          store.setState(live);
          store.flush();
          const shown: Shown = { tallies: undefined, kpis: undefined };
          let now = T0;
          for (const { step, flush } of steps) {
            now += step.advanceMs;
            for (const event of eventsOf(live, step.op, now)) {
              apply(live, event);
              store.stateChanged(event);
            }
            if (flush) {
              store.flush();
              expectSame(store, live, shown);
            }
          }
          store.flush();
          expectSame(store, live, shown);
          store.close();
        },
      ),
      { numRuns: 150 },
    );
  });
});
