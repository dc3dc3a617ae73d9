/**
 * One wallboard's connection: hello → welcome → snapshot (or resumed + missed deltas) →
 * deltas in its scope, acks for its commands, answers to its queries, heartbeats.
 * Every frame that arrives is parsed with the protocol schemas; bad input gets a typed
 * error and the connection stays open, unless a client keeps sending nothing but garbage.
 */
import type { WebSocket } from 'ws';
import {
  permissionsOf,
  routeReaches,
  sameScope,
  scopedSnapshot,
  type ViewScope,
  viewScope,
} from '../domain/index.js';
import {
  type Ack,
  type AuditAction,
  type AuditResult,
  CloseCode,
  type CommandMessage,
  type ErrorCode,
  type ErrorMessage,
  type Feature,
  type Hello,
  type HubHeartbeat,
  type HubStatus,
  PROTOCOL_VERSION,
  parseClientMessage,
  protocolError,
  type QueryMessage,
  type QueryResult,
  type Resumed,
  type SourceInfo,
  type SourceStatus,
  type User,
  type Welcome,
} from '../protocol/index.js';
import type { CommandRunner } from './command-runner.js';
import { commandEnvelope, fittedAudit, nack } from './connection-answers.js';
import { ConnectionOutbox } from './connection-outbox.js';
import type { Delivery } from './delivery.js';
import { EncodedEvent } from './encoded-event.js';
import type { Engine } from './engine.js';
import { type FiguresFeed, FiguresSubscription, featureRefusal } from './figures-feed.js';
import type { HubHealth } from './hub-health.js';
import type { Identity } from './identity.js';
import type { HubLog } from './log.js';
import type { HubMetrics } from './metrics.js';
import { snapshotFrames } from './snapshot-frames.js';

export type { Identity } from './identity.js';

export interface ConnectionContext {
  engine: Engine;
  commands: CommandRunner;
  /** The source's status, sent after the welcome and whenever it changes. */
  sourceInfo: () => SourceInfo;
  hub: { name: string; version: string };
  heartbeatMs: number;
  now: () => number;
  log: HubLog;
  /** Frames and bytes sent, commands answered, slow consumers. */
  metrics?: HubMetrics;
  /**
   * Whether this connection may send one more command or query now (the rate limit); a refusal
   * is answered with `rate_limited`. Absent: no limit.
   */
  admit?: (connection: Connection, kind: 'command' | 'query') => boolean;
  /** Told of each connection's scope as it changes (undefined once it is closed): who receives which event. */
  audience?: { set(connection: Connection, scope: ViewScope | undefined): void };
  /** The slow-consumer bound (connection-outbox.ts has the default). */
  sendBufferBytes?: number;
  /** Builds the figures view's messages (figures-feed.ts); absent: a hello for that view gets events. */
  figures?: FiguresFeed;
  /** Records in the audit log why the hub closed this connection (a limit, a protocol breach). */
  audit?: (identity: Identity, action: AuditAction, result: AuditResult, detail: string) => void;
}

/** This many bad frames in a row and the connection is closed (1002). */
const BAD_FRAMES_LIMIT = 20;

export class Connection {
  private phase: 'hello' | 'ready' | 'closed' = 'hello';
  private scope: ViewScope | undefined;
  private roles = '';
  private badInRow = 0;
  private awaitingPong = false;
  /** Commands received and not yet acked: their type and when they arrived (metrics). */
  private readonly unanswered = new Map<string, { type: string; at: number }>();
  private readonly outbox: ConnectionOutbox;
  /** The figures view (figures-feed.ts): no snapshot, no deltas; undefined in the events view. */
  private figures: FiguresSubscription | undefined;

  constructor(
    private readonly ws: WebSocket,
    readonly identity: Identity,
    private readonly ctx: ConnectionContext,
  ) {
    this.outbox = new ConnectionOutbox(ws, identity, ctx, (code, reason) => this.close(code, reason));
  }

  get ready(): boolean {
    return this.phase === 'ready';
  }

  // ------------------------------------------------------------------ from the client

  receive(text: string | undefined): void {
    if (this.phase === 'closed') return;
    if (text === undefined) return this.bad('bad_message', 'binary frames are not accepted: send JSON text');
    const parsed = parseClientMessage(text);
    if (!parsed.ok) {
      const envelope = commandEnvelope(text);
      if (envelope) this.send(nack(envelope, this.outbox.lastSent, parsed.error.code, parsed.error.message));
      return this.bad(parsed.error.code, parsed.error.message, envelope !== undefined);
    }
    this.badInRow = 0;
    const message = parsed.value;
    if (message.type === 'command' && this.ctx.metrics && this.unanswered.size < 1_000)
      this.unanswered.set(message.id, { type: message.command.type, at: performance.now() });
    switch (message.type) {
      case 'hello':
        return this.hello(message);
      case 'command':
        return this.command(message);
      case 'query':
        return this.query(message);
      case 'heartbeat':
        return;
      case 'feature':
        return this.feature(message);
    }
  }

  private hello(hello: Hello): void {
    if (this.phase !== 'hello') return this.error('bad_message', 'hello was already received');
    if (hello.protocol !== PROTOCOL_VERSION) {
      this.error(
        'unsupported_protocol',
        `this hub speaks protocol ${PROTOCOL_VERSION}, not ${hello.protocol}`,
      );
      return this.close(CloseCode.unsupportedProtocol, 'unsupported protocol');
    }
    const { engine } = this.ctx;
    const user = engine.state.users.get(this.identity.userId);
    if (!user) {
      this.error('unauthorized', 'your user no longer exists on this hub');
      return this.close(CloseCode.policyViolation, 'unknown user');
    }
    this.send({
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      user,
      permissions: permissionsOf(user, this.identity.readOnly),
      hub: this.ctx.hub,
      epoch: engine.epoch,
      heartbeatMs: this.ctx.heartbeatMs,
    } satisfies Welcome);
    this.roles = rolesKey(user);
    // The snapshot (or the replay) and the registration for deltas happen in this same tick.
    const scope = viewScope(engine.state, user);
    this.phase = 'ready';
    this.setScope(scope);
    this.sendSourceStatus();
    const feed = this.ctx.figures;
    if (hello.view === 'figures' && feed) {
      this.figures = new FiguresSubscription(feed, this.ctx.now, (frame) => this.outbox.sendText(frame));
      this.sendFigures(true);
    } else if (!(hello.resume && hello.resume.epoch === engine.epoch && this.resume(hello.resume.seq, scope)))
      this.sendSnapshot();
    if (engine.health.degraded) this.hubStatus(engine.health);
  }

  /** Replays what the client missed, if memory holds all of it and none of it changed the client's scope. */
  private resume(seq: number, scope: ViewScope): boolean {
    const missed = this.ctx.engine.historySince(seq);
    if (!missed || missed.some((d) => this.concerns(d))) return false;
    this.send({ type: 'resumed', epoch: this.ctx.engine.epoch, seq } satisfies Resumed);
    this.outbox.lastSent = seq;
    for (const delivery of missed)
      if (routeReaches(delivery.route, scope)) this.sendDelta(new EncodedEvent(delivery.seq, delivery.event));
    this.flushDeltas();
    return true;
  }

  private command(message: CommandMessage): void {
    if (this.phase !== 'ready') {
      this.send(nack(message, this.outbox.lastSent, 'not_ready', 'say hello first'));
      return;
    }
    if (this.ctx.admit && !this.ctx.admit(this, 'command')) {
      this.send(nack(message, this.outbox.lastSent, 'rate_limited', 'too many commands: slow down'));
      return;
    }
    const ack = this.ctx.commands.run(this.identity, message.id, message.command);
    if (!(ack instanceof Promise)) return this.send(ack);
    // The source answers first: this ack may come after those of later commands (match by id).
    ack.then(
      (answer) => this.send(answer),
      (cause: unknown) => this.ctx.log(`command ${message.id} failed: ${String(cause)}`),
    );
  }

  private query(message: QueryMessage): void {
    if (this.phase !== 'ready') {
      this.send({
        type: 'query_result',
        id: message.id,
        ok: false,
        error: protocolError('not_ready', 'say hello first'),
      } satisfies QueryResult);
      return;
    }
    if (this.ctx.admit && !this.ctx.admit(this, 'query')) {
      this.send({
        type: 'query_result',
        id: message.id,
        ok: false,
        error: protocolError('rate_limited', 'too many queries: slow down'),
      } satisfies QueryResult);
      return;
    }
    const { limit, before } = message.query;
    const answer = this.ctx.engine.auditLog(this.identity.userId, limit, before);
    this.send(
      answer.ok ? fittedAudit(message.id, answer.audit) : { type: 'query_result', id: message.id, ...answer },
    );
  }

  private bad(code: ErrorCode, message: string, answered = false): void {
    if (!answered) this.error(code, message);
    this.badInRow += 1;
    if (this.badInRow >= BAD_FRAMES_LIMIT) {
      this.ctx.audit?.(
        this.identity,
        'limit',
        'bad_frames',
        `${BAD_FRAMES_LIMIT} bad frames in a row: closed 1002`,
      );
      this.close(CloseCode.protocolError, 'too many bad frames');
    }
  }

  // ------------------------------------------------------------------ from the hub

  /**
   * An applied event that may change this connection's scope (`Delivery.scopeChanges`), before
   * it is delivered: a fresh snapshot if the scope changed, a close if the user went or their
   * roles changed.
   */
  rescope(delivery: Delivery): void {
    if (this.phase !== 'ready' || !this.scope || delivery.seq <= this.outbox.lastSent) return;
    if (this.concerns(delivery)) {
      const user = this.ctx.engine.state.users.get(this.identity.userId);
      if (!user) {
        this.error('unauthorized', 'your user was removed from the directory');
        this.ctx.audit?.(this.identity, 'session', 'closed', 'user removed: closed 1008');
        return this.close(CloseCode.policyViolation, 'user removed');
      }
      if (rolesKey(user) !== this.roles) {
        this.error('unauthorized', 'your roles changed: sign in again');
        this.ctx.audit?.(this.identity, 'session', 'closed', 'roles changed: closed 1008');
        return this.close(CloseCode.policyViolation, 'roles changed');
      }
      const next = viewScope(this.ctx.engine.state, user);
      if (!sameScope(this.scope, next)) {
        this.setScope(next);
        return this.figures ? this.sendFigures(true) : this.sendSnapshot();
      }
    }
  }

  /**
   * An applied event in this connection's scope (the audience found it): a delta, unless a
   * snapshot already holds it, or the connection takes figures (they go on the figures tick).
   */
  deliver(delivery: Delivery, encoded: EncodedEvent): void {
    if (this.phase !== 'ready' || !this.scope || this.figures || delivery.seq <= this.outbox.lastSent) return;
    this.sendDelta(encoded);
  }

  /** The hub became unable to save, or able again: tell the wallboard (it shows a banner). */
  hubStatus(health: HubHealth): void {
    if (this.phase !== 'ready') return;
    this.send({ type: 'hub_status', ...health } satisfies HubStatus);
  }

  /** Tells the wallboard whether the source is up (it marks the data stale while it is not). */
  sendSourceStatus(): void {
    if (this.phase !== 'ready') return;
    this.send({ type: 'source_status', source: this.ctx.sourceInfo() } satisfies SourceStatus);
  }

  /** The hub reloaded its state: start again from a snapshot. */
  resync(): void {
    if (this.phase !== 'ready') return;
    const user = this.ctx.engine.state.users.get(this.identity.userId);
    if (!user) return this.close(CloseCode.policyViolation, 'unknown user');
    this.setScope(viewScope(this.ctx.engine.state, user));
    if (this.figures) return this.sendFigures(true);
    this.sendSnapshot();
  }

  /** Which channel's agents the figures carry: one this connection sees, or none. */
  private feature(message: Feature): void {
    if (this.phase !== 'ready' || !this.scope) return this.error('not_ready', 'say hello first');
    const refused = featureRefusal(this.figures, this.scope, message.channelId);
    if (refused) return this.error(refused.code, refused.message);
    this.sendFigures(true);
  }

  /** Sends the hub's heartbeat and checks the peer answered the previous ping; returns false if it is dead. */
  heartbeat(): boolean {
    if (this.phase === 'closed') return false;
    if (this.awaitingPong) {
      this.ctx.log(`${this.identity.remote}: no pong, connection terminated`, 'warn');
      this.terminate();
      return false;
    }
    this.awaitingPong = true;
    this.ws.ping();
    if (this.phase === 'ready') {
      this.send({
        type: 'heartbeat',
        epoch: this.ctx.engine.epoch,
        seq: this.outbox.lastSent,
        at: this.ctx.now(),
      } satisfies HubHeartbeat);
    }
    return true;
  }

  pong(): void {
    this.awaitingPong = false;
  }

  close(code: number, reason: string): void {
    if (this.phase === 'closed') return;
    this.leave();
    this.ws.close(code, reason);
  }

  terminate(): void {
    this.leave();
    this.ws.terminate();
  }

  closed(): void {
    this.leave();
  }

  private leave(): void {
    this.phase = 'closed';
    this.setScope(undefined);
  }

  private setScope(scope: ViewScope | undefined): void {
    this.scope = scope;
    this.ctx.audience?.set(this, scope);
  }

  // ------------------------------------------------------------------ sending

  private concerns(delivery: Delivery): boolean {
    return delivery.scopeChanges === 'all' || delivery.scopeChanges.has(this.identity.userId);
  }

  private sendSnapshot(): void {
    const { engine } = this.ctx;
    const user = engine.state.users.get(this.identity.userId);
    if (!user || !this.scope) return;
    this.outbox.dropQueued(); // the snapshot includes them
    const frames = snapshotFrames(engine.epoch, engine.seq, scopedSnapshot(engine.state, this.scope));
    for (const frame of frames) this.outbox.sendText(frame);
    this.outbox.lastSent = engine.seq;
  }

  /** The figures view: the figures, if they changed (the hub's figures tick) or `force` (figures-feed.ts). */
  sendFigures(force = false): void {
    if (this.phase !== 'ready' || !this.figures || !this.scope) return;
    this.figures.update(this.scope, force);
  }

  /** Queues a delta (connection-outbox.ts); an event too large for any frame gets a fresh snapshot instead. */
  private sendDelta(event: EncodedEvent): void {
    if (!this.outbox.queueDelta(event)) this.sendSnapshot();
  }

  /** Writes the deltas queued in this step as one frame (after every step of the engine). */
  flushDeltas(): void {
    this.outbox.flushDeltas();
  }

  private error(code: ErrorCode, message: string): void {
    this.send({ type: 'error', error: protocolError(code, message) } satisfies ErrorMessage);
  }

  private send(
    message: Ack | Welcome | Resumed | HubHeartbeat | QueryResult | ErrorMessage | SourceStatus | HubStatus,
  ): void {
    this.flushDeltas();
    if (message.type === 'ack') this.answered(message);
    this.outbox.sendText(JSON.stringify(message));
  }

  /** Counts an ack by command type and result, with the time since its command arrived. */
  private answered(ack: Ack): void {
    const metrics = this.ctx.metrics;
    if (!metrics) return;
    const command = this.unanswered.get(ack.id);
    this.unanswered.delete(ack.id);
    const seconds = command ? (performance.now() - command.at) / 1000 : 0;
    metrics.commandAnswered(command?.type ?? 'invalid', ack.ok ? 'ok' : ack.error.code, seconds);
  }
}

function rolesKey(user: User): string {
  return [...user.roles].sort().join(',');
}
