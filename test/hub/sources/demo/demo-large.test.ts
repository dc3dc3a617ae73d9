/**
 * The large demo center (`--demo-size large`): 5,000 agents and 300 channels in the standard
 * demo's proportions, a sound state, the same center for the same seed.
 */
import { describe, expect, it } from 'vitest';
import { apply, checkInvariants, emptyState, hasRole, managesChannel } from '../../../../src/domain/index.js';
import {
  DEMO_ADMIN_ID,
  DEMO_AGENT_ID,
  DEMO_SUPERVISOR_ID,
  demoCenterEvents,
  demoEvents,
  LARGE_AGENT_COUNT,
  LARGE_CHANNEL_COUNT,
  largeDemoCenterEvents,
} from '../../../../src/hub/index.js';
import { CenterEvent } from '../../../../src/protocol/index.js';

const NOW = Date.UTC(2026, 10, 23, 14, 0, 0);

function build(events: readonly CenterEvent[]) {
  const state = emptyState();
  for (const event of events) apply(state, event);
  return state;
}

/** Figures whose ratios the large center must keep. */
function figures(state: ReturnType<typeof build>) {
  const users = [...state.users.values()];
  const agents = users.filter((u) => hasRole(u, 'agent'));
  const channels = [...state.channels.values()];
  const kind = (k: string) => channels.filter((c) => c.kind === k).length / channels.length;
  const sessions = [...state.sessions.values()];
  return {
    agents: agents.length,
    channels: channels.length,
    queues: kind('queue'),
    chats: kind('chat'),
    campaigns: kind('campaign'),
    devicesPerUser: state.devices.size / users.length,
    agentAssignmentsPerAgent: [...state.assignments.values()].filter((a) => a.asAgent).length / agents.length,
    sessionsPerAgent: sessions.length / agents.length,
    loggedIn: new Set(sessions.map((s) => s.userId)).size / agents.length,
    paused: sessions.filter((s) => s.status === 'paused').length / sessions.length,
  };
}

describe('large demo contact center', () => {
  const events = largeDemoCenterEvents(1, NOW);
  const state = build(events);

  it('has 5,000 agents and 300 channels (164 queues, 82 chats, 54 campaigns), every event valid', () => {
    for (const event of events) expect(CenterEvent.safeParse(event).success).toBe(true);
    const users = [...state.users.values()];
    expect(users.filter((u) => hasRole(u, 'agent'))).toHaveLength(LARGE_AGENT_COUNT);
    expect(state.channels.size).toBe(LARGE_CHANNEL_COUNT);
    const count = (kind: string) => [...state.channels.values()].filter((c) => c.kind === kind).length;
    expect([count('queue'), count('chat'), count('campaign')]).toEqual([164, 82, 54]);
    expect(new Set(users.map((u) => u.id)).size).toBe(users.length);
    expect(new Set(users.map((u) => u.extension)).size).toBe(users.length);
    for (const user of users) expect(user.extension).toMatch(/^\d{4}$/);
    for (const user of users) {
      const devices = state.devicesByUser.get(user.id)?.size ?? 0;
      expect(devices).toBeGreaterThanOrEqual(1);
      expect(devices).toBeLessThanOrEqual(3);
    }
  });

  it('keeps the rules of the center (checkInvariants)', () => {
    expect(checkInvariants(state)).toEqual([]);
  });

  it('keeps the standard demo’s proportions of channels, devices, assignments and sessions', () => {
    const large = figures(state);
    const standard = figures(build(demoCenterEvents(1, NOW)));
    for (const key of ['queues', 'chats', 'campaigns'] as const)
      expect(large[key]).toBeCloseTo(standard[key], 1);
    for (const key of [
      'devicesPerUser',
      'agentAssignmentsPerAgent',
      'sessionsPerAgent',
      'loggedIn',
    ] as const) {
      expect(large[key] / standard[key]).toBeGreaterThan(0.8);
      expect(large[key] / standard[key]).toBeLessThan(1.25);
    }
    expect(large.paused).toBeGreaterThan(0.05);
    expect(large.paused).toBeLessThan(0.3);
    // Agents per channel: about the same crowd per channel as the standard demo's, not all in one.
    const perChannel = new Map<string, number>();
    for (const s of state.sessions.values())
      perChannel.set(s.channelId, (perChannel.get(s.channelId) ?? 0) + 1);
    expect(perChannel.size).toBe(LARGE_CHANNEL_COUNT);
    expect(Math.max(...perChannel.values())).toBeLessThan(200);
  });

  it('keeps the fixed people, who supervise their channels in every region', () => {
    const claire = state.users.get(DEMO_SUPERVISOR_ID);
    expect(claire?.roles).toEqual(['supervisor']);
    const managed = [...state.channels.values()].filter((c) => claire && managesChannel(state, claire, c.id));
    expect(managed).toHaveLength(6 * 27);
    expect(new Set(managed.map((c) => c.kind))).toEqual(new Set(['queue', 'chat', 'campaign']));
    expect(state.users.get(DEMO_ADMIN_ID)?.roles).toContain('admin');
    expect(state.users.get(DEMO_AGENT_ID)?.roles).toEqual(['agent']);
    const supervisors = [...state.users.values()].filter((u) => hasRole(u, 'supervisor'));
    expect(supervisors.length).toBeGreaterThan(300);
    for (const channel of state.channels.values())
      expect(supervisors.some((u) => managesChannel(state, u, channel.id))).toBe(true);
    const sessions = [...state.sessions.values()];
    expect(sessions.some((s) => s.loggedInBy !== s.userId)).toBe(true);
    expect(sessions.some((s) => !s.assigned && s.loggedInBy === s.userId)).toBe(true);
  });

  it('is the same center for the same seed, another for another seed', () => {
    expect(largeDemoCenterEvents(1, NOW)).toEqual(events);
    const other = largeDemoCenterEvents(2, NOW);
    expect(other).not.toEqual(events);
    expect(checkInvariants(build(other))).toEqual([]);
  });

  it('is chosen by size: standard by default', () => {
    expect(demoEvents(undefined, 3, NOW)).toEqual(demoCenterEvents(3, NOW));
    expect(demoEvents('large', 1, NOW)).toEqual(events);
  });
});
