/**
 * A wallboard's feed at contact-center scale, recorded once and replayed exactly: the large demo
 * center run by the real engine and simulator (seeded, on a simulated clock), seen through one
 * user's scope as the hub would send it (snapshot frames, then deltas). `FeedServer` plays it to
 * a real wallboard over a WebSocket at a fixed number of deltas a second; to a client of the
 * figures view (the kiosk), it sends the figures a hub would of the feed as it plays
 * (feed-figures.ts).
 */
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { FeedFigures } from './feed-figures.ts';
import {
  type Domain,
  dist,
  type EngineModule,
  type Hub,
  type Protocol,
  type SimulatorModule,
  type SnapshotFramesModule,
  type StorageModule,
} from './lib.ts';

export interface Feed {
  /** The snapshot, as the hub's frames. */
  snapshot: string[];
  /** Welcome frame (without the epoch's change: the feed has one epoch). */
  welcome: string;
  /** Delta events in the viewer's scope, serialised, in order. */
  events: string[];
  /** Share of the hub's events the viewer receives. */
  share: number;
  /** The hub's traffic while recording, events a second. */
  hubRate: number;
  /** The number of agents (users with the agent role) the viewer sees. */
  agents: number;
}

export const EPOCH = 'bench-feed';

/**
 * Records `count` deltas of `viewer`'s scope with the hub's traffic paced so that they arrive at
 * about `rate` a second of simulated time (0: a still center, only the snapshot).
 */
export async function recordFeed(options: {
  viewer: string;
  rate: number;
  count: number;
  seed?: number;
  start?: number;
  /** The demo center recorded: the large one (the default) or the standard one (64 users). */
  center?: 'large' | 'standard';
}): Promise<Feed> {
  const [{ Engine }, { Storage }, { Simulator }, hub, domain, protocol, { snapshotFrames }] =
    await Promise.all([
      dist<EngineModule>('hub/engine.js'),
      dist<StorageModule>('hub/storage.js'),
      dist<SimulatorModule>('hub/sources/demo/simulator.js'),
      dist<Hub>('hub/index.js'),
      dist<Domain>('domain/index.js'),
      dist<Protocol>('protocol/index.js'),
      dist<SnapshotFramesModule>('hub/snapshot-frames.js'),
    ]);
  const seed = options.seed ?? 1;
  const start = options.start ?? Date.now();
  const warmUpMs = 20_000;
  let clock = start - warmUpMs;
  const storage = Storage.open(':memory:');
  const engine = Engine.open(storage, { now: () => clock, log: () => {} });
  const center = options.center ?? 'large';
  engine.seed(hub.demoEvents(center, seed, clock));
  const user = engine.state.users.get(options.viewer);
  if (!user) throw new Error(`no user ${options.viewer} in the ${center} demo`);
  let scope = domain.viewScope(engine.state, user);
  let inScope = 0;
  let total = 0;
  const events: string[] = [];
  let recording = false;
  engine.subscribe({
    deliver(delivery) {
      total += 1;
      if (!domain.routeReaches(delivery.route, scope)) return;
      inScope += 1;
      if (recording && events.length < options.count) events.push(JSON.stringify(delivery.event));
    },
    reset() {},
  });
  // Warm up: the share of the viewer's events at the center's own pace sets the hub's rate.
  const warm = new Simulator(engine, { seed, eventsPerSecond: 0 }, () => clock);
  for (; clock < start - warmUpMs / 2; clock += 1000) warm.step(clock);
  const share = total > 0 ? inScope / total : 1;
  const hubRate = options.rate > 0 ? Math.round(options.rate / Math.max(share, 0.01)) : 0;
  const simulator = new Simulator(
    engine,
    { seed: seed + 1, ...(hubRate > 0 ? { eventsPerSecond: hubRate } : {}) },
    () => clock,
  );
  for (; clock < start; clock += 100) simulator.step(clock);
  scope = domain.viewScope(engine.state, user);
  const data = domain.scopedSnapshot(engine.state, scope);
  const snapshot = snapshotFrames(EPOCH, 0, data);
  const welcome = JSON.stringify({
    type: 'welcome',
    protocol: protocol.PROTOCOL_VERSION,
    user,
    permissions: domain.permissionsOf(user, false),
    hub: { name: 'ccwall bench feed', version: '0' },
    epoch: EPOCH,
    heartbeatMs: 5000,
  });
  recording = true;
  const before = total;
  const limit = start + 10 * 60_000;
  while (options.rate > 0 && events.length < options.count && clock < limit) {
    simulator.step(clock);
    clock += 100;
  }
  const agents = data.users.filter((u) => u.roles.includes('agent')).length;
  return {
    snapshot,
    welcome,
    events,
    share,
    hubRate: options.rate > 0 ? ((total - before) * 1000) / Math.max(1, clock - start) : 0,
    agents,
  };
}

/**
 * Plays a feed to whoever connects: welcome and snapshot at once, deltas when `play` is called;
 * to a hello of the figures view, welcome and figures at once, figures once a second while it
 * plays, and the answer to each `feature`.
 */
export class FeedServer {
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  /** Clients of the figures view: no deltas. */
  private readonly figuresSockets = new Set<WebSocket>();
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout;
  private figuresTick: NodeJS.Timeout;
  /** The state behind the figures, made at the first figures hello (then kept up with every delta played). */
  private figures: Promise<FeedFigures> | undefined;
  /** Deltas sent so far by `play`. */
  sent = 0;

  private readonly feed: Feed;

  private constructor(feed: Feed, wss: WebSocketServer) {
    this.feed = feed;
    this.wss = wss;
    wss.on('connection', (ws) => {
      this.sockets.add(ws);
      ws.on('close', () => this.sockets.delete(ws));
      ws.on('error', () => {});
      ws.once('message', (data) => {
        ws.send(feed.welcome);
        const hello = JSON.parse(data.toString()) as { view?: string };
        if (hello.view === 'figures') void this.openFigures(ws);
        else for (const frame of feed.snapshot) ws.send(frame);
      });
    });
    this.figuresTick = setInterval(() => {
      void this.figures?.then((figures) => figures.tick());
    }, 1000);
    this.heartbeat = setInterval(() => {
      const frame = JSON.stringify({ type: 'heartbeat', epoch: EPOCH, seq: this.seq, at: Date.now() });
      for (const ws of this.sockets) ws.send(frame);
    }, 5000);
  }

  private async openFigures(ws: WebSocket): Promise<void> {
    this.figuresSockets.add(ws);
    this.figures ??= FeedFigures.of({ ...this.feed, epoch: EPOCH }).then((figures) => {
      // What was played before the first figures client came.
      for (let i = 0; i < this.sent; i++) figures.apply(this.feed.events[i] as string, i + 1);
      this.figuresNow = figures;
      return figures;
    });
    const figures = await this.figures;
    figures.open(ws, (frame) => ws.send(frame));
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { type?: string; channelId?: string | null };
      if (message.type === 'feature') figures.feature(ws, message.channelId ?? null);
    });
    ws.on('close', () => figures.close(ws));
  }

  static async start(feed: Feed): Promise<FeedServer> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    return new FeedServer(feed, wss);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}`;
  }

  /**
   * Sends the feed's deltas at `rate` a second until `stop` or the end of the feed: every 10 ms,
   * what is due, as the hub sends a step of traffic (one `deltas` frame; `delta` for one).
   */
  play(rate: number): void {
    if (rate <= 0) return;
    const started = performance.now();
    this.timer = setInterval(() => {
      const due = Math.min(
        this.feed.events.length,
        Math.floor(((performance.now() - started) * rate) / 1000),
      );
      if (due <= this.sent) return;
      const prev = this.seq;
      const items: string[] = [];
      const figures = this.figuresNow;
      for (; this.sent < due; this.sent++) {
        this.seq += 1;
        items.push(`{"seq":${this.seq},"event":${this.feed.events[this.sent]}}`);
        figures?.apply(this.feed.events[this.sent] as string, this.seq);
      }
      const frame =
        items.length === 1
          ? `{"type":"delta","seq":${this.seq},"prev":${prev},"event":${this.feed.events[this.sent - 1]}}`
          : `{"type":"deltas","prev":${prev},"deltas":[${items.join(',')}]}`;
      for (const ws of this.sockets) if (!this.figuresSockets.has(ws)) ws.send(frame);
    }, 10);
  }

  /** The figures' state once made (events are applied to it as they are played). */
  private figuresNow: FeedFigures | undefined;

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async close(): Promise<void> {
    this.stop();
    clearInterval(this.heartbeat);
    clearInterval(this.figuresTick);
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
