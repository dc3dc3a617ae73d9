/**
 * The hub's core, without sockets: the state, its epoch and sequence number, commands
 * (idempotency → decide → persist → apply → fan out), the hub's own traffic and clock.
 *
 * Each step is synchronous: a command's decision and its settling (commandRunner awaits the
 * source in between), or a batch of system events, is committed in one transaction, applied and
 * handed to the listeners before anything else runs, so no observer ever sees a half-applied
 * change.
 */
import { createHash } from 'node:crypto';
import {
  type Actor,
  apply,
  type CenterState,
  checkInvariants,
  type Decision,
  decide,
  type EventRoute,
  emptyState,
  eventRoute,
  expiredWrapUps,
  mayChangeScope,
  scopeChangeCandidate,
  stateFromSnapshot,
  type TrafficResult,
  toSnapshotData,
} from '../domain/index.js';
import {
  type Ack,
  AuditAction,
  type AuditEntry,
  AuditResult,
  type CenterEvent,
  type Command,
  type ProtocolError,
  protocolError,
  type SnapshotData,
} from '../protocol/index.js';
import { canonicalJson } from './canonical-json.js';
import { commandDetail, commandTarget } from './command-audit.js';
import { localMidnight } from './local-day.js';
import type { HubLog } from './log.js';
import type { AuditRecord, Storage, StoredAudit, StoredEvent } from './storage.js';
import { reasonOf, StorageError } from './storage-error.js';

/** One applied event, as listeners receive it. */
export interface Delivery {
  seq: number;
  event: CenterEvent;
  /** Who the event concerns, worked out on the state before it applied. */
  route: EventRoute;
  /** Users whose view scope this event may change ('all': everyone's). */
  scopeChanges: 'all' | ReadonlySet<string>;
}

export interface EngineListener {
  /** Called after the event's transaction committed and the state includes it. */
  deliver(delivery: Delivery): void;
  /** The state was reloaded from storage: every view must start again from a snapshot. */
  reset(): void;
  /** Every delivery of one step (a command, a batch of traffic, a tick) has been made. */
  settled?(): void;
  /** The hub became unable to save (degraded), or able again. */
  status?(status: HubHealth): void;
}

/**
 * Whether the hub can save. Degraded (a full disk, a read-only file): every write failed since
 * `since`; the hub's traffic stops (nothing it cannot save is shown as live), commands are
 * refused with `storage_failed`, and a write is tried every second until one succeeds.
 */
export interface HubHealth {
  degraded: boolean;
  since: number;
  /** Why, for an operator (empty when not degraded). */
  detail: string;
}

export interface EngineOptions {
  now: () => number;
  log: HubLog;
  /**
   * The resume history: at most this many of the latest events (10,000 by default), in memory
   * and in the database's log, so that it survives a restart.
   */
  historyEvents?: number;
  /** …and none older than this (60 minutes by default; 0: no age limit). */
  historyMs?: number;
  /**
   * A checkpoint of the whole state is written every this many events (1,000 by default, and
   * at least a sixteenth of `historyEvents`, so the checkpoints kept stay few).
   */
  checkpointEvery?: number;
  /** A command id is remembered (a retry gets the stored ack) for this long: 24 hours by default. */
  commandIdTtlMs?: number;
  /**
   * A checkpoint of a state with at least this many entities (5,000 by default) is serialised in
   * slices between steps instead of in one go, so that traffic and commands do not wait for it.
   */
  backgroundCheckpointEntities?: number;
  /** Audit entries are kept this long (90 days by default; 0: for ever). */
  auditRetentionMs?: number;
}

/** Entities serialised per slice of a background checkpoint (about a millisecond's work). */
const CHECKPOINT_SLICE = 1_000;

export const DEFAULT_HISTORY_EVENTS = 10_000;
export const DEFAULT_HISTORY_MS = 60 * 60_000;
export const DEFAULT_COMMAND_ID_TTL_MS = 24 * 60 * 60_000;
export const DEFAULT_AUDIT_RETENTION_MS = 90 * 24 * 60 * 60_000;
/** How often the clock forgets expired command ids. */
const PRUNE_EVERY_MS = 10 * 60_000;

/** Who sends a command, and from where (for the audit log). */
export interface CommandActor {
  userId: string;
  readOnly: boolean;
  remote: string;
}

/** What the hub's own traffic (simulator, clock, seeding) may do inside one transaction. */
export interface SystemBatch {
  readonly state: CenterState;
  readonly now: number;
  /** Applies the events of a traffic result or decision; a refusal changes nothing and returns false. */
  run(result: TrafficResult | Decision): boolean;
  /** Decides `command` as `userId` (every rule applies) and applies its events. */
  act(userId: string, command: Command): boolean;
}

/** A command decided by the hub's rules, not yet settled. */
export interface DecidedCommand {
  kind: 'decided';
  actor: CommandActor;
  commandId: string;
  command: Command;
  now: number;
  hash: string;
  decision: Decision;
}

export type PreparedCommand = { kind: 'answered'; ack: Ack } | DecidedCommand;

function auditRecord(
  prepared: Pick<DecidedCommand, 'actor' | 'command' | 'now'>,
  result: AuditResult,
  detail: string,
): AuditRecord {
  return {
    at: prepared.now,
    actorId: prepared.actor.userId,
    remote: prepared.actor.remote,
    action: prepared.command.type,
    target: commandTarget(prepared.command),
    result,
    detail,
  };
}

/**
 * A stored row as the protocol says it, or nothing: a row no version of the hub writes (an
 * action it does not know, put there by hand) has no words on a wallboard; `ccwall audit` shows it.
 */
function knownAudit(row: StoredAudit): AuditEntry[] {
  const action = AuditAction.safeParse(row.action);
  const result = AuditResult.safeParse(row.result);
  return action.success && result.success ? [{ ...row, action: action.data, result: result.data }] : [];
}

export type AuditAnswer = { ok: true; audit: AuditEntry[] } | { ok: false; error: ProtocolError };

const NO_ONE: ReadonlySet<string> = new Set();

export class Engine {
  private stateValue: CenterState = emptyState();
  private seqValue = 0;
  private checkpointSeq = 0;
  private statsSince = 0;
  /** The resume history: `history[historyHead…]` (the entries before the head are dropped lazily). */
  private history: Delivery[] = [];
  private historyHead = 0;
  private lastPrune = Number.NEGATIVE_INFINITY;
  /** The checkpoint being serialised in the background, if any (`cancelled` once it is stale). */
  private pendingCheckpoint: { seq: number; cancelled: boolean } | null = null;
  private readonly listeners = new Set<EngineListener>();
  private healthValue: HubHealth;
  private readonly historyEvents: number;
  private readonly historyMs: number;
  private readonly checkpointEvery: number;
  private readonly commandIdTtlMs: number;

  private constructor(
    private readonly storage: Storage,
    private readonly options: EngineOptions,
  ) {
    this.historyEvents = Math.max(1, Math.floor(options.historyEvents ?? DEFAULT_HISTORY_EVENTS));
    this.historyMs = Math.max(0, options.historyMs ?? DEFAULT_HISTORY_MS);
    this.checkpointEvery = Math.max(1, options.checkpointEvery ?? 1_000, Math.ceil(this.historyEvents / 16));
    this.commandIdTtlMs = Math.max(0, options.commandIdTtlMs ?? DEFAULT_COMMAND_ID_TTL_MS);
    this.healthValue = { degraded: false, since: options.now(), detail: '' };
  }

  /** Loads the base checkpoint and replays the log after it (state and resume history); a broken state throws a StorageError. */
  static open(storage: Storage, options: EngineOptions): Engine {
    const engine = new Engine(storage, options);
    engine.load();
    return engine;
  }

  get state(): CenterState {
    return this.stateValue;
  }

  get seq(): number {
    return this.seqValue;
  }

  get epoch(): string {
    return this.storage.epoch;
  }

  /** Whether the hub can save right now (see HubHealth). */
  get health(): HubHealth {
    return this.healthValue;
  }

  subscribe(listener: EngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The deliveries after `seq`, if the history still holds all of them (an empty list when `seq`
   * is the current position); undefined when it no longer reaches back that far. The history
   * is rebuilt on restart, so a position from before a restart resumes too.
   */
  historySince(seq: number): readonly Delivery[] | undefined {
    if (seq === this.seqValue) return [];
    if (seq > this.seqValue) return undefined;
    this.trimHistory();
    const first = this.history[this.historyHead];
    if (!first || first.seq > seq + 1) return undefined;
    return this.history.slice(this.historyHead + seq + 1 - first.seq);
  }

  /** The oldest position a client can resume from. */
  get resumableFrom(): number {
    this.trimHistory();
    const first = this.history[this.historyHead];
    return first ? first.seq - 1 : this.seqValue;
  }

  // ------------------------------------------------------------------ commands

  /** Runs a client's command once: a repeated id returns the stored ack, nothing is applied twice. */
  execute(actor: CommandActor, commandId: string, command: Command): Ack {
    const prepared = this.prepareCommand(actor, commandId, command);
    if (prepared.kind === 'answered') return prepared.ack;
    return this.settleCommand(
      prepared,
      prepared.decision.ok ? { events: prepared.decision.events } : prepared.decision,
    );
  }

  /**
   * The first half of a command: a repeated id answers with the stored ack (or a conflict);
   * otherwise the hub's rules decide it on the state as it is now. Nothing is stored or applied.
   */
  prepareCommand(actor: CommandActor, commandId: string, command: Command): PreparedCommand {
    const now = this.options.now();
    const hash = createHash('sha256')
      .update(canonicalJson({ actor: actor.userId, command }))
      .digest('hex');
    const base = { actor, commandId, command, now, hash };
    let stored: ReturnType<Storage['command']>;
    try {
      stored = this.storage.command(commandId);
    } catch (cause) {
      return { kind: 'answered', ack: this.failed(commandId, cause) };
    }
    if (stored) {
      const same = stored.hash === hash;
      this.tryAudit(
        auditRecord(base, same ? 'duplicate' : 'idempotency_conflict', `command id ${commandId}`),
      );
      if (same) return { kind: 'answered', ack: stored.ack };
      return {
        kind: 'answered',
        ack: this.refusal(
          commandId,
          protocolError(
            'idempotency_conflict',
            `command id ${commandId} was already used for a different command`,
          ),
        ),
      };
    }
    const user = this.stateValue.users.get(actor.userId);
    const decision: Decision = user
      ? decide(this.stateValue, { user, readOnly: actor.readOnly } satisfies Actor, command, now)
      : { ok: false, error: protocolError('unknown_user', `no user ${actor.userId}`) };
    return { kind: 'decided', ...base, decision };
  }

  /**
   * The second half: applies `outcome.events` (none when a source carries the command out and
   * reports the change itself) or records the refusal, with the command's id (unless `remember`
   * is false: a transient refusal a retry should not get again) and its audit row, in one
   * transaction; returns the ack.
   */
  settleCommand(
    prepared: DecidedCommand,
    outcome: { events: readonly CenterEvent[] } | { error: ProtocolError },
    remember = true,
  ): Ack {
    const { commandId, command, hash, now } = prepared;
    const events: StoredEvent[] =
      'events' in outcome
        ? outcome.events.map((event, index) => ({ seq: this.seqValue + 1 + index, event }))
        : [];
    const ack: Ack =
      'events' in outcome
        ? { type: 'ack', id: commandId, ok: true, seq: this.seqValue + events.length }
        : this.refusal(commandId, outcome.error);
    const row =
      'events' in outcome
        ? auditRecord(prepared, 'ok', commandDetail(command, this.stateValue))
        : auditRecord(prepared, outcome.error.code, outcome.error.message);
    try {
      this.storage.commit({
        events,
        ...(remember ? { command: { id: commandId, actor: prepared.actor.userId, hash, ack, at: now } } : {}),
        audit: [row],
      });
    } catch (cause) {
      return this.failed(commandId, cause);
    }
    this.publish(events.map(({ seq, event }) => this.applyOne(seq, event)));
    return ack;
  }

  /** The audit log, newest first: admins and supervisors only. */
  auditLog(userId: string, limit: number, before?: number): AuditAnswer {
    const user = this.stateValue.users.get(userId);
    if (!user?.roles.some((role) => role === 'admin' || role === 'supervisor')) {
      return {
        ok: false,
        error: protocolError('forbidden', 'only admins and supervisors may read the audit log'),
      };
    }
    try {
      return { ok: true, audit: this.storage.audit(limit, before).flatMap(knownAudit) };
    } catch (cause) {
      this.options.log(`audit log unreadable: ${reasonOf(cause)}`);
      return { ok: false, error: protocolError('internal', 'the audit log cannot be read right now') };
    }
  }

  /** Records something that is not a command (an authentication failure, a limit hit). */
  recordAudit(record: AuditRecord): void {
    this.tryAudit(record);
  }

  // ------------------------------------------------------------------ system traffic

  /**
   * Runs the hub's own work (traffic, clock, seeding) as one transaction: each step sees the
   * state left by the previous one; listeners hear of it after the commit. Returns the number
   * of events applied.
   */
  system(work: (batch: SystemBatch) => void, now: number = this.options.now()): number {
    // What cannot be saved is not applied: a wallboard must never show it as live.
    if (this.healthValue.degraded) return 0;
    const deliveries: Delivery[] = [];
    const applyAll = (events: readonly CenterEvent[]) => {
      for (const event of events) deliveries.push(this.applyOne(this.seqValue + 1, event));
    };
    const engine = this;
    const batch: SystemBatch = {
      get state() {
        return engine.stateValue;
      },
      now,
      run: (result) => {
        if (!result.ok) return false;
        applyAll(result.events);
        return true;
      },
      act: (userId, command) => {
        const user = this.stateValue.users.get(userId);
        if (!user) return false;
        const decision = decide(this.stateValue, { user, readOnly: false }, command, now);
        return batch.run(decision);
      },
    };
    work(batch);
    if (deliveries.length === 0) return 0;
    try {
      this.storage.commit({ events: deliveries.map(({ seq, event }) => ({ seq, event })) });
    } catch (cause) {
      this.storageFailed(cause, `${deliveries.length} events`);
      this.reload();
      return 0;
    }
    this.publish(deliveries);
    return deliveries.length;
  }

  /** Applies seed events (a new center) in one transaction. */
  seed(events: readonly CenterEvent[]): void {
    this.system((batch) => batch.run({ ok: true, events: [...events] }));
  }

  /** The clock: ends expired wrap-ups, and starts the day's counters again after local midnight. */
  tick(now: number = this.options.now()): number {
    if (this.healthValue.degraded) this.probe(now);
    if (now - this.lastPrune >= PRUNE_EVERY_MS) this.prune(now);
    return this.system((batch) => {
      const midnight = localMidnight(now);
      if (midnight > this.statsSince && this.stateValue.stats.size > 0) {
        batch.run({ ok: true, events: [{ type: 'stats_reset', at: now, since: midnight }] });
        this.statsSince = midnight;
      }
      batch.run({ ok: true, events: expiredWrapUps(this.stateValue, now) });
    }, now);
  }

  /**
   * Writes a checkpoint (every `checkpointEvery` events, and at shutdown) and lets the log go
   * of what the resume history no longer needs.
   */
  checkpoint(): void {
    this.cancelBackgroundCheckpoint();
    if (this.seqValue === this.checkpointSeq) return;
    try {
      this.storage.writeCheckpoint(
        this.seqValue,
        this.options.now(),
        toSnapshotData(this.stateValue),
        this.resumableFrom,
      );
      this.checkpointSeq = this.seqValue;
    } catch (cause) {
      this.storageFailed(cause, 'a checkpoint');
    }
  }

  /**
   * Forgets command ids older than their time to live, and audit entries older than their
   * retention, so that neither table grows for ever.
   */
  prune(now: number = this.options.now()): void {
    this.lastPrune = now;
    if (this.healthValue.degraded) return;
    try {
      const pruned = this.storage.pruneCommands(now - this.commandIdTtlMs);
      if (pruned > 0) this.options.log(`forgot ${pruned} command ids older than their retry window`);
      const retention = this.options.auditRetentionMs ?? DEFAULT_AUDIT_RETENTION_MS;
      if (retention > 0) {
        // In slices: a first prune of a large table must not stop the hub for long.
        let deleted = 0;
        for (let slice = 0; slice < 20; slice += 1) {
          const n = this.storage.pruneAudit(now - retention);
          deleted += n;
          if (n === 0) break;
        }
        if (deleted > 0)
          this.options.log(`deleted ${deleted} audit entries older than ${retention / 86_400_000} days`);
      }
    } catch (cause) {
      this.storageFailed(cause, 'a prune');
    }
  }

  /**
   * While degraded: tries a small write; once one succeeds the hub saves again, says so to its
   * log and its wallboards, and its traffic resumes.
   */
  private probe(now: number): void {
    try {
      this.storage.probe(now);
    } catch {
      return;
    }
    const since = this.healthValue.since;
    this.setHealth({ degraded: false, since: now, detail: '' });
    this.options.log(
      `the database takes writes again (it did not for ${Math.round((now - since) / 1000)} s): changes accepted`,
      'warn',
      { event: 'storage_recovered' },
    );
  }

  /**
   * A write failed: the hub is degraded until a write succeeds again. Logged at error level once
   * per change of state, not once per failed write.
   */
  private storageFailed(cause: unknown, what: string): void {
    const reason = reasonOf(cause);
    if (this.healthValue.degraded) return;
    this.setHealth({ degraded: true, since: this.options.now(), detail: reason.slice(0, 200) });
    this.options.log(
      `cannot save ${what} to ${this.storage.path} (${reason}): changes refused until it can; wallboards are told`,
      'error',
      { event: 'storage_degraded' },
    );
  }

  private setHealth(health: HubHealth): void {
    this.healthValue = health;
    for (const listener of this.listeners) {
      try {
        listener.status?.(health);
      } catch (cause) {
        this.options.log(`a listener failed on a status change: ${reasonOf(cause)}`, 'error');
      }
    }
  }

  // ------------------------------------------------------------------ internals

  /**
   * Starts from the base checkpoint (the one the log runs on from) and replays the whole log:
   * the state comes out as it was, and the resume history as well.
   */
  private load(): void {
    // One read transaction: a hub in another process may checkpoint and prune in between.
    this.storage.reading(() => {
      const checkpoint = this.storage.baseCheckpoint();
      this.stateValue = checkpoint ? stateFromSnapshot(checkpoint.data) : emptyState();
      this.seqValue = checkpoint?.seq ?? 0;
      this.history = [];
      this.historyHead = 0;
      for (const { seq, event } of this.storage.eventsAfter(this.seqValue)) {
        this.applyOne(seq, event);
      }
      this.checkpointSeq = Math.min(this.storage.latestCheckpointSeq(), this.seqValue);
    });
    this.trimHistory();
    const problems = checkInvariants(this.stateValue);
    if (problems.length > 0) {
      throw new StorageError(
        `${this.storage.path} holds a state that breaks the center's rules: ${problems.slice(0, 3).join('; ')}`,
      );
    }
    let since = 0;
    for (const stats of this.stateValue.stats.values()) since = Math.max(since, stats.since);
    this.statsSince = this.stateValue.stats.size > 0 ? since : this.options.now();
  }

  private reload(): void {
    this.cancelBackgroundCheckpoint();
    try {
      this.load();
    } catch (cause) {
      this.options.log(`could not reload the saved state: ${reasonOf(cause)}`);
      throw cause;
    }
    for (const listener of this.listeners) listener.reset();
  }

  private applyOne(seq: number, event: CenterEvent): Delivery {
    const state = this.stateValue;
    const route = eventRoute(state, event);
    const delivery: Delivery = { seq, event, route, scopeChanges: this.scopeChanges(event) };
    apply(state, event);
    this.seqValue = seq;
    this.history.push(delivery);
    if (this.history.length - this.historyHead > this.historyEvents) this.trimHistory();
    return delivery;
  }

  /**
   * Drops the entries beyond the history's bounds (count, then age), and compacts the array
   * once most of it is dropped entries (amortised: no shifting of the whole array per event).
   */
  private trimHistory(): void {
    const history = this.history;
    let head = Math.max(this.historyHead, history.length - this.historyEvents);
    if (this.historyMs > 0) {
      const oldest = this.options.now() - this.historyMs;
      while (head < history.length && (history[head]?.event.at ?? oldest) < oldest) head += 1;
    }
    if (head > 1024 && head * 2 > history.length) {
      history.splice(0, head);
      head = 0;
    }
    this.historyHead = head;
  }

  /** Whose scope the event may change: `mayChangeScope`, asked of the one candidate rather than of every user. */
  private scopeChanges(event: CenterEvent): 'all' | ReadonlySet<string> {
    const state = this.stateValue;
    const candidate = scopeChangeCandidate(state, event);
    if (candidate === 'all') return 'all';
    if (candidate === undefined || !state.users.has(candidate)) return NO_ONE;
    return mayChangeScope(state, event, candidate) ? new Set([candidate]) : NO_ONE;
  }

  private publish(deliveries: readonly Delivery[]): void {
    for (const delivery of deliveries) {
      for (const listener of this.listeners) {
        try {
          listener.deliver(delivery);
        } catch (cause) {
          this.options.log(`a listener failed on event ${delivery.seq}: ${reasonOf(cause)}`);
        }
      }
    }
    for (const listener of this.listeners) {
      try {
        listener.settled?.();
      } catch (cause) {
        this.options.log(`a listener failed after event ${this.seqValue}: ${reasonOf(cause)}`);
      }
    }
    if (this.pendingCheckpoint || this.seqValue - this.checkpointSeq < this.checkpointInterval()) return;
    if (this.entityCount() >= (this.options.backgroundCheckpointEntities ?? 5_000))
      this.checkpointInBackground();
    else this.checkpoint();
  }

  /**
   * A checkpoint of the state as it is now, serialised a slice at a time between steps (the
   * entities are immutable: the reducer replaces them, so the captured arrays stay as they
   * are), written a part at a time and made whole by one small transaction; the log is then
   * pruned a slice at a time. At 36,000 entities that turns a 90 ms pause of everything into a
   * few milliseconds at a time (bench/README.md).
   */
  private checkpointInBackground(): void {
    const job = { seq: this.seqValue, cancelled: false };
    const at = this.options.now();
    const data = toSnapshotData(this.stateValue);
    this.pendingCheckpoint = job;
    const cancelled = () => job.cancelled;
    void serialiseInSlices(data, cancelled)
      .then(async (json) => {
        if (json === undefined) return;
        const parts = await writeInParts(this.storage, job.seq, json, cancelled);
        if (parts === undefined) return;
        const floor = Math.min(this.resumableFrom, job.seq);
        this.storage.writeCheckpoint(job.seq, at, `parts:${parts}`, floor, { prune: false });
        this.checkpointSeq = Math.max(this.checkpointSeq, job.seq);
        await pruneInSlices(this.storage, floor, cancelled);
      })
      .catch((cause: unknown) => this.storageFailed(cause, 'a checkpoint'))
      .finally(() => {
        if (this.pendingCheckpoint === job) this.pendingCheckpoint = null;
      });
  }

  /** A background checkpoint of a state that is no longer the one to save (a reload, a shutdown's own). */
  private cancelBackgroundCheckpoint(): void {
    if (this.pendingCheckpoint) this.pendingCheckpoint.cancelled = true;
    this.pendingCheckpoint = null;
  }

  private entityCount(): number {
    const s = this.stateValue;
    return (
      s.users.size +
      s.devices.size +
      s.channels.size +
      s.assignments.size +
      s.sessions.size +
      s.interactions.size
    );
  }

  /**
   * Events between checkpoints. A checkpoint serialises the whole state (about 150 ms for the
   * large demo's 36,000 entities), so unless `checkpointEvery` was given, the interval grows with
   * the state: at least one event per entity, which keeps the cost per event constant and the
   * pauses rare at contact-center scale (one every ~18 s at 2,000 events a second).
   */
  private checkpointInterval(): number {
    if (this.options.checkpointEvery !== undefined) return this.checkpointEvery;
    return Math.max(this.checkpointEvery, this.entityCount());
  }

  private refusal(commandId: string, error: ProtocolError): Ack {
    return { type: 'ack', id: commandId, ok: false, seq: this.seqValue, error };
  }

  private failed(commandId: string, cause: unknown): Ack {
    this.storageFailed(cause, `command ${commandId}`);
    return {
      type: 'ack',
      id: commandId,
      ok: false,
      seq: this.seqValue,
      error: protocolError(
        'storage_failed',
        'the hub cannot save right now (see its log): nothing was changed, try again later',
      ),
    };
  }

  private tryAudit(record: AuditRecord): void {
    if (this.healthValue.degraded) return;
    try {
      this.storage.addAudit(record);
    } catch (cause) {
      this.storageFailed(cause, 'an audit entry');
    }
  }
}

/** Events deleted per transaction when a background checkpoint prunes the log. */
const PRUNE_SLICE = 2_000;
/** Characters of checkpoint JSON per stored part (a large checkpoint is ~5 MB: ~20 parts). */
const CHECKPOINT_PART_CHARS = 256 * 1024;

/** Writes `json` as the parts of checkpoint `seq`, one transaction each; how many, or undefined if cancelled. */
async function writeInParts(
  storage: Storage,
  seq: number,
  json: string,
  cancelled: () => boolean,
): Promise<number | undefined> {
  const parts = textParts(json, CHECKPOINT_PART_CHARS);
  for (const [part, text] of parts.entries()) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (cancelled()) return undefined;
    storage.writeCheckpointPart(seq, part, text);
  }
  return parts.length;
}

/**
 * `text` cut into pieces of at most `size` UTF-16 units that join back to it, never between the
 * two halves of a surrogate pair (each piece is stored as UTF-8 text: half a pair would not
 * survive). At least one piece, empty for an empty text.
 */
export function textParts(text: string, size: number): string[] {
  const parts: string[] = [];
  let from = 0;
  while (from < text.length) {
    let to = Math.min(text.length, from + Math.max(2, size));
    const last = text.charCodeAt(to - 1);
    if (to < text.length && last >= 0xd800 && last <= 0xdbff) to -= 1;
    parts.push(text.slice(from, to));
    from = to;
  }
  return parts.length > 0 ? parts : [''];
}

/** `storage.pruneSome` until nothing is left, with the event loop free in between. */
async function pruneInSlices(storage: Storage, floor: number, cancelled: () => boolean): Promise<void> {
  while (!cancelled() && storage.pruneSome(floor, PRUNE_SLICE))
    await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * `JSON.stringify(data)`, a slice of entities at a time with the event loop free in between;
 * undefined if `cancelled` says so before the end.
 */
async function serialiseInSlices(data: SnapshotData, cancelled: () => boolean): Promise<string | undefined> {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    parts.push(`${parts.length === 0 ? '{' : ','}${JSON.stringify(key)}:`);
    if (!Array.isArray(value)) {
      parts.push(JSON.stringify(value));
      continue;
    }
    parts.push('[');
    for (let from = 0; from < value.length; from += CHECKPOINT_SLICE) {
      if (from > 0) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (cancelled()) return undefined;
        parts.push(',');
      }
      parts.push(JSON.stringify(value.slice(from, from + CHECKPOINT_SLICE)).slice(1, -1));
    }
    parts.push(']');
  }
  parts.push(parts.length === 0 ? '{}' : '}');
  return parts.join('');
}
