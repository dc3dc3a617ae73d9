/** Diffing a directory against a center: the plan, its events, and removals of people and channels still at work. */
import { describe, expect, it } from 'vitest';
import {
  type Directory,
  type DirectoryPlan,
  diffDirectory,
  formatPlan,
  parseDirectory,
  planIsEmpty,
} from '../../src/directory/index.js';
import { apply, type CenterState, checkInvariants, emptyState, pairKey } from '../../src/domain/index.js';
import { callAnsweredBy, endCall, run, T0 } from '../fixtures/center.js';

const CENTER = `
settings: { agentsMayLogInToUnassigned: false }
pauseReasons: [{ id: break, name: Break }, { id: lunch, name: Lunch }]
channels:
  - { id: sales, kind: queue, name: Sales, wrapUpSeconds: 30, thresholds: { longestWait: [30, 60] } }
  - { id: support, kind: queue, name: Support }
  - { id: web, kind: chat, name: Web chat }
users:
  - { id: ada, name: Ada Martin, roles: [admin] }
  - { id: sam, name: Samuel Roux, roles: [supervisor], supervises: [sales, web] }
  - id: alice
    name: Alice Dupont
    extension: "2001"
    roles: [agent]
    memberOf: [sales, web]
    devices: [{ id: alice-desk, kind: desk_phone, label: Desk 12, address: PJSIP/2001 }]
  - { id: bob, name: Bob Smith, extension: "2002", roles: [agent], memberOf: [sales, support] }
`;

function directory(text: string): Directory {
  const read = parseDirectory(text, 'center.yaml');
  if (!read.ok) throw new Error(read.problems.join('\n'));
  return read.directory;
}

/** Diffs and applies; the state must stay sound. */
function applyPlan(state: CenterState, wanted: Directory, at = T0): DirectoryPlan {
  const plan = diffDirectory(state, wanted, { at });
  for (const event of plan.events) apply(state, event);
  expect(checkInvariants(state)).toEqual([]);
  return plan;
}

function center(): CenterState {
  const state = emptyState();
  applyPlan(state, directory(CENTER));
  return state;
}

/** The center without Alice. */
const WITHOUT_ALICE = CENTER.replace(/ {2}- id: alice[\s\S]*?PJSIP\/2001 }]\n/, '');

describe('a directory applied to an empty center', () => {
  it('creates everything, and applying it again changes nothing', () => {
    const state = emptyState();
    const plan = applyPlan(state, directory(CENTER));
    expect(plan.users.added).toEqual(['ada', 'sam', 'alice', 'bob']);
    expect(plan.channels.added).toEqual(['sales', 'support', 'web']);
    expect(plan.devices.added).toEqual(['alice-desk']);
    expect(plan.assignments).toHaveLength(6);
    expect(state.org.agentsMayLogInToUnassigned).toBe(false);
    expect(state.devices.get('alice-desk')).toMatchObject({ active: false, address: 'PJSIP/2001' });
    const again = diffDirectory(state, directory(CENTER), { at: T0 + 1000 });
    expect(planIsEmpty(again)).toBe(true);
    expect(formatPlan(again)).toEqual(['no changes: the directory is already as the file says']);
  });
});

describe('a changed directory', () => {
  it('changes what differs and keeps what is live (a device stays active)', () => {
    const state = center();
    apply(state, { type: 'device_state_changed', at: T0, deviceId: 'alice-desk', active: true });
    const changed = CENTER.replace('name: Sales,', 'name: Ventes,')
      .replace('label: Desk 12', 'label: Desk 14')
      .replace('roles: [agent], memberOf: [sales, support]', 'roles: [agent], memberOf: [support]');
    const plan = applyPlan(state, directory(changed));
    expect(plan.channels.changed).toEqual([{ id: 'sales', fields: ['name'] }]);
    expect(plan.devices.changed).toEqual([{ id: 'alice-desk', fields: ['label'] }]);
    expect(state.devices.get('alice-desk')).toMatchObject({ label: 'Desk 14', active: true });
    expect(state.assignments.has(pairKey('sales', 'bob'))).toBe(false);
    expect(formatPlan(plan)).toEqual([
      'channels: 0 added, 1 changed, 0 removed',
      '  ~ sales: name',
      'devices: 0 added, 1 changed, 0 removed',
      '  ~ alice-desk: label',
      'assignments: 0 added, 0 changed, 1 removed',
      '  - bob in sales: member',
      '3 event(s)',
    ]);
  });

  it('keeps an unassigned session, flagged, like an admin removing an assignment would', () => {
    const state = center();
    run(state, state.users.get('bob')!, { type: 'login', channelId: 'sales', userId: 'bob' });
    applyPlan(state, directory(CENTER.replace('memberOf: [sales, support]', 'memberOf: [support]')));
    expect(state.sessions.get(pairKey('sales', 'bob'))).toMatchObject({ assigned: false, allowed: false });
  });

  it('stops a monitor its supervisor may no longer run', () => {
    const state = center();
    const sam = state.users.get('sam')!;
    run(state, sam, { type: 'login', channelId: 'sales', userId: 'alice' });
    callAnsweredBy(state, 'sales', 'alice');
    run(state, sam, { type: 'monitor_start', channelId: 'sales', agentId: 'alice', mode: 'listen' });
    const plan = applyPlan(state, directory(CENTER.replace('supervises: [sales, web]', 'supervises: [web]')));
    expect(plan.monitorsStopped).toEqual(['sam']);
    expect(state.monitors.size).toBe(0);
  });

  it('keeps a dropped pause reason, retired, while agents are paused with it; the next apply removes it', () => {
    const state = center();
    const alice = state.users.get('alice')!;
    run(state, alice, { type: 'login', channelId: 'sales', userId: 'alice' });
    run(state, alice, { type: 'pause', channelId: 'sales', userId: 'alice', reasonId: 'lunch' });
    const file = directory(CENTER.replace(', { id: lunch, name: Lunch }', ''));
    const plan = applyPlan(state, file);
    expect(state.pauseReasons).toEqual([
      { id: 'break', label: 'Break' },
      { id: 'lunch', label: 'Lunch', retired: true },
    ]);
    expect(formatPlan(plan)).toContain(
      '  … lunch retired: agents are paused with it (the next apply removes it)',
    );
    expect(diffDirectory(state, file, { at: T0 }).events).toEqual([]);
    run(state, alice, { type: 'resume', channelId: 'sales', userId: 'alice' });
    applyPlan(state, file);
    expect(state.pauseReasons).toEqual([{ id: 'break', label: 'Break' }]);
  });
});

describe('removing people and channels', () => {
  it('logs an idle user out at once, then removes them with their devices and assignments', () => {
    const state = center();
    const sam = state.users.get('sam')!;
    run(state, sam, { type: 'login', channelId: 'sales', userId: 'alice' });
    run(state, sam, { type: 'login', channelId: 'web', userId: 'alice' });
    const plan = applyPlan(state, directory(WITHOUT_ALICE));
    expect(plan.sessions.loggedOut).toEqual([
      { channelId: 'sales', userId: 'alice' },
      { channelId: 'web', userId: 'alice' },
    ]);
    expect(plan.users.removed).toEqual(['alice']);
    expect(state.users.has('alice')).toBe(false);
    expect(state.devices.has('alice-desk')).toBe(false);
    expect([...state.sessions.values()].filter((s) => s.userId === 'alice')).toEqual([]);
    expect(plan.events.filter((e) => e.type === 'agent_logged_out')).toMatchObject([
      { by: 'system' },
      { by: 'system' },
    ]);
  });

  it('lets a busy user finish: a pending logout, the removal waits, and the next apply finishes it', () => {
    const state = center();
    const sam = state.users.get('sam')!;
    run(state, sam, { type: 'login', channelId: 'sales', userId: 'alice' });
    run(state, sam, { type: 'login', channelId: 'web', userId: 'alice' });
    const call = callAnsweredBy(state, 'sales', 'alice');
    const file = directory(WITHOUT_ALICE);

    const plan = applyPlan(state, file);
    expect(plan.sessions).toEqual({
      loggedOut: [{ channelId: 'web', userId: 'alice' }],
      pending: [{ channelId: 'sales', userId: 'alice' }],
    });
    expect(plan.waiting.users).toEqual([{ id: 'alice', busy: [{ channelId: 'sales', userId: 'alice' }] }]);
    expect(state.users.has('alice')).toBe(true);
    expect(state.interactions.get(call)?.agentId).toBe('alice');
    expect(state.sessions.get(pairKey('sales', 'alice'))?.pending).toMatchObject({
      kind: 'logout',
      requestedBy: 'system',
    });
    expect(formatPlan(plan)).toContain("  … user alice stays until alice's interaction in sales ends");

    // Applied again while she is still on the call: nothing new, still waiting.
    const again = applyPlan(state, file);
    expect(again.events).toEqual([]);
    expect(again.waiting.users.map((w) => w.id)).toEqual(['alice']);

    endCall(state, call, T0 + 60_000);
    expect(state.sessions.has(pairKey('sales', 'alice'))).toBe(false);
    const last = applyPlan(state, file, T0 + 61_000);
    expect(last.users.removed).toEqual(['alice']);
    expect(state.users.has('alice')).toBe(false);
    expect(planIsEmpty(diffDirectory(state, file, { at: T0 + 62_000 }))).toBe(true);
  });

  it('takes a channel out the same way: idle sessions out, busy ones pending, then the channel goes', () => {
    const state = center();
    const sam = state.users.get('sam')!;
    run(state, sam, { type: 'login', channelId: 'sales', userId: 'alice' });
    run(state, sam, { type: 'login', channelId: 'sales', userId: 'bob' });
    const call = callAnsweredBy(state, 'sales', 'bob');
    const file = directory(
      CENTER.replace(/ {2}- \{ id: sales, kind: queue.*\n/, '')
        .replace('supervises: [sales, web]', 'supervises: [web]')
        .replace('memberOf: [sales, web]', 'memberOf: [web]')
        .replace('memberOf: [sales, support]', 'memberOf: [support]'),
    );
    const plan = applyPlan(state, file);
    expect(plan.sessions.loggedOut).toEqual([{ channelId: 'sales', userId: 'alice' }]);
    expect(plan.waiting.channels).toEqual([{ id: 'sales', busy: [{ channelId: 'sales', userId: 'bob' }] }]);
    expect(state.channels.has('sales')).toBe(true);
    endCall(state, call, T0 + 60_000);
    applyPlan(state, file, T0 + 61_000);
    expect(state.channels.has('sales')).toBe(false);
    expect(state.stats.has('sales')).toBe(false);
  });
});
