/**
 * KPIs of a channel, from its live state and the day's counters (since local midnight).
 * Each formula is stated next to its code; a rate with nothing to divide by is null, not 0.
 */
import type { Channel, ChannelKind, ChannelStats } from '../protocol/index.js';
import {
  type AgentCounts,
  type ChannelTally,
  countSession,
  EMPTY_TALLY,
  emptyCounts,
  tallyChannels,
} from './channel-tally.js';
import type { CenterState } from './state.js';

export type AlertLevel = 'ok' | 'warning' | 'critical';

export interface ChannelKpis {
  channelId: string;
  /** Interactions queued now. */
  waiting: number;
  /** Age of the oldest waiting interaction, in seconds (0 when none waits). */
  longestWaitSeconds: number;
  /** offered = answered + abandoned + still waiting. */
  offered: number;
  answered: number;
  abandoned: number;
  /** abandon % = abandoned / (answered + abandoned) × 100. */
  abandonRate: number | null;
  /** service level % = answered within the threshold / (answered + abandoned) × 100. */
  serviceLevel: number | null;
  /** ASA = total wait of answered interactions / answered, in seconds. */
  asaSeconds: number | null;
  /** AHT = (talk time + wrap-up time) / handled, in seconds. */
  ahtSeconds: number | null;
  agents: Readonly<AgentCounts>;
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
const percent = (part: number, whole: number): number | null => {
  const r = ratio(part, whole);
  return r === null ? null : r * 100;
};

/** How long the oldest waiting interaction has waited, in whole seconds (0 when none waits). */
const waitSeconds = (oldestQueuedAt: number | null, now: number): number =>
  oldestQueuedAt === null ? 0 : Math.max(0, Math.floor((now - oldestQueuedAt) / 1000));

function kpisFrom(
  channelId: string,
  stats: ChannelStats | undefined,
  waiting: number,
  oldestQueuedAt: number | null,
  agents: Readonly<AgentCounts>,
  now: number,
): ChannelKpis {
  const answered = stats?.answered ?? 0;
  const abandoned = stats?.abandoned ?? 0;
  const closed = answered + abandoned;
  const handled = stats?.handled ?? 0;
  const asaMs = ratio(stats?.answeredWaitMs ?? 0, answered);
  const ahtMs = ratio((stats?.talkMs ?? 0) + (stats?.wrapUpMs ?? 0), handled);
  return {
    channelId,
    waiting,
    longestWaitSeconds: waitSeconds(oldestQueuedAt, now),
    offered: closed + waiting,
    answered,
    abandoned,
    abandonRate: percent(abandoned, closed),
    serviceLevel: percent(stats?.answeredWithinThreshold ?? 0, closed),
    asaSeconds: asaMs === null ? null : asaMs / 1000,
    ahtSeconds: ahtMs === null ? null : ahtMs / 1000,
    agents,
  };
}

/**
 * KPIs of every channel (of one kind, with `kind`: the board shows one pane at a time) in one
 * pass over sessions and interactions.
 */
export function allChannelKpis(
  state: CenterState,
  now: number,
  kind?: ChannelKind,
): ReadonlyMap<string, ChannelKpis> {
  let wanted: Set<string> | undefined;
  if (kind !== undefined) {
    wanted = new Set();
    for (const channel of state.channels.values()) if (channel.kind === kind) wanted.add(channel.id);
  }
  return channelKpisOf(state, tallyChannels(state, wanted), now, kind);
}

/**
 * KPIs of every channel (of one kind, with `kind`) from tallies already made (`LiveTallies`):
 * the work of a channel each, not of a session each. With `memo`, a channel whose tally, day
 * counters and longest wait are those of its last KPIs keeps that same object, and when every
 * channel does, the map is the last one: a clock's tick then changes only the channels with
 * someone waiting.
 */
export function channelKpisOf(
  state: Pick<CenterState, 'channels' | 'stats'>,
  tallies: ReadonlyMap<string, ChannelTally>,
  now: number,
  kind?: ChannelKind,
  memo?: ChannelKpisMemo,
): ReadonlyMap<string, ChannelKpis> {
  const result = new Map<string, ChannelKpis>();
  let same = memo?.last !== undefined && memo.kind === kind;
  for (const channel of state.channels.values()) {
    if (kind !== undefined && channel.kind !== kind) continue;
    const tally = tallies.get(channel.id) ?? EMPTY_TALLY;
    const stats = state.stats.get(channel.id);
    const last = memo?.inputs.get(channel.id);
    let kpis: ChannelKpis;
    if (
      last &&
      last.tally === tally &&
      last.stats === stats &&
      last.kpis.longestWaitSeconds === waitSeconds(tally.oldestQueuedAt, now)
    )
      kpis = last.kpis;
    else {
      kpis = kpisFrom(channel.id, stats, tally.waiting, tally.oldestQueuedAt, tally.agents, now);
      same = false;
      memo?.inputs.set(channel.id, { tally, stats, kpis });
    }
    result.set(channel.id, kpis);
  }
  if (!memo) return result;
  if (same && result.size === memo.last?.size) return memo.last;
  memo.kind = kind;
  memo.last = result;
  return result;
}

/** What `channelKpisOf` keeps between calls to return the same KPIs when nothing they show changed. */
export class ChannelKpisMemo {
  readonly inputs = new Map<
    string,
    { tally: ChannelTally; stats: ChannelStats | undefined; kpis: ChannelKpis }
  >();
  kind: ChannelKind | undefined;
  last: ReadonlyMap<string, ChannelKpis> | undefined;
}

export function channelKpis(state: CenterState, channelId: string, now: number): ChannelKpis {
  let waiting = 0;
  let oldestQueuedAt: number | null = null;
  for (const interaction of state.interactions.values()) {
    if (interaction.channelId !== channelId || interaction.answeredAt !== null) continue;
    waiting += 1;
    if (oldestQueuedAt === null || interaction.queuedAt < oldestQueuedAt)
      oldestQueuedAt = interaction.queuedAt;
  }
  const agents = emptyCounts();
  for (const session of state.sessions.values()) {
    if (session.channelId === channelId) countSession(agents, session);
  }
  return kpisFrom(channelId, state.stats.get(channelId), waiting, oldestQueuedAt, agents, now);
}

/** Interactions waiting: at or above the warning threshold warns, at or above critical is critical; no thresholds is ok. */
export function waitingLevel(channel: Channel, waiting: number): AlertLevel {
  const alert = channel.settings.waitingAlert;
  if (!alert) return 'ok';
  if (waiting >= alert.critical) return 'critical';
  if (waiting >= alert.warning) return 'warning';
  return 'ok';
}

/** Longest wait: at or above the warning threshold warns, at or above critical is critical. */
export function longestWaitLevel(channel: Channel, seconds: number): AlertLevel {
  const { warning, critical } = channel.settings.longestWaitAlert;
  if (seconds >= critical) return 'critical';
  if (seconds >= warning) return 'warning';
  return 'ok';
}

/** Service level: at or below the warning threshold warns, at or below critical is critical; none yet is ok. */
export function serviceLevelLevel(channel: Channel, percentValue: number | null): AlertLevel {
  if (percentValue === null) return 'ok';
  const { warning, critical } = channel.settings.serviceLevelAlert;
  if (percentValue <= critical) return 'critical';
  if (percentValue <= warning) return 'warning';
  return 'ok';
}

/** The worse of two levels. */
export function worstLevel(a: AlertLevel, b: AlertLevel): AlertLevel {
  const rank = { ok: 0, warning: 1, critical: 2 } as const;
  return rank[a] >= rank[b] ? a : b;
}
