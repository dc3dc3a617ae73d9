import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  apply,
  type CenterState,
  checkInvariants,
  eventRoute,
  mayChangeScope,
  routeReaches,
  sameScope,
  scopedSnapshot,
  stateFromSnapshot,
  toSnapshotData,
  viewScope,
} from '../../src/domain/index.js';
import type { SnapshotData } from '../../src/protocol/index.js';
import { buildCenter, T0, users } from '../fixtures/center.js';
import { eventsOf, operationArb, operationWithDirectoryArb } from './random-operations.js';

const runs = { numRuns: 200 };

describe('any sequence of commands and traffic', () => {
  it('keeps the state sound: no agent on two interactions, no session in a missing channel, no negative wait', () => {
    fc.assert(
      fc.property(fc.array(operationWithDirectoryArb, { minLength: 40, maxLength: 200 }), (steps) => {
        const state = buildCenter();
        let now = T0;
        for (const { op, advanceMs } of steps) {
          now += advanceMs;
          for (const event of eventsOf(state, op, now)) apply(state, event);
          const problems = checkInvariants(state);
          if (problems.length) throw new Error(`after ${JSON.stringify(op)}: ${problems.join('; ')}`);
        }
      }),
      runs,
    );
  });

  it('never turns a session into an assignment or a role', () => {
    const commandsAndTraffic = operationArb.filter(({ op }) => op.kind !== 'assign');
    fc.assert(
      fc.property(fc.array(commandsAndTraffic, { minLength: 40, maxLength: 150 }), (steps) => {
        const state = buildCenter();
        const assignments = JSON.stringify([...state.assignments.entries()]);
        const roles = JSON.stringify([...state.users.values()].map((u) => u.roles));
        let now = T0;
        for (const { op, advanceMs } of steps) {
          now += advanceMs;
          for (const event of eventsOf(state, op, now)) apply(state, event);
        }
        expect(JSON.stringify([...state.assignments.entries()])).toBe(assignments);
        expect(JSON.stringify([...state.users.values()].map((u) => u.roles))).toBe(roles);
      }),
      runs,
    );
  });
});

/** Snapshot data with every list in a fixed order, so two states compare equal when they hold the same. */
function normalised(data: SnapshotData): SnapshotData {
  const by =
    <T>(key: (x: T) => string) =>
    (a: T, b: T) =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  return {
    ...data,
    users: [...data.users].sort(by((u) => u.id)),
    devices: [...data.devices].sort(by((d) => d.id)),
    channels: [...data.channels].sort(by((c) => c.id)),
    assignments: [...data.assignments].sort(by((a) => `${a.channelId} ${a.userId}`)),
    sessions: [...data.sessions].sort(by((s) => `${s.channelId} ${s.userId}`)),
    interactions: [...data.interactions].sort(by((i) => i.id)),
    monitors: [...data.monitors].sort(by((m) => m.supervisorId)),
    stats: [...data.stats].sort(by((s) => s.channelId)),
  };
}

describe('what each user sees', () => {
  const viewers = [users.admin, users.sup, users.otherSup, users.supAgent, users.alice, users.chloe];

  it('stays equal to their scoped snapshot when fed only the deltas their scope lets through', () => {
    fc.assert(
      fc.property(fc.array(operationWithDirectoryArb, { minLength: 40, maxLength: 150 }), (steps) => {
        const hub = buildCenter();
        const views = viewers.map((user) => {
          const scope = viewScope(hub, user);
          return { user, scope, state: stateFromSnapshot(scopedSnapshot(hub, scope)) as CenterState };
        });
        let now = T0;
        for (const { op, advanceMs } of steps) {
          now += advanceMs;
          for (const event of eventsOf(hub, op, now)) {
            const route = eventRoute(hub, event);
            const rescope = views.map((v) => mayChangeScope(hub, event, v.user.id));
            apply(hub, event);
            views.forEach((view, i) => {
              if (rescope[i]) {
                const scope = viewScope(hub, view.user);
                if (!sameScope(scope, view.scope)) {
                  view.scope = scope;
                  view.state = stateFromSnapshot(scopedSnapshot(hub, scope));
                  return;
                }
              }
              if (routeReaches(route, view.scope)) apply(view.state, event);
            });
          }
          for (const view of views) {
            expect(
              normalised(toSnapshotData(view.state)),
              `${view.user.id} after ${JSON.stringify(op)}`,
            ).toEqual(normalised(scopedSnapshot(hub, view.scope)));
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
