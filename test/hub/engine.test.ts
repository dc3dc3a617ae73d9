/** The engine without sockets: the clock (wrap-up expiry, local midnight) and failures to save. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerInteraction, endInteraction, pairKey, queueInteraction } from '../../src/domain/index.js';
import type { Delivery } from '../../src/hub/delivery.js';
import { Engine } from '../../src/hub/engine.js';
import { nextLocalMidnight } from '../../src/hub/local-day.js';
import {
  DEMO_AGENT_ID,
  DEMO_SUPERVISOR_ID,
  demoCenterEvents,
} from '../../src/hub/sources/demo/demo-center.js';
import { Storage } from '../../src/hub/storage.js';
import type { CenterEvent } from '../../src/protocol/index.js';

function demoEngine(start: number) {
  let now = start;
  const storage = Storage.open(':memory:');
  const engine = Engine.open(storage, { now: () => now, log: () => {} });
  engine.seed(demoCenterEvents(1, now));
  const deliveries: Delivery[] = [];
  engine.subscribe({ deliver: (d) => deliveries.push(d), reset: () => {} });
  return { engine, storage, deliveries, setNow: (t: number) => (now = t) };
}

const actor = { userId: DEMO_SUPERVISOR_ID, readOnly: false, remote: 'test' };

describe('engine clock', () => {
  it('ends wrap-ups when their countdown runs out, as the system', () => {
    const start = new Date(2026, 10, 23, 10, 0, 0).getTime();
    const { engine, storage, deliveries, setNow } = demoEngine(start);
    engine.system((batch) => {
      const call = {
        id: 'call-1',
        channelId: 'sales',
        kind: 'call' as const,
        customer: { name: 'Léa Fontaine', address: '+33 6 00 00 00 00' },
        queuedAt: start,
        answeredAt: null,
        agentId: null,
        transcript: [],
      };
      batch.run(queueInteraction(batch.state, call, start));
      batch.run(answerInteraction(batch.state, 'call-1', DEMO_AGENT_ID, start));
    });
    setNow(start + 60_000);
    engine.system((batch) => batch.run(endInteraction(batch.state, 'call-1', start + 60_000)));
    const session = engine.state.sessions.get(pairKey('sales', DEMO_AGENT_ID));
    expect(session?.status).toBe('wrap_up');
    const endsAt = session?.wrapUpEndsAt ?? 0;
    expect(engine.tick(endsAt - 1)).toBe(0);
    expect(engine.tick(endsAt)).toBe(1);
    expect(deliveries.at(-1)?.event).toMatchObject({
      type: 'wrap_up_ended',
      userId: DEMO_AGENT_ID,
      by: 'system',
    });
    expect(engine.state.sessions.get(pairKey('sales', DEMO_AGENT_ID))?.status).toBe('available');
    storage.close();
  });

  it('starts the day counters again after local midnight, once', () => {
    const start = new Date(2026, 10, 23, 23, 59, 0).getTime();
    const { engine, storage, deliveries } = demoEngine(start);
    const midnight = nextLocalMidnight(start);
    expect(engine.tick(midnight - 1)).toBe(0);
    expect(engine.tick(midnight + 500)).toBe(1);
    expect(deliveries.at(-1)?.event).toEqual({ type: 'stats_reset', at: midnight + 500, since: midnight });
    expect(engine.tick(midnight + 1500)).toBe(0);
    for (const stats of engine.state.stats.values()) expect(stats.since).toBe(midnight);
    storage.close();
  });
});

describe('engine failures', () => {
  it('answers a command it cannot save with storage_failed, changes nothing and says it is degraded', () => {
    const { engine, storage } = demoEngine(Date.now());
    const before = engine.state.sessions.get(pairKey('sales', DEMO_AGENT_ID));
    const seq = engine.seq;
    storage.close();
    const ack = engine.execute(actor, 'cannot-save-1', {
      type: 'pause',
      channelId: 'sales',
      userId: DEMO_AGENT_ID,
      reasonId: 'break',
    });
    expect(ack).toMatchObject({ ok: false, seq, error: { code: 'storage_failed' } });
    expect(engine.health).toMatchObject({ degraded: true });
    expect(engine.seq).toBe(seq);
    expect(engine.state.sessions.get(pairKey('sales', DEMO_AGENT_ID))).toBe(before);
  });

  it('refuses a command from a user it does not know', () => {
    const { engine, storage } = demoEngine(Date.now());
    const ack = engine.execute({ ...actor, userId: 'ghost' }, 'ghost-cmd-1', { type: 'monitor_stop' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'unknown_user' } });
    storage.close();
  });
});

describe('checkpoints of a large state', () => {
  const pauseReasons = (i: number): CenterEvent => ({
    type: 'pause_reasons_set',
    at: i,
    reasons: [{ id: `r${i}`, label: `Reason ${i}` }],
  });
  const until = async (probe: () => boolean, what: string) => {
    for (let i = 0; i < 500 && !probe(); i++) await new Promise<void>((resolve) => setImmediate(resolve));
    if (!probe()) throw new Error(`never: ${what}`);
  };

  it('are serialised between steps: traffic goes on meanwhile, and the checkpoint is the state at its seq', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccwall-engine-'));
    try {
      const path = join(dir, 'hub.db');
      const logs: string[] = [];
      const options = {
        now: Date.now,
        log: (line: string) => logs.push(line),
        checkpointEvery: 100,
        historyEvents: 50,
        historyMs: 0,
        backgroundCheckpointEntities: 1,
      };
      const storage = Storage.open(path);
      const engine = Engine.open(storage, options);
      engine.seed(demoCenterEvents(1, Date.now()));
      const first = engine.seq;
      // The seed's own checkpoint is being serialised: more events land before it is written.
      expect(storage.latestCheckpointSeq()).toBeLessThan(first);
      for (let i = 0; i < 30; i++) engine.seed([pauseReasons(i)]);
      await until(() => storage.latestCheckpointSeq() === first, 'the checkpoint written');
      const checkpoint = storage.latestCheckpoint();
      // Exactly the center as it was at its seq: the later reasons are not in it.
      expect(checkpoint?.seq).toBe(first);
      expect(checkpoint?.data.pauseReasons.map((r) => r.id)).not.toContain('r0');
      expect(checkpoint?.data.users.length).toBe(engine.state.users.size);
      // The next one, past the history, prunes the log in slices down to the base it keeps.
      for (let i = 30; i < 200; i++) engine.seed([pauseReasons(i)]);
      await until(() => storage.latestCheckpointSeq() >= first + 100, 'a later checkpoint');
      await until(() => (storage.firstLoggedSeq() ?? 0) > first, 'the log pruned');
      expect(logs).toEqual([]);
      const seq = engine.seq;
      engine.checkpoint();
      storage.close();
      const again = Storage.open(path);
      const reloaded = Engine.open(again, options);
      expect(reloaded.seq).toBe(seq);
      expect(reloaded.state.pauseReasons.map((r) => r.id)).toEqual(['r199']);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('give way to the shutdown’s own checkpoint, and a restart finds the last state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccwall-engine-'));
    try {
      const path = join(dir, 'hub.db');
      const options = { now: Date.now, log: () => {}, checkpointEvery: 10, backgroundCheckpointEntities: 1 };
      const storage = Storage.open(path);
      const engine = Engine.open(storage, options);
      engine.seed(demoCenterEvents(1, Date.now()));
      engine.seed([pauseReasons(1)]);
      // Shut down while the background checkpoint is still being serialised.
      engine.checkpoint();
      storage.close();
      await new Promise<void>((resolve) => setTimeout(resolve, 20));
      const again = Storage.open(path);
      expect(again.latestCheckpointSeq()).toBe(engine.seq);
      const reloaded = Engine.open(again, options);
      expect(reloaded.state.pauseReasons.map((r) => r.id)).toEqual(['r1']);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
