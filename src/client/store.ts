/**
 * The wallboard's store, outside React: everything the views show (the center's state,
 * the link's status, who is signed in, problems, commands in flight), published as one
 * immutable snapshot for `useSyncExternalStore`. However fast deltas arrive, it publishes
 * at most once per `intervalMs` (100 ms: ten times a second), coalescing the rest.
 */
import type { CenterState } from '../domain/index.js';
import type { CenterEvent, Command, HubStatus, SourceInfo, Welcome } from '../protocol/index.js';
import type { ConnectionInfo } from './connection.js';
import type { Problem } from './problems.js';

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
  /** The center as last published (null before the first snapshot). Its maps are this snapshot's own. */
  state: CenterState | null;
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
  /** A new state object (a snapshot). */
  setState(state: CenterState): void;
  /** The held state changed in place (by `event`, when known). */
  stateChanged(event?: CenterEvent): void;
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

  let live: CenterState | null = null;
  let stateDirty = false;
  /** The collections changed since the last publish (null: all of them). */
  let dirtyCollections: Set<Collection> | null = new Set();
  let connection = INITIAL_CONNECTION;
  let welcome: Welcome | null = null;
  let source: SourceInfo | null = null;
  let errors: readonly ErrorLine[] = [];
  let hubDegradedSince: number | null = null;
  const pending = new Map<string, PendingCommand>();
  let snapshot: WallboardSnapshot = {
    version: 0,
    state: null,
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
    if (stateDirty && live) {
      state = copyState(live, state, dirtyCollections);
      stateDirty = false;
      dirtyCollections = new Set();
    }
    snapshot = {
      version: snapshot.version + 1,
      state,
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
      live = state;
      stateDirty = true;
      dirtyCollections = null;
      changed();
    },
    stateChanged(event) {
      if (!live) return;
      stateDirty = true;
      if (!event) dirtyCollections = null;
      else if (dirtyCollections) for (const name of TOUCHES[event.type]) dirtyCollections.add(name);
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

type Collection =
  | 'users'
  | 'devices'
  | 'devicesByUser'
  | 'channels'
  | 'assignments'
  | 'sessions'
  | 'interactions'
  | 'monitors'
  | 'stats';

/**
 * The collections the reducer (`apply`) may change for each event: the others are shared with
 * the previous snapshot. At 5,000 agents, copying every map ten times a second was the
 * wallboard's largest cost after rendering (see bench/README.md).
 */
const TOUCHES: Readonly<Record<CenterEvent['type'], readonly Collection[]>> = {
  user_upserted: ['users'],
  device_upserted: ['devices', 'devicesByUser'],
  device_state_changed: ['devices'],
  device_removed: ['devices', 'devicesByUser'],
  user_removed: [
    'users',
    'devices',
    'devicesByUser',
    'assignments',
    'sessions',
    'interactions',
    'monitors',
    'stats',
  ],
  channel_removed: ['channels', 'assignments', 'sessions', 'interactions', 'monitors', 'stats'],
  channel_upserted: ['channels', 'stats'],
  assignment_set: ['assignments', 'sessions'],
  org_settings_changed: ['sessions'],
  pause_reasons_set: [],
  agent_logged_in: ['sessions'],
  agent_logged_out: ['sessions', 'stats'],
  agent_paused: ['sessions', 'stats'],
  agent_resumed: ['sessions'],
  pending_set: ['sessions'],
  wrap_up_started: ['sessions', 'stats'],
  wrap_up_ended: ['sessions', 'stats'],
  interaction_queued: ['interactions'],
  interaction_answered: ['interactions', 'sessions', 'stats'],
  interaction_abandoned: ['interactions', 'stats'],
  interaction_ended: ['interactions', 'sessions', 'monitors', 'stats'],
  chat_message: ['interactions'],
  monitor_started: ['monitors'],
  monitor_mode_changed: ['monitors'],
  monitor_stopped: ['monitors'],
  stats_reset: ['stats'],
};

/**
 * A copy of the state whose maps the reducer will not touch again: entities are immutable
 * and replaced on change, so copying the collections is enough, and only those that changed
 * (`dirty`; null: all): the others are the previous copy's, which nothing changes either.
 */
function copyState(
  state: CenterState,
  previous: CenterState | null,
  dirty: ReadonlySet<Collection> | null,
): CenterState {
  const fresh = (name: Collection) => !previous || !dirty || dirty.has(name);
  const copy = <K, V>(name: Collection, live: Map<K, V>, old: Map<K, V> | undefined): Map<K, V> =>
    fresh(name) || !old ? new Map(live) : old;
  return {
    users: copy('users', state.users, previous?.users),
    devices: copy('devices', state.devices, previous?.devices),
    devicesByUser:
      fresh('devicesByUser') || !previous
        ? new Map([...state.devicesByUser].map(([userId, ids]) => [userId, new Set(ids)]))
        : previous.devicesByUser,
    channels: copy('channels', state.channels, previous?.channels),
    assignments: copy('assignments', state.assignments, previous?.assignments),
    org: state.org,
    pauseReasons: state.pauseReasons,
    sessions: copy('sessions', state.sessions, previous?.sessions),
    interactions: copy('interactions', state.interactions, previous?.interactions),
    monitors: copy('monitors', state.monitors, previous?.monitors),
    stats: copy('stats', state.stats, previous?.stats),
  };
}
