/**
 * The store's published copies of the live center state, made in the time of what changed since
 * the last publish rather than of what the state holds. At 5,000 agents a publish used to copy
 * the changed collections whole (~20,000 entries, ten times a second at 2,000 events/s): the
 * wallboard's largest cost after drawing, and much of its garbage (bench/README.md).
 *
 * Each map collection keeps two published copies. The live map logs every key the reducer sets
 * or deletes; a publish replays the log since the copy not on show was last brought up to date,
 * on that copy, and shows it. So a published map holds still until the next publish but one,
 * when it is brought up to date again: long enough for a render and for comparing it with the
 * one before, which is all the views do with it (what they keep, they derive).
 */
import { type CenterState, type ChannelTally, LiveTallies } from '../domain/index.js';
import type { CenterEvent } from '../protocol/index.js';

/** Told of each change of a live map: the entry before and after (undefined: none). */
interface MapWatch<V> {
  changed(before: V | undefined, after: V | undefined): void;
  cleared(): void;
}

/**
 * A live map that logs the keys it sets and deletes, in order, for the copies that follow it:
 * replaying the log on a copy gives it the live map's entries in the live map's order.
 */
class LoggingMap<K, V> extends Map<K, V> {
  /** Keys changed, oldest first; `deleted` at the same index says whether that change was a delete. */
  readonly logged: K[] = [];
  readonly deleted: boolean[] = [];
  /** Log entries already dropped (every copy had replayed them): a copy's place is absolute. */
  dropped = 0;
  /** The absolute place of the last clear (-1: never): a copy at or behind it is copied whole. */
  clearedAt = -1;
  /** Told of every change (the tallies of the sessions and interactions). */
  watch: MapWatch<V> | undefined;

  override set(key: K, value: V): this {
    const before = this.watch ? super.get(key) : undefined;
    super.set(key, value);
    this.logged.push(key);
    this.deleted.push(false);
    this.watch?.changed(before, value);
    return this;
  }

  override delete(key: K): boolean {
    const before = this.watch ? super.get(key) : undefined;
    const had = super.delete(key);
    if (had) {
      this.logged.push(key);
      this.deleted.push(true);
      this.watch?.changed(before, undefined);
    }
    return had;
  }

  override clear(): void {
    super.clear();
    this.watch?.cleared();
    this.dropped += this.logged.length;
    this.logged.length = 0;
    this.deleted.length = 0;
    this.clearedAt = this.dropped;
  }

  /** Where the log ends, as an absolute place. */
  get end(): number {
    return this.dropped + this.logged.length;
  }

  /** Drops the entries before `place` (absolute), which no copy needs any more. */
  dropBefore(place: number): void {
    const count = place - this.dropped;
    if (count <= 0) return;
    this.logged.splice(0, count);
    this.deleted.splice(0, count);
    this.dropped = place;
  }
}

/** A published copy and how far into the live map's log it has been brought. */
interface Copy<K, V> {
  map: Map<K, V>;
  /** Absolute place in the log; -1: never brought up to date (copied whole at its first publish). */
  place: number;
}

/** One collection: its live map and its two published copies. */
class PublishedMap<K, V> {
  readonly live = new LoggingMap<K, V>();
  readonly #copies: readonly [Copy<K, V>, Copy<K, V>];
  #shown = 0;

  constructor(from: ReadonlyMap<K, V>) {
    for (const [key, value] of from) Map.prototype.set.call(this.live, key, value);
    this.#copies = [
      { map: new Map(from), place: 0 },
      { map: new Map(), place: -1 },
    ];
  }

  /** The map to publish: the one on show when nothing changed, else the other, brought up to date. */
  publish(): Map<K, V> {
    const live = this.live;
    const shown = this.#copies[this.#shown] as Copy<K, V>;
    if (shown.place === live.end && live.clearedAt < shown.place) return shown.map;
    this.#shown = 1 - this.#shown;
    const next = this.#copies[this.#shown] as Copy<K, V>;
    if (next.place < 0 || next.place <= live.clearedAt) next.map = new Map(live);
    else
      for (let i = next.place - live.dropped; i < live.logged.length; i++) {
        const key = live.logged[i] as K;
        if (live.deleted[i]) next.map.delete(key);
        else if (live.has(key)) next.map.set(key, live.get(key) as V);
        // Set, then deleted later in the log: the delete comes; nothing to place now.
      }
    next.place = live.end;
    live.dropBefore(Math.min(shown.place < 0 ? 0 : shown.place, next.place));
    return next.map;
  }
}

/** The events after which the devices' index by user (sets changed in place) is copied again. */
const REINDEXES_DEVICES: ReadonlySet<CenterEvent['type']> = new Set([
  'device_upserted',
  'device_removed',
  'user_removed',
]);

/**
 * The published side of a live state. The constructor puts logging maps in the live state's
 * place (the reducer goes on changing the same state object); `publish` gives a state whose maps
 * only the publisher changes, two publishes later.
 */
export class PublishedState {
  readonly #live: CenterState;
  readonly #maps: {
    [Name in MapCollection]: PublishedMap<MapKey<Name>, MapValue<Name>>;
  };
  #devicesByUser: CenterState['devicesByUser'] | null = null;
  readonly #tallies: LiveTallies;
  /** The channels' tallies as of the last publish (a new map only when one may differ). */
  tallies: ReadonlyMap<string, ChannelTally> = new Map();

  constructor(live: CenterState) {
    this.#live = live;
    this.#maps = {
      users: new PublishedMap(live.users),
      devices: new PublishedMap(live.devices),
      channels: new PublishedMap(live.channels),
      assignments: new PublishedMap(live.assignments),
      sessions: new PublishedMap(live.sessions),
      interactions: new PublishedMap(live.interactions),
      monitors: new PublishedMap(live.monitors),
      stats: new PublishedMap(live.stats),
    };
    for (const name of MAP_COLLECTIONS)
      (live as Record<MapCollection, unknown>)[name] = this.#maps[name].live;
    const tallies = new LiveTallies(live);
    this.#tallies = tallies;
    this.#maps.sessions.live.watch = {
      changed: (before, after) => tallies.sessionChanged(before, after),
      cleared: () => tallies.sessionsCleared(),
    };
    this.#maps.interactions.live.watch = {
      changed: (before, after) => tallies.interactionChanged(before, after),
      cleared: () => tallies.interactionsCleared(),
    };
    // What else a channel's KPIs read: the channel (its kind) and its day's counters.
    this.#maps.channels.live.watch = {
      changed: (before, after) => tallies.touched((before ?? after)?.id ?? ''),
      cleared: () => tallies.touchedAll(),
    };
    this.#maps.stats.live.watch = {
      changed: (before, after) => tallies.touched((before ?? after)?.channelId ?? ''),
      cleared: () => tallies.touchedAll(),
    };
  }

  /** The live state changed (by `event`; none: in ways unknown, so the device index is copied). */
  changed(event?: CenterEvent): void {
    if (!event || REINDEXES_DEVICES.has(event.type)) this.#devicesByUser = null;
  }

  publish(): CenterState {
    const live = this.#live;
    this.tallies = this.#tallies.publish();
    this.#devicesByUser ??= new Map([...live.devicesByUser].map(([userId, ids]) => [userId, new Set(ids)]));
    return {
      users: this.#maps.users.publish(),
      devices: this.#maps.devices.publish(),
      devicesByUser: this.#devicesByUser,
      channels: this.#maps.channels.publish(),
      assignments: this.#maps.assignments.publish(),
      org: live.org,
      pauseReasons: live.pauseReasons,
      sessions: this.#maps.sessions.publish(),
      interactions: this.#maps.interactions.publish(),
      monitors: this.#maps.monitors.publish(),
      stats: this.#maps.stats.publish(),
    };
  }
}

const MAP_COLLECTIONS = [
  'users',
  'devices',
  'channels',
  'assignments',
  'sessions',
  'interactions',
  'monitors',
  'stats',
] as const;
type MapCollection = (typeof MAP_COLLECTIONS)[number];
type MapKey<Name extends MapCollection> = CenterState[Name] extends Map<infer K, unknown> ? K : never;
type MapValue<Name extends MapCollection> = CenterState[Name] extends Map<unknown, infer V> ? V : never;
