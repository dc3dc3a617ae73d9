/**
 * Deltas in batches: a step that makes several events for a connection reaches it as one
 * `deltas` frame, chained like single deltas, and never larger than a frame may be.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_ADMIN_ID,
  DEMO_AGENT_ID,
  DEMO_SUPERVISOR_ID,
  type RunningHub,
  startHub,
} from '../../src/hub/index.js';
import { MAX_FRAME_BYTES } from '../../src/protocol/index.js';
import { HubClient } from './hub-client.js';

let hub: RunningHub;
beforeAll(async () => {
  hub = await startHub({
    port: 0,
    demo: true,
    simulate: false,
    limits: { commandsPerSecond: 10_000, commandBurst: 10_000, framesPerSecond: 10_000, frameBurst: 10_000 },
  });
});
afterAll(() => hub.close());

describe('deltas in batches', () => {
  it('replays a long absence in chained batches of at most a frame each', async () => {
    const token = hub.createToken(DEMO_SUPERVISOR_ID);
    const watcher = await HubClient.connect(hub.url, token);
    const welcome = watcher.messages.find((m) => m.type === 'welcome');
    const epoch = welcome?.type === 'welcome' ? welcome.epoch : '';
    const position = watcher.snapshot().seq;
    await watcher.close();

    // 800 events the supervisor may see (over 100 kB of JSON: more than one frame holds).
    const admin = await HubClient.connect(hub.url, hub.createToken(DEMO_ADMIN_ID));
    const session = [...hub.state().sessions.values()].find(
      (s) => s.status === 'available' && s.channelId === 'sales' && s.userId !== DEMO_AGENT_ID,
    );
    if (!session) throw new Error('no available agent in sales');
    const target = { channelId: session.channelId, userId: session.userId };
    const acks = [];
    for (let i = 0; i < 800; i++) {
      acks.push(
        admin.command(
          i % 2 === 0 ? { type: 'pause', ...target, reasonId: 'break' } : { type: 'resume', ...target },
        ),
      );
    }
    const settled = await Promise.all(acks);
    expect(settled.every((ack) => ack.ok)).toBe(true);
    const last = Math.max(...settled.map((ack) => ack.seq));
    await admin.close();

    const back = await HubClient.connect(hub.url, token, { epoch, seq: position });
    await back.waitFor((m) => m.type === 'delta' && m.seq === last, 'the last missed delta');
    expect(back.messages.some((m) => m.type === 'snapshot')).toBe(false);
    expect(back.problems).toEqual([]);
    // Every missed event, in order, each following the one before.
    const chain = back.deltas();
    expect(chain.length).toBeGreaterThanOrEqual(800);
    let prev = position;
    for (const delta of chain) {
      expect(delta.prev).toBe(prev);
      prev = delta.seq;
    }
    expect(back.batchSizes.length).toBeGreaterThanOrEqual(2);
    expect(back.batchSizes.reduce((a, b) => a + b, 0)).toBe(chain.length);
    expect(back.largestFrame).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    await back.close();
  });

  it('sends a command’s single event as a plain delta before its ack', async () => {
    const client = await HubClient.connect(hub.url, hub.createToken(DEMO_SUPERVISOR_ID));
    const session = [...hub.state().sessions.values()].find(
      (s) => s.status === 'available' && s.channelId === 'sales' && s.userId !== DEMO_AGENT_ID,
    );
    if (!session) throw new Error('no available agent in sales');
    const ack = await client.command({
      type: 'pause',
      channelId: session.channelId,
      userId: session.userId,
      reasonId: 'break',
    });
    const deltaAt = client.messages.findIndex((m) => m.type === 'delta' && m.seq === ack.seq);
    expect(deltaAt).toBeGreaterThan(-1);
    expect(deltaAt).toBeLessThan(client.messages.indexOf(ack));
    expect(client.batchSizes).toEqual([]);
    await client.close();
  });
});

describe('deltas in batches under simulated traffic', () => {
  it('arrive as batches for a step of traffic, and keep the chain', async () => {
    const live = await startHub({ port: 0, demo: true, simulate: { seed: 7, speed: 200, tickMs: 50 } });
    try {
      const client = await HubClient.connect(live.url, live.createToken(DEMO_SUPERVISOR_ID));
      await client.until(() => (client.batchSizes.length >= 3 ? true : undefined), 'three batches', 15_000);
      expect(Math.max(...client.batchSizes)).toBeGreaterThan(1);
      let prev = client.snapshot().seq;
      for (const delta of client.deltas()) {
        expect(delta.prev).toBe(prev);
        prev = delta.seq;
      }
      await client.close();
    } finally {
      await live.close();
    }
  });
});
