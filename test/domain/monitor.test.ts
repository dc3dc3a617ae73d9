import { describe, expect, it } from 'vitest';
import { buildCenter, callAnsweredBy, endCall, refusal, run, T0, users } from '../fixtures/center.js';

function aliceOnACall() {
  const state = buildCenter();
  run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
  run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'bob' });
  const call = callAnsweredBy(state, 'sales', 'alice');
  return { state, call };
}

describe('monitoring', () => {
  it('lets a supervisor listen to a live call, then whisper and barge', () => {
    const { state, call } = aliceOnACall();
    run(state, users.sup, { type: 'monitor_start', channelId: 'sales', agentId: 'alice', mode: 'listen' });
    expect(state.monitors.get('sam')).toMatchObject({
      agentId: 'alice',
      interactionId: call,
      mode: 'listen',
    });
    run(state, users.sup, { type: 'monitor_mode', mode: 'whisper' });
    run(state, users.sup, { type: 'monitor_mode', mode: 'barge' });
    expect(state.monitors.get('sam')?.mode).toBe('barge');
  });

  it('reads the transcript on chats, and only that', () => {
    const state = buildCenter();
    run(state, users.sup, { type: 'login', channelId: 'web', userId: 'alice' });
    callAnsweredBy(state, 'web', 'alice');
    expect(
      refusal(state, users.sup, {
        type: 'monitor_start',
        channelId: 'web',
        agentId: 'alice',
        mode: 'listen',
      }),
    ).toBe('invalid_mode');
    run(state, users.sup, { type: 'monitor_start', channelId: 'web', agentId: 'alice', mode: 'read' });
    expect(refusal(state, users.sup, { type: 'monitor_mode', mode: 'barge' })).toBe('invalid_mode');
  });

  it('refuses read mode on a call', () => {
    const { state } = aliceOnACall();
    expect(
      refusal(state, users.sup, {
        type: 'monitor_start',
        channelId: 'sales',
        agentId: 'alice',
        mode: 'read',
      }),
    ).toBe('invalid_mode');
  });

  it('needs an agent on a live interaction', () => {
    const { state } = aliceOnACall();
    expect(
      refusal(state, users.sup, {
        type: 'monitor_start',
        channelId: 'sales',
        agentId: 'bob',
        mode: 'listen',
      }),
    ).toBe('not_busy');
  });

  it('is for supervisors and admins of the channel only, never on oneself', () => {
    const { state } = aliceOnACall();
    const start = { type: 'monitor_start', channelId: 'sales', agentId: 'alice', mode: 'listen' } as const;
    expect(refusal(state, users.otherSup, start)).toBe('forbidden');
    expect(refusal(state, users.bob, start)).toBe('forbidden');
    run(state, users.admin, start);
    run(state, users.admin, { type: 'login', channelId: 'winback', userId: 'sophie' });
    callAnsweredBy(state, 'winback', 'sophie');
    expect(
      refusal(state, users.supAgent, {
        type: 'monitor_start',
        channelId: 'winback',
        agentId: 'sophie',
        mode: 'listen',
      }),
    ).toBe('cannot_monitor_self');
  });

  it('keeps one monitor per supervisor: a new one replaces the old', () => {
    const { state } = aliceOnACall();
    run(state, users.sup, { type: 'monitor_start', channelId: 'sales', agentId: 'alice', mode: 'listen' });
    run(state, users.sup, { type: 'login', channelId: 'web', userId: 'chloe' });
    const chat = callAnsweredBy(state, 'web', 'chloe');
    const events = run(state, users.sup, {
      type: 'monitor_start',
      channelId: 'web',
      agentId: 'chloe',
      mode: 'read',
    });
    expect(events.map((e) => e.type)).toEqual(['monitor_stopped', 'monitor_started']);
    expect(state.monitors.size).toBe(1);
    expect(state.monitors.get('sam')?.interactionId).toBe(chat);
  });

  it('ends with the interaction', () => {
    const { state, call } = aliceOnACall();
    run(state, users.sup, { type: 'monitor_start', channelId: 'sales', agentId: 'alice', mode: 'whisper' });
    endCall(state, call, T0 + 30_000);
    expect(state.monitors.has('sam')).toBe(false);
  });

  it('stops on request, and says so when there is nothing to stop', () => {
    const { state } = aliceOnACall();
    expect(refusal(state, users.sup, { type: 'monitor_stop' })).toBe('not_monitoring');
    expect(refusal(state, users.sup, { type: 'monitor_mode', mode: 'barge' })).toBe('not_monitoring');
    run(state, users.sup, { type: 'monitor_start', channelId: 'sales', agentId: 'alice', mode: 'listen' });
    run(state, users.sup, { type: 'monitor_stop' });
    expect(state.monitors.size).toBe(0);
  });
});
