/**
 * The hub's end of the seam: gives a source its sink (every live event checked against the
 * state before the engine applies it, a reconnection's picture reconciled into only what
 * changed), keeps the source's status (up or down since when) for wallboards, and asks the
 * source to carry commands out, with a time limit.
 */
import { pairKey, reconcile, sourceEventProblem, withHubFlags } from '../../domain/index.js';
import type { CenterEvent, Command, SourceInfo } from '../../protocol/index.js';
import type { Engine } from '../engine.js';
import { reasonOf } from '../storage-error.js';
import { RefusalLog } from './refusal-log.js';
import {
  type LivePicture,
  type ResyncSummary,
  SOURCE_TIMEOUT_MS,
  type Source,
  type SourceAnswer,
  type SourceEventRefusal,
  type SourceRequest,
  type SourceSink,
} from './source.js';

export interface SourceLinkOptions {
  now: () => number;
  log: (line: string) => void;
  /** How long to wait for the source's answer; SOURCE_TIMEOUT_MS by default. */
  timeoutMs?: number;
}

/** A source's answer, or `timeout` when none came in time. */
export type LinkAnswer = SourceAnswer | { outcome: 'timeout' };

export class SourceLink {
  private infoValue: SourceInfo;
  private readonly listeners = new Set<(info: SourceInfo) => void>();
  private readonly refusalLog: RefusalLog;

  constructor(
    private readonly engine: Engine,
    readonly source: Source,
    private readonly options: SourceLinkOptions,
  ) {
    this.refusalLog = new RefusalLog((line) => options.log(`source ${source.kind}: ${line}`), options.now);
    this.infoValue = {
      kind: source.kind,
      label: source.label,
      up: false,
      since: options.now(),
      detail: 'starting',
      capabilities: source.capabilities,
    };
  }

  get info(): SourceInfo {
    return this.infoValue;
  }

  /** Called with the new status each time the source goes up or down. */
  onStatus(listener: (info: SourceInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts the source; rejects when it can never work as configured. */
  start(): Promise<void> {
    // Events the hub could not save while degraded are lost: once it saves again, the source
    // sends its whole picture, and the hub catches up on what changed meanwhile.
    let degraded = false;
    this.engine.subscribe({
      deliver() {},
      reset() {},
      status: (health) => {
        if (degraded && !health.degraded) {
          this.options.log(
            `source ${this.source.kind}: asking for the whole picture again (the hub saves again)`,
          );
          this.source.requestPicture?.();
        }
        degraded = health.degraded;
      },
    });
    return this.source.start(this.sink());
  }

  stop(): Promise<void> {
    return this.source.stop();
  }

  /** Asks the source to carry `request` out; answers `timeout` after the time limit. */
  async execute(request: SourceRequest): Promise<LinkAnswer> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<LinkAnswer>((resolve) => {
      timer = setTimeout(() => resolve({ outcome: 'timeout' }), this.options.timeoutMs ?? SOURCE_TIMEOUT_MS);
    });
    const answer = this.source
      .execute(request)
      .catch((cause: unknown): SourceAnswer => ({ outcome: 'failed', reason: reasonOf(cause) }));
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private sink(): SourceSink {
    const engine = this.engine;
    return {
      get state() {
        return engine.state;
      },
      now: this.options.now,
      emit: (events) => this.emit(events),
      resync: (picture) => this.resync(picture),
      health: (up, detail) => this.health(up, detail),
      batch: (work, now) => engine.system(work, now),
      clock: (now) => engine.tick(now),
      log: (line) => this.options.log(`source ${this.source.kind}: ${line}`),
      onDirectoryChange: (listener) => this.onDirectoryChange(listener),
    };
  }

  /** Calls `listener` after each step that changed the directory. */
  private onDirectoryChange(listener: () => void): () => void {
    let changed = false;
    return this.engine.subscribe({
      deliver(delivery) {
        if (DIRECTORY_EVENTS.has(delivery.event.type)) changed = true;
      },
      reset() {
        changed = true;
      },
      settled() {
        if (!changed) return;
        changed = false;
        listener();
      },
    });
  }

  private emit(events: readonly CenterEvent[]): SourceEventRefusal[] {
    const refusals: SourceEventRefusal[] = [];
    const followUps: Command[] = [];
    const requesters: string[] = [];
    this.engine.system((batch) => {
      for (const [index, raw] of events.entries()) {
        const event = normalised(batch.state, raw);
        const problem = sourceEventProblem(batch.state, event);
        if (problem) {
          refusals.push({ index, event: raw, reason: problem });
          continue;
        }
        const pending =
          event.type === 'interaction_ended' ? pendingOf(batch.state, event.interactionId) : undefined;
        batch.run({ ok: true, events: [event] });
        if (pending) {
          followUps.push(pending.command);
          requesters.push(pending.by);
        }
      }
    });
    for (const refusal of refusals) this.refusalLog.refused(refusal.event.type, refusal.reason);
    // A logout or pause recorded while the agent was busy applied when the interaction ended:
    // the real system must follow.
    for (const [i, command] of followUps.entries()) {
      void this.execute({ command, actorId: requesters[i] ?? 'system', why: 'pending', expected: [] }).then(
        (answer) => {
          if (answer.outcome !== 'done')
            this.options.log(
              `source ${this.source.kind}: pending ${command.type} not carried out: ${'reason' in answer ? answer.reason : answer.outcome}`,
            );
        },
      );
    }
    return refusals;
  }

  private resync(picture: LivePicture): ResyncSummary {
    const skipped: string[] = [];
    const count = this.engine.system((batch) => {
      reconcile(batch.state, picture, batch.now, (events) => {
        for (const raw of events) {
          const event = normalised(batch.state, raw);
          const problem = sourceEventProblem(batch.state, event);
          if (problem) {
            skipped.push(`${event.type}: ${problem}`);
            this.refusalLog.refused(`${event.type} (resync)`, problem);
          } else batch.run({ ok: true, events: [event] });
        }
      });
    });
    this.options.log(
      `source ${this.source.kind}: resynced (${count} change${count === 1 ? '' : 's'}${skipped.length ? `, ${skipped.length} skipped` : ''})`,
    );
    return { applied: count, skipped };
  }

  private health(up: boolean, detail = ''): void {
    const info = this.infoValue;
    const { label, capabilities } = this.source;
    const shown = up ? '' : detail;
    const same =
      info.up === up && info.detail === shown && info.label === label && info.capabilities === capabilities;
    if (same) return;
    const changed = info.up !== up;
    this.infoValue = {
      ...info,
      label,
      capabilities,
      up,
      detail: shown,
      since: changed ? this.options.now() : info.since,
    };
    if (changed)
      this.options.log(`source ${this.source.kind}: ${up ? 'up' : `down (${detail || 'no reason given'})`}`);
    for (const listener of this.listeners) {
      try {
        listener(this.infoValue);
      } catch (cause) {
        this.options.log(`a source status listener failed: ${reasonOf(cause)}`);
      }
    }
  }
}

/** Events that change the directory a source maps its system onto. */
const DIRECTORY_EVENTS: ReadonlySet<string> = new Set([
  'user_upserted',
  'user_removed',
  'device_upserted',
  'device_removed',
  'channel_upserted',
  'channel_removed',
  'assignment_set',
  'pause_reasons_set',
  'org_settings_changed',
]);

/** A session a source reports gets the hub's own flags (assignment and org rules live here). */
function normalised(state: Engine['state'], event: CenterEvent): CenterEvent {
  if (event.type !== 'agent_logged_in') return event;
  return { ...event, session: withHubFlags(state, event.session) };
}

/** The pending action that applies when `interactionId` ends, as the command the source must carry out. */
function pendingOf(
  state: Engine['state'],
  interactionId: string,
): { command: Command; by: string } | undefined {
  const interaction = state.interactions.get(interactionId);
  if (!interaction?.agentId) return undefined;
  const session = state.sessions.get(pairKey(interaction.channelId, interaction.agentId));
  const pending = session?.pending;
  if (!session || !pending) return undefined;
  const target = { channelId: session.channelId, userId: session.userId };
  const command: Command =
    pending.kind === 'logout'
      ? { type: 'logout', ...target }
      : { type: 'pause', ...target, reasonId: pending.reasonId };
  return { command, by: pending.requestedBy };
}
