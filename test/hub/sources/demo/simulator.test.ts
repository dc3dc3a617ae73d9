/** The simulator, stepped through a simulated hour: the center stays sound and traffic flows. */
import { describe, expect, it } from 'vitest';
import {
  apply,
  checkInvariants,
  emptyState,
  longestIdleAgent,
  oldestWaiting,
} from '../../../../src/domain/index.js';
import type { Delivery } from '../../../../src/hub/delivery.js';
import { Engine } from '../../../../src/hub/engine.js';
import { demoCenterEvents } from '../../../../src/hub/sources/demo/demo-center.js';
import { Simulator, type SimulatorOptions } from '../../../../src/hub/sources/demo/simulator.js';
import { Storage } from '../../../../src/hub/storage.js';
import type { CenterEventType } from '../../../../src/protocol/index.js';

const START = Date.UTC(2026, 10, 23, 9, 0, 0);

function run(seconds: number, options: Partial<SimulatorOptions>) {
  let now = START;
  const storage = Storage.open(':memory:');
  const engine = Engine.open(storage, { now: () => now, log: () => {} });
  engine.seed(demoCenterEvents(3, now));
  const seen = new Map<CenterEventType, number>();
  const events: Delivery[] = [];
  engine.subscribe({
    deliver(delivery) {
      seen.set(delivery.event.type, (seen.get(delivery.event.type) ?? 0) + 1);
      events.push(delivery);
    },
    reset() {
      throw new Error('no reset expected');
    },
  });
  const simulator = new Simulator(engine, options, () => now);
  const problems: string[] = [];
  for (let step = 1; step <= seconds; step++) {
    now = START + step * 1000;
    simulator.step(now);
    for (const problem of checkInvariants(engine.state)) problems.push(`after ${step} s: ${problem}`);
  }
  storage.close();
  return { seen, problems, events, engine };
}

describe('simulator', () => {
  it('runs an hour of traffic without breaking a rule', () => {
    const { seen, problems, engine } = run(3600, { seed: 11, rates: { sales: 6, support: 5 } });
    expect(problems).toEqual([]);
    const count = (type: CenterEventType) => seen.get(type) ?? 0;
    expect(count('interaction_queued')).toBeGreaterThan(200);
    expect(count('interaction_answered')).toBeGreaterThan(150);
    expect(count('interaction_ended')).toBeGreaterThan(100);
    expect(count('interaction_abandoned')).toBeGreaterThan(0);
    expect(count('wrap_up_ended')).toBeGreaterThan(50);
    expect(count('chat_message')).toBeGreaterThan(20);
    expect(count('agent_paused')).toBeGreaterThan(0);
    expect(count('agent_resumed')).toBeGreaterThan(0);
    expect(count('device_state_changed')).toBeGreaterThan(0);
    // Calls were answered in every queue, and campaigns dialled.
    const answered = [...engine.state.stats.values()].filter((s) => s.answered > 0).map((s) => s.channelId);
    expect(answered).toEqual(expect.arrayContaining(['sales', 'support', 'billing', 'webchat', 'winback']));
  });

  it('is deterministic for a seed', () => {
    const a = run(600, { seed: 5, speed: 4 }).events;
    const b = run(600, { seed: 5, speed: 4 }).events;
    expect(a.length).toBeGreaterThan(50);
    expect(b.map((d) => d.event)).toEqual(a.map((d) => d.event));
    const c = run(600, { seed: 6, speed: 4 }).events;
    expect(c.map((d) => d.event)).not.toEqual(a.map((d) => d.event));
  });

  it('answers the oldest waiting interaction with the longest-idle agent, every time', () => {
    const { events } = run(900, { seed: 5, rates: { sales: 8, support: 6 } });
    // A mirror of the center, event by event: at each answer, who should it have gone to?
    const mirror = emptyState();
    for (const event of demoCenterEvents(3, START)) apply(mirror, event);
    let answers = 0;
    const wrong: string[] = [];
    for (const { seq, event } of events) {
      if (event.type === 'interaction_answered') {
        const interaction = mirror.interactions.get(event.interactionId);
        const channelId = interaction?.channelId ?? '';
        const expectedAgent = longestIdleAgent(mirror, channelId);
        const expectedInteraction = oldestWaiting(mirror, channelId)?.id;
        answers += 1;
        if (event.agentId !== expectedAgent || event.interactionId !== expectedInteraction)
          wrong.push(
            `#${seq} in ${channelId}: ${event.interactionId} → ${event.agentId}, expected ${expectedInteraction} → ${expectedAgent}`,
          );
      }
      apply(mirror, event);
    }
    expect(answers).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });
});
