/**
 * Keeping a wallboard's copy of the center in step with the hub, without any I/O: the
 * connection feeds it every frame and carries out the effects it returns. It assembles
 * chunked snapshots, applies deltas in order, and asks for a resync (a fresh snapshot)
 * the moment anything does not line up, so the screen is never silently wrong.
 */
import { apply, type CenterState, stateFromSnapshot } from '../domain/index.js';
import {
  type Ack,
  appendSnapshotPart,
  type CenterEvent,
  type ClientMessage,
  type Delta,
  type Hello,
  type HubMessage,
  type HubStatus,
  type Position,
  PROTOCOL_VERSION,
  parseHubMessage,
  type QueryResult,
  type Snapshot,
  type SnapshotData,
  type SourceInfo,
  startSnapshot,
  unbatch,
  type View,
  type Welcome,
} from '../protocol/index.js';
import { FiguresAssembly, type ReceivedFigures } from './figures-state.js';
import type { FrameProblem, ResyncCause } from './problems.js';
import { StringPool } from './shared-strings.js';

export type SyncEffect =
  | { type: 'send'; message: ClientMessage }
  | { type: 'welcome'; welcome: Welcome }
  /** `reset`: a new state object (a snapshot); otherwise `event` changed the held state in place. */
  | { type: 'state'; state: CenterState; reset: boolean; event?: CenterEvent }
  /** The figures view: whole figures arrived (the store shows them as they are). */
  | { type: 'figures'; figures: ReceivedFigures }
  /** The state is current: a snapshot is complete, the hub resumed our position, or the first figures came. */
  | { type: 'live' }
  /** Something does not line up: drop the link and start again from a fresh snapshot. */
  | { type: 'resync'; cause: ResyncCause }
  | { type: 'ack'; ack: Ack }
  | { type: 'query_result'; result: QueryResult }
  /** The telephony source's state (up or down since, what it can do). */
  | { type: 'source'; source: SourceInfo }
  /** Whether the hub can save (degraded: it refuses changes and its data is frozen). */
  | { type: 'hub_status'; status: HubStatus }
  /** A bad frame or an error message from the hub: shown and logged, never fatal. */
  | { type: 'problem'; problem: FrameProblem };

interface Assembly {
  epoch: string;
  seq: number;
  parts: number;
  next: number;
  data: SnapshotData;
}

export class SyncMachine {
  #state: CenterState | null = null;
  #position: Position | null = null;
  #assembly: Assembly | null = null;
  #live = false;
  #heartbeatMs: number | null = null;
  /** One copy of each id the state repeats, across snapshots and deltas (shared-strings.ts). */
  readonly #strings = new StringPool();
  readonly #figures = new FiguresAssembly();

  /**
   * `figures`: the hub sends figures instead of a snapshot and deltas (src/protocol/figures.ts):
   * each one whole, so there is nothing to resume and no sequence to check.
   */
  constructor(readonly view: View = 'events') {}

  /** This connection's view: `view`, unless the hub does not know the figures view (an older hub). */
  #connectionView: View = 'events';
  /** Named in the hello. */
  #clientName = '';
  get connectionView(): View {
    return this.#connectionView;
  }

  /** The state as last applied (null before the first snapshot). Kept across reconnects for display. */
  get state(): CenterState | null {
    return this.#state;
  }
  /** The last applied position, or null when the next connection must take a fresh snapshot. */
  get position(): Position | null {
    return this.#position;
  }
  /** Whether the state is current on this connection. */
  get live(): boolean {
    return this.#live;
  }
  /** The hub's heartbeat interval from its welcome on this connection. */
  get heartbeatMs(): number | null {
    return this.#heartbeatMs;
  }

  /** A new socket is open: forget per-connection progress and say hello, resuming if we can. */
  connectionOpened(clientName: string): Hello {
    this.#assembly = null;
    this.#live = false;
    this.#heartbeatMs = null;
    this.#figures.reset();
    this.#connectionView = this.view;
    this.#clientName = clientName;
    return this.#hello();
  }

  #hello(): Hello {
    const hello: Hello = { type: 'hello', protocol: PROTOCOL_VERSION, client: this.#clientName };
    if (this.#connectionView === 'figures') hello.view = 'figures';
    else if (this.#position && this.#state) hello.resume = { ...this.#position };
    return hello;
  }

  /** The socket is gone: the state stays on screen but is no longer live. */
  connectionLost(): void {
    this.#assembly = null;
    this.#live = false;
  }

  /** Forget the position so that the next connection takes a fresh snapshot. */
  forgetPosition(): void {
    this.#position = null;
    this.#assembly = null;
    this.#live = false;
  }

  receiveFrame(frame: string): SyncEffect[] {
    const parsed = parseHubMessage(frame);
    if (!parsed.ok)
      return [{ type: 'problem', problem: { kind: 'bad_message', detail: parsed.error.message } }];
    this.#strings.internMessage(parsed.value);
    return this.receive(parsed.value);
  }

  receive(message: HubMessage): SyncEffect[] {
    switch (message.type) {
      case 'welcome':
        this.#heartbeatMs = message.heartbeatMs;
        if (message.protocol !== PROTOCOL_VERSION) {
          return [
            { type: 'welcome', welcome: message },
            {
              type: 'problem',
              problem: { kind: 'other_protocol', theirs: message.protocol, ours: PROTOCOL_VERSION },
            },
          ];
        }
        return [{ type: 'welcome', welcome: message }];
      case 'snapshot':
        return this.#snapshotPart(message);
      case 'resumed': {
        const position = this.#position;
        if (!position || position.epoch !== message.epoch || position.seq !== message.seq) {
          return this.#resync({
            kind: 'resumed_elsewhere',
            hub: `${message.epoch}/${message.seq}`,
            ours: position ? `${position.epoch}/${position.seq}` : '-',
          });
        }
        this.#live = true;
        return [{ type: 'live' }];
      }
      case 'delta':
        return this.#delta(message);
      case 'deltas': {
        const effects: SyncEffect[] = [];
        for (const delta of unbatch(message)) {
          const applied = this.#delta(delta);
          effects.push(...applied);
          if (applied[0]?.type === 'resync') break;
        }
        return effects;
      }
      case 'heartbeat': {
        const reply: SyncEffect = {
          type: 'send',
          message: { type: 'heartbeat', seq: this.#position?.seq ?? 0 },
        };
        const position = this.#position;
        // In the figures view the heartbeat says only that the link lives.
        if (
          this.#live &&
          position &&
          this.#connectionView === 'events' &&
          (message.epoch !== position.epoch || message.seq !== position.seq)
        ) {
          return [
            reply,
            ...this.#resync({
              kind: 'hub_elsewhere',
              hub: `${message.epoch}/${message.seq}`,
              ours: `${position.epoch}/${position.seq}`,
            }),
          ];
        }
        return [reply];
      }
      case 'ack':
        return [{ type: 'ack', ack: message }];
      case 'query_result':
        return [{ type: 'query_result', result: message }];
      case 'error':
        // A hub older than the figures view refuses the hello's `view` (and waits for another
        // hello): this connection takes the events, the snapshot and every delta, instead.
        if (
          this.#connectionView === 'figures' &&
          this.#heartbeatMs === null &&
          message.error.code === 'bad_message' &&
          message.error.message.includes('view')
        ) {
          this.#connectionView = 'events';
          return [{ type: 'send', message: this.#hello() }];
        }
        return [{ type: 'problem', problem: { kind: 'hub_says', error: message.error } }];
      case 'source_status':
        return [{ type: 'source', source: message.source }];
      case 'hub_status':
        return [{ type: 'hub_status', status: message }];
      case 'figures': {
        const figures = this.#connectionView === 'figures' ? this.#figures.take(message) : null;
        if (!figures) return [];
        // Not a state deltas apply to: nothing to resume from.
        this.#state = figures.state;
        this.#position = null;
        const effects: SyncEffect[] = [{ type: 'figures', figures }];
        if (!this.#live) effects.push({ type: 'live' });
        this.#live = true;
        return effects;
      }
    }
  }

  #delta(message: Delta): SyncEffect[] {
    const state = this.#state;
    const position = this.#position;
    if (!state || !position || this.#assembly || !this.#live) {
      return this.#resync({ kind: 'delta_too_early', seq: message.seq });
    }
    if (message.prev !== position.seq) {
      return this.#resync({ kind: 'missed_deltas', last: position.seq, prev: message.prev });
    }
    apply(state, message.event);
    this.#position = { epoch: position.epoch, seq: message.seq };
    return [{ type: 'state', state, reset: false, event: message.event }];
  }

  #snapshotPart(message: Snapshot): SyncEffect[] {
    if (message.part === 0) {
      this.#assembly = {
        epoch: message.epoch,
        seq: message.seq,
        parts: message.parts,
        next: 1,
        data: startSnapshot(message.data),
      };
    } else {
      const assembly = this.#assembly;
      if (
        !assembly ||
        assembly.next !== message.part ||
        assembly.epoch !== message.epoch ||
        assembly.seq !== message.seq ||
        assembly.parts !== message.parts
      ) {
        return this.#resync({ kind: 'part_out_of_order', part: message.part, parts: message.parts });
      }
      appendSnapshotPart(assembly.data, message.data);
      assembly.next += 1;
    }
    const assembly = this.#assembly;
    if (!assembly || assembly.next < assembly.parts) return [];
    this.#assembly = null;
    const state = stateFromSnapshot(assembly.data);
    this.#state = state;
    this.#position = { epoch: assembly.epoch, seq: assembly.seq };
    this.#live = true;
    return [{ type: 'state', state, reset: true }, { type: 'live' }];
  }

  #resync(cause: ResyncCause): SyncEffect[] {
    this.forgetPosition();
    return [{ type: 'resync', cause }];
  }
}
