/**
 * Who an event reaches: the connections indexed by what their view scopes hold (the channels
 * each sees, the channels each manages, its user, whether it is a manager's), so that an
 * event's route finds its connections in a few lookups. Asking `routeReaches` of every
 * connection's scope for every event cost ~40,000 checks a step at 200 wallboards and 2,000
 * events a second (bench/README.md). The answer is exactly `routeReaches`'s, connection by
 * connection (test/hub/audience.test.ts compares them).
 */
import type { EventRoute, ViewScope } from '../domain/index.js';

export class Audience<C> {
  private readonly scopes = new Map<C, ViewScope>();
  private readonly managers = new Set<C>();
  private readonly byUser = new Map<string, Set<C>>();
  private readonly visibleBy = new Map<string, Set<C>>();
  private readonly managedBy = new Map<string, Set<C>>();

  /** `member` now sees `scope` (its first, or a new one); undefined: it sees nothing any more. */
  set(member: C, scope: ViewScope | undefined): void {
    const old = this.scopes.get(member);
    if (old === scope) return;
    if (old) {
      this.scopes.delete(member);
      this.managers.delete(member);
      leave(this.byUser, old.userId, member);
      for (const channelId of old.visible) leave(this.visibleBy, channelId, member);
      for (const channelId of old.managed) leave(this.managedBy, channelId, member);
    }
    if (!scope) return;
    this.scopes.set(member, scope);
    if (scope.manager) this.managers.add(member);
    join(this.byUser, scope.userId, member);
    for (const channelId of scope.visible) join(this.visibleBy, channelId, member);
    for (const channelId of scope.managed) join(this.managedBy, channelId, member);
  }

  /** The members whose scope is `userId`'s (a copy: the caller may change their scopes). */
  ofUser(userId: string): C[] {
    const members = this.byUser.get(userId);
    return members ? [...members] : [];
  }

  /** Calls `each` once for every member whose scope `route` reaches (`routeReaches`). */
  reach(route: EventRoute, each: (member: C) => void): void {
    for (const member of this.reached(route)) each(member);
  }

  private reached(route: EventRoute): Iterable<C> {
    switch (route.kind) {
      case 'everyone':
        return this.scopes.keys();
      case 'nobody':
        return [];
      case 'user':
        return this.union(this.managers, this.byUser.get(route.userId));
      case 'channel':
        return this.union(this.visibleBy.get(route.channelId));
      case 'managed':
        return this.union(this.managedBy.get(route.channelId));
      case 'handled':
        return this.union(
          this.visibleBy.get(route.channelId),
          this.byUser.get(route.agentId),
          ...route.sessionChannels.map((channelId) => this.managedBy.get(channelId)),
        );
      case 'pair':
        return this.union(this.managedBy.get(route.channelId), this.byUser.get(route.userId));
      case 'monitor':
        return this.union(this.managedBy.get(route.channelId), this.byUser.get(route.supervisorId));
    }
  }

  /**
   * The members of `groups`, each once. A group is handed as it is: `each` may close a
   * connection (a slow consumer), which deletes it from its groups, and a Set's iteration
   * allows that; nothing joins a group while an event is delivered.
   */
  private union(...groups: (ReadonlySet<C> | undefined)[]): Iterable<C> {
    const present = groups.filter((group): group is ReadonlySet<C> => group !== undefined && group.size > 0);
    const [first] = present;
    if (!first) return [];
    if (present.length === 1) return first;
    const union = new Set(first);
    for (const group of present.slice(1)) for (const member of group) union.add(member);
    return union;
  }
}

function join<C>(index: Map<string, Set<C>>, key: string, member: C): void {
  const members = index.get(key);
  if (members) members.add(member);
  else index.set(key, new Set([member]));
}

function leave<C>(index: Map<string, Set<C>>, key: string, member: C): void {
  const members = index.get(key);
  if (!members) return;
  members.delete(member);
  if (members.size === 0) index.delete(key);
}
