/**
 * The store's published copies of the live center state, made in the time of what changed since
 * the last publish rather than of what the state holds. At 5,000 agents a publish used to copy
 * the changed collections whole (~20,000 entries, ten times a second at 2,000 events/s): the
 * wallboard's largest cost after drawing, and much of its garbage (bench/README.md).
 *
 * Each map collection keeps two published copies. The live map notes every key the reducer sets
 * or deletes; a publish brings the copy not on show up to date with those keys alone and shows
 * it. So a published map holds still until the next publish but one, when it is brought up to
 * date again: long enough for a render and for comparing it with the one before, which is all
 * the views do with it (what they keep, they derive).
 */
import type { CenterState } from '../domain/index.js';
import type { CenterEvent } from '../protocol/index.js';

/** How a key changed: `kept` its place in the map's order (a new value), or `moved` (added or deleted). */
type Change = 'kept' | 'moved';

/** The keys of a live map changed since a copy was last brought up to date, in the order they moved. */
interface Changes<K> {
  keys: Map<K, Change>;
  /** Cleared, or not yet copied: copy it whole. */
  all: boolean;
}

/** A live map that notes the keys it changes, for the copies that follow it. */
class NotingMap<K, V> extends Map<K, V> {
  readonly followers: Changes<K>[] = [];

  override set(key: K, value: V): this {
    const added = !this.has(key);
    super.set(key, value);
    for (const changes of this.followers) {
      // An added key goes last in the map's order, and in the changes' order too.
      if (added) changes.keys.delete(key);
      if (added || !changes.keys.has(key)) changes.keys.set(key, added ? 'moved' : 'kept');
    }
    return this;
  }

  override delete(key: K): boolean {
    const had = super.delete(key);
    if (had) for (const changes of this.followers) changes.keys.set(key, 'moved');
    return had;
  }

  override clear(): void {
    super.clear();
    for (const changes of this.followers) changes.all = true;
  }
}

/** A published copy and what changed in the live map since it was brought up to date. */
interface Copy<K, V> {
  map: Map<K, V>;
  changes: Changes<K>;
}

/** One collection: its live map and its two published copies. */
class PublishedMap<K, V> {
  readonly live = new NotingMap<K, V>();
  readonly #copies: readonly [Copy<K, V>, Copy<K, V>];
  #shown = 0;

  constructor(from: ReadonlyMap<K, V>) {
    for (const [key, value] of from) this.live.set(key, value);
    this.#copies = [
      { map: new Map(from), changes: { keys: new Map(), all: false } },
      { map: new Map(), changes: { keys: new Map(), all: true } },
    ];
    for (const copy of this.#copies) this.live.followers.push(copy.changes);
  }

  /** The map to publish: the one on show when nothing changed, else the other, brought up to date. */
  publish(): Map<K, V> {
    const shown = this.#copies[this.#shown] as Copy<K, V>;
    if (!shown.changes.all && shown.changes.keys.size === 0) return shown.map;
    this.#shown = 1 - this.#shown;
    const next = this.#copies[this.#shown] as Copy<K, V>;
    const { changes } = next;
    if (changes.all) next.map = new Map(this.live);
    else
      for (const [key, change] of changes.keys) {
        if (change === 'moved') next.map.delete(key);
        const value = this.live.get(key);
        if (value !== undefined || this.live.has(key)) next.map.set(key, value as V);
      }
    changes.keys.clear();
    changes.all = false;
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
 * The published side of a live state. `adopt` puts noting maps in the live state's place (the
 * reducer goes on changing the same state object); `publish` gives a state whose maps only the
 * publisher changes, two publishes later.
 */
export class PublishedState {
  readonly #live: CenterState;
  readonly #maps: {
    [Name in MapCollection]: PublishedMap<MapKey<Name>, MapValue<Name>>;
  };
  #devicesByUser: CenterState['devicesByUser'] | null = null;

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
  }

  /** The live state changed (by `event`; none: in ways unknown, so the device index is copied). */
  changed(event?: CenterEvent): void {
    if (!event || REINDEXES_DEVICES.has(event.type)) this.#devicesByUser = null;
  }

  publish(): CenterState {
    const live = this.#live;
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
