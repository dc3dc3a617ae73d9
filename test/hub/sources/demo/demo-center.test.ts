/** The demo center meets every number the issue asks for, and one seed always gives the same center. */
import { describe, expect, it } from 'vitest';
import { apply, checkInvariants, emptyState, hasRole, managesChannel } from '../../../../src/domain/index.js';
import {
  DEMO_ADMIN_ID,
  DEMO_AGENT_ID,
  DEMO_SUPERVISOR_ID,
  demoCenterEvents,
} from '../../../../src/hub/index.js';
import { CenterEvent } from '../../../../src/protocol/index.js';

const NOW = Date.UTC(2026, 10, 23, 14, 0, 0);

function build(seed: number) {
  const events = demoCenterEvents(seed, NOW);
  const state = emptyState();
  for (const event of events) apply(state, event);
  return { events, state };
}

describe('demo contact center', () => {
  for (const seed of [1, 2, 7, 42, 1234]) {
    it(`meets every requirement with seed ${seed}`, () => {
      const { events, state } = build(seed);
      for (const event of events) expect(CenterEvent.safeParse(event).success).toBe(true);
      expect(checkInvariants(state)).toEqual([]);

      const users = [...state.users.values()];
      expect(users.length).toBeGreaterThanOrEqual(60);
      expect(new Set(users.map((u) => u.name)).size).toBe(users.length);
      for (const user of users) {
        expect(user.name).toMatch(/^\p{Lu}[\p{L}'-]+ \p{Lu}[\p{L}'-]+$/u);
        expect(user.extension).toMatch(/^\d{4}$/);
      }
      expect(new Set(users.map((u) => u.extension)).size).toBe(users.length);
      expect(users.filter((u) => hasRole(u, 'supervisor')).length).toBeGreaterThanOrEqual(3);
      expect(users.filter((u) => hasRole(u, 'admin')).length).toBeGreaterThanOrEqual(1);
      expect(users.filter((u) => u.roles.length > 1).length).toBeGreaterThanOrEqual(2);
      expect(users.some((u) => hasRole(u, 'supervisor') && hasRole(u, 'agent'))).toBe(true);

      const channels = [...state.channels.values()];
      const count = (kind: string) => channels.filter((c) => c.kind === kind).length;
      expect([count('queue'), count('chat'), count('campaign')]).toEqual([6, 3, 2]);
      expect(channels.some((c) => c.settings.supervisorsMayEndWrapUp)).toBe(true);
      expect(channels.some((c) => !c.settings.supervisorsMayEndWrapUp)).toBe(true);
      expect(new Set(channels.map((c) => c.settings.wrapUpSeconds)).size).toBeGreaterThan(3);
      for (const c of channels) expect(c.settings.wrapUpSeconds).toBeLessThanOrEqual(60);

      expect(state.pauseReasons.map((r) => r.label)).toEqual(
        expect.arrayContaining(['Break', 'Lunch', 'Training', 'Meeting', 'Coaching']),
      );

      for (const user of users) {
        const devices = [...(state.devicesByUser.get(user.id) ?? [])];
        expect(devices.length).toBeGreaterThanOrEqual(1);
        expect(devices.length).toBeLessThanOrEqual(3);
      }
      const devices = [...state.devices.values()];
      expect(devices.some((d) => d.active)).toBe(true);
      expect(devices.some((d) => !d.active)).toBe(true);

      // Overlapping assignments: agents assigned to several channels, channels shared by many agents.
      const perAgent = new Map<string, number>();
      for (const a of state.assignments.values())
        if (a.asAgent) perAgent.set(a.userId, (perAgent.get(a.userId) ?? 0) + 1);
      expect([...perAgent.values()].filter((n) => n > 1).length).toBeGreaterThan(10);

      const sessions = [...state.sessions.values()];
      const agents = users.filter((u) => hasRole(u, 'agent'));
      const loggedIn = new Set(sessions.map((s) => s.userId));
      expect(loggedIn.size / agents.length).toBeGreaterThan(0.7);
      expect(sessions.some((s) => s.status === 'paused')).toBe(true);
      expect(
        sessions.some(
          (s) =>
            !s.assigned && s.loggedInBy === s.userId && state.channels.get(s.channelId)?.kind === 'queue',
        ),
      ).toBe(true);
      expect(sessions.some((s) => s.loggedInBy !== s.userId)).toBe(true);
    });
  }

  it('has the stable users the wallboard and the tests rely on', () => {
    const { state } = build(99);
    const supervisor = state.users.get(DEMO_SUPERVISOR_ID);
    expect(supervisor?.roles).toContain('supervisor');
    const managed = [...state.channels.values()].filter(
      (c) => supervisor && managesChannel(state, supervisor, c.id),
    );
    expect(new Set(managed.map((c) => c.kind))).toEqual(new Set(['queue', 'chat', 'campaign']));
    expect(managed.length).toBeLessThan(state.channels.size);
    expect(state.users.get(DEMO_ADMIN_ID)?.roles).toContain('admin');
    expect(state.users.get(DEMO_AGENT_ID)?.roles).toEqual(['agent']);
    expect([...state.sessions.values()].filter((s) => s.userId === DEMO_AGENT_ID).length).toBeGreaterThan(0);
  });

  it('is the same for the same seed, and differs between seeds', () => {
    expect(demoCenterEvents(5, NOW)).toEqual(demoCenterEvents(5, NOW));
    expect(demoCenterEvents(5, NOW)).not.toEqual(demoCenterEvents(6, NOW));
  });
});
