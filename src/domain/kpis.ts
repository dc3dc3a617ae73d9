/**
 * KPIs of a channel, from its live state and the day's counters (since local midnight).
 * Each formula is stated next to its code; a rate with nothing to divide by is null, not 0.
 */
import type { AgentSession, AgentStatus, Channel, ChannelKind, ChannelStats } from '../protocol/index.js';
import type { CenterState } from './state.js';

export type AlertLevel = 'ok' | 'warning' | 'critical';

/** Sessions by status; `busy` includes agents available here but on an interaction elsewhere. */
interface AgentCounts extends Record<AgentStatus, number> {
  /** Agents with a logout or pause waiting for their interaction to end. */
  pending: number;
  total: number;
}

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
  agents: AgentCounts;
}

/**
 * Counts a session by its status, except that an agent "available" here while on an
 * interaction in another channel (the hub marks the session, whether or not the viewer sees
 * that channel) cannot take a call: they count as busy, never as ready.
 */
function countSession(counts: AgentCounts, session: AgentSession): void {
  const status = session.status === 'available' && session.elsewhere ? 'busy' : session.status;
  counts[status] += 1;
  counts.total += 1;
  if (session.pending) counts.pending += 1;
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
const percent = (part: number, whole: number): number | null => {
  const r = ratio(part, whole);
  return r === null ? null : r * 100;
};

function emptyCounts(): AgentCounts {
  return { available: 0, busy: 0, wrap_up: 0, paused: 0, pending: 0, total: 0 };
}

function kpisFrom(
  channelId: string,
  stats: ChannelStats | undefined,
  waiting: number,
  oldestQueuedAt: number | null,
  agents: AgentCounts,
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
    longestWaitSeconds: oldestQueuedAt === null ? 0 : Math.max(0, Math.floor((now - oldestQueuedAt) / 1000)),
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
): Map<string, ChannelKpis> {
  let wanted: Set<string> | null = null;
  if (kind !== undefined) {
    wanted = new Set();
    for (const channel of state.channels.values()) if (channel.kind === kind) wanted.add(channel.id);
  }
  const waiting = new Map<string, number>();
  const oldest = new Map<string, number>();
  for (const interaction of state.interactions.values()) {
    if (interaction.answeredAt !== null) continue;
    const id = interaction.channelId;
    if (wanted && !wanted.has(id)) continue;
    waiting.set(id, (waiting.get(id) ?? 0) + 1);
    const current = oldest.get(id);
    if (current === undefined || interaction.queuedAt < current) oldest.set(id, interaction.queuedAt);
  }
  const counts = new Map<string, AgentCounts>();
  for (const session of state.sessions.values()) {
    if (wanted && !wanted.has(session.channelId)) continue;
    let c = counts.get(session.channelId);
    if (!c) {
      c = emptyCounts();
      counts.set(session.channelId, c);
    }
    countSession(c, session);
  }
  const result = new Map<string, ChannelKpis>();
  for (const channelId of wanted ?? state.channels.keys()) {
    result.set(
      channelId,
      kpisFrom(
        channelId,
        state.stats.get(channelId),
        waiting.get(channelId) ?? 0,
        oldest.get(channelId) ?? null,
        counts.get(channelId) ?? emptyCounts(),
        now,
      ),
    );
  }
  return result;
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
