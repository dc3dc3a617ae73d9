/**
 * The Asterisk source under an AMI event storm: the real hub (a database file, no wallboards)
 * whose source reads a recorded stream of a busy Asterisk's manager (bench/ami-recording.ts:
 * 40 queues, 400 agents; queue, agent, device and contact events amid the `call` class's
 * chatter). Two measures, the hub in a process of its own:
 *
 * - throughput: the whole recording written at once; AMI events parsed and applied per second
 *   of the hub's CPU (one core) — target ≥ 20,000 events/s;
 * - a steady 5,000 AMI events/s: the hub's event-loop delay (p99: does the storm stall the
 *   hub?) and its CPU.
 *
 *   npm run build && node bench/asterisk.bench.ts      (BENCH_SECONDS: the steady phase, 10 s)
 */
import { fork } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { RecordedPbx } from './ami-recording.ts';
import type { ChildMessage, ParentMessage } from './asterisk-child.ts';
import { benchSeconds, childScript, dist, machineNote, report, row } from './lib.ts';

type ParserModule = typeof import('../src/hub/sources/asterisk/ami-parser.js');

const BURST = Number(process.env.BENCH_AMI_EVENTS ?? 100_000);
const RATE = 5_000;
const SECONDS = benchSeconds(10);
const TARGET = 20_000;

const { AmiParser } = await dist<ParserModule>('hub/sources/asterisk/ami-parser.js');
const pbx = new RecordedPbx(7);
const members = pbx.members();
const burst = pbx.record(BURST);
const steady = pbx.record(RATE * SECONDS);

const frame = (fields: Record<string, string | number>) =>
  `${Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;

/** The bench's AMI: logs in anyone, lists the members, then writes what the bench tells it to. */
let client: Socket | undefined;
const server = createServer((socket) => {
  client = socket;
  socket.setNoDelay(true);
  socket.write('Asterisk Call Manager/9.0.0\r\n');
  const parser = new AmiParser({ expectBanner: false });
  socket.on('error', () => {});
  socket.on('data', (chunk) => {
    for (const item of parser.feed(chunk)) {
      if (item.kind !== 'message') continue;
      const action = item.message.text('Action').toLowerCase();
      const id = item.message.text('ActionID');
      const list = (complete: string, items: string[]) => {
        socket.write(
          frame({ Response: 'Success', ActionID: id, EventList: 'start', Message: 'will follow' }),
        );
        for (const entry of items) socket.write(entry.replace('\r\n', `\r\nActionID: ${id}\r\n`));
        socket.write(
          frame({ Event: complete, ActionID: id, EventList: 'Complete', ListItems: items.length }),
        );
      };
      if (action === 'login')
        socket.write(frame({ Response: 'Success', ActionID: id, Message: 'Authentication accepted' }));
      else if (action === 'queuestatus') list('QueueStatusComplete', members);
      else if (action === 'devicestatelist') list('DeviceStateListComplete', []);
      else if (action === 'ping') socket.write(frame({ Response: 'Success', ActionID: id, Ping: 'Pong' }));
      else socket.write(frame({ Response: 'Error', ActionID: id, Message: 'No Contacts found' }));
    }
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
const port = typeof address === 'object' && address ? address.port : 0;

const child = fork(await childScript('asterisk-child.ts'), [String(port)], {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const next = () =>
  new Promise<ChildMessage>((resolve, reject) => {
    child.once('message', (message: ChildMessage) => resolve(message));
    child.once('exit', (code) => reject(new Error(`the hub process exited (${code})`)));
  });
const tell = (message: ParentMessage) => child.send(message);

const ready = await next();
if (ready.type !== 'ready') throw new Error('the hub did not start');
process.stdout.write(
  `hub in sync: ${ready.sessions} sessions; ${BURST.toLocaleString('en-US')} events at once, then ${RATE}/s for ${SECONDS} s\n`,
);

// Throughput: everything at once.
const socket = client as Socket | undefined;
if (!socket) throw new Error('the hub did not connect');
const burstDone = next();
tell({ type: 'wait', marker: 'bench-end-1' });
socket.write(burst.messages.join('') + pbx.marker('bench-end-1'));
const first = await burstDone;
if (first.type !== 'reached') throw new Error('no answer');
const perCpuSecond = BURST / (first.cpuMs / 1000);
const perWallSecond = BURST / (first.wallMs / 1000);

// A steady 5,000 events/s.
const steadyDone = next();
tell({ type: 'wait', marker: 'bench-end-2' });
const started = performance.now();
let written = 0;
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    const due = Math.min(steady.messages.length, Math.floor(((performance.now() - started) / 1000) * RATE));
    if (due > written) socket.write(steady.messages.slice(written, due).join(''));
    written = due;
    if (written >= steady.messages.length) {
      clearInterval(timer);
      socket.write(pbx.marker('bench-end-2'));
      resolve();
    }
  }, 10);
});
const second = await steadyDone;
if (second.type !== 'reached') throw new Error('no answer');
tell({ type: 'exit' });
server.close();

report({
  bench: 'asterisk',
  rows: [
    row('AMI events parsed and applied, per CPU second of the hub', perCpuSecond, 'events/s', {
      text: `≥ ${TARGET.toLocaleString('en-US')} events/s`,
      pass: perCpuSecond >= TARGET,
    }),
    row('…the same, per second of wall time', perWallSecond, 'events/s'),
    row(
      `hub event-loop delay p99 at ${RATE.toLocaleString('en-US')} AMI events/s`,
      second.loopDelayP99,
      'ms',
      {
        text: '≤ 50 ms',
        pass: second.loopDelayP99 <= 50,
      },
    ),
    row(
      `hub CPU at ${RATE.toLocaleString('en-US')} AMI events/s`,
      (second.cpuMs / second.wallMs) * 100,
      '% of a core',
    ),
  ],
  notes: [
    machineNote(),
    `${Math.round((burst.queueEvents / BURST) * 100)} % of the recorded events mean something to ccwall; the rest are parsed and skipped`,
    `event-loop delay max at ${RATE}/s: ${second.loopDelayMax.toFixed(1)} ms`,
    `events the hub refused: ${second.refused}; calls answered: ${second.answered.toLocaleString('en-US')}`,
  ],
});
