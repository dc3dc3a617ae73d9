import { describe, expect, it } from 'vitest';
import { apply, expiredWrapUps, pairKey } from '../../src/domain/index.js';
import { buildCenter, callAnsweredBy, endCall, refusal, run, T0, users } from './center-fixture.js';

function salesWithAliceAndBob() {
  const state = buildCenter();
  run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
  run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'bob' });
  return state;
}
const alice = (state: ReturnType<typeof buildCenter>) => state.sessions.get(pairKey('sales', 'alice'));

describe('logging out and pausing a busy agent', () => {
  it('records a logout as pending and keeps the customer connected', () => {
    const state = salesWithAliceAndBob();
    const call = callAnsweredBy(state, 'sales', 'alice');
    run(state, users.sup, { type: 'logout', channelId: 'sales', userId: 'alice' }, T0 + 10_000);
    expect(alice(state)).toMatchObject({
      status: 'busy',
      interactionId: call,
      pending: { kind: 'logout', requestedBy: 'sam' },
    });
    expect(state.interactions.get(call)?.agentId).toBe('alice');
  });

  it('applies a pending logout when the interaction ends, with no wrap-up', () => {
    const state = salesWithAliceAndBob();
    const call = callAnsweredBy(state, 'sales', 'alice');
    run(state, users.sup, { type: 'logout', channelId: 'sales', userId: 'alice' }, T0 + 10_000);
    endCall(state, call, T0 + 60_000);
    expect(alice(state)).toBeUndefined();
    expect(state.interactions.has(call)).toBe(false);
  });

  it('applies a pending pause with its reason when the interaction ends', () => {
    const state = salesWithAliceAndBob();
    const call = callAnsweredBy(state, 'sales', 'alice');
    run(
      state,
      users.sup,
      { type: 'pause', channelId: 'sales', userId: 'alice', reasonId: 'lunch' },
      T0 + 10_000,
    );
    expect(alice(state)).toMatchObject({ status: 'busy', pending: { kind: 'pause', reasonId: 'lunch' } });
    endCall(state, call, T0 + 60_000);
    expect(alice(state)).toMatchObject({
      status: 'paused',
      pauseReasonId: 'lunch',
      since: T0 + 60_000,
      pending: null,
    });
  });

  it('refuses the same pending action twice, and lets a logout replace a pending pause', () => {
    const state = salesWithAliceAndBob();
    callAnsweredBy(state, 'sales', 'alice');
    run(state, users.sup, { type: 'pause', channelId: 'sales', userId: 'alice', reasonId: 'lunch' });
    expect(
      refusal(state, users.sup, { type: 'pause', channelId: 'sales', userId: 'alice', reasonId: 'lunch' }),
    ).toBe('already_pending');
    run(state, users.sup, { type: 'logout', channelId: 'sales', userId: 'alice' });
    expect(alice(state)?.pending?.kind).toBe('logout');
    expect(refusal(state, users.sup, { type: 'logout', channelId: 'sales', userId: 'alice' })).toBe(
      'already_pending',
    );
  });

  it('never cancels a pending logout on resume: only a pending pause may be cancelled', () => {
    const state = salesWithAliceAndBob();
    const call = callAnsweredBy(state, 'sales', 'alice');
    run(state, users.sup, { type: 'logout', channelId: 'sales', userId: 'alice' });
    expect(refusal(state, users.sup, { type: 'resume', channelId: 'sales', userId: 'alice' })).toBe(
      'not_paused',
    );
    expect(refusal(state, users.alice, { type: 'resume', channelId: 'sales', userId: 'alice' })).toBe(
      'not_paused',
    );
    expect(alice(state)?.pending?.kind).toBe('logout');
    endCall(state, call, T0 + 60_000);
    expect(alice(state)).toBeUndefined();
  });

  it('cancels a pending pause on resume', () => {
    const state = salesWithAliceAndBob();
    const call = callAnsweredBy(state, 'sales', 'alice');
    run(state, users.sup, { type: 'pause', channelId: 'sales', userId: 'alice', reasonId: 'break' });
    run(state, users.sup, { type: 'resume', channelId: 'sales', userId: 'alice' });
    expect(alice(state)?.pending).toBeNull();
    endCall(state, call, T0 + 60_000);
    expect(alice(state)?.status).toBe('wrap_up');
  });
});

describe('pause and resume', () => {
  it('pauses an available agent at once with a reason from the list', () => {
    const state = salesWithAliceAndBob();
    run(state, users.sup, { type: 'pause', channelId: 'sales', userId: 'bob', reasonId: 'break' }, T0 + 1000);
    expect(state.sessions.get(pairKey('sales', 'bob'))).toMatchObject({
      status: 'paused',
      pauseReasonId: 'break',
      since: T0 + 1000,
    });
  });

  it('refuses a reason that is not configured, and the same pause twice; a new reason replaces the old', () => {
    const state = salesWithAliceAndBob();
    expect(
      refusal(state, users.sup, { type: 'pause', channelId: 'sales', userId: 'bob', reasonId: 'nap' }),
    ).toBe('unknown_reason');
    run(state, users.sup, { type: 'pause', channelId: 'sales', userId: 'bob', reasonId: 'break' });
    expect(
      refusal(state, users.sup, { type: 'pause', channelId: 'sales', userId: 'bob', reasonId: 'break' }),
    ).toBe('already_paused');
    run(state, users.sup, { type: 'pause', channelId: 'sales', userId: 'bob', reasonId: 'lunch' });
    expect(state.sessions.get(pairKey('sales', 'bob'))?.pauseReasonId).toBe('lunch');
  });

  it('resumes a paused agent, and refuses to resume one who is not paused', () => {
    const state = salesWithAliceAndBob();
    expect(refusal(state, users.sup, { type: 'resume', channelId: 'sales', userId: 'bob' })).toBe(
      'not_paused',
    );
    run(state, users.sup, { type: 'pause', channelId: 'sales', userId: 'bob', reasonId: 'break' });
    run(state, users.sup, { type: 'resume', channelId: 'sales', userId: 'bob' }, T0 + 9000);
    expect(state.sessions.get(pairKey('sales', 'bob'))).toMatchObject({
      status: 'available',
      pauseReasonId: null,
      since: T0 + 9000,
    });
  });

  it('lets an agent manage their own status only', () => {
    const state = salesWithAliceAndBob();
    run(state, users.bob, { type: 'pause', channelId: 'sales', userId: 'bob', reasonId: 'break' });
    expect(
      refusal(state, users.bob, { type: 'pause', channelId: 'sales', userId: 'alice', reasonId: 'break' }),
    ).toBe('forbidden');
    expect(refusal(state, users.bob, { type: 'logout', channelId: 'sales', userId: 'alice' })).toBe(
      'forbidden',
    );
    run(state, users.bob, { type: 'logout', channelId: 'sales', userId: 'bob' });
  });

  it('refuses a supervisor acting outside their channels, and acting on someone not logged in', () => {
    const state = salesWithAliceAndBob();
    expect(refusal(state, users.otherSup, { type: 'logout', channelId: 'sales', userId: 'bob' })).toBe(
      'forbidden',
    );
    expect(refusal(state, users.sup, { type: 'logout', channelId: 'web', userId: 'bob' })).toBe(
      'not_logged_in',
    );
  });
});

describe('wrap-up', () => {
  function inWrapUp(channelId: 'sales' | 'support') {
    const state = buildCenter();
    run(state, users.admin, { type: 'login', channelId, userId: 'chloe' });
    const call = callAnsweredBy(state, channelId, 'chloe');
    endCall(state, call, T0 + 60_000);
    return state;
  }

  it("follows an interaction for the channel's wrap-up time, then the agent is available", () => {
    const state = inWrapUp('sales');
    const session = state.sessions.get(pairKey('sales', 'chloe'));
    expect(session).toMatchObject({ status: 'wrap_up', wrapUpEndsAt: T0 + 90_000 });
    expect(expiredWrapUps(state, T0 + 89_999)).toEqual([]);
    for (const event of expiredWrapUps(state, T0 + 90_000)) apply(state, event);
    expect(state.sessions.get(pairKey('sales', 'chloe'))?.status).toBe('available');
  });

  it("lasts the agent's own wrap-up when the interaction's end carries one (an Asterisk member's Wrapuptime)", () => {
    const state = buildCenter();
    run(state, users.admin, { type: 'login', channelId: 'sales', userId: 'chloe' });
    const call = callAnsweredBy(state, 'sales', 'chloe');
    apply(state, { type: 'interaction_ended', at: T0 + 60_000, interactionId: call, wrapUpSeconds: 5 });
    expect(state.sessions.get(pairKey('sales', 'chloe'))).toMatchObject({
      status: 'wrap_up',
      wrapUpEndsAt: T0 + 65_000,
    });
  });

  it('can be ended early by the agent anywhere', () => {
    const state = inWrapUp('support');
    run(state, users.chloe, { type: 'end_wrap_up', channelId: 'support', userId: 'chloe' });
    expect(state.sessions.get(pairKey('support', 'chloe'))?.status).toBe('available');
  });

  it('can be ended early by a supervisor only where an admin enabled it', () => {
    const enabled = inWrapUp('sales');
    run(enabled, users.sup, { type: 'end_wrap_up', channelId: 'sales', userId: 'chloe' });
    expect(enabled.sessions.get(pairKey('sales', 'chloe'))?.status).toBe('available');
    const notEnabled = inWrapUp('support');
    expect(
      refusal(notEnabled, users.otherSup, { type: 'end_wrap_up', channelId: 'support', userId: 'chloe' }),
    ).toBe('wrap_up_end_not_enabled');
  });

  it('refuses to end a wrap-up that is not running', () => {
    const state = salesWithAliceAndBob();
    expect(refusal(state, users.sup, { type: 'end_wrap_up', channelId: 'sales', userId: 'bob' })).toBe(
      'not_in_wrap_up',
    );
  });

  it('is skipped in a channel with no wrap-up time', () => {
    const state = buildCenter();
    run(state, users.sup, { type: 'login', channelId: 'web', userId: 'alice' });
    const chat = callAnsweredBy(state, 'web', 'alice');
    endCall(state, chat, T0 + 60_000);
    expect(state.sessions.get(pairKey('web', 'alice'))?.status).toBe('available');
  });
});
