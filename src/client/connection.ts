/**
 * The wallboard's link to a hub: one WebSocket at a time, reconnecting forever with capped
 * exponential backoff and jitter, resuming from the last applied position. What the frames
 * mean is decided by the SyncMachine; this module does the I/O, the timers and the status.
 */
import WebSocket from 'ws';
import type { CenterState } from '../domain/index.js';
import { type ClientMessage, MAX_FRAME_BYTES, type Position, reconnectPolicy } from '../protocol/index.js';
import { DEFAULT_BACKOFF } from '../protocol/reconnect-backoff.js';
import type { ConnectionEvents, ConnectionInfo, ConnectionOptions } from './connection-types.js';
import { linkProblem } from './link-problems.js';
import type { ClientProblem, FrameProblem, LinkProblem } from './problems.js';
import { ReconnectDelay } from './reconnect-delay.js';
import { type SyncEffect, SyncMachine } from './sync.js';

export type { ConnectionEvents, ConnectionInfo, ConnectionOptions } from './connection-types.js';

type Listeners = { [K in keyof ConnectionEvents]: Set<ConnectionEvents[K]> };

/** A link is dead when nothing has arrived for this many heartbeat intervals. */
export const HEARTBEAT_TOLERANCE = 2.5;
/** A resync reconnects at once unless the previous one was this recent. */
const RESYNC_AT_ONCE_AFTER_MS = 5_000;

export class Connection {
  readonly #options: Required<Omit<ConnectionOptions, 'log' | 'ca'>> & {
    log: (problem: ClientProblem) => void;
    ca?: string | Buffer;
  };
  readonly #sync: SyncMachine;
  readonly #listeners: Listeners = {
    status: new Set(),
    welcome: new Set(),
    state: new Set(),
    figures: new Set(),
    live: new Set(),
    ack: new Set(),
    queryResult: new Set(),
    hubStatus: new Set(),
    problem: new Set(),
    source: new Set(),
  };
  #socket: WebSocket | null = null;
  #generation = 0;
  #started = false;
  #closed = false;
  #info: ConnectionInfo = {
    status: 'connecting',
    staleSince: null,
    lastError: null,
    attempts: 0,
  };
  #reconnectTimer: NodeJS.Timeout | null = null;
  #deadlineTimer: NodeJS.Timeout | null = null;
  /** When the last frame (or the opening) was heard, on the monotonic clock, and the silence allowed. */
  #heardAt = 0;
  #silenceLimitMs = 0;
  #staleTimer: NodeJS.Timeout | null = null;
  readonly #delay: ReconnectDelay;
  #lastResyncAt = Number.NEGATIVE_INFINITY;
  /** The figures view: the channel whose agents to ask for (`feature`). */
  #featured: string | null = null;

  constructor(options: ConnectionOptions) {
    this.#options = {
      clientName: 'ccwall',
      backoff: DEFAULT_BACKOFF,
      staleAfterMs: 5_000,
      defaultHeartbeatMs: 10_000,
      now: Date.now,
      random: Math.random,
      log: () => {},
      refusedRetryMs: 60_000,
      view: 'events',
      ...options,
    };
    this.#sync = new SyncMachine(this.#options.view);
    this.#delay = new ReconnectDelay(
      this.#options.backoff,
      this.#options.refusedRetryMs,
      this.#options.random,
    );
  }

  get info(): ConnectionInfo {
    return this.#info;
  }
  get state(): CenterState | null {
    return this.#sync.state;
  }
  /** The last applied position in the hub's event stream (null: the next connection takes a snapshot). */
  get position(): Position | null {
    return this.#sync.position;
  }
  /** Whether the state is current and commands may be sent now. */
  get isLive(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN && this.#sync.live;
  }
  /** Counts sockets opened: a command sent on one generation is sent again on the next. */
  get generation(): number {
    return this.#generation;
  }

  on<K extends keyof ConnectionEvents>(name: K, listener: ConnectionEvents[K]): () => void {
    const set: Set<ConnectionEvents[K]> = this.#listeners[name];
    set.add(listener);
    return () => set.delete(listener);
  }

  start(): void {
    if (this.#started || this.#closed) return;
    this.#started = true;
    this.#open();
  }

  /** Stops for good: closes the socket and every timer. */
  close(): void {
    this.#closed = true;
    this.#clearTimers();
    const socket = this.#socket;
    this.#socket = null;
    if (socket) {
      socket.removeAllListeners();
      socket.on('error', () => {});
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      else socket.close(1000, 'wallboard closed');
    }
  }

  /** Sends a message on the live link; false when there is none (the caller waits for `live`). */
  send(message: ClientMessage): boolean {
    if (!this.isLive) return false;
    return this.#write(message);
  }

  /**
   * The figures view: the channel whose agents the figures should carry (null: none). Sent now
   * when the link is open, and again after each new hello.
   */
  feature(channelId: string | null): void {
    if (channelId === this.#featured) return;
    this.#featured = channelId;
    if (this.isLive && this.#sync.connectionView === 'figures') this.#write({ type: 'feature', channelId });
  }

  /** Drops the current socket as if the network failed (the reconnect logic takes over). */
  drop(problem: LinkProblem): void {
    this.#setError(problem);
    this.#socket?.terminate();
  }

  #emit<K extends keyof ConnectionEvents>(name: K, ...args: Parameters<ConnectionEvents[K]>): void {
    for (const listener of this.#listeners[name]) {
      (listener as (...a: Parameters<ConnectionEvents[K]>) => void)(...args);
    }
  }

  #open(): void {
    if (this.#closed) return;
    this.#reconnectTimer = null;
    this.#generation += 1;
    const generation = this.#generation;
    this.#info = { ...this.#info, attempts: this.#info.attempts + 1 };
    this.#publishStatus();
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.#options.url, {
        headers: { Authorization: `Bearer ${this.#options.token}` },
        perMessageDeflate: false,
        maxPayload: MAX_FRAME_BYTES,
        handshakeTimeout: this.#options.defaultHeartbeatMs,
        ...(this.#options.ca === undefined ? {} : { ca: this.#options.ca }),
      });
    } catch (error) {
      this.#linkProblem(error);
      this.#scheduleReconnect();
      return;
    }
    this.#socket = socket;
    const current = () => this.#socket === socket && this.#generation === generation;
    socket.on('open', () => {
      if (!current()) return;
      this.#armDeadline(this.#options.defaultHeartbeatMs);
      this.#write(this.#sync.connectionOpened(this.#options.clientName));
    });
    socket.on('message', (data, isBinary) => {
      if (!current()) return;
      this.#armDeadline(this.#sync.heartbeatMs ?? this.#options.defaultHeartbeatMs);
      if (isBinary) {
        this.#problem({ kind: 'binary_frame' });
        return;
      }
      this.#run(this.#sync.receiveFrame(rawText(data)), generation);
    });
    socket.on('error', (error) => {
      if (!current()) return;
      this.#linkProblem(error);
    });
    socket.on('close', (code, reason) => {
      if (!current()) return;
      this.#socket = null;
      this.#lost(code, reason.toString());
    });
  }

  #run(effects: SyncEffect[], generation: number): void {
    for (const effect of effects) {
      if (generation !== this.#generation || this.#closed) return;
      switch (effect.type) {
        case 'send':
          this.#write(effect.message);
          break;
        case 'welcome':
          this.#emit('welcome', effect.welcome);
          break;
        case 'state':
          this.#emit(
            'state',
            effect.state,
            effect.event ? { reset: effect.reset, event: effect.event } : { reset: effect.reset },
          );
          break;
        case 'figures':
          this.#emit('figures', effect.figures);
          break;
        case 'live':
          // The figures view: the featured channel again, on this new connection.
          if (this.#sync.connectionView === 'figures' && this.#featured !== null)
            this.#write({ type: 'feature', channelId: this.#featured });
          this.#becameLive();
          this.#emit('live', generation);
          break;
        case 'resync':
          this.#problem({ kind: 'resynchronising', cause: effect.cause });
          // A fresh snapshot at once; but a hub that keeps producing gaps gets the usual backoff.
          if (this.#options.now() - this.#lastResyncAt > RESYNC_AT_ONCE_AFTER_MS) this.#delay.ask('at once');
          this.#lastResyncAt = this.#options.now();
          this.#socket?.terminate();
          break;
        case 'ack':
          this.#emit('ack', effect.ack);
          break;
        case 'query_result':
          this.#emit('queryResult', effect.result);
          break;
        case 'hub_status':
          this.#emit('hubStatus', effect.status);
          break;
        case 'problem':
          this.#problem(effect.problem);
          break;
        case 'source':
          this.#emit('source', effect.source);
          break;
      }
    }
  }

  #becameLive(): void {
    if (this.#staleTimer) clearTimeout(this.#staleTimer);
    this.#staleTimer = null;
    this.#info = {
      status: 'live',
      staleSince: null,
      lastError: null,
      attempts: 0,
    };
    this.#publishStatus();
  }

  #lost(code: number, reason: string): void {
    this.#sync.connectionLost();
    if (this.#deadlineTimer) clearTimeout(this.#deadlineTimer);
    this.#deadlineTimer = null;
    if (this.#closed) return;
    // What to do about this close is protocol policy, decided per close code in one table.
    const policy = reconnectPolicy(code);
    if (policy.reconnect === 'after the longest delay') this.#delay.ask('after the longest delay');
    if (policy.report === 'always' || (policy.report !== 'never' && !this.#info.lastError))
      this.#setError({ kind: 'hub_closed', code, reason });
    const wasLive = this.#info.status === 'live';
    const now = this.#options.now();
    if (wasLive) {
      this.#info = { ...this.#info, status: 'reconnecting', staleSince: now, attempts: 0 };
      this.#staleTimer = setTimeout(() => {
        this.#staleTimer = null;
        if (this.#info.status === 'reconnecting') {
          this.#info = { ...this.#info, status: 'stale' };
          this.#publishStatus();
        }
      }, this.#options.staleAfterMs);
    }
    this.#publishStatus();
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#reconnectTimer) return;
    const delay = this.#delay.take(Math.max(0, this.#info.attempts - 1));
    this.#reconnectTimer = setTimeout(() => this.#open(), delay);
  }

  /**
   * Heard from the hub: the link is dropped once nothing more arrives for `HEARTBEAT_TOLERANCE`
   * heartbeats. Frames come a hundred times a second under load, so a frame only notes when it
   * came; the one timer, when it fires, waits again for what is left, or drops the link. A
   * shorter limit than the pending timer's starts it again.
   */
  #armDeadline(heartbeatMs: number): void {
    const limit = Math.round(heartbeatMs * HEARTBEAT_TOLERANCE);
    this.#heardAt = performance.now();
    const longer = limit >= this.#silenceLimitMs;
    this.#silenceLimitMs = limit;
    if (this.#deadlineTimer !== null && longer) return;
    if (this.#deadlineTimer) clearTimeout(this.#deadlineTimer);
    this.#awaitSilence(limit);
  }

  #awaitSilence(waitMs: number): void {
    this.#deadlineTimer = setTimeout(() => {
      this.#deadlineTimer = null;
      const silentMs = performance.now() - this.#heardAt;
      if (silentMs >= this.#silenceLimitMs) this.drop({ kind: 'silent', ms: this.#silenceLimitMs });
      else this.#awaitSilence(this.#silenceLimitMs - silentMs);
    }, waitMs);
  }

  #write(message: ClientMessage): boolean {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  }

  #problem(problem: FrameProblem): void {
    const at = this.#options.now();
    this.#options.log(problem);
    this.#emit('problem', problem, at);
  }

  /** A failed attempt; a refusal that retrying soon cannot fix waits a minute. */
  #linkProblem(error: unknown): void {
    const attempt = linkProblem(error, this.#options.url);
    if (attempt.slow) this.#delay.ask('after a refusal');
    this.#setError(attempt.problem);
  }

  #setError(problem: LinkProblem): void {
    this.#options.log(problem);
    this.#info = { ...this.#info, lastError: problem };
    this.#publishStatus();
  }

  #publishStatus(): void {
    this.#emit('status', this.#info);
  }

  #clearTimers(): void {
    for (const timer of [this.#reconnectTimer, this.#deadlineTimer, this.#staleTimer]) {
      if (timer) clearTimeout(timer);
    }
    this.#reconnectTimer = null;
    this.#deadlineTimer = null;
    this.#staleTimer = null;
  }
}

function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
