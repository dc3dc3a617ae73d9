/**
 * After an admin turns unassigned logins off, a supervisor reviews every session in a channel its
 * agent is not assigned to (◇), whoever opened it: the product's help asks them to "log out the
 * users from any unassigned queue you no longer want them in". Those the agent opened themselves
 * are no longer allowed (⊘) and come first. The setting still governs only agents' own logins.
 */
import { describe, expect, it } from 'vitest';
import { pairKey, unassignedSessions } from '../../src/domain/index.js';
import { buildCenter, refusal, run, users } from './center-fixture.js';

function centerWithUnassignedSessions() {
  const state = buildCenter();
  // bob is a Sales agent: he logs himself in to Web chat (not his), then sam logs chloe in there.
  run(state, users.bob, { type: 'login', channelId: 'web', userId: 'bob' });
  run(state, users.sup, { type: 'login', channelId: 'web', userId: 'chloe' });
  run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
  // Support is olga's: chloe is assigned there, bob is not.
  run(state, users.otherSup, { type: 'login', channelId: 'support', userId: 'bob' });
  run(state, users.admin, { type: 'set_org_settings', agentsMayLogInToUnassigned: false });
  return state;
}

describe('sessions in unassigned channels', () => {
  it('lists every unassigned session in the channels the viewer manages, the ⊘ ones first', () => {
    const state = centerWithUnassignedSessions();
    const listed = unassignedSessions(state, users.sup).map((s) => ({
      who: s.session.userId,
      where: s.session.channelId,
      notAllowed: s.notAllowed,
    }));
    expect(listed).toEqual([
      { who: 'bob', where: 'web', notAllowed: true },
      { who: 'chloe', where: 'web', notAllowed: false },
    ]);
    // olga sees only her channel; an admin sees all three.
    expect(unassignedSessions(state, users.otherSup).map((s) => s.session.userId)).toEqual(['bob']);
    expect(unassignedSessions(state, users.admin).map((s) => s.session.channelId)).toEqual([
      'web',
      'support',
      'web',
    ]);
  });

  it('never ends a session when the setting is turned off; any subset can be logged out', () => {
    const state = centerWithUnassignedSessions();
    expect(state.sessions.has(pairKey('web', 'bob'))).toBe(true);
    expect(state.sessions.has(pairKey('web', 'chloe'))).toBe(true);
    // The supervisor keeps bob and logs chloe out: a session they opened themselves.
    run(state, users.sup, { type: 'logout', channelId: 'web', userId: 'chloe' });
    expect(unassignedSessions(state, users.sup).map((s) => s.session.userId)).toEqual(['bob']);
  });

  it('the setting governs agents’ own logins; supervisors may still log anyone in', () => {
    const state = centerWithUnassignedSessions();
    run(state, users.bob, { type: 'logout', channelId: 'web', userId: 'bob' });
    expect(refusal(state, users.bob, { type: 'login', channelId: 'web', userId: 'bob' })).toBe(
      'unassigned_not_allowed',
    );
    run(state, users.sup, { type: 'login', channelId: 'web', userId: 'bob' });
    expect(unassignedSessions(state, users.sup)).toMatchObject([
      { session: { userId: 'bob', channelId: 'web' }, notAllowed: false },
      { session: { userId: 'chloe', channelId: 'web' }, notAllowed: false },
    ]);
  });
});
