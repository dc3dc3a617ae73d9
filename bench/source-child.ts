/**
 * A remote source for the hub bench, in a process of its own (forked with IPC): the large demo
 * center run by the real engine and simulator at RATE events a second, in memory, seen as the
 * system that owns the calls. It signs in on the hub's /source path, sends its whole picture,
 * then streams every live event its simulator makes (one `events` frame per step, each event with
 * an id), and carries out the hub's execute requests on its own engine (its events follow).
 * Sends {type:'ready'} once the hub has its resync; answers {type:'stats'} with what it sent.
 */
import WebSocket from 'ws';
import {
  type DemoSourceModule,
  type Domain,
  dist,
  type EngineModule,
  type Hub,
  type SimulatorModule,
  type StorageModule,
} from './lib.ts';

export type SourceParentMessage =
  | { type: 'config'; url: string; token: string; rate: number; warmUpMinutes: number }
  | { type: 'stats' }
  | { type: 'exit' };
export type SourceChildMessage =
  | { type: 'ready' }
  | {
      type: 'stats';
      sent: number;
      refused: number;
      duplicates: number;
      commands: number;
      /** Refusals by reason (the reason's words without ids), most frequent first. */
      reasons: [reason: string, count: number][];
    };

const send = (message: SourceChildMessage) => process.send?.(message);
const [{ Engine }, { Storage }, { Simulator }, { warmUpSteps }, hub, domain] = await Promise.all([
  dist<EngineModule>('hub/engine.js'),
  dist<StorageModule>('hub/storage.js'),
  dist<SimulatorModule>('hub/sources/demo/simulator.js'),
  dist<DemoSourceModule>('hub/sources/demo/demo-source.js'),
  dist<Hub>('hub/index.js'),
  dist<Domain>('domain/index.js'),
]);

const config = await new Promise<Extract<SourceParentMessage, { type: 'config' }>>((resolve) => {
  process.once('message', (message: SourceParentMessage) => {
    if (message.type === 'config') resolve(message);
  });
});

const engine = Engine.open(Storage.open(':memory:'), { now: Date.now, log: () => {} });
const from = Date.now() - config.warmUpMinutes * 60_000;
engine.seed(hub.largeDemoCenterEvents(1, from));
const simulator = new Simulator(engine, { seed: 3, eventsPerSecond: config.rate }, Date.now);
// Warmed up as the hub warms its own demo up (coarse steps, then second by second).
for (const at of warmUpSteps(from, Date.now, 5000)) simulator.step(at);

let sent = 0;
let refused = 0;
let duplicates = 0;
let commands = 0;
const reasons = new Map<string, number>();
let batch: { id: string; event: unknown }[] = [];
let live = false;
engine.subscribe({
  deliver(delivery) {
    if (live && domain.SOURCE_EVENT_TYPES.has(delivery.event.type))
      batch.push({ id: String(delivery.seq), event: delivery.event });
  },
  reset() {},
  settled() {
    if (batch.length === 0) return;
    ws.send(JSON.stringify({ type: 'events', id: `b${batch[0]?.id}`, events: batch }));
    sent += batch.length;
    batch = [];
  },
});

const ws = new WebSocket(`${config.url}/source`, { headers: { authorization: `Bearer ${config.token}` } });
ws.on('open', () => {
  const all = ['login', 'logout', 'pause', 'resume', 'end_wrap_up', 'monitor'];
  ws.send(
    JSON.stringify({
      type: 'hello',
      protocol: 1,
      label: 'bench source',
      capabilities: { queue: all, chat: all, campaign: all },
    }),
  );
});
ws.on('message', (data) => {
  const message = JSON.parse(String(data)) as {
    type: string;
    id: string;
    command?: unknown;
    actorId?: string;
    duplicates?: number;
    refused?: { reason: string }[];
  };
  if (message.type === 'welcome') {
    const state = engine.state;
    ws.send(
      JSON.stringify({
        type: 'resync',
        id: 'resync-1',
        sessions: [...state.sessions.values()],
        interactions: [...state.interactions.values()],
        activeDevices: [...state.devices.values()].filter((d) => d.active).map((d) => d.id),
      }),
    );
  } else if (message.type === 'result' && message.id === 'resync-1') {
    live = true;
    simulator.start();
    send({ type: 'ready' });
  } else if (message.type === 'result') {
    refused += message.refused?.length ?? 0;
    for (const { reason } of message.refused ?? []) {
      const words = reason.replace(/\S*\d\S*/g, '#');
      reasons.set(words, (reasons.get(words) ?? 0) + 1);
    }
    duplicates += message.duplicates ?? 0;
  } else if (message.type === 'execute') {
    commands += 1;
    const ack = engine.execute(
      { userId: message.actorId ?? 'system', readOnly: false, remote: 'bench' },
      `x-${message.id}`,
      message.command as Parameters<typeof engine.execute>[2],
    );
    const answer = ack.ok
      ? { outcome: 'done' }
      : { outcome: 'refused', reason: ack.error.message.slice(0, 300) };
    ws.send(JSON.stringify({ type: 'answer', id: message.id, ...answer }));
  }
});
ws.on('error', (error) => process.stderr.write(`bench source: ${error.message}\n`));

process.on('message', (message: SourceParentMessage) => {
  if (message.type === 'stats')
    send({
      type: 'stats',
      sent,
      refused,
      duplicates,
      commands,
      reasons: [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 5),
    });
  if (message.type === 'exit') {
    simulator.stop();
    ws.close();
    process.exit(0);
  }
});
