/**
 * The wallboard's store, outside React: everything the views show (the center's state,
 * the link's status, who is signed in, problems, commands in flight), published as one
 * snapshot for `useSyncExternalStore`: a new object on each publish, never changed, but for its
 * state's maps, which hold still until the next publish but one (published-state.ts). However
 * fast deltas arrive, it publishes at most once per `intervalMs` (100 ms: ten times a second),
 * coalescing the rest. In the figures view (a kiosk) it takes the hub's figures instead, each a
 * whole new state (figures-state.ts).
 */
import type { CenterState, ChannelTally } from '../domain/index.js';
import type { CenterEvent, Command, HubStatus, SourceInfo, Welcome } from '../protocol/index.js';
import type { ConnectionInfo } from './connection.js';
import type { ReceivedFigures } from './figures-state.js';
import type { Problem } from './problems.js';
import { PublishedState } from './published-state.js';

/** A problem and when it happened: the views word it. */
export interface ErrorLine {
  at: number;
  problem: Problem;
}

export interface PendingCommand {
  id: string;
  command: Command;
  /** When it was asked for. */
  since: number;
}

export interface WallboardSnapshot {
  /** Counts publishes: a new number means a new snapshot. */
  version: number;
  /**
   * The center as last published (null before the first snapshot). Its maps hold still until the
   * next publish but one (published-state.ts): read them to draw, keep only what you derive.
   */
  state: CenterState | null;
  /**
   * Each channel's agents by status and waiting interactions, as of `state` (null with it): a
   * new map only when a channel's KPIs may differ (its sessions, interactions, counters or the
   * channel changed). Channels without agents or waiting interactions are absent.
   */
  tallies: ReadonlyMap<string, ChannelTally> | null;
  /**
   * The figures view: the one channel whose agents `state` holds (null: none yet); absent in the
   * events view, where `state` holds the agents of every channel in scope.
   */
  agentsOf?: string | null;
  connection: ConnectionInfo;
  /** Who is signed in and what they may do (null before the hub's welcome). */
  welcome: Welcome | null;
  /** The most recent problems, oldest first. */
  errors: readonly ErrorLine[];
  /** Commands sent and not yet answered. */
  pending: readonly PendingCommand[];
  /** Since when the hub cannot save (its data is frozen, commands refused); null while it can. */
  hubDegradedSince: number | null;
  /** The hub's source (the telephony system): up or down, what it can do. Null until the hub says. */
  source: SourceInfo | null;
}

export interface WallboardStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): WallboardSnapshot;
  /**
   * A new state object (a snapshot), which the store adopts: its maps are replaced by ones that
   * log their changes, and the reducer goes on changing the same object.
   */
  setState(state: CenterState): void;
  /** The held state changed in place (by `event`, when known). */
  stateChanged(event?: CenterEvent): void;
  /**
   * The figures view: new figures replace the state and the tallies; the agents of another
   * channel than before are published at once (the kiosk shows them when asked for).
   */
  setFigures(figures: ReceivedFigures): void;
  setConnection(info: ConnectionInfo): void;
  setWelcome(welcome: Welcome): void;
  /** The hub's `hub_status`: whether it can save. */
  setHubStatus(status: HubStatus): void;
  /** The source's status; while it is down, `connection` reads stale (cause `source`). */
  setSource(source: SourceInfo): void;
  addError(problem: Problem, at?: number): void;
  commandStarted(command: PendingCommand): void;
  commandSettled(id: string): void;
  /** Publishes now whatever changed (tests; shutdown). */
  flush(): void;
  /** Stops the publish timer. */
  close(): void;
}

export interface StoreOptions {
  /** Publish at most once per this many ms. */
  intervalMs?: number;
  /** Keep this many error lines. */
  maxErrors?: number;
  now?: () => number;
}

export const INITIAL_CONNECTION: ConnectionInfo = {
  status: 'connecting',
  staleSince: null,
  lastError: null,
  attempts: 0,
};

export function createStore(options: StoreOptions = {}): WallboardStore {
  const intervalMs = options.intervalMs ?? 100;
  const maxErrors = options.maxErrors ?? 50;
  const now = options.now ?? Date.now;
  const listeners = new Set<() => void>();

  let live: PublishedState | null = null;
  let stateDirty = false;
  let figures: ReceivedFigures | null = null;
  let connection = INITIAL_CONNECTION;
  let welcome: Welcome | null = null;
  let source: SourceInfo | null = null;
  let errors: readonly ErrorLine[] = [];
  let hubDegradedSince: number | null = null;
  const pending = new Map<string, PendingCommand>();
  let snapshot: WallboardSnapshot = {
    version: 0,
    state: null,
    tallies: null,
    connection,
    welcome,
    errors,
    pending: [],
    hubDegradedSince,
    source,
  };
  let dirty = false;
  let lastPublish = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | null = null;

  function publish(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!dirty) return;
    dirty = false;
    lastPublish = now();
    let state = snapshot.state;
    let tallies = snapshot.tallies;
    let agentsOf = snapshot.agentsOf;
    if (stateDirty && live) {
      state = live.publish();
      tallies = live.tallies;
      agentsOf = undefined;
      stateDirty = false;
    } else if (stateDirty && figures) {
      ({ state, tallies } = figures);
      agentsOf = figures.featured;
      stateDirty = false;
    }
    snapshot = {
      version: snapshot.version + 1,
      state,
      tallies,
      ...(agentsOf === undefined ? {} : { agentsOf }),
      connection: effectiveConnection(connection, source),
      welcome,
      errors,
      pending: [...pending.values()],
      hubDegradedSince,
      source,
    };
    for (const listener of [...listeners]) listener();
  }

  function changed(): void {
    dirty = true;
    if (timer) return;
    const wait = Math.max(0, lastPublish + intervalMs - now());
    timer = setTimeout(publish, wait);
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    setState(state) {
      live = new PublishedState(state);
      figures = null;
      stateDirty = true;
      changed();
    },
    setFigures(next) {
      const otherAgents = next.featured !== (figures ? figures.featured : (snapshot.agentsOf ?? null));
      live = null;
      figures = next;
      stateDirty = true;
      changed();
      if (otherAgents) publish();
    },
    stateChanged(event) {
      if (!live) return;
      live.changed(event);
      stateDirty = true;
      changed();
    },
    setConnection(info) {
      if (info === connection) return;
      connection = info;
      changed();
    },
    setSource(next) {
      source = next;
      changed();
    },
    setWelcome(next) {
      welcome = next;
      changed();
    },
    setHubStatus(status) {
      const since = status.degraded ? status.since : null;
      if (since === hubDegradedSince) return;
      hubDegradedSince = since;
      changed();
    },
    addError(problem, at = now()) {
      const next = [...errors, { at, problem }];
      errors = next.length > maxErrors ? next.slice(next.length - maxErrors) : next;
      changed();
    },
    commandStarted(command) {
      pending.set(command.id, command);
      changed();
    },
    commandSettled(id) {
      if (pending.delete(id)) changed();
    },
    flush: publish,
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

/**
 * What the screen must say about its data: a live link over a source that is down is stale
 * data all the same (never "live" over a frozen picture), since the source went down.
 */
function effectiveConnection(link: ConnectionInfo, source: SourceInfo | null): ConnectionInfo {
  if (link.status !== 'live' || !source || source.up) return link;
  return {
    ...link,
    status: 'stale',
    cause: 'source',
    staleSince: source.since,
    lastError: source.detail || null,
  };
}
