/**
 * The hub side of the Asterisk bench, in a process of its own (forked with IPC): the real hub
 * (startHub from the build, a database file) whose source is the Asterisk source, connected to
 * the bench's AMI. Answers {type:'wait', marker} once the marker caller shows (every event before
 * it has been parsed and applied), with the CPU used and the event loop's delay since the last
 * answer; exits on {type:'exit'}.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { AGENTS, agentInterface, QUEUES, queueName, queuesOf } from './ami-recording.ts';
import { dist, type EngineModule, type Hub, type StorageModule } from './lib.ts';

export type ParentMessage = { type: 'wait'; marker: string } | { type: 'exit' };
export type ChildMessage =
  | { type: 'ready'; sessions: number }
  | {
      type: 'reached';
      marker: string;
      cpuMs: number;
      wallMs: number;
      loopDelayP99: number;
      loopDelayMax: number;
      /** Events the hub refused so far (it logs each), and calls answered so far. */
      refused: number;
      answered: number;
    };

type AsteriskModule = typeof import('../src/hub/sources/asterisk/asterisk-source.js');

const port = Number(process.argv[2]);
const send = (message: ChildMessage) => process.send?.(message);
const { startHub } = await dist<Hub>('hub/index.js');
const { Storage } = await dist<StorageModule>('hub/storage.js');
const { Engine } = await dist<EngineModule>('hub/engine.js');
const { AsteriskSource } = await dist<AsteriskModule>('hub/sources/asterisk/asterisk-source.js');

const dir = mkdtempSync(join(tmpdir(), 'ccwall-bench-asterisk-'));
const dbPath = join(dir, 'hub.db');
const at = Date.now();
const storage = Storage.open(dbPath);
const engine = Engine.open(storage, { now: Date.now, log: () => {} });
const settings = {
  wrapUpSeconds: 0,
  supervisorsMayEndWrapUp: true,
  serviceLevelSeconds: 20,
  longestWaitAlert: { warning: 30, critical: 60 },
  serviceLevelAlert: { warning: 80, critical: 60 },
};
engine.seed([
  {
    type: 'pause_reasons_set',
    at,
    reasons: [
      { id: 'break', label: 'Break' },
      { id: 'lunch', label: 'Lunch' },
    ],
  },
  ...Array.from({ length: QUEUES }, (_, q) => ({
    type: 'channel_upserted' as const,
    at,
    channel: {
      id: `queue-${q}`,
      kind: 'queue' as const,
      name: `Queue ${q}`,
      settings,
      asterisk: { queue: queueName(q) },
    },
  })),
  ...Array.from({ length: AGENTS }, (_, a) => [
    {
      type: 'user_upserted' as const,
      at,
      user: { id: `agent-${a}`, name: `Agent ${a}`, extension: String(2000 + a), roles: ['agent' as const] },
    },
    {
      type: 'device_upserted' as const,
      at,
      device: {
        id: `phone-${a}`,
        userId: `agent-${a}`,
        kind: 'desk_phone' as const,
        label: 'Desk',
        active: true,
        address: agentInterface(a),
      },
    },
    ...queuesOf(a).map((q) => ({
      type: 'assignment_set' as const,
      at,
      assignment: { userId: `agent-${a}`, channelId: `queue-${q}`, asAgent: true, asSupervisor: false },
    })),
  ]).flat(),
]);
engine.checkpoint();
storage.close();

const source = new AsteriskSource({
  endpoint: { host: '127.0.0.1', port, username: 'bench', secret: 'bench' },
});
let refused = 0;
const hub = await startHub({
  port: 0,
  dbPath,
  source,
  log: (line) => {
    if (/ refused: | skipped: /.test(line)) refused++;
  },
});
const loop = monitorEventLoopDelay({ resolution: 1 });

const until = (check: () => boolean) =>
  new Promise<void>((resolve) => {
    const poll = () => (check() ? resolve() : setTimeout(poll, 5));
    poll();
  });
await until(() => hub.source().up);
send({ type: 'ready', sessions: hub.state().sessions.size });

loop.enable();
process.on('message', async (message: ParentMessage) => {
  if (message.type === 'exit') {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
  if (message.type === 'wait') {
    // The parent starts writing the phase's events just after this message.
    const cpu = process.cpuUsage();
    const wall = performance.now();
    loop.reset();
    await until(() => hub.state().interactions.has(message.marker));
    const used = process.cpuUsage(cpu);
    send({
      type: 'reached',
      marker: message.marker,
      cpuMs: (used.user + used.system) / 1000,
      wallMs: performance.now() - wall,
      loopDelayP99: loop.percentile(99) / 1e6,
      loopDelayMax: loop.max / 1e6,
      refused,
      answered: [...hub.state().stats.values()].reduce((sum, st) => sum + st.answered, 0),
    });
  }
});
