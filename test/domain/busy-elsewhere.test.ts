/**
 * An agent on an interaction in a channel a supervisor may not see is busy for that supervisor
 * too: the hub marks the agent's other sessions, and the events that set and clear the mark reach
 * whoever sees those sessions, without the channel or the customer.
 */
import { describe, expect, it } from 'vitest';
import {
  answerInteraction,
  apply,
  type CenterState,
  channelKpis,
  checkInvariants,
  endInteraction,
  eventRoute,
  pairKey,
  queueInteraction,
  routeReaches,
  scopedSnapshot,
  stateFromSnapshot,
  type TrafficResult,
  viewScope,
} from '../../src/domain/index.js';
import type { CenterEvent } from '../../src/protocol/index.js';
import { buildCenter, run, T0, users } from '../fixtures/center.js';

/** The hub's state and what sam's wallboard holds, kept in step by the routed deltas. */
function twoEnds() {
  const hub = buildCenter();
  run(hub, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
  run(hub, users.otherSup, { type: 'login', channelId: 'support', userId: 'alice' });
  const scope = viewScope(hub, users.sup);
  const sam = stateFromSnapshot(scopedSnapshot(hub, scope));
  const publish = (result: TrafficResult) => {
    if (!result.ok) throw new Error(result.error.message);
    for (const event of result.events) {
      const route = eventRoute(hub, event);
      apply(hub, event);
      if (routeReaches(route, scope)) apply(sam, event);
    }
  };
  return { hub, sam, scope, publish };
}

const call = (at: number): CenterEvent & { type: 'interaction_queued' } => ({
  type: 'interaction_queued',
  at,
  interaction: {
    id: 'call-1',
    channelId: 'support',
    kind: 'call',
    customer: { name: 'Jean Client', address: '+33 1 23 45 67 89' },
    queuedAt: at,
    answeredAt: null,
    agentId: null,
    transcript: [],
  },
});

const sessionsOf = (state: CenterState) => [...state.sessions.values()];

describe('busy in a channel the viewer may not see', () => {
  it('marks the agent busy in the viewer’s channel, counts them busy, and names nothing of the other', () => {
    const { hub, sam, scope, publish } = twoEnds();
    expect(sam.channels.has('support')).toBe(false);
    publish(queueInteraction(hub, call(T0).interaction, T0));
    publish(answerInteraction(hub, 'call-1', 'alice', T0 + 4000));
    expect(checkInvariants(hub)).toEqual([]);
    expect(sam.sessions.get(pairKey('sales', 'alice'))?.elsewhere).toEqual({
      interactionId: 'call-1',
      since: T0 + 4000,
    });
    expect(sam.interactions.has('call-1')).toBe(false);
    expect(channelKpis(sam, 'sales', T0 + 5000).agents).toMatchObject({ available: 0, busy: 1 });
    // What sam holds is what the hub would send him now.
    expect(sessionsOf(sam)).toEqual(sessionsOf(stateFromSnapshot(scopedSnapshot(hub, scope))));

    publish(endInteraction(hub, 'call-1', T0 + 60_000));
    expect(sam.sessions.get(pairKey('sales', 'alice'))?.elsewhere).toBeUndefined();
    expect(channelKpis(sam, 'sales', T0 + 61_000).agents).toMatchObject({ available: 1, busy: 0 });
    expect(sessionsOf(sam)).toEqual(sessionsOf(stateFromSnapshot(scopedSnapshot(hub, scope))));
  });

  it('marks a session opened while the agent is already busy elsewhere', () => {
    const hub = buildCenter();
    run(hub, users.otherSup, { type: 'login', channelId: 'support', userId: 'alice' });
    const queued = queueInteraction(hub, call(T0).interaction, T0);
    if (queued.ok) for (const e of queued.events) apply(hub, e);
    const answered = answerInteraction(hub, 'call-1', 'alice', T0 + 4000);
    if (answered.ok) for (const e of answered.events) apply(hub, e);
    const [login] = run(hub, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' }, T0 + 9000);
    expect(login).toMatchObject({ session: { elsewhere: { interactionId: 'call-1', since: T0 + 4000 } } });
    expect(checkInvariants(hub)).toEqual([]);
    // The mark came with the session (and, to a wallboard, in its snapshot): the end clears it.
    const wallboard = stateFromSnapshot(scopedSnapshot(hub, viewScope(hub, users.sup)));
    const ended = endInteraction(hub, 'call-1', T0 + 60_000);
    if (ended.ok) for (const e of ended.events) for (const state of [hub, wallboard]) apply(state, e);
    expect(hub.sessions.get(pairKey('sales', 'alice'))?.elsewhere).toBeUndefined();
    expect(wallboard.sessions.get(pairKey('sales', 'alice'))?.elsewhere).toBeUndefined();
    expect(checkInvariants(hub)).toEqual([]);
  });
});
