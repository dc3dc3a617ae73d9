/**
 * What a channel's KPIs count of the live state: its agents by status and its waiting
 * interactions. Counted in one pass over the state (`tallyChannels`), or kept up to date change by
 * change (`LiveTallies`), so that a wallboard drawing ten times a second does not walk 15,000
 * sessions to redraw one channel's counters.
 */
import type { AgentSession, AgentStatus, Interaction } from '../protocol/index.js';
import type { CenterState } from './state.js';

/** Sessions by status; `busy` includes agents available here but on an interaction elsewhere. */
export interface AgentCounts extends Record<AgentStatus, number> {
  /** Agents with a logout or pause waiting for their interaction to end. */
  pending: number;
  total: number;
}

export interface ChannelTally {
  readonly agents: Readonly<AgentCounts>;
  /** The users with a session in the channel (in no order): its agent list without a pass over every session. */
  readonly agentIds: readonly string[];
  /** Interactions queued now (not yet answered). */
  readonly waiting: number;
  /** When the oldest of them was queued; null when none waits. */
  readonly oldestQueuedAt: number | null;
}

export function emptyCounts(): AgentCounts {
  return { available: 0, busy: 0, wrap_up: 0, paused: 0, pending: 0, total: 0 };
}

export const EMPTY_TALLY: ChannelTally = Object.freeze({
  agents: Object.freeze(emptyCounts()),
  agentIds: Object.freeze([]),
  waiting: 0,
  oldestQueuedAt: null,
});

/**
 * Adds a session to (`sign` 1) or takes it from (-1) its channel's counts, by its status, except
 * that an agent "available" here while on an interaction in another channel (the hub marks the
 * session, whether or not the viewer sees that channel) cannot take a call: they count as busy,
 * never as ready.
 */
export function countSession(counts: AgentCounts, session: AgentSession, sign: 1 | -1 = 1): void {
  const status = session.status === 'available' && session.elsewhere ? 'busy' : session.status;
  counts[status] += sign;
  counts.total += sign;
  if (session.pending) counts.pending += sign;
}

/**
 * The users with a session in a channel, from tallies made with the state (none: undefined, and
 * the caller looks at every session).
 */
export function agentIdsOf(
  tallies: ReadonlyMap<string, ChannelTally> | null,
  channelId: string,
): readonly string[] | undefined {
  return tallies ? (tallies.get(channelId) ?? EMPTY_TALLY).agentIds : undefined;
}

const isWaiting = (interaction: Interaction): boolean => interaction.answeredAt === null;

/** Every channel's tally (only those of `wanted` when given), in one pass over the state. */
export function tallyChannels(
  state: Pick<CenterState, 'sessions' | 'interactions'>,
  wanted?: ReadonlySet<string>,
): Map<string, ChannelTally> {
  const tallies = new Map<
    string,
    { agents: AgentCounts; agentIds: string[]; waiting: number; oldestQueuedAt: number | null }
  >();
  const of = (channelId: string) => {
    let tally = tallies.get(channelId);
    if (!tally) {
      tally = { agents: emptyCounts(), agentIds: [], waiting: 0, oldestQueuedAt: null };
      tallies.set(channelId, tally);
    }
    return tally;
  };
  for (const interaction of state.interactions.values()) {
    if (!isWaiting(interaction) || (wanted && !wanted.has(interaction.channelId))) continue;
    const tally = of(interaction.channelId);
    tally.waiting += 1;
    if (tally.oldestQueuedAt === null || interaction.queuedAt < tally.oldestQueuedAt)
      tally.oldestQueuedAt = interaction.queuedAt;
  }
  for (const session of state.sessions.values()) {
    if (wanted && !wanted.has(session.channelId)) continue;
    const tally = of(session.channelId);
    countSession(tally.agents, session);
    tally.agentIds.push(session.userId);
  }
  return tallies;
}

/**
 * Tallies kept up to date as the live state changes: the state's maps report each change (the
 * entity before and after; entities are replaced, never changed in place), and `publish` gives
 * the tallies as of now, a new map (with new tallies for the channels that changed) only when
 * something changed. A change to a channel or its day's counters (`touched`) also gives a new
 * map, so that the map's identity says whether any channel's KPIs may differ.
 */
export class LiveTallies {
  readonly #agents = new Map<string, AgentCounts>();
  /** Per channel, the users with a session in it. */
  readonly #agentIds = new Map<string, Set<string>>();
  /** Per channel, its waiting interactions' queue times by interaction id. */
  readonly #waiting = new Map<string, Map<string, number>>();
  readonly #dirty = new Set<string>();
  #everything = true;
  #published: ReadonlyMap<string, ChannelTally> = new Map();

  constructor(state: Pick<CenterState, 'sessions' | 'interactions'>) {
    for (const session of state.sessions.values()) this.sessionChanged(undefined, session);
    for (const interaction of state.interactions.values()) this.interactionChanged(undefined, interaction);
  }

  sessionChanged(before: AgentSession | undefined, after: AgentSession | undefined): void {
    if (before) {
      const counts = this.#agents.get(before.channelId);
      if (counts) countSession(counts, before, -1);
      this.#agentIds.get(before.channelId)?.delete(before.userId);
      this.#dirty.add(before.channelId);
    }
    if (after) {
      let counts = this.#agents.get(after.channelId);
      let ids = this.#agentIds.get(after.channelId);
      if (!counts || !ids) {
        counts = emptyCounts();
        ids = new Set();
        this.#agents.set(after.channelId, counts);
        this.#agentIds.set(after.channelId, ids);
      }
      countSession(counts, after);
      ids.add(after.userId);
      this.#dirty.add(after.channelId);
    }
  }

  interactionChanged(before: Interaction | undefined, after: Interaction | undefined): void {
    if (before && isWaiting(before)) {
      this.#waiting.get(before.channelId)?.delete(before.id);
      this.#dirty.add(before.channelId);
    }
    if (after && isWaiting(after)) {
      let waiting = this.#waiting.get(after.channelId);
      if (!waiting) {
        waiting = new Map();
        this.#waiting.set(after.channelId, waiting);
      }
      waiting.set(after.id, after.queuedAt);
      this.#dirty.add(after.channelId);
    }
  }

  /** Every session went (the state's sessions were cleared). */
  sessionsCleared(): void {
    this.#agents.clear();
    this.#agentIds.clear();
    this.#everything = true;
  }

  /** Every interaction went. */
  interactionsCleared(): void {
    this.#waiting.clear();
    this.#everything = true;
  }

  /** Something else a channel's KPIs read changed (the channel, its day's counters). */
  touched(channelId: string): void {
    this.#dirty.add(channelId);
  }

  /** Anything may have changed (the channels or the day's counters were cleared). */
  touchedAll(): void {
    this.#everything = true;
  }

  /** Every channel's tally as of now; the same map as last time when nothing changed since. */
  publish(): ReadonlyMap<string, ChannelTally> {
    if (!this.#everything && this.#dirty.size === 0) return this.#published;
    const next = this.#everything ? new Map<string, ChannelTally>() : new Map(this.#published);
    const channels = this.#everything
      ? new Set([...this.#agents.keys(), ...this.#waiting.keys()])
      : this.#dirty;
    for (const channelId of channels) {
      const tally = this.#tallyOf(channelId);
      if (tally) next.set(channelId, tally);
      else next.delete(channelId);
    }
    this.#dirty.clear();
    this.#everything = false;
    this.#published = next;
    return next;
  }

  #tallyOf(channelId: string): ChannelTally | undefined {
    const counts = this.#agents.get(channelId);
    const waiting = this.#waiting.get(channelId);
    if (counts?.total === 0) {
      this.#agents.delete(channelId);
      this.#agentIds.delete(channelId);
    }
    if (waiting?.size === 0) this.#waiting.delete(channelId);
    const hasAgents = counts !== undefined && counts.total > 0;
    const hasWaiting = waiting !== undefined && waiting.size > 0;
    if (!hasAgents && !hasWaiting) return undefined;
    let oldestQueuedAt: number | null = null;
    if (hasWaiting)
      for (const queuedAt of waiting.values())
        if (oldestQueuedAt === null || queuedAt < oldestQueuedAt) oldestQueuedAt = queuedAt;
    return Object.freeze({
      agents: Object.freeze(hasAgents ? { ...counts } : emptyCounts()),
      agentIds: Object.freeze(hasAgents ? [...(this.#agentIds.get(channelId) ?? [])] : []),
      waiting: hasWaiting ? waiting.size : 0,
      oldestQueuedAt,
    });
  }
}
