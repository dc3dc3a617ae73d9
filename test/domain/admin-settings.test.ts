/**
 * Admin settings: whether supervisors may end wrap-up early in a channel, and the pause reasons
 * (add, rename, retire, restore). Admins only; a retired reason is offered to no one, yet stays
 * with the agents already paused with it.
 */
import { describe, expect, it } from 'vitest';
import { type CenterState, decide, pairKey, pauseReasonsInUse } from '../../src/domain/index.js';
import type { Command, User } from '../../src/protocol/index.js';
import { actor, buildCenter, callAnsweredBy, endCall, refusal, run, T0, users } from '../fixtures/center.js';

const ADMIN_COMMANDS: Command[] = [
  { type: 'set_channel_settings', channelId: 'support', supervisorsMayEndWrapUp: true },
  { type: 'add_pause_reason', reasonId: 'training', label: 'Training' },
  { type: 'rename_pause_reason', reasonId: 'break', label: 'Short break' },
  { type: 'retire_pause_reason', reasonId: 'break' },
  { type: 'restore_pause_reason', reasonId: 'break' },
];

const reason = (state: CenterState, id: string) => state.pauseReasons.find((r) => r.id === id);
const session = (state: CenterState, channelId: string, userId: string) =>
  state.sessions.get(pairKey(channelId, userId));

describe('who may change admin settings', () => {
  it.each(ADMIN_COMMANDS.map((c) => [c.type, c] as const))('%s: admins only', (_, command) => {
    const state = buildCenter();
    if (command.type === 'restore_pause_reason')
      run(state, users.admin, { ...command, type: 'retire_pause_reason' });
    for (const user of [users.sup, users.supAgent, users.alice] satisfies User[]) {
      expect(refusal(state, user, command), user.id).toBe('forbidden');
    }
    const readOnly = decide(state, actor(users.admin, true), command, T0);
    expect(readOnly.ok ? 'ok' : readOnly.error.code).toBe('read_only');
    expect(run(state, users.admin, command).length).toBe(1);
  });

  it('names a missing channel or reason before asking who the actor is', () => {
    const state = buildCenter();
    const ghostChannel: Command = {
      type: 'set_channel_settings',
      channelId: 'nowhere',
      supervisorsMayEndWrapUp: true,
    };
    expect(refusal(state, users.alice, ghostChannel)).toBe('unknown_channel');
    for (const type of ['rename_pause_reason', 'retire_pause_reason', 'restore_pause_reason'] as const) {
      const command: Command =
        type === 'rename_pause_reason' ? { type, reasonId: 'nap', label: 'Nap' } : { type, reasonId: 'nap' };
      expect(refusal(state, users.alice, command), type).toBe('unknown_reason');
      expect(refusal(state, users.admin, command), type).toBe('unknown_reason');
    }
  });
});

describe('ending wrap-up early, per channel', () => {
  function supportInWrapUp() {
    const state = buildCenter();
    run(state, users.admin, { type: 'login', channelId: 'support', userId: 'chloe' });
    endCall(state, callAnsweredBy(state, 'support', 'chloe'), T0 + 60_000);
    return state;
  }
  const endChloe: Command = { type: 'end_wrap_up', channelId: 'support', userId: 'chloe' };

  it("lets supervisors end an agent's wrap-up once an admin turns it on, and no longer once off", () => {
    const state = supportInWrapUp();
    expect(refusal(state, users.otherSup, endChloe)).toBe('wrap_up_end_not_enabled');
    const events = run(state, users.admin, {
      type: 'set_channel_settings',
      channelId: 'support',
      supervisorsMayEndWrapUp: true,
    });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'channel_upserted',
        channel: expect.objectContaining({ id: 'support' }),
      }),
    ]);
    expect(state.channels.get('support')?.settings).toMatchObject({
      supervisorsMayEndWrapUp: true,
      wrapUpSeconds: 30,
      serviceLevelSeconds: 20,
    });
    expect(decide(state, actor(users.otherSup), endChloe, T0).ok).toBe(true);

    run(state, users.admin, {
      type: 'set_channel_settings',
      channelId: 'support',
      supervisorsMayEndWrapUp: false,
    });
    expect(refusal(state, users.otherSup, endChloe)).toBe('wrap_up_end_not_enabled');
    // The agent herself always may.
    run(state, users.chloe, endChloe);
    expect(session(state, 'support', 'chloe')?.status).toBe('available');
  });

  it("keeps the day's counters of the channel, and accepts a setting that already holds without an event", () => {
    const state = supportInWrapUp();
    const stats = state.stats.get('support');
    run(state, users.admin, {
      type: 'set_channel_settings',
      channelId: 'support',
      supervisorsMayEndWrapUp: true,
    });
    expect(state.stats.get('support')).toEqual(stats);
    expect(
      run(state, users.admin, {
        type: 'set_channel_settings',
        channelId: 'support',
        supervisorsMayEndWrapUp: true,
      }),
    ).toEqual([]);
  });
});

describe('pause reasons', () => {
  it('adds a reason agents can then be paused with', () => {
    const state = buildCenter();
    run(state, users.admin, { type: 'add_pause_reason', reasonId: 'training', label: 'Training' });
    expect(state.pauseReasons.map((r) => r.id)).toEqual(['break', 'lunch', 'training']);
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'bob' });
    run(state, users.sup, { type: 'pause', channelId: 'sales', userId: 'bob', reasonId: 'training' });
    expect(session(state, 'sales', 'bob')?.pauseReasonId).toBe('training');
  });

  it('refuses an id that exists (retired too) and a label another reason has, case and accents aside', () => {
    const state = buildCenter();
    expect(
      refusal(state, users.admin, { type: 'add_pause_reason', reasonId: 'break', label: 'Coffee' }),
    ).toBe('already_exists');
    expect(refusal(state, users.admin, { type: 'add_pause_reason', reasonId: 'pause', label: 'LUNCH' })).toBe(
      'already_exists',
    );
    run(state, users.admin, { type: 'add_pause_reason', reasonId: 'cafe', label: 'Café' });
    expect(refusal(state, users.admin, { type: 'add_pause_reason', reasonId: 'coffee', label: 'cafe' })).toBe(
      'already_exists',
    );
    run(state, users.admin, { type: 'retire_pause_reason', reasonId: 'cafe' });
    const again = decide(
      state,
      actor(users.admin),
      { type: 'add_pause_reason', reasonId: 'cafe', label: 'Café' },
      T0,
    );
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'already_exists', message: expect.stringMatching(/restore/) },
    });
  });

  it('renames a reason under the same id: agents paused with it show the new label', () => {
    const state = buildCenter();
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'bob' });
    run(state, users.sup, { type: 'pause', channelId: 'sales', userId: 'bob', reasonId: 'break' });
    run(state, users.admin, { type: 'rename_pause_reason', reasonId: 'break', label: 'Short break' });
    expect(reason(state, 'break')).toEqual({ id: 'break', label: 'Short break' });
    expect(session(state, 'sales', 'bob')?.pauseReasonId).toBe('break');
    expect(
      refusal(state, users.admin, { type: 'rename_pause_reason', reasonId: 'break', label: 'lunch' }),
    ).toBe('already_exists');
    expect(
      run(state, users.admin, { type: 'rename_pause_reason', reasonId: 'break', label: 'Short break' }),
    ).toEqual([]);
    // A change of case of its own label is a rename, not a clash.
    run(state, users.admin, { type: 'rename_pause_reason', reasonId: 'break', label: 'Short Break' });
    expect(reason(state, 'break')?.label).toBe('Short Break');
  });

  it('retires a reason: no one may be paused with it, now or when their interaction ends', () => {
    const state = buildCenter();
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'bob' });
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
    callAnsweredBy(state, 'sales', 'alice');
    run(state, users.admin, { type: 'retire_pause_reason', reasonId: 'lunch' });
    expect(reason(state, 'lunch')).toEqual({ id: 'lunch', label: 'Lunch', retired: true });
    expect(pauseReasonsInUse(state).map((r) => r.id)).toEqual(['break']);
    expect(
      refusal(state, users.sup, { type: 'pause', channelId: 'sales', userId: 'bob', reasonId: 'lunch' }),
    ).toBe('reason_retired');
    expect(
      refusal(state, users.bob, { type: 'pause', channelId: 'sales', userId: 'bob', reasonId: 'lunch' }),
    ).toBe('reason_retired');
    // Alice is busy: the pause would be pending, and is refused just the same.
    expect(
      refusal(state, users.sup, { type: 'pause', channelId: 'sales', userId: 'alice', reasonId: 'lunch' }),
    ).toBe('reason_retired');
    expect(session(state, 'sales', 'alice')?.pending).toBeNull();
    // Who may not pause at all is told so first.
    expect(
      refusal(state, users.otherSup, { type: 'pause', channelId: 'sales', userId: 'bob', reasonId: 'lunch' }),
    ).toBe('forbidden');
  });

  it('lets agents already paused with a retired reason keep it and its label until they resume', () => {
    const state = buildCenter();
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'bob' });
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
    run(state, users.sup, { type: 'pause', channelId: 'sales', userId: 'bob', reasonId: 'lunch' });
    const call = callAnsweredBy(state, 'sales', 'alice');
    run(state, users.sup, { type: 'pause', channelId: 'sales', userId: 'alice', reasonId: 'lunch' });
    run(state, users.admin, { type: 'retire_pause_reason', reasonId: 'lunch' });
    expect(session(state, 'sales', 'bob')).toMatchObject({ status: 'paused', pauseReasonId: 'lunch' });
    expect(reason(state, 'lunch')?.label).toBe('Lunch');
    // A pause asked for before the reason was retired still applies when the call ends.
    endCall(state, call, T0 + 60_000);
    expect(session(state, 'sales', 'alice')).toMatchObject({ status: 'paused', pauseReasonId: 'lunch' });
    run(state, users.sup, { type: 'resume', channelId: 'sales', userId: 'bob' });
    expect(session(state, 'sales', 'bob')?.status).toBe('available');
    expect(
      refusal(state, users.sup, { type: 'pause', channelId: 'sales', userId: 'bob', reasonId: 'lunch' }),
    ).toBe('reason_retired');
  });

  it('restores a retired reason, which may then be used again; retiring twice changes nothing', () => {
    const state = buildCenter();
    run(state, users.admin, { type: 'retire_pause_reason', reasonId: 'break' });
    expect(run(state, users.admin, { type: 'retire_pause_reason', reasonId: 'break' })).toEqual([]);
    run(state, users.admin, { type: 'restore_pause_reason', reasonId: 'break' });
    expect(reason(state, 'break')).toEqual({ id: 'break', label: 'Break' });
    expect(run(state, users.admin, { type: 'restore_pause_reason', reasonId: 'break' })).toEqual([]);
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'bob' });
    run(state, users.sup, { type: 'pause', channelId: 'sales', userId: 'bob', reasonId: 'break' });
    expect(session(state, 'sales', 'bob')?.pauseReasonId).toBe('break');
  });

  it('sends the whole list, retired flags included, in one event', () => {
    const state = buildCenter();
    const events = run(state, users.admin, { type: 'retire_pause_reason', reasonId: 'break' });
    expect(events).toEqual([
      {
        type: 'pause_reasons_set',
        at: T0,
        reasons: [
          { id: 'break', label: 'Break', retired: true },
          { id: 'lunch', label: 'Lunch' },
        ],
      },
    ]);
  });
});
