/**
 * The client side of the hub bench, in a process of its own (forked with IPC): N WebSocket
 * clients that say hello, take their snapshot and count what arrives (a `deltas` batch as the
 * deltas it carries). Per delta: its latency
 * (arrival − the event's `at`, which the hub stamps when it applies the event; for the bare
 * baseline, the time it was due), and whether its `prev` follows the last seq (else a gap).
 * Client 0 sends a command every 100 ms while measuring (pause/resume of an agent it manages)
 * and times the ack. In hub mode the window's deltas are recorded for the baseline to replay.
 */
import { writeFileSync } from 'node:fs';
import WebSocket from 'ws';
import type { Recording } from './hub-child.ts';
import { dist, type Protocol } from './lib.ts';

export type ClientsParentMessage =
  | ({ type: 'config' } & Options)
  | { type: 'start' }
  | { type: 'stop'; recording?: string };
export type ClientsChildMessage =
  | { type: 'ready'; clients: number; snapshotMs: number }
  | {
      type: 'result';
      seconds: number;
      deliveries: number;
      /** Delta frames (a batch counts once). */
      frames: number;
      latency: { p50: number; p99: number; max: number };
      acks: { count: number; p50: number; p99: number; refused: number; lost: number };
      gaps: number;
      closed: number;
    };

interface Options {
  mode: 'hub' | 'bare';
  url: string;
  tokens: string[];
  /** The client whose deltas are every event (an admin). */
  recorder: number;
}

const options = await new Promise<Options>((resolve) => {
  const onConfig = (message: ClientsParentMessage) => {
    if (message.type !== 'config') return;
    process.off('message', onConfig);
    resolve(message);
  };
  process.on('message', onConfig);
});
const send = (message: ClientsChildMessage) => process.send?.(message);
const { PROTOCOL_VERSION } = await dist<Protocol>('protocol/index.js');

/** Latencies in 0.1 ms buckets up to 60 s. */
class Histogram {
  private readonly buckets = new Uint32Array(600_000);
  count = 0;
  max = 0;
  add(ms: number): void {
    const i = Math.min(this.buckets.length - 1, Math.max(0, Math.round(ms * 10)));
    this.buckets[i] = (this.buckets[i] ?? 0) + 1;
    this.count += 1;
    if (ms > this.max) this.max = ms;
  }
  percentile(p: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      seen += this.buckets[i] ?? 0;
      if (seen >= rank) return i / 10;
    }
    return this.max;
  }
}

interface Client {
  ws: WebSocket;
  last: number | undefined;
  ready: boolean;
  /** The seqs of each delta frame it received in the window (one list per frame). */
  frames: number[][];
}

let measuring = false;
let shift = 0;
let deliveries = 0;
let frames = 0;
let gaps = 0;
let closed = 0;
const latency = new Histogram();
const ackLatency = new Histogram();
let refused = 0;
const events = new Map<number, [number, string]>();
const inFlight = new Map<string, number>();
let target: { channelId: string; userId: string } | undefined;
const started = performance.now();
let readyCount = 0;

const clients: Client[] = options.tokens.map((token, index) => {
  const url = options.mode === 'hub' ? options.url : `${options.url}/?i=${index}`;
  const ws = new WebSocket(url, {
    perMessageDeflate: false,
    maxPayload: 1 << 20,
    ...(options.mode === 'hub' ? { headers: { authorization: `Bearer ${token}` } } : {}),
  });
  const client: Client = { ws, last: undefined, ready: options.mode === 'bare', frames: [] };
  ws.on('open', () => {
    if (options.mode === 'hub')
      ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, client: 'bench' }));
    else markReady();
  });
  ws.on('close', (code) => {
    closed += 1;
    // A client closed before its snapshot was complete (a slow consumer, 1013) is settled too.
    if (!client.ready) {
      client.ready = true;
      markReady();
    }
    if (process.env.BENCH_DEBUG) process.stderr.write(`client ${index} closed ${code}\n`);
  });
  ws.on('error', () => {});
  ws.on('message', (data) => receive(client, index, data.toString()));
  return client;
});

function markReady(): void {
  readyCount += 1;
  if (process.env.BENCH_DEBUG && readyCount % 20 === 0)
    process.stderr.write(`${readyCount} clients ready after ${Math.round(performance.now() - started)} ms\n`);
  if (readyCount === clients.length)
    send({ type: 'ready', clients: clients.length, snapshotMs: performance.now() - started });
}

interface Item {
  seq: number;
  event: { at: number };
}

interface Frame {
  type: string;
  seq?: number;
  prev?: number;
  deltas?: Item[];
  part?: number;
  parts?: number;
  id?: string;
  ok?: boolean;
  ms?: number;
  event?: { at: number };
  data?: { sessions: { channelId: string; userId: string }[] };
}

function receive(client: Client, index: number, text: string): void {
  const frame = JSON.parse(text) as Frame;
  switch (frame.type) {
    case 'delta':
      return receiveDeltas(client, frame.prev, [{ seq: frame.seq ?? 0, event: frame.event ?? { at: 0 } }]);
    case 'deltas':
      return receiveDeltas(client, frame.prev, frame.deltas ?? []);
    case 'snapshot':
      client.last = frame.seq;
      if (index === 0 && !target) {
        const session = frame.data?.sessions[0];
        if (session) target = { channelId: session.channelId, userId: session.userId };
      }
      if (!client.ready && frame.part === (frame.parts ?? 1) - 1) {
        client.ready = true;
        markReady();
      }
      return;
    case 'ack': {
      const sent = frame.id ? inFlight.get(frame.id) : undefined;
      if (sent === undefined || !frame.id) return;
      inFlight.delete(frame.id);
      ackLatency.add(performance.now() - sent);
      if (!frame.ok) refused += 1;
      return;
    }
    case 'bench_shift':
      shift = frame.ms ?? 0;
      return;
    default:
      return;
  }
}

/** One delta frame (a single `delta` or a `deltas` batch): gaps, latency per delta, the recording. */
function receiveDeltas(client: Client, prev: number | undefined, items: Item[]): void {
  let expected = prev;
  for (const { seq } of items) {
    if (client.last !== undefined && expected !== client.last) gaps += 1;
    client.last = seq;
    expected = seq;
  }
  if (!measuring) return;
  frames += 1;
  const now = Date.now();
  for (const { event } of items) latency.add(now - (event.at + shift));
  deliveries += items.length;
  if (options.mode === 'hub') {
    client.frames.push(items.map((item) => item.seq));
    // Every event some client received in the window (the admin alone lags when clients fall behind).
    for (const { seq, event } of items)
      if (!events.has(seq)) events.set(seq, [event.at, JSON.stringify(event)]);
  }
}

let commands: NodeJS.Timeout | undefined;
let measureStart = 0;
let commandCount = 0;
process.on('message', (message: ClientsParentMessage) => {
  if (message.type === 'start') {
    measuring = true;
    measureStart = performance.now();
    if (options.mode === 'hub')
      commands = setInterval(() => {
        const commander = clients[0];
        if (!target || !commander) return;
        commandCount += 1;
        const id = `bench-command-${commandCount}`;
        const command =
          commandCount % 2 === 1
            ? { type: 'pause', ...target, reasonId: 'break' }
            : { type: 'resume', ...target };
        inFlight.set(id, performance.now());
        commander.ws.send(JSON.stringify({ type: 'command', id, command }));
      }, 100);
  }
  if (message.type === 'stop') {
    measuring = false;
    if (commands) clearInterval(commands);
    const seconds = (performance.now() - measureStart) / 1000;
    if (message.recording && options.mode === 'hub') {
      const recording: Recording = {
        events: [...events].sort((a, b) => a[0] - b[0]).map(([seq, [at, json]]) => [seq, at, json]),
        clients: clients.map((c) => c.frames),
      };
      writeFileSync(message.recording, JSON.stringify(recording));
    }
    send({
      type: 'result',
      seconds,
      deliveries,
      frames,
      latency: { p50: latency.percentile(50), p99: latency.percentile(99), max: latency.max },
      acks: {
        count: ackLatency.count,
        p50: ackLatency.percentile(50),
        p99: ackLatency.percentile(99),
        refused,
        lost: inFlight.size,
      },
      gaps,
      closed,
    });
    setTimeout(() => {
      for (const c of clients) c.ws.terminate();
      process.exit(0);
    }, 200);
  }
});
