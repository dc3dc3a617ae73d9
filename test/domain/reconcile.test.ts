/**
 * A source's whole picture against the hub's state: only the differences become events, applied
 * phase by phase; nothing is invented (no abandon) and nothing counted twice.
 */
import { describe, expect, it } from 'vitest';
import {
  apply,
  type CenterState,
  checkInvariants,
  type LiveState,
  pairKey,
  reconcile,
  sourceEventProblem,
} from '../../src/domain/index.js';
import type { AgentSession, CenterEvent, Interaction } from '../../src/protocol/index.js';
import { buildCenter, callAnsweredBy, run, T0, users } from '../fixtures/center.js';

/** The picture a source would send of `state` as it is. */
function pictureOf(state: CenterState): LiveState {
  return {
    sessions: [...state.sessions.values()],
    interactions: [...state.interactions.values()],
    activeDevices: [...state.devices.values()].filter((d) => d.active).map((d) => d.id),
  };
}

/** Reconciles, applying each phase (and checking each event as the hub does); returns the events. */
function reconciled(state: CenterState, live: LiveState, now = T0 + 60_000): CenterEvent[] {
  const all: CenterEvent[] = [];
  reconcile(state, live, now, (events) => {
    for (const event of events) {
      expect(sourceEventProblem(state, event)).toBeUndefined();
      apply(state, event);
      all.push(event);
    }
  });
  expect(checkInvariants(state)).toEqual([]);
  return all;
}

const session = (channelId: string, userId: string, patch: Partial<AgentSession> = {}): AgentSession => ({
  channelId,
  userId,
  status: 'available',
  since: T0,
  pauseReasonId: null,
  wrapUpEndsAt: null,
  pending: null,
  interactionId: null,
  loggedInBy: userId,
  loggedInAt: T0,
  assigned: true,
  allowed: true,
  ...patch,
});

describe('reconcile', () => {
  it('changes nothing when the picture is the state', () => {
    const state = buildCenter();
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
    callAnsweredBy(state, 'sales', 'alice');
    expect(reconciled(state, pictureOf(state))).toEqual([]);
  });

  it('logs out who is gone, logs in who is new, and follows statuses and pause reasons', () => {
    const state = buildCenter();
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'bob' });
    run(state, users.sup, { type: 'pause', channelId: 'sales', userId: 'bob', reasonId: 'break' });
    const live: LiveState = {
      sessions: [
        session('sales', 'alice', { status: 'paused', pauseReasonId: 'lunch', since: T0 + 1000 }),
        session('support', 'chloe'),
        session('sales', 'bob'),
      ],
      interactions: [],
      activeDevices: ['alice-desk'],
    };
    const events = reconciled(state, live);
    expect(events.map((e) => e.type).sort()).toEqual(['agent_logged_in', 'agent_paused', 'agent_resumed']);
    expect(state.sessions.get(pairKey('sales', 'alice'))).toMatchObject({
      status: 'paused',
      pauseReasonId: 'lunch',
    });
    expect(state.sessions.get(pairKey('sales', 'bob'))?.status).toBe('available');
    expect(state.sessions.has(pairKey('support', 'chloe'))).toBe(true);
    // Logged out: a picture without alice in web would log her out; here she never was.
    const out = reconciled(state, { ...live, sessions: live.sessions.filter((s) => s.userId !== 'bob') });
    expect(out).toEqual([expect.objectContaining({ type: 'agent_logged_out', userId: 'bob', by: 'system' })]);
  });

  it('ends what the system no longer has without counting an abandon, and answers at the real times', () => {
    const state = buildCenter();
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'bob' });
    const gone = callAnsweredBy(state, 'sales', 'alice');
    const before = state.stats.get('sales');
    const fresh: Interaction = {
      id: 'pbx-42',
      channelId: 'sales',
      kind: 'call',
      customer: { name: 'Zoé', address: '+33 6 00 00 00 00' },
      queuedAt: T0 + 10_000,
      answeredAt: T0 + 25_000,
      agentId: 'bob',
      transcript: [],
    };
    const events = reconciled(state, {
      sessions: [
        session('sales', 'alice'),
        session('sales', 'bob', { status: 'busy', interactionId: 'pbx-42', since: T0 + 25_000 }),
      ],
      interactions: [fresh],
      activeDevices: ['alice-desk'],
    });
    // Alice's call ends (she would go to wrap-up: the system says she is available again).
    expect(events.map((e) => e.type)).toEqual([
      'interaction_ended',
      'wrap_up_ended',
      'interaction_queued',
      'interaction_answered',
    ]);
    expect(state.interactions.has(gone)).toBe(false);
    const after = state.stats.get('sales');
    expect(after?.abandoned).toBe(before?.abandoned);
    expect(after?.answered).toBe((before?.answered ?? 0) + 1);
    // Waited 15 s (within the 20 s threshold), at the system's own times.
    expect(after?.answeredWaitMs).toBe((before?.answeredWaitMs ?? 0) + 15_000);
    expect(state.sessions.get(pairKey('sales', 'bob'))).toMatchObject({
      status: 'busy',
      interactionId: 'pbx-42',
    });
  });

  it('puts an agent the system holds in wrap-up into wrap-up, until the system’s end, on its clock', () => {
    const state = buildCenter();
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'bob' });
    run(state, users.sup, { type: 'pause', channelId: 'sales', userId: 'bob', reasonId: 'break' });
    const endsAt = T0 + 90_000;
    const live: LiveState = {
      ...pictureOf(state),
      sessions: [
        // Her call ended while the hub was away: the system has her in wrap-up since T0 + 30 s.
        session('sales', 'alice', { status: 'wrap_up', since: T0 + 30_000, wrapUpEndsAt: endsAt }),
        session('sales', 'bob', { status: 'wrap_up', since: T0 + 40_000, wrapUpEndsAt: endsAt }),
        // Logged in meanwhile, and already in wrap-up: until the channel's wrap-up time is up.
        session('support', 'chloe', { status: 'wrap_up', since: T0 + 50_000, wrapUpEndsAt: null }),
        // A wrap-up with no end on a channel without one: nothing to count down, available.
        session('web', 'chloe', { status: 'wrap_up', since: T0 + 50_000, wrapUpEndsAt: null }),
      ],
    };
    const before = state.stats.get('sales')?.wrapUpMs ?? 0;
    const events = reconciled(state, live);
    const started = events.flatMap((e) =>
      e.type === 'wrap_up_started' ? [`${e.channelId} ${e.userId}`] : [],
    );
    expect(started.sort()).toEqual(['sales alice', 'sales bob', 'support chloe']);
    expect(events.filter((e) => e.type === 'agent_logged_in')).toHaveLength(2);
    expect(state.sessions.get(pairKey('sales', 'alice'))).toMatchObject({
      status: 'wrap_up',
      since: T0 + 30_000,
      wrapUpEndsAt: endsAt,
    });
    expect(state.sessions.get(pairKey('sales', 'bob'))).toMatchObject({
      status: 'wrap_up',
      pauseReasonId: null,
      wrapUpEndsAt: endsAt,
    });
    const support = state.channels.get('support')?.settings.wrapUpSeconds ?? 0;
    expect(support).toBeGreaterThan(0);
    expect(state.sessions.get(pairKey('support', 'chloe'))).toMatchObject({
      status: 'wrap_up',
      wrapUpEndsAt: T0 + 50_000 + support * 1000,
    });
    expect(state.sessions.get(pairKey('web', 'chloe'))?.status).toBe('available');
    // The same picture again changes nothing; the end of the wrap-up is the system's to say.
    expect(reconciled(state, live)).toEqual([]);
    const done = reconciled(state, {
      ...live,
      sessions: [session('sales', 'alice'), ...live.sessions.slice(1)],
    });
    expect(done).toEqual([expect.objectContaining({ type: 'wrap_up_ended', userId: 'alice' })]);
    // Her wrap-up counts from the system's start to its end (the reconcile's clock, T0 + 60 s).
    expect(state.stats.get('sales')?.wrapUpMs).toBe(before + 30_000);
  });

  it('never starts a wrap-up on a busy agent: a source that says so is refused', () => {
    const state = buildCenter();
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
    callAnsweredBy(state, 'sales', 'alice');
    const event: CenterEvent = {
      type: 'wrap_up_started',
      at: T0 + 1000,
      channelId: 'sales',
      userId: 'alice',
      endsAt: T0 + 30_000,
    };
    expect(sourceEventProblem(state, event)).toMatch(/on an interaction/);
    expect(
      sourceEventProblem(state, { ...event, userId: 'bob' }),
      'bob has no session in sales',
    ).toBeDefined();
  });

  it('takes the devices’ dots from the picture', () => {
    const state = buildCenter();
    const events = reconciled(state, { sessions: [], interactions: [], activeDevices: [] });
    expect(events).toEqual([
      expect.objectContaining({ type: 'device_state_changed', deviceId: 'alice-desk', active: false }),
    ]);
  });

  it('makes the system’s pause of a busy agent pending, and never clears a pending the hub recorded', () => {
    const state = buildCenter();
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'bob' });
    const call = callAnsweredBy(state, 'sales', 'alice');
    const other = callAnsweredBy(state, 'sales', 'bob');
    run(state, users.sup, { type: 'logout', channelId: 'sales', userId: 'bob' }); // pending logout
    const live = pictureOf(state);
    live.sessions = live.sessions.map((s) =>
      s.userId === 'alice'
        ? { ...s, pending: { kind: 'pause', reasonId: 'break', requestedBy: 'alice', requestedAt: T0 } }
        : { ...s, pending: null },
    );
    const events = reconciled(state, live);
    expect(events).toEqual([expect.objectContaining({ type: 'pending_set', userId: 'alice' })]);
    expect(state.sessions.get(pairKey('sales', 'bob'))?.pending?.kind).toBe('logout');
    expect(state.interactions.has(call) && state.interactions.has(other)).toBe(true);
  });
});
