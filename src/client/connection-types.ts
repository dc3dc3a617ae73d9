/** What a connection to the hub says about itself: its status, its options and its events. */
import type { CenterState } from '../domain/index.js';
import type {
  Ack,
  CenterEvent,
  HubStatus,
  QueryResult,
  SourceInfo,
  View,
  Welcome,
} from '../protocol/index.js';
import type { BackoffPolicy } from '../protocol/reconnect-backoff.js';
import type { ReceivedFigures } from './figures-state.js';
import type { ClientProblem, FrameProblem, Problem } from './problems.js';

/**
 * - connecting: no data yet, the first connection is under way;
 * - live: the state on screen is current;
 * - reconnecting: the link was lost moments ago and is being restored (data as of `staleSince`);
 * - stale: the link has been down longer than `staleAfterMs` (data as of `staleSince`).
 */
export type LinkStatus = 'connecting' | 'live' | 'reconnecting' | 'stale';

export interface ConnectionInfo {
  status: LinkStatus;
  /**
   * Why the data is not live while `status` is `stale`: the link to the hub (`link`, the
   * default), or the hub's source — the telephony system — being down (`source`).
   */
  cause?: 'link' | 'source';
  /** When the data on screen stopped being live; null while live or before any data. */
  staleSince: number | null;
  /**
   * The last thing that went wrong with the link (the views word it); words as they are when
   * they are the source's own (its detail while it is down).
   */
  lastError: Problem | null;
  /** Connection attempts since the link was last live. */
  attempts: number;
}

export interface ConnectionOptions {
  /** ws:// or wss:// address of the hub. */
  url: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token: string;
  /**
   * PEM certificate(s) a wss:// hub's certificate must chain to, instead of the system's
   * authorities (a private CA, or the hub's self-signed certificate).
   */
  ca?: string | Buffer;
  /** Named in the hello. */
  clientName?: string;
  /**
   * `figures`: ask the hub for figures (about once a second) instead of a snapshot and every
   * event (src/protocol/figures.ts): what a wall screen needs. `events` by default.
   */
  view?: View;
  backoff?: BackoffPolicy;
  /** After losing the link, how long to say "reconnecting" before saying "stale". */
  staleAfterMs?: number;
  /** Heartbeat interval assumed until the hub's welcome says otherwise. */
  defaultHeartbeatMs?: number;
  now?: () => number;
  random?: () => number;
  /** Where problems are logged (besides the status and the store), for the caller to word. */
  log?: (problem: ClientProblem) => void;
  /**
   * How long to wait before trying again when retrying soon cannot help (a refused token, an
   * untrusted certificate): a minute by default.
   */
  refusedRetryMs?: number;
}

export interface ConnectionEvents {
  /** The telephony source behind the hub went up or down (or said what it can do). */
  source: (source: SourceInfo) => void;
  status: (info: ConnectionInfo) => void;
  welcome: (welcome: Welcome) => void;
  /** `reset`: a new state object from a snapshot; otherwise `event` changed it in place. */
  state: (state: CenterState, change: { reset: boolean; event?: CenterEvent }) => void;
  /** The figures view: new figures (the state they hold is a new object each time). */
  figures: (figures: ReceivedFigures) => void;
  /** The state became current on this connection (commands may be sent). */
  live: (generation: number) => void;
  ack: (ack: Ack) => void;
  queryResult: (result: QueryResult) => void;
  /** The hub can or cannot save (`hub_status`). */
  hubStatus: (status: HubStatus) => void;
  problem: (problem: FrameProblem, at: number) => void;
}
