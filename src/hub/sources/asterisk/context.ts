/**
 * What the Asterisk source's mapping reads and keeps: the hub's state (directory included),
 * the clock, and the source's own knowledge of Asterisk (members, calls, device states, spies,
 * who asked for what). The mapping functions take it and return events; they change only the
 * source's own knowledge, never the hub's state.
 */
import type { CenterState } from '../../../domain/index.js';
import type { CenterEvent, PauseReason } from '../../../protocol/index.js';
import { Calls } from './calls.js';
import { DeviceStates } from './device-states.js';
import { DirectoryIndex } from './directory-index.js';
import { Members } from './members.js';
import { resolvePauseReason } from './pause-reasons.js';
import { Requesters } from './requesters.js';
import { Spies } from './spies.js';

export interface ContextHooks {
  state(): CenterState;
  now(): number;
  /** Events found outside an AMI event (a grace that ran out). */
  emit(events: CenterEvent[]): void;
  /** Hangs up a channel (a spy call whose interaction ended while it rang). */
  hangup(channel: string): void;
  /** A full picture is needed again (Asterisk reloaded its queues). */
  resync(): void;
  log(line: string): void;
}

export class AsteriskContext {
  readonly directory: DirectoryIndex;
  readonly members = new Members();
  readonly calls = new Calls();
  readonly devices = new DeviceStates();
  readonly spies = new Spies();
  readonly requesters: Requesters;
  private readonly logged = new Set<string>();

  constructor(readonly hooks: ContextHooks) {
    this.directory = new DirectoryIndex(hooks.state, hooks.now);
    this.requesters = new Requesters(hooks.now);
  }

  get state(): CenterState {
    return this.hooks.state();
  }

  now(): number {
    return this.hooks.now();
  }

  /** Logs `line` once until `forgetLogs` (a member ccwall does not know, for example). */
  logOnce(key: string, line: string): void {
    if (this.logged.has(key)) return;
    if (this.logged.size > 10_000) this.logged.clear();
    this.logged.add(key);
    this.hooks.log(line);
  }

  /** After a reconnection, say it all again once. */
  forgetLogs(): void {
    this.logged.clear();
  }

  /**
   * The id of the pause reason Asterisk's `text` is; when it is a new one, pushes onto `events`
   * the `pause_reasons_set` that adds it (retired: see pause-reasons.ts). `reasons`: the list as
   * it stands after the events already pushed.
   */
  pauseReason(
    text: string,
    events: CenterEvent[],
    reasons: readonly PauseReason[] = this.state.pauseReasons,
  ): string {
    const resolved = resolvePauseReason(reasons, text);
    if (resolved.added) {
      events.push({ type: 'pause_reasons_set', at: this.now(), reasons: [...reasons, resolved.added] });
      this.logOnce(
        `reason ${resolved.reasonId}`,
        `pause reason "${text}" is not in the directory: shown as its own text`,
      );
    }
    return resolved.reasonId;
  }
}
