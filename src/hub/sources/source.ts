/**
 * The seam between the hub and the system that owns the calls (a **source**): the demo
 * simulator, Asterisk over AMI, or a remote process. One interface, whatever the source:
 *
 * - in: live events (sessions, pauses, interactions, device states) through the `SourceSink`,
 *   each checked against the hub's state; a full picture after a (re)connection (`resync`), of
 *   which the hub applies only the differences; whether the link is up (`health`).
 * - out: `execute(request)` for a command the hub's rules accepted (permissions, scope, pending
 *   are the hub's job), answered done / refused(reason) / failed(reason). The state change itself
 *   arrives later as the source's own event (the demo source emits it at once; Asterisk when
 *   `QueueMemberPause` comes back), so a wallboard never sees a change the system did not make.
 * - capabilities: per kind of channel, the actions the source can carry out; the hub refuses the
 *   others with `not_supported` and wallboards dim them.
 *
 * The directory (users, channels, assignments, devices and their addresses, pause reasons)
 * comes from the organisation's file, not from the source: a source reads it from `sink.state`.
 */
import type { CenterState, LiveState } from '../../domain/index.js';
import type { CenterEvent, Command, SourceCapabilities } from '../../protocol/index.js';
import type { SystemBatch } from '../system-batch.js';

/**
 * A source's answer to a request. `done`: the system took it, and the change follows as the
 * source's events; `done` with `apply`: the source is its own system of record (the demo), and
 * the hub applies the command's effect itself, decided again on the state as it is then.
 */
export type SourceAnswer =
  | { outcome: 'done'; apply?: boolean }
  | { outcome: 'refused'; reason: string }
  | { outcome: 'failed'; reason: string };

/** Something the hub asks the source to carry out on the real system. */
export interface SourceRequest {
  /** The command, after the hub's own checks. */
  command: Command;
  /** Who asked: a user id, or `system` (see `why`). */
  actorId: string;
  /**
   * `command`: a user's command, now. `pending`: a logout or pause recorded while the agent was
   * busy, carried out now that the interaction has ended (the hub has already applied it to its
   * state: the source makes the real system follow).
   */
  why: 'command' | 'pending';
  /**
   * The events the hub's rules expect the command to cause (empty for `pending`): what an
   * in-process source that is its own system of record (the demo) applies at once.
   */
  expected: readonly CenterEvent[];
}

/**
 * The whole live picture a source knows, sent after it (re)connects: every session with its
 * status, every waiting or handled interaction, the ids of the active devices (every other
 * device is inactive) and, optionally, the monitors going on.
 */
export type LivePicture = LiveState;

/** An event the hub did not apply, and why (unknown user, no such interaction, …). */
export interface SourceEventRefusal {
  index: number;
  event: CenterEvent;
  reason: string;
}

/** What a resync changed: the events applied, and what was skipped and why. */
export interface ResyncSummary {
  applied: number;
  skipped: string[];
}

/** What the hub gives a source to feed it. */
export interface SourceSink {
  /** The hub's state, directory included: read it, never change it. */
  readonly state: CenterState;
  now(): number;
  /** Live events the source observed, in order; refused ones change nothing and are returned. */
  emit(events: readonly CenterEvent[]): SourceEventRefusal[];
  /** The whole live picture: the hub applies only what differs (no agent vanishes and comes back). */
  resync(picture: LivePicture): ResyncSummary;
  /** The link to the real system is up (and in sync) or down; `detail` says why, for operators. */
  health(up: boolean, detail?: string): void;
  /** In-process sources: several steps in one transaction, each seeing the state the previous left. */
  batch(work: (batch: SystemBatch) => void, now?: number): number;
  /**
   * In-process sources that simulate time: run the hub's clock at `now` (expired wrap-ups end,
   * the day's counters start again after midnight). Returns the number of events.
   */
  clock(now: number): number;
  /** A line for the hub's log (never a secret). */
  log(line: string): void;
  /** Calls `listener` after the directory changed (the organisation's file applied again). */
  onDirectoryChange(listener: () => void): () => void;
}

export interface Source {
  /** `demo`, `asterisk`, `remote`… */
  readonly kind: string;
  /** Its name for people: "not possible on {label}" (read again each time the source's health is reported). */
  readonly label: string;
  /** What it carries out (read again each time the source's health is reported). */
  readonly capabilities: SourceCapabilities;
  /**
   * Starts feeding `sink`. Resolves once the source is running (connected or retrying); rejects
   * with a one-line reason when it can never work as configured (for example: AMI login refused
   * at start), and the hub does not start.
   */
  start(sink: SourceSink): Promise<void>;
  /** Carries `request` out on the real system; never rejects (a failure is an answer). */
  execute(request: SourceRequest): Promise<SourceAnswer>;
  /** Stops, closing its links. */
  stop(): Promise<void>;
  /**
   * The hub lost live events (it could not save them for a while) and is able to save again:
   * send the whole picture again (`sink.resync`) as soon as possible. A source that is its own
   * system of record (the demo) has nothing to send.
   */
  requestPicture?(): void;
}

/** How long the hub waits for a source's answer before acking `source_timeout`. */
export const SOURCE_TIMEOUT_MS = 5_000;

/** Every action on every kind of channel (the demo source). */
export const ALL_CAPABILITIES: SourceCapabilities = {
  queue: ['login', 'logout', 'pause', 'resume', 'end_wrap_up', 'monitor'],
  chat: ['login', 'logout', 'pause', 'resume', 'end_wrap_up', 'monitor'],
  campaign: ['login', 'logout', 'pause', 'resume', 'end_wrap_up', 'monitor'],
};
