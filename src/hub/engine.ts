/**
 * The hub's core, without sockets: the state, its epoch and sequence number, commands
 * (idempotency → decide → persist → apply → fan out), the hub's own traffic and clock.
 *
 * Each step is synchronous: a command's decision and its settling (commandRunner awaits the
 * source in between), or a batch of system events, is committed in one transaction, applied and
 * handed to the listeners before anything else runs, so no observer ever sees a half-applied
 * change. Only the checkpoint of a large state runs in the background, between steps
 * (background-checkpoint.ts), on the state as it was when the checkpoint began (its entities are
 * immutable: later steps replace them rather than change them).
 */
import {
  apply,
  type CenterState,
  checkInvariants,
  emptyState,
  eventRoute,
  expiredWrapUps,
  mayChangeScope,
  scopeChangeCandidate,
  stateFromSnapshot,
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
} from '../protocol/index.js';
import { CheckpointSchedule } from './checkpoint-schedule.js';
import { type Delivery, type EngineListener, Listeners } from './delivery.js';
import {
  type CommandActor,
  type CommandSeat,
  type DecidedCommand,
  notSavedAck,
  type PreparedCommand,
  prepareCommand,
  settleCommand,
} from './engine-commands.js';
import {
  DEFAULT_AUDIT_RETENTION_MS,
  DEFAULT_COMMAND_ID_TTL_MS,
  DEFAULT_HISTORY_EVENTS,
  DEFAULT_HISTORY_MS,
  type EngineOptions,
} from './engine-options.js';
import { type HubHealth, SaveHealth } from './hub-health.js';
import { localMidnight } from './local-day.js';
import { ResumeHistory } from './resume-history.js';
import { pruneExpired } from './retention.js';
import type { Storage } from './storage.js';
import type { AuditRecord, StoredAudit } from './storage-audit.js';
import { reasonOf, StorageError } from './storage-error.js';
import { type SystemBatch, systemBatch } from './system-batch.js';

/** How often the clock forgets expired command ids. */
const PRUNE_EVERY_MS = 10 * 60_000;

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
  private statsSince = 0;
  private readonly history: ResumeHistory;
  private lastPrune = Number.NEGATIVE_INFINITY;
  private readonly listeners: Listeners;
  private readonly saving: SaveHealth;
  private readonly checkpoints: CheckpointSchedule;
  private readonly seat: CommandSeat;
  private readonly commandIdTtlMs: number;

  private constructor(
    private readonly storage: Storage,
    private readonly options: EngineOptions,
  ) {
    const historyEvents = Math.max(1, Math.floor(options.historyEvents ?? DEFAULT_HISTORY_EVENTS));
    this.history = new ResumeHistory(
      historyEvents,
      Math.max(0, options.historyMs ?? DEFAULT_HISTORY_MS),
      options.now,
    );
    this.listeners = new Listeners(options.log);
    this.commandIdTtlMs = Math.max(0, options.commandIdTtlMs ?? DEFAULT_COMMAND_ID_TTL_MS);
    this.saving = new SaveHealth(storage, options.now, options.log, (health) =>
      this.listeners.status(health),
    );
    this.checkpoints = new CheckpointSchedule(storage, options, historyEvents, this.saving);
    const engine = this;
    this.seat = {
      get state() {
        return engine.stateValue;
      },
      get seq() {
        return engine.seqValue;
      },
      storage,
      now: options.now,
      audit: (record) => this.tryAudit(record),
      failed: (commandId, cause) => this.failed(commandId, cause),
      applyCommitted: (events) => this.publish(events.map(({ seq, event }) => this.applyOne(seq, event))),
    };
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
    return this.saving.current;
  }

  subscribe(listener: EngineListener): () => void {
    return this.listeners.subscribe(listener);
  }

  /**
   * The deliveries after `seq`, if the history still holds all of them (an empty list when `seq`
   * is the current position); undefined when it no longer reaches back that far. The history
   * is rebuilt on restart, so a position from before a restart resumes too.
   */
  historySince(seq: number): readonly Delivery[] | undefined {
    return this.history.since(seq, this.seqValue);
  }

  /** The oldest position a client can resume from. */
  get resumableFrom(): number {
    return this.history.resumableFrom(this.seqValue);
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
    return prepareCommand(this.seat, actor, commandId, command);
  }

  /** The second half: stores and applies the outcome, or the refusal, in one transaction (engine-commands.ts). */
  settleCommand(
    prepared: DecidedCommand,
    outcome: { events: readonly CenterEvent[] } | { error: ProtocolError },
    remember = true,
  ): Ack {
    return settleCommand(this.seat, prepared, outcome, remember);
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
    if (this.saving.degraded) return 0;
    const deliveries: Delivery[] = [];
    const applyAll = (events: readonly CenterEvent[]) => {
      for (const event of events) deliveries.push(this.applyOne(this.seqValue + 1, event));
    };
    const batch = systemBatch(() => this.stateValue, now, applyAll);
    work(batch);
    if (deliveries.length === 0) return 0;
    try {
      this.storage.commit({ events: deliveries.map(({ seq, event }) => ({ seq, event })) });
    } catch (cause) {
      this.saving.failed(cause, `${deliveries.length} events`);
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
    if (this.saving.degraded) this.saving.probe(now);
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
    this.checkpoints.writeNow(this.seqValue, this.stateValue, this.resumableFrom);
  }

  /**
   * Forgets command ids older than their time to live, and audit entries older than their
   * retention, so that neither table grows for ever.
   */
  prune(now: number = this.options.now()): void {
    this.lastPrune = now;
    if (this.saving.degraded) return;
    const auditRetentionMs = this.options.auditRetentionMs ?? DEFAULT_AUDIT_RETENTION_MS;
    try {
      pruneExpired(
        this.storage,
        now,
        { commandIdTtlMs: this.commandIdTtlMs, auditRetentionMs },
        this.options.log,
      );
    } catch (cause) {
      this.saving.failed(cause, 'a prune');
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
      this.history.clear();
      for (const { seq, event } of this.storage.eventsAfter(this.seqValue)) {
        this.applyOne(seq, event);
      }
      this.checkpoints.loaded(Math.min(this.storage.latestCheckpointSeq(), this.seqValue));
    });
    this.history.trim();
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
    this.checkpoints.cancel();
    try {
      this.load();
    } catch (cause) {
      this.options.log(`could not reload the saved state: ${reasonOf(cause)}`);
      throw cause;
    }
    this.listeners.reset();
  }

  private applyOne(seq: number, event: CenterEvent): Delivery {
    const state = this.stateValue;
    const route = eventRoute(state, event);
    const delivery: Delivery = { seq, event, route, scopeChanges: this.scopeChanges(event) };
    apply(state, event);
    this.seqValue = seq;
    this.history.push(delivery);
    return delivery;
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
    this.listeners.deliver(deliveries, this.seqValue);
    this.checkpoints.afterStep(this.seqValue, this.stateValue, () => this.resumableFrom);
  }

  private failed(commandId: string, cause: unknown): Ack {
    this.saving.failed(cause, `command ${commandId}`);
    return notSavedAck(commandId, this.seqValue);
  }

  private tryAudit(record: AuditRecord): void {
    if (this.saving.degraded) return;
    try {
      this.storage.addAudit(record);
    } catch (cause) {
      this.saving.failed(cause, 'an audit entry');
    }
  }
}
