import { describe, expect, it } from 'vitest';
import {
  abandonInteraction,
  answerInteraction,
  apply,
  longestIdleAgent,
  oldestWaiting,
  pairKey,
  queueInteraction,
} from '../../src/domain/index.js';
import type { Interaction } from '../../src/protocol/index.js';
import { buildCenter, callAnsweredBy, run, T0, users } from '../fixtures/center.js';

const waiting = (id: string, channelId: string, queuedAt: number): Interaction => ({
  id,
  channelId,
  kind: 'call',
  customer: { name: 'Paul Mercier', address: '+33 6 00 00 00 00' },
  queuedAt,
  answeredAt: null,
  agentId: null,
  transcript: [],
});

describe('routing', () => {
  it('offers the next interaction to the agent idle the longest', () => {
    const state = buildCenter();
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'bob' }, T0);
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' }, T0 + 1000);
    expect(longestIdleAgent(state, 'sales')).toBe('bob');
    run(state, users.sup, { type: 'pause', channelId: 'sales', userId: 'bob', reasonId: 'break' });
    expect(longestIdleAgent(state, 'sales')).toBe('alice');
  });

  it('never offers an agent already on an interaction in another channel', () => {
    const state = buildCenter();
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
    run(state, users.sup, { type: 'login', channelId: 'web', userId: 'alice' });
    callAnsweredBy(state, 'web', 'alice');
    expect(longestIdleAgent(state, 'sales')).toBeUndefined();
    for (const e of unwrap(queueInteraction(state, waiting('c9', 'sales', T0), T0))) apply(state, e);
    const refused = answerInteraction(state, 'c9', 'alice', T0 + 1);
    expect(refused.ok ? 'ok' : refused.error.code).toBe('not_available');
  });

  it('takes the oldest waiting interaction first', () => {
    const state = buildCenter();
    for (const e of unwrap(queueInteraction(state, waiting('late', 'sales', T0 + 5000), T0 + 5000)))
      apply(state, e);
    for (const e of unwrap(queueInteraction(state, waiting('early', 'sales', T0), T0))) apply(state, e);
    expect(oldestWaiting(state, 'sales')?.id).toBe('early');
  });

  it('counts an abandon, and refuses to abandon an answered interaction', () => {
    const state = buildCenter();
    for (const e of unwrap(queueInteraction(state, waiting('c1', 'sales', T0), T0))) apply(state, e);
    for (const e of unwrap(abandonInteraction(state, 'c1', T0 + 30_000))) apply(state, e);
    expect(state.stats.get('sales')?.abandoned).toBe(1);
    expect(state.interactions.has('c1')).toBe(false);
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'bob' });
    const call = callAnsweredBy(state, 'sales', 'bob');
    const refused = abandonInteraction(state, call, T0 + 40_000);
    expect(refused.ok).toBe(false);
    expect(state.sessions.get(pairKey('sales', 'bob'))?.status).toBe('busy');
  });

  it('refuses a duplicate interaction id and an unknown channel', () => {
    const state = buildCenter();
    for (const e of unwrap(queueInteraction(state, waiting('c1', 'sales', T0), T0))) apply(state, e);
    expect(queueInteraction(state, waiting('c1', 'sales', T0), T0).ok).toBe(false);
    const unknown = queueInteraction(state, waiting('c2', 'nowhere', T0), T0);
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('unknown_channel');
  });
});

function unwrap<T>(result: { ok: true; events: T[] } | { ok: false; error: { message: string } }): T[] {
  if (!result.ok) throw new Error(result.error.message);
  return result.events;
}
