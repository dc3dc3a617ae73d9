/**
 * The figures view's builder: a viewer's figures say what their snapshot would let a client
 * count (no channel, counter, session or person outside their scope), whole in frames under
 * 64 KiB that put together give the figures back.
 */
import { describe, expect, it } from 'vitest';
import { FiguresAssembly } from '../../src/client/figures-state.js';
import {
  type CenterState,
  scopedSnapshot,
  stateFromSnapshot,
  tallyChannels,
  type ViewScope,
  viewScope,
} from '../../src/domain/index.js';
import { figuresData, figuresFrames } from '../../src/hub/figures.js';
import { FiguresFeed, FiguresSubscription, featureRefusal } from '../../src/hub/figures-feed.js';
import {
  FIGURES_REFRESH_MS,
  Figures,
  MAX_FRAME_BYTES,
  parseHubMessage,
  type User,
} from '../../src/protocol/index.js';
import { buildCenter, callAnsweredBy, run, T0, users } from '../fixtures/center.js';

/**
 * sales: bob on a call, alice on a web chat (busy elsewhere), a call waiting; support: chloe;
 * winback: sophie (supervisor and agent).
 */
function busyCenter(): CenterState {
  const state = buildCenter();
  run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
  run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'bob' });
  run(state, users.sup, { type: 'login', channelId: 'web', userId: 'alice' });
  run(state, users.otherSup, { type: 'login', channelId: 'support', userId: 'chloe' });
  run(state, users.supAgent, { type: 'login', channelId: 'winback', userId: 'sophie' });
  const webChat = callAnsweredBy(state, 'web', 'alice', T0, T0 + 1000);
  callAnsweredBy(state, 'sales', 'bob');
  apply(state, webChat);
  return state;
}

/** A chat message in the web chat (its transcript must not reach the figures). */
function apply(state: CenterState, interactionId: string): void {
  const interaction = state.interactions.get(interactionId);
  if (interaction)
    state.interactions.set(interactionId, {
      ...interaction,
      transcript: [{ from: 'customer', text: 'my order', at: T0 + 2000 }],
    });
  state.interactions.set('waiting-1', {
    id: 'waiting-1',
    channelId: 'sales',
    kind: 'call',
    customer: { name: 'Wanda Waiting', address: '+33 1' },
    queuedAt: T0 + 3000,
    answeredAt: null,
    agentId: null,
    transcript: [],
  });
}

const scopeOf = (state: CenterState, user: User): ViewScope => viewScope(state, user);

describe('figures of a scope', () => {
  const state = busyCenter();
  const tallies = tallyChannels(state);

  it.each([
    ['a supervisor', users.sup],
    ['another supervisor', users.otherSup],
    ['a supervisor who is also an agent', users.supAgent],
    ['an agent', users.alice],
  ])('count for %s what their snapshot would let a client count, no more', (_, user) => {
    const scope = scopeOf(state, user);
    const data = figuresData(state, tallies, scope, null);
    const seen = stateFromSnapshot(scopedSnapshot(state, scope));
    const fromSnapshot = tallyChannels(seen);
    expect(data.channels.map((c) => c.id).sort()).toEqual([...seen.channels.keys()].sort());
    expect(data.stats).toEqual([...seen.stats.values()]);
    for (const figures of data.figures) {
      const tally = fromSnapshot.get(figures.channelId);
      expect(figures).toEqual({
        channelId: figures.channelId,
        waiting: tally?.waiting ?? 0,
        oldestQueuedAt: tally?.oldestQueuedAt ?? null,
        agents: tally
          ? { ...tally.agents }
          : { available: 0, busy: 0, wrap_up: 0, paused: 0, pending: 0, total: 0 },
      });
    }
    expect(data.figures.map((f) => f.channelId)).toEqual(data.channels.map((c) => c.id));
  });

  it("never holds another supervisor's channels", () => {
    const olga = figuresData(state, tallies, scopeOf(state, users.otherSup), 'support');
    const ids = [
      ...olga.channels.map((c) => c.id),
      ...olga.stats.map((s) => s.channelId),
      ...olga.figures.map((f) => f.channelId),
    ];
    expect(ids).toContain('support');
    expect(ids).not.toContain('sales');
    expect(ids).not.toContain('web');
  });

  it("carries the featured channel's agents, their people, devices and interactions, without transcripts", () => {
    const data = figuresData(state, tallies, scopeOf(state, users.sup), 'sales');
    const slice = data.featured;
    expect(slice?.channelId).toBe('sales');
    expect(slice?.sessions.map((s) => s.userId).sort()).toEqual(['alice', 'bob']);
    expect(slice?.users.map((u) => u.id).sort()).toEqual(['alice', 'bob']);
    expect(slice?.devices.map((d) => d.id)).toEqual(['alice-desk']);
    // Bob's call in sales, and Alice's chat in web (a channel Sam sees): without its transcript.
    expect(slice?.interactions.map((i) => i.channelId).sort()).toEqual(['sales', 'web']);
    expect(slice?.interactions.every((i) => i.transcript.length === 0)).toBe(true);
    // The waiting call is counted, not listed.
    expect(slice?.interactions.some((i) => i.id === 'waiting-1')).toBe(false);
    expect(data.figures.find((f) => f.channelId === 'sales')).toMatchObject({
      waiting: 1,
      oldestQueuedAt: T0 + 3000,
      agents: { busy: 2, available: 0, total: 2 },
    });
  });

  it('gives an agent only their own session of a featured channel, and no featured channel out of scope', () => {
    const alice = figuresData(state, tallies, scopeOf(state, users.alice), 'sales');
    expect(alice.featured?.sessions.map((s) => s.userId)).toEqual(['alice']);
    expect(alice.featured?.users.map((u) => u.id)).toEqual(['alice']);
    expect(figuresData(state, tallies, scopeOf(state, users.otherSup), 'sales').featured).toBeNull();
  });

  it('refuses a feature of a channel out of scope or unknown alike, and one on the events view', () => {
    const feed = new FiguresFeed({ state, seq: 1, epoch: 'e' }, () => T0);
    const subscription = new FiguresSubscription(
      feed,
      () => T0,
      () => {},
    );
    const scope = scopeOf(state, users.otherSup);
    expect(featureRefusal(subscription, scope, 'sales')?.code).toBe('unknown_channel');
    expect(featureRefusal(subscription, scope, 'nowhere')?.code).toBe('unknown_channel');
    expect(subscription.featured).toBeNull();
    expect(featureRefusal(undefined, scope, 'support')?.code).toBe('bad_message');
    expect(featureRefusal(subscription, scope, 'support')).toBeNull();
    expect(subscription.featured).toBe('support');
  });
});

describe('figures frames', () => {
  const state = busyCenter();
  const data = figuresData(state, tallyChannels(state), viewScope(state, users.sup), 'sales');

  it('parse with the protocol schema, one frame when they fit', () => {
    const frames = figuresFrames('e1', 7, T0, data);
    expect(frames).toHaveLength(1);
    const parsed = parseHubMessage(frames[0] ?? '');
    expect(parsed.ok && parsed.value).toEqual({
      type: 'figures',
      epoch: 'e1',
      seq: 7,
      at: T0,
      part: 0,
      parts: 1,
      data,
    });
  });

  it('split into parts under the frame limit that put together give the figures back', () => {
    const frames = figuresFrames('e1', 7, T0, data, JSON.stringify(data), 600);
    expect(frames.length).toBeGreaterThan(3);
    const assembly = new FiguresAssembly();
    let whole = null;
    for (const frame of frames) {
      expect(Buffer.byteLength(frame)).toBeLessThan(MAX_FRAME_BYTES);
      whole = assembly.take(Figures.parse(JSON.parse(frame)));
    }
    expect(whole?.featured).toBe('sales');
    expect([...(whole?.state.channels.keys() ?? [])]).toEqual(data.channels.map((c) => c.id));
    expect([...(whole?.state.sessions.values() ?? [])].map((s) => s.userId).sort()).toEqual(['alice', 'bob']);
    expect(whole?.tallies.get('sales')?.agentIds.slice().sort()).toEqual(['alice', 'bob']);
  });
});

describe('a subscription', () => {
  it('sends when the figures changed, or when they are due anyway, or when forced', () => {
    const state = busyCenter();
    const engine = { state, seq: 1, epoch: 'e' };
    let now = T0;
    const feed = new FiguresFeed(engine, () => now);
    const sent: string[] = [];
    const subscription = new FiguresSubscription(
      feed,
      () => now,
      (frame) => sent.push(frame),
    );
    const scope = viewScope(state, users.sup);
    expect(subscription.update(scope, true)).toBe(true);
    now += 1000;
    expect(subscription.update(scope)).toBe(false);
    run(state, users.sup, { type: 'logout', channelId: 'sales', userId: 'bob' });
    engine.seq = 2;
    expect(subscription.update(scope)).toBe(true);
    now += FIGURES_REFRESH_MS;
    expect(subscription.update(scope)).toBe(true);
    expect(subscription.update(scope, true)).toBe(true);
    expect(sent).toHaveLength(4);
  });

  it('is built once for the viewers that share a scope and a featured channel', () => {
    const state = busyCenter();
    const feed = new FiguresFeed({ state, seq: 1, epoch: 'e' }, () => T0);
    const scope = viewScope(state, users.sup);
    expect(feed.build(scope, 'sales')).toBe(feed.build(viewScope(state, users.sup), 'sales'));
    expect(feed.build(scope, 'web')).not.toBe(feed.build(scope, 'sales'));
  });
});
