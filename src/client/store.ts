/**
 * The wallboard's store, outside React: everything the views show (the center's state,
 * the link's status, who is signed in, problems, commands in flight), published as one
 * immutable snapshot for `useSyncExternalStore`. However fast deltas arrive, it publishes
 * at most once per `intervalMs` (100 ms: ten times a second), coalescing the rest.
 */
import type { CenterState } from '../domain/index.js';
import type { CenterEvent, Command, Welcome } from '../protocol/index.js';
import type { ConnectionInfo } from './connection.js';

export interface ErrorLine {
  at: number;
  text: string;
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
  addError(text: string, at?: number): void;
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
  let devicesDirty = false;
  let connection = INITIAL_CONNECTION;
  let welcome: Welcome | null = null;
  let errors: readonly ErrorLine[] = [];
  const pending = new Map<string, PendingCommand>();
  let snapshot: WallboardSnapshot = {
    version: 0,
    state: null,
    connection,
    welcome,
    errors,
    pending: [],
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
      state = copyState(live, devicesDirty ? null : state);
      stateDirty = false;
      devicesDirty = false;
    }
    snapshot = {
      version: snapshot.version + 1,
      state,
      connection,
      welcome,
      errors,
      pending: [...pending.values()],
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
      devicesDirty = true;
      changed();
    },
    stateChanged(event) {
      if (!live) return;
      stateDirty = true;
      if (!event || event.type === 'device_upserted') devicesDirty = true;
      changed();
    },
    setConnection(info) {
      if (info === connection) return;
      connection = info;
      changed();
    },
    setWelcome(next) {
      welcome = next;
      changed();
    },
    addError(text, at = now()) {
      const next = [...errors, { at, text }];
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
 * A copy of the state whose maps the reducer will not touch again: entities are immutable
 * and replaced on change, so copying the collections is enough. The per-user device sets
 * change only when a device is added: otherwise the previous copy's index is reused.
 */
function copyState(state: CenterState, previous: CenterState | null): CenterState {
  return {
    users: new Map(state.users),
    devices: new Map(state.devices),
    devicesByUser:
      previous?.devicesByUser ??
      new Map([...state.devicesByUser].map(([userId, ids]) => [userId, new Set(ids)])),
    channels: new Map(state.channels),
    assignments: new Map(state.assignments),
    org: state.org,
    pauseReasons: state.pauseReasons,
    sessions: new Map(state.sessions),
    interactions: new Map(state.interactions),
    monitors: new Map(state.monitors),
    stats: new Map(state.stats),
  };
}
