import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type EventRoute, routeReaches, type ViewScope } from '../../src/domain/index.js';
import { Audience } from '../../src/hub/audience.js';

const CHANNELS = ['sales', 'support', 'vip', 'billing', 'chat-1'];
const USERS = ['ana', 'bob', 'cleo', 'dan'];

const channel = fc.constantFrom(...CHANNELS);
const user = fc.constantFrom(...USERS);
const channels = fc.uniqueArray(channel);

/** A scope as viewScope makes them: what a user manages, they see. */
const scope: fc.Arbitrary<ViewScope> = fc
  .record({ userId: user, manager: fc.boolean(), managed: channels, alsoVisible: channels })
  .map(({ userId, manager, managed, alsoVisible }) => ({
    userId,
    manager,
    managed: new Set(managed),
    visible: new Set([...managed, ...alsoVisible]),
  }));

const route: fc.Arbitrary<EventRoute> = fc.oneof(
  fc.constant({ kind: 'everyone' as const }),
  fc.constant({ kind: 'nobody' as const }),
  user.map((userId) => ({ kind: 'user' as const, userId })),
  channel.map((channelId) => ({ kind: 'channel' as const, channelId })),
  channel.map((channelId) => ({ kind: 'managed' as const, channelId })),
  fc
    .record({ channelId: channel, agentId: user, sessionChannels: channels })
    .map((r) => ({ kind: 'handled' as const, ...r })),
  fc.record({ channelId: channel, userId: user }).map((r) => ({ kind: 'pair' as const, ...r })),
  fc.record({ channelId: channel, supervisorId: user }).map((r) => ({ kind: 'monitor' as const, ...r })),
);

/** What happens to the connections: one opens or changes scope, or one closes. */
const change = fc.record({ member: fc.nat(5), scope: fc.option(scope, { nil: undefined }) });

describe('the audience of an event', () => {
  it('is exactly the connections whose scope the route reaches, each once, as scopes come and go', () => {
    fc.assert(
      fc.property(
        fc.array(change, { maxLength: 30 }),
        fc.array(route, { minLength: 1, maxLength: 10 }),
        (changes, routes) => {
          const audience = new Audience<number>();
          const scopes = new Map<number, ViewScope>();
          for (const { member, scope } of changes) {
            audience.set(member, scope);
            if (scope) scopes.set(member, scope);
            else scopes.delete(member);
          }
          for (const r of routes) {
            const reached: number[] = [];
            audience.reach(r, (member) => reached.push(member));
            const expected = [...scopes].filter(([, s]) => routeReaches(r, s)).map(([member]) => member);
            expect(reached.sort()).toEqual(expected.sort());
          }
        },
      ),
    );
  });

  it('finds the connections of a user, and forgets a closed one', () => {
    const audience = new Audience<string>();
    const ana: ViewScope = {
      userId: 'ana',
      manager: true,
      managed: new Set(['sales']),
      visible: new Set(['sales']),
    };
    audience.set('first', ana);
    audience.set('second', ana);
    audience.set('first', undefined);
    expect(audience.ofUser('ana')).toEqual(['second']);
    const reached: string[] = [];
    audience.reach({ kind: 'channel', channelId: 'sales' }, (member) => reached.push(member));
    expect(reached).toEqual(['second']);
  });
});
