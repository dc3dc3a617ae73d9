/** The directory's removals, as the reducer applies them: what goes with a user, a device, a channel. */
import { describe, expect, it } from 'vitest';
import { apply, checkInvariants, devicesOf, pairKey } from '../../src/domain/index.js';
import { buildCenter, callAnsweredBy, run, T0, users } from '../fixtures/center.js';

describe('removing a user', () => {
  it('takes their devices and assignments with them, and leaves everyone else as they were', () => {
    const state = buildCenter();
    apply(state, { type: 'user_removed', at: T0, userId: 'alice' });
    expect(state.users.has('alice')).toBe(false);
    expect(state.devices.has('alice-desk')).toBe(false);
    expect(devicesOf(state, 'alice')).toEqual([]);
    expect([...state.assignments.values()].filter((a) => a.userId === 'alice')).toEqual([]);
    expect(state.assignments.has(pairKey('sales', 'bob'))).toBe(true);
    expect(checkInvariants(state)).toEqual([]);
  });

  it('stops the monitors they ran, and those of them', () => {
    const state = buildCenter();
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
    callAnsweredBy(state, 'sales', 'alice');
    run(state, users.sup, { type: 'monitor_start', channelId: 'sales', agentId: 'alice', mode: 'listen' });
    apply(state, { type: 'user_removed', at: T0, userId: 'sam' });
    expect(state.monitors.size).toBe(0);
    expect(checkInvariants(state)).toEqual([]);
  });

  it('stays sound when the user was still busy: the session ends and the interaction leaves with them', () => {
    const state = buildCenter();
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
    const call = callAnsweredBy(state, 'sales', 'alice');
    run(state, users.sup, { type: 'monitor_start', channelId: 'sales', agentId: 'alice', mode: 'listen' });
    apply(state, { type: 'user_removed', at: T0 + 9000, userId: 'alice' });
    expect(state.sessions.has(pairKey('sales', 'alice'))).toBe(false);
    expect(state.interactions.has(call)).toBe(false);
    expect(state.monitors.size).toBe(0);
    expect(checkInvariants(state)).toEqual([]);
  });
});

describe('removing a device', () => {
  it('drops it from its owner', () => {
    const state = buildCenter();
    apply(state, { type: 'device_removed', at: T0, deviceId: 'alice-desk' });
    expect(state.devices.size).toBe(0);
    expect(devicesOf(state, 'alice')).toEqual([]);
    expect(checkInvariants(state)).toEqual([]);
  });
});

describe('removing a channel', () => {
  it('takes its assignments, day counters, interactions and monitors, and any session left in it', () => {
    const state = buildCenter();
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
    run(state, users.sup, { type: 'login', channelId: 'web', userId: 'alice' });
    callAnsweredBy(state, 'sales', 'alice');
    run(state, users.sup, { type: 'monitor_start', channelId: 'sales', agentId: 'alice', mode: 'barge' });
    apply(state, { type: 'channel_removed', at: T0, channelId: 'sales' });
    expect(state.channels.has('sales')).toBe(false);
    expect(state.stats.has('sales')).toBe(false);
    expect([...state.assignments.values()].some((a) => a.channelId === 'sales')).toBe(false);
    expect([...state.interactions.values()].some((i) => i.channelId === 'sales')).toBe(false);
    expect([...state.sessions.values()].map((s) => s.channelId)).toEqual(['web']);
    expect(state.monitors.size).toBe(0);
    expect(checkInvariants(state)).toEqual([]);
  });
});
