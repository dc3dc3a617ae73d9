import { describe, expect, it } from 'vitest';
import { apply, decide, managesChannel, pairKey, scopedSnapshot, viewScope } from '../../src/domain/index.js';
import { buildCenter, callAnsweredBy, refusal, run, T0, users } from './center-fixture.js';

describe('logging an agent in', () => {
  it('lets a supervisor log an agent in to a channel they supervise, as a session only', () => {
    const state = buildCenter();
    const assignmentsBefore = [...state.assignments.values()];
    run(state, users.sup, { type: 'login', channelId: 'web', userId: 'bob' });
    const session = state.sessions.get(pairKey('web', 'bob'));
    expect(session).toMatchObject({ status: 'available', loggedInBy: 'sam', assigned: false, allowed: true });
    // A session is never an assignment and never a role.
    expect([...state.assignments.values()]).toEqual(assignmentsBefore);
    expect(state.users.get('bob')?.roles).toEqual(['agent']);
  });

  it('marks a session as assigned when the agent is a member of the channel', () => {
    const state = buildCenter();
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
    expect(state.sessions.get(pairKey('sales', 'alice'))?.assigned).toBe(true);
  });

  it('leaves no membership behind after logging out again', () => {
    const state = buildCenter();
    run(state, users.sup, { type: 'login', channelId: 'web', userId: 'bob' });
    run(state, users.sup, { type: 'logout', channelId: 'web', userId: 'bob' });
    expect(state.sessions.has(pairKey('web', 'bob'))).toBe(false);
    expect(state.assignments.has(pairKey('web', 'bob'))).toBe(false);
  });

  it('refuses a supervisor outside the channel, until the org lifts the limit', () => {
    const state = buildCenter();
    expect(refusal(state, users.otherSup, { type: 'login', channelId: 'sales', userId: 'alice' })).toBe(
      'forbidden',
    );
    run(state, users.admin, { type: 'set_org_settings', supervisorsLimitedToAssigned: false });
    run(state, users.otherSup, { type: 'login', channelId: 'sales', userId: 'alice' });
    expect(state.sessions.has(pairKey('sales', 'alice'))).toBe(true);
  });

  it('lets an admin log anyone in anywhere', () => {
    const state = buildCenter();
    run(state, users.admin, { type: 'login', channelId: 'winback', userId: 'chloe' });
    expect(state.sessions.get(pairKey('winback', 'chloe'))?.loggedInBy).toBe('ada');
  });

  it('lets an agent log themself in to an assigned channel, and to an unassigned one only while the org allows it', () => {
    const state = buildCenter();
    run(state, users.alice, { type: 'login', channelId: 'sales', userId: 'alice' });
    run(state, users.alice, { type: 'login', channelId: 'support', userId: 'alice' });
    expect(state.sessions.get(pairKey('support', 'alice'))).toMatchObject({ assigned: false, allowed: true });
    run(state, users.admin, { type: 'set_org_settings', agentsMayLogInToUnassigned: false });
    expect(refusal(state, users.alice, { type: 'login', channelId: 'winback', userId: 'alice' })).toBe(
      'unassigned_not_allowed',
    );
    run(state, users.bob, { type: 'login', channelId: 'sales', userId: 'bob' });
  });

  it('refuses an agent logging another agent in', () => {
    const state = buildCenter();
    expect(refusal(state, users.alice, { type: 'login', channelId: 'sales', userId: 'bob' })).toBe(
      'forbidden',
    );
  });

  it('refuses a user without the agent role logging themself in where they do not manage', () => {
    const state = buildCenter();
    expect(refusal(state, users.otherSup, { type: 'login', channelId: 'sales', userId: 'olga' })).toBe(
      'forbidden',
    );
  });

  it('names what is wrong: unknown channel, unknown user, already logged in', () => {
    const state = buildCenter();
    expect(refusal(state, users.sup, { type: 'login', channelId: 'nope', userId: 'bob' })).toBe(
      'unknown_channel',
    );
    expect(refusal(state, users.sup, { type: 'login', channelId: 'sales', userId: 'nobody' })).toBe(
      'unknown_user',
    );
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'bob' });
    expect(refusal(state, users.sup, { type: 'login', channelId: 'sales', userId: 'bob' })).toBe(
      'already_logged_in',
    );
  });

  it("refuses every command from a read-only sign-in, even an admin's", () => {
    const state = buildCenter();
    const login = { type: 'login', channelId: 'sales', userId: 'bob' } as const;
    const readOnly = decide(state, { user: users.admin, readOnly: true }, login, T0);
    expect(readOnly.ok ? 'ok' : readOnly.error.code).toBe('read_only');
    expect(decide(state, { user: users.admin, readOnly: false }, login, T0).ok).toBe(true);
  });
});

describe('turning off unassigned logins', () => {
  it('logs nobody out and flags the sessions agents opened themselves in unassigned channels', () => {
    const state = buildCenter();
    run(state, users.alice, { type: 'login', channelId: 'support', userId: 'alice' }); // self, unassigned
    run(state, users.alice, { type: 'login', channelId: 'sales', userId: 'alice' }); // self, assigned
    run(state, users.sup, { type: 'login', channelId: 'web', userId: 'bob' }); // by a supervisor, unassigned
    run(state, users.admin, { type: 'set_org_settings', agentsMayLogInToUnassigned: false });
    expect(state.sessions.get(pairKey('support', 'alice'))).toMatchObject({
      allowed: false,
      status: 'available',
    });
    expect(state.sessions.get(pairKey('sales', 'alice'))?.allowed).toBe(true);
    expect(state.sessions.get(pairKey('web', 'bob'))?.allowed).toBe(true);
    expect(state.sessions.size).toBe(3);
  });

  it('keeps a flagged session until the agent or a supervisor logs it out', () => {
    const state = buildCenter();
    run(state, users.alice, { type: 'login', channelId: 'support', userId: 'alice' });
    run(state, users.admin, { type: 'set_org_settings', agentsMayLogInToUnassigned: false });
    run(state, users.otherSup, { type: 'logout', channelId: 'support', userId: 'alice' });
    expect(state.sessions.has(pairKey('support', 'alice'))).toBe(false);
  });

  it('clears the flag when the org allows unassigned logins again, or the agent gets assigned', () => {
    const state = buildCenter();
    run(state, users.alice, { type: 'login', channelId: 'support', userId: 'alice' });
    run(state, users.admin, { type: 'set_org_settings', agentsMayLogInToUnassigned: false });
    run(state, users.admin, { type: 'set_org_settings', agentsMayLogInToUnassigned: true });
    expect(state.sessions.get(pairKey('support', 'alice'))?.allowed).toBe(true);
  });

  it('is an admin setting only', () => {
    const state = buildCenter();
    expect(refusal(state, users.sup, { type: 'set_org_settings', agentsMayLogInToUnassigned: false })).toBe(
      'forbidden',
    );
    expect(refusal(state, users.alice, { type: 'set_org_settings', agentsMayLogInToUnassigned: false })).toBe(
      'forbidden',
    );
  });
});

describe('a supervisor assigned to a channel only as an agent', () => {
  it('does not manage it: logs only themself in, acts on no one else, monitors no one, sees only their own session', () => {
    const state = buildCenter();
    apply(state, {
      type: 'assignment_set',
      at: T0,
      assignment: { userId: 'sophie', channelId: 'sales', asAgent: true, asSupervisor: false },
    });
    expect(managesChannel(state, users.supAgent, 'sales')).toBe(false);
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
    expect(refusal(state, users.supAgent, { type: 'login', channelId: 'sales', userId: 'bob' })).toBe(
      'forbidden',
    );
    expect(
      refusal(state, users.supAgent, {
        type: 'pause',
        channelId: 'sales',
        userId: 'alice',
        reasonId: 'break',
      }),
    ).toBe('forbidden');
    expect(refusal(state, users.supAgent, { type: 'logout', channelId: 'sales', userId: 'alice' })).toBe(
      'forbidden',
    );
    callAnsweredBy(state, 'sales', 'alice');
    expect(
      refusal(state, users.supAgent, {
        type: 'monitor_start',
        channelId: 'sales',
        agentId: 'alice',
        mode: 'listen',
      }),
    ).toBe('forbidden');
    run(state, users.supAgent, { type: 'login', channelId: 'sales', userId: 'sophie' });
    const seen = scopedSnapshot(state, viewScope(state, users.supAgent));
    expect(seen.sessions.filter((s) => s.channelId === 'sales').map((s) => s.userId)).toEqual(['sophie']);
  });
});
