/** The engine without sockets: the clock (wrap-up expiry, local midnight) and failures to save. */
import { describe, expect, it } from 'vitest';
import { answerInteraction, endInteraction, pairKey, queueInteraction } from '../../src/domain/index.js';
import { DEMO_AGENT_ID, DEMO_SUPERVISOR_ID, demoCenterEvents } from '../../src/hub/demo-center.js';
import { type Delivery, Engine } from '../../src/hub/engine.js';
import { nextLocalMidnight } from '../../src/hub/local-day.js';
import { Storage } from '../../src/hub/storage.js';

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
  it('answers a command it cannot save with an internal error and changes nothing', () => {
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
    expect(ack).toMatchObject({ ok: false, seq, error: { code: 'internal' } });
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
