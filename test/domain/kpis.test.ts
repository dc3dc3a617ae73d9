import { describe, expect, it } from 'vitest';
import {
  allChannelKpis,
  apply,
  ChannelKpisMemo,
  channelKpis,
  channelKpisOf,
  longestWaitLevel,
  queueInteraction,
  serviceLevelLevel,
  tallyChannels,
} from '../../src/domain/index.js';
import { buildCenter, callAnsweredBy, channels, endCall, run, T0, users } from '../fixtures/center.js';

/** Sales: 3 answered (waits 5 s, 10 s, 40 s; threshold 20 s), 1 abandoned, 2 waiting since T0+100 s and T0+130 s. */
function busyMorning() {
  const state = buildCenter();
  for (const id of ['alice', 'bob', 'chloe'] as const)
    run(state, users.admin, { type: 'login', channelId: 'sales', userId: id });
  const a = callAnsweredBy(state, 'sales', 'alice', T0, T0 + 5_000);
  const b = callAnsweredBy(state, 'sales', 'bob', T0, T0 + 10_000);
  const c = callAnsweredBy(state, 'sales', 'chloe', T0, T0 + 40_000);
  endCall(state, a, T0 + 65_000); // talk 60 s, then wrap-up 30 s
  apply(state, { type: 'wrap_up_ended', at: T0 + 95_000, channelId: 'sales', userId: 'alice', by: 'system' });
  endCall(state, b, T0 + 130_000); // talk 120 s
  void c;
  const queue = (id: string, at: number) => {
    const r = queueInteraction(
      state,
      {
        id,
        channelId: 'sales',
        kind: 'call',
        customer: { name: 'X', address: 'y' },
        queuedAt: at,
        answeredAt: null,
        agentId: null,
        transcript: [],
      },
      at,
    );
    if (r.ok) for (const e of r.events) apply(state, e);
  };
  queue('w0', T0 + 50_000);
  apply(state, { type: 'interaction_abandoned', at: T0 + 80_000, interactionId: 'w0' });
  queue('w1', T0 + 100_000);
  queue('w2', T0 + 130_000);
  return state;
}

describe('channel KPIs', () => {
  const now = T0 + 160_000;

  it('counts waiting interactions and the age of the oldest', () => {
    const k = channelKpis(busyMorning(), 'sales', now);
    expect(k.waiting).toBe(2);
    expect(k.longestWaitSeconds).toBe(60);
  });

  it('offered = answered + abandoned + waiting; abandon % = abandoned / (answered + abandoned)', () => {
    const k = channelKpis(busyMorning(), 'sales', now);
    expect(k.answered).toBe(3);
    expect(k.abandoned).toBe(1);
    expect(k.offered).toBe(6);
    expect(k.abandonRate).toBeCloseTo(25);
  });

  it('service level % = answered within the threshold / (answered + abandoned)', () => {
    expect(channelKpis(busyMorning(), 'sales', now).serviceLevel).toBeCloseTo(50);
  });

  it('counts an answer exactly at the threshold within the service level, one millisecond later not', () => {
    const state = buildCenter();
    for (const id of ['alice', 'bob'] as const)
      run(state, users.admin, { type: 'login', channelId: 'sales', userId: id });
    const threshold = channels.sales.settings.serviceLevelSeconds * 1000;
    callAnsweredBy(state, 'sales', 'alice', T0, T0 + threshold);
    callAnsweredBy(state, 'sales', 'bob', T0, T0 + threshold + 1);
    expect(state.stats.get('sales')).toMatchObject({ answered: 2, answeredWithinThreshold: 1 });
    expect(channelKpis(state, 'sales', now).serviceLevel).toBeCloseTo(50);
  });

  it('ASA = total wait of answered / answered; AHT = (talk + wrap-up) / handled', () => {
    const k = channelKpis(busyMorning(), 'sales', now);
    expect(k.asaSeconds).toBeCloseTo((5 + 10 + 40) / 3);
    // handled: alice (60 s talk + 30 s wrap-up) and bob (120 s talk; still in wrap-up, not counted yet).
    expect(k.ahtSeconds).toBeCloseTo((60 + 120 + 30) / 2);
  });

  it('counts agents by status, pending ones too', () => {
    const state = busyMorning();
    run(state, users.admin, { type: 'pause', channelId: 'sales', userId: 'chloe', reasonId: 'break' });
    const k = channelKpis(state, 'sales', now);
    expect(k.agents).toEqual({ available: 1, busy: 1, wrap_up: 1, paused: 0, pending: 1, total: 3 });
  });

  it('counts an agent on an interaction in another channel as busy, not available', () => {
    const state = buildCenter();
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
    run(state, users.sup, { type: 'login', channelId: 'web', userId: 'alice' });
    callAnsweredBy(state, 'web', 'alice');
    expect(channelKpis(state, 'sales', now).agents).toMatchObject({ available: 0, busy: 1 });
    expect(allChannelKpis(state, now).get('sales')?.agents).toMatchObject({ available: 0, busy: 1 });
  });

  it('gives no rate rather than a false 0 % when nothing was answered or abandoned', () => {
    const k = channelKpis(buildCenter(), 'web', now);
    expect(k.serviceLevel).toBeNull();
    expect(k.abandonRate).toBeNull();
    expect(k.asaSeconds).toBeNull();
    expect(k.ahtSeconds).toBeNull();
  });

  it('computes the same figures for every channel in one pass', () => {
    const state = busyMorning();
    const all = allChannelKpis(state, now);
    for (const id of state.channels.keys()) expect(all.get(id)).toEqual(channelKpis(state, id, now));
  });

  it('computes the same figures for the channels of one kind only, when asked for one kind', () => {
    const state = busyMorning();
    for (const kind of ['queue', 'chat', 'campaign'] as const) {
      const ofKind = [...state.channels.values()].filter((c) => c.kind === kind).map((c) => c.id);
      const some = allChannelKpis(state, now, kind);
      expect([...some.keys()].sort()).toEqual(ofKind.sort());
      for (const id of ofKind) expect(some.get(id)).toEqual(channelKpis(state, id, now));
    }
  });

  it('starts the day again at midnight', () => {
    const state = busyMorning();
    apply(state, { type: 'stats_reset', at: T0 + 200_000, since: T0 + 200_000 });
    const k = channelKpis(state, 'sales', T0 + 200_000);
    expect([k.answered, k.abandoned, k.serviceLevel]).toEqual([0, 0, null]);
    expect(k.waiting).toBe(2);
  });
});

describe('alert levels', () => {
  it('grades longest wait and service level by the channel thresholds', () => {
    const sales = channels.sales; // wait 60/120 s, service level 80/60 %
    expect([59, 60, 119, 120].map((s) => longestWaitLevel(sales, s))).toEqual([
      'ok',
      'warning',
      'warning',
      'critical',
    ]);
    expect([81, 80, 61, 60, null].map((p) => serviceLevelLevel(sales, p))).toEqual([
      'ok',
      'warning',
      'warning',
      'critical',
      'ok',
    ]);
  });
});

describe('channelKpisOf with a memo (the board and the kiosk, tick after tick)', () => {
  it('gives the KPIs counted afresh, keeping the objects and the map while nothing shown changes', () => {
    const state = busyMorning();
    const memo = new ChannelKpisMemo();
    const tallies = tallyChannels(state);
    const at = (now: number) => channelKpisOf(state, tallies, now, undefined, memo);
    const first = at(T0 + 200_000);
    expect(first).toEqual(allChannelKpis(state, T0 + 200_000));
    // Within the same second of every wait: the same map.
    expect(at(T0 + 200_400)).toBe(first);
    // A second later sales' longest wait has grown: a new map, sales' KPIs new, the others kept.
    const later = at(T0 + 201_000);
    expect(later).not.toBe(first);
    expect(later).toEqual(allChannelKpis(state, T0 + 201_000));
    expect(later.get('sales')?.longestWaitSeconds).toBe(first.get('sales')!.longestWaitSeconds + 1);
    expect(later.get('support')).toBe(first.get('support'));
    // A change to a channel's tally gives that channel new KPIs.
    run(state, users.admin, { type: 'login', channelId: 'support', userId: 'chloe' });
    const changed = channelKpisOf(state, tallyChannels(state), T0 + 201_000, undefined, memo);
    expect(changed.get('support')).not.toBe(first.get('support'));
    expect(changed).toEqual(allChannelKpis(state, T0 + 201_000));
  });
});
