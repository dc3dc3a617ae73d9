/**
 * One copy of each id the wallboard's state repeats. `JSON.parse` makes a new string for every
 * value it reads, so a 5,000-agent snapshot held ~27,000 copies of user ids (each device's,
 * assignment's and session's `userId`, `loggedInBy`…) and ~10,600 of 162 channel ids: ~1.3 MB of
 * the state's 3.1 MB of strings (bench/heap-profile.ts, bench/README.md item 37).
 * The frames that become the state (snapshot parts and deltas) have those fields replaced by the
 * pool's copy of the same text, as they arrive, before anything holds them. Values do not
 * change (a string is its text), only how many copies of it the heap holds.
 */
import type { AgentSession, HubMessage, SnapshotData } from '../protocol/index.js';

/**
 * Fields whose texts recur across entities and events (src/protocol/entities.ts, events.ts):
 * references to users, channels and pause reasons, and the enums. Not names, extensions, labels,
 * addresses or chat texts (mostly each its own: the pool would hold them for nothing), nor
 * interaction ids (short-lived).
 */
const SHARED_FIELDS: ReadonlySet<string> = new Set([
  'userId',
  'channelId',
  'agentId',
  'supervisorId',
  'loggedInBy',
  'requestedBy',
  'by',
  'reasonId',
  'pauseReasonId',
  'roles',
  'kind',
  'status',
  'mode',
]);

/** Where an object's own `id` is referenced elsewhere too: users, channels, pause reasons (not devices). */
const IDS_REFERENCED_UNDER: ReadonlySet<string> = new Set([
  'users',
  'user',
  'channels',
  'channel',
  'pauseReasons',
  'reasons',
]);

/** Subtrees with nothing shared in them: not walked. */
const SKIPPED: ReadonlySet<string> = new Set(['transcript', 'customer', 'message', 'settings']);

/** Past this many texts the pool starts afresh (a directory is a few thousand ids; this is a bound, not a size). */
const MAX_TEXTS = 65_536;

export class StringPool {
  #texts = new Map<string, string>();
  readonly #max: number;

  constructor(max = MAX_TEXTS) {
    this.#max = max;
  }

  /** The pool's copy of `text` (the first one it was given). */
  intern<T extends string>(text: T): T {
    const held = this.#texts.get(text);
    if (held !== undefined) return held as T;
    if (this.#texts.size >= this.#max) this.#texts = new Map();
    this.#texts.set(text, text);
    return text;
  }

  /** How many texts the pool holds. */
  get size(): number {
    return this.#texts.size;
  }

  /**
   * Replaces, in a freshly parsed message that will become the state (a snapshot part, a delta,
   * a batch of deltas), the shared fields' strings by the pool's copies. Other messages are left
   * as they are (what they hold is not kept).
   */
  internMessage(message: HubMessage): void {
    if (message.type === 'snapshot') this.#snapshot(message.data);
    else if (message.type === 'delta') this.#internObject(message.event, false);
    else if (message.type === 'deltas')
      for (const item of message.deltas) this.#internObject(item.event, false);
  }

  /**
   * A snapshot's entities (~27,000 in the large demo's 76 parts), field by field rather than by
   * the generic walk the deltas take (~10 ms for the whole snapshot). The same fields as SHARED_FIELDS.
   */
  #snapshot(data: SnapshotData): void {
    for (const user of data.users) {
      user.id = this.intern(user.id);
      const roles = user.roles;
      for (let i = 0; i < roles.length; i++) roles[i] = this.intern(roles[i] as (typeof roles)[number]);
    }
    for (const device of data.devices) {
      device.userId = this.intern(device.userId);
      device.kind = this.intern(device.kind);
    }
    for (const channel of data.channels) {
      channel.id = this.intern(channel.id);
      channel.kind = this.intern(channel.kind);
    }
    for (const assignment of data.assignments) {
      assignment.userId = this.intern(assignment.userId);
      assignment.channelId = this.intern(assignment.channelId);
    }
    for (const session of data.sessions) this.#session(session);
    for (const reason of data.pauseReasons) reason.id = this.intern(reason.id);
    for (const stats of data.stats) stats.channelId = this.intern(stats.channelId);
    for (const interaction of data.interactions) this.#internObject(interaction, false);
    for (const monitor of data.monitors) this.#internObject(monitor, false);
  }

  #session(session: AgentSession): void {
    session.channelId = this.intern(session.channelId);
    session.userId = this.intern(session.userId);
    session.status = this.intern(session.status);
    session.loggedInBy = this.intern(session.loggedInBy);
    if (session.pauseReasonId !== null) session.pauseReasonId = this.intern(session.pauseReasonId);
    if (session.pending !== null) this.#internObject(session.pending, false);
  }

  #internObject(value: object, withId: boolean): void {
    const fields = value as Record<string, unknown>;
    for (const key in fields) {
      const field = fields[key];
      if (typeof field === 'string') {
        // Always stored: equal texts compare equal, so whether it is another copy cannot be told.
        if (SHARED_FIELDS.has(key) || (withId && key === 'id')) fields[key] = this.intern(field);
        continue;
      }
      if (typeof field !== 'object' || field === null || SKIPPED.has(key)) continue;
      if (!Array.isArray(field)) {
        this.#internObject(field, IDS_REFERENCED_UNDER.has(key));
        continue;
      }
      const shared = SHARED_FIELDS.has(key);
      const ids = IDS_REFERENCED_UNDER.has(key);
      for (let i = 0; i < field.length; i++) {
        const item: unknown = field[i];
        if (typeof item === 'string') {
          if (shared) field[i] = this.intern(item);
        } else if (typeof item === 'object' && item !== null) this.#internObject(item, ids);
      }
    }
  }
}
