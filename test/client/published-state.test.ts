import { describe, expect, it } from 'vitest';
import { PublishedState } from '../../src/client/published-state.js';
import { apply, emptyState, tallyChannels } from '../../src/domain/index.js';
import type { ChannelStats } from '../../src/protocol/index.js';
import { buildCenter, run, users } from '../fixtures/center.js';

const stats = (channelId: string, handled: number) => ({ channelId, handled }) as unknown as ChannelStats;

describe('PublishedState', () => {
  it('keeps the live map’s order through deletes and re-adds between publishes', () => {
    const live = emptyState();
    for (const id of ['a', 'b', 'c']) live.stats.set(id, stats(id, 0));
    const published = new PublishedState(live);
    published.publish();
    published.publish();
    // a leaves and comes back after d (last), b gets a new value (keeps its place), c leaves.
    live.stats.delete('a');
    live.stats.set('d', stats('d', 0));
    live.stats.set('a', stats('a', 1));
    live.stats.set('b', stats('b', 2));
    live.stats.delete('c');
    const first = published.publish().stats;
    expect([...first.keys()]).toEqual(['b', 'd', 'a']);
    expect(first.get('b')?.handled).toBe(2);
    live.stats.set('e', stats('e', 0));
    live.stats.delete('d');
    live.stats.set('d', stats('d', 3));
    // The other copy catches up on both periods' changes.
    expect([...published.publish().stats]).toEqual([...live.stats]);
  });

  it('leaves a published map as it was until the next publish but one', () => {
    const live = emptyState();
    live.stats.set('a', stats('a', 0));
    const published = new PublishedState(live);
    const first = published.publish().stats;
    live.stats.set('a', stats('a', 1));
    const second = published.publish().stats;
    expect(first.get('a')?.handled).toBe(0);
    expect(second.get('a')?.handled).toBe(1);
    live.stats.set('a', stats('a', 2));
    published.publish();
    expect(second.get('a')?.handled).toBe(1);
  });

  it('publishes an unchanged collection as the same map', () => {
    const live = emptyState();
    live.stats.set('a', stats('a', 0));
    const published = new PublishedState(live);
    const first = published.publish();
    live.stats.set('a', stats('a', 1));
    const second = published.publish();
    expect(second.users).toBe(first.users);
    expect(second.stats).not.toBe(first.stats);
    expect(published.publish().stats).toBe(second.stats);
  });
});

describe('PublishedState after a clear', () => {
  it('copies a cleared collection whole, on both copies', () => {
    const live = emptyState();
    for (const id of ['a', 'b']) live.stats.set(id, stats(id, 0));
    const published = new PublishedState(live);
    published.publish();
    live.stats.set('c', stats('c', 0));
    published.publish();
    live.stats.clear();
    live.stats.set('d', stats('d', 0));
    expect([...published.publish().stats.keys()]).toEqual(['d']);
    live.stats.set('e', stats('e', 0));
    expect([...published.publish().stats.keys()]).toEqual(['d', 'e']);
  });
});

describe('PublishedState’s channel tallies', () => {
  it('are a new map when a channel’s counters or the channel change, the same one otherwise', () => {
    const live = buildCenter();
    const published = new PublishedState(live);
    published.publish();
    const first = published.tallies;
    published.publish();
    // Nothing changed: the board keeps its KPIs.
    expect(published.tallies).toBe(first);
    const channelId = [...live.stats.keys()][0] as string;
    live.stats.set(channelId, { ...(live.stats.get(channelId) as ChannelStats), answered: 99 });
    published.publish();
    const afterStats = published.tallies;
    expect(afterStats).not.toBe(first);
    const channel = live.channels.get(channelId);
    if (!channel) throw new Error('no channel');
    live.channels.set(channelId, { ...channel, name: 'Renamed' });
    published.publish();
    expect(published.tallies).not.toBe(afterStats);
  });

  it('count again from what is left after the sessions are cleared', () => {
    const live = buildCenter();
    for (const event of run(live, users.admin, { type: 'login', channelId: 'sales', userId: 'bob' }))
      apply(live, event);
    const published = new PublishedState(live);
    published.publish();
    expect([...published.tallies.values()].some((t) => t.agents.total > 0)).toBe(true);
    live.sessions.clear();
    published.publish();
    expect([...published.tallies.values()].every((t) => t.agents.total === 0)).toBe(true);
    expect(published.tallies).toEqual(tallyChannels(live));
  });
});
