/**
 * The server side of the hub bench, in a process of its own (forked with IPC):
 *   hub  — the real hub (startHub from the build) on the large demo, traffic at RATE events/s,
 *          a database file; sends {type:'ready', port, tokens} once listening;
 *   remote — the same hub with a remote source (its traffic comes from bench/source-child.ts);
 *          `ready` also carries a source token;
 *   bare — the baseline: a bare `ws` server that plays a recording of what the hub sent, the
 *          same frames to the same clients at the same times.
 * Both answer {type:'stats'} with their CPU and peak memory, and exit on {type:'exit'}.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';
import { dist, type Hub, type RemoteSourceModule } from './lib.ts';

export interface Recording {
  /** seq → [at, event JSON], every event of the window (as the admin received it). */
  events: [seq: number, at: number, json: string][];
  /** Per client (in connection order): the delta frames it received in the window, each the seqs it carried. */
  clients: number[][][];
}

export type ParentMessage = { type: 'stats' } | { type: 'exit' } | { type: 'play'; recording: string };
export type ChildMessage =
  | { type: 'ready'; port: number; tokens: string[]; sourceToken?: string }
  | {
      type: 'stats';
      cpuMs: number;
      peakRssMb: number;
      rssMb: number;
      /** How late the event loop ran since the previous stats, ms (p99, max). */
      loopDelayP99: number;
      loopDelayMax: number;
    }
  | { type: 'played' };

const [mode = 'hub', json = '{}'] = process.argv.slice(2);
const send = (message: ChildMessage) => process.send?.(message);
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
const stats = (): ChildMessage => {
  const delay = { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
  loop.reset();
  const cpu = process.cpuUsage();
  return {
    type: 'stats',
    cpuMs: (cpu.user + cpu.system) / 1000,
    loopDelayP99: delay.p99,
    loopDelayMax: delay.max,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    rssMb: process.memoryUsage().rss / 1048576,
  };
};

if (mode === 'hub' || mode === 'remote') {
  const { startHub } = await dist<Hub>('hub/index.js');
  const { RemoteSource } = await dist<RemoteSourceModule>('hub/sources/remote/remote-source.js');
  const options = JSON.parse(json) as { rate: number; users: string[]; warmUpMinutes: number };
  const dir = mkdtempSync(join(tmpdir(), 'ccwall-bench-hub-'));
  // remote: the large demo's directory, and its traffic from a remote source (bench/source-child.ts).
  const hub = await startHub({
    port: 0,
    dbPath: join(dir, 'hub.db'),
    demo: true,
    demoSize: 'large',
    ...(mode === 'remote'
      ? { source: new RemoteSource() }
      : { demoWarmUpMinutes: options.warmUpMinutes, simulate: { eventsPerSecond: options.rate } }),
    limits: { maxConnectionsPerUser: 1000 },
  });
  const tokens = options.users.map((user) => hub.createToken(user));
  send({
    type: 'ready',
    port: hub.port,
    tokens,
    ...(mode === 'remote' ? { sourceToken: hub.createSourceToken('bench') } : {}),
  });
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stats') send(stats());
    if (message.type === 'exit')
      void hub.close().then(() => {
        rmSync(dir, { recursive: true, force: true });
        process.exit(0);
      });
  });
} else {
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    perMessageDeflate: false,
    maxPayload: 65536,
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const sockets: import('ws').WebSocket[] = [];
  wss.on('connection', (ws, request) => {
    const index = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('i'));
    sockets[index] = ws;
    ws.on('error', () => {});
  });
  const address = wss.address();
  send({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0, tokens: [] });
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stats') send(stats());
    if (message.type === 'exit') {
      for (const ws of wss.clients) ws.terminate();
      wss.close(() => process.exit(0));
    }
    if (message.type === 'play') play(JSON.parse(readFileSync(message.recording, 'utf8')) as Recording);
  });

  /**
   * Sends each client its frames (the hub's `delta` and `deltas` frames, rebuilt from the same
   * event JSON and the same grouping) at the times the hub made their last event.
   */
  function play(recording: Recording): void {
    const byId = new Map(recording.events.map(([seq, at, json]) => [seq, { at, json }]));
    const due: { at: number; client: number; frame: string }[] = [];
    recording.clients.forEach((frames, client) => {
      let prev = 0;
      for (const seqs of frames) {
        const items = seqs.map((seq) => ({ seq, event: byId.get(seq) }));
        const at = Math.max(...items.map((item) => item.event?.at ?? 0));
        const [one] = items;
        const frame =
          items.length === 1 && one
            ? `{"type":"delta","seq":${one.seq},"prev":${prev},"event":${one.event?.json}}`
            : `{"type":"deltas","prev":${prev},"deltas":[${items.map((item) => `{"seq":${item.seq},"event":${item.event?.json}}`).join(',')}]}`;
        due.push({ at, client, frame });
        prev = seqs.at(-1) ?? prev;
      }
    });
    due.sort((a, b) => a.at - b.at);
    const first = due[0]?.at ?? Date.now();
    const shift = Date.now() + 50 - first;
    const frame = JSON.stringify({ type: 'bench_shift', ms: shift });
    for (const ws of sockets) ws?.send(frame);
    let next = 0;
    const timer = setInterval(() => {
      const now = Date.now();
      for (; next < due.length; next++) {
        const { at, client, frame } = due[next]!;
        if (at + shift > now) break;
        const ws = sockets[client];
        if (ws && ws.readyState === ws.OPEN) ws.send(frame);
      }
      if (next >= due.length) {
        clearInterval(timer);
        send({ type: 'played' });
      }
    }, 5);
  }
}
