/** The agents logged in to one channel as the right pane lists them: filtered, sorted, resolved. */
import { type CenterState, devicesOf, pairKey } from '../domain/index.js';
import { lazyRecord, t } from '../i18n/index.js';
import type { AgentSession, AgentStatus, Device, Interaction, User } from '../protocol/index.js';

export type SortKey = 'status' | 'time' | 'name';
export const SORT_KEYS: readonly SortKey[] = ['status', 'time', 'name'];
export const SORT_LABELS: Readonly<Record<SortKey, string>> = lazyRecord(() => {
  const s = t().sort;
  return { status: s.status, time: s.time, name: s.name };
});

export interface AgentRow {
  userId: string;
  name: string;
  extension: string;
  session: AgentSession;
  interaction: Interaction | undefined;
  devices: readonly Device[];
  pauseReason: string | null;
  /** "→ logout" / "→ pause: Lunch" without the arrow: what applies when the interaction ends. */
  pending: string | null;
  /** A command about this agent sent and not yet answered by the hub ("pausing…"). */
  inFlight: string | null;
  /** Available here but on an interaction in another channel: busy for this channel too. */
  elsewhere: Elsewhere | null;
}

/** Where an agent ready here is busy: in a channel the viewer sees, or one they may not see. */
export interface Elsewhere {
  /** When that interaction was answered. */
  since: number;
  /** That channel and interaction, when the viewer may see them; null: only "busy elsewhere". */
  seen: { channelId: string; channelName: string; interaction: Interaction } | null;
}

/** What a command in flight looks like on its agent's row. */
export const IN_FLIGHT_LABELS: Readonly<Record<string, string>> = lazyRecord(() => {
  const { other: _other, ...labels } = t().inFlight;
  return labels;
});

/** The status a row shows: an agent available here but busy elsewhere shows busy. */
export function shownStatus(row: Pick<AgentRow, 'session' | 'elsewhere'>): AgentStatus {
  return row.elsewhere && row.session.status === 'available' ? 'busy' : row.session.status;
}

/**
 * Since when the shown status holds: for an agent busy elsewhere, since their interaction
 * there was answered (the time column then agrees with the interaction's duration).
 */
export function shownSince(row: Pick<AgentRow, 'session' | 'elsewhere'>): number {
  if (row.elsewhere && row.session.status === 'available') return row.elsewhere.since;
  return row.session.since;
}

/**
 * The interaction an agent is on in another channel while available in `channelId`, if any,
 * as the hub marks their session: the hub sees them as not busy here (logout and pause apply at
 * once, nothing to monitor here), while the board shows them busy. The channel and the
 * customer are named only when the viewer may see that channel.
 */
export function busyElsewhere(state: CenterState, channelId: string, userId: string): Elsewhere | null {
  const session = state.sessions.get(pairKey(channelId, userId));
  return session ? elsewhereOfSession(state, session) : null;
}

function elsewhereOfSession(state: CenterState, session: AgentSession): Elsewhere | null {
  if (session.status !== 'available' || !session.elsewhere) return null;
  const interaction = state.interactions.get(session.elsewhere.interactionId);
  const seen = interaction
    ? {
        channelId: interaction.channelId,
        channelName: state.channels.get(interaction.channelId)?.name ?? interaction.channelId,
        interaction,
      }
    : null;
  return { since: session.elsewhere.since, seen };
}

/** The order of `localeCompare` (the default locale's), without setting it up for each comparison. */
const collator = new Intl.Collator();

const STATUS_ORDER: Record<AgentStatus, number> = { available: 0, busy: 1, wrap_up: 2, paused: 3 };

/** Lower-case, without accents: "Chloé" matches "chloe". */
export function searchable(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase();
}

/**
 * A session's pause reason and what applies when its interaction ends ("logout", "pause:
 * Lunch"), in words; `reasons` are the center's pause reason labels by id.
 */
export function sessionWords(
  session: AgentSession,
  reasons: ReadonlyMap<string, string>,
): { pauseReason: string | null; pending: string | null } {
  const { pauseReasonId, pending } = session;
  return {
    pauseReason: pauseReasonId ? (reasons.get(pauseReasonId) ?? pauseReasonId) : null,
    pending: pending
      ? pending.kind === 'logout'
        ? t().detail.pendingLogout
        : t().detail.pendingPause(reasons.get(pending.reasonId) ?? pending.reasonId)
      : null,
  };
}

/**
 * The agents of a channel as its table lists them. `agentIds` (the channel's tally's, when the
 * caller has it) names the users with a session there: without it every session is looked at.
 */
export function agentRows(
  state: CenterState,
  channelId: string,
  filter: string,
  sort: SortKey,
  inFlight: ReadonlyMap<string, string> = new Map(),
  agentIds?: readonly string[],
): AgentRow[] {
  const needle = searchable(filter.trim());
  const reasons = new Map(state.pauseReasons.map((r) => [r.id, r.label]));
  const rows: AgentRow[] = [];
  const sessions = agentIds
    ? agentIds.map((userId) => state.sessions.get(pairKey(channelId, userId)))
    : state.sessions.values();
  for (const session of sessions) {
    if (session?.channelId !== channelId) continue;
    const user: User | undefined = state.users.get(session.userId);
    const name = user?.name ?? session.userId;
    const extension = user?.extension ?? '';
    if (needle && !searchable(name).includes(needle) && !extension.includes(needle)) continue;
    rows.push({
      userId: session.userId,
      name,
      extension,
      session,
      interaction: session.interactionId ? state.interactions.get(session.interactionId) : undefined,
      devices: devicesOf(state, session.userId).sort((a, b) => collator.compare(a.id, b.id)),
      ...sessionWords(session, reasons),
      inFlight: inFlight.get(session.userId) ?? null,
      elsewhere: elsewhereOfSession(state, session),
    });
  }
  return rows.sort(comparator(sort));
}

/**
 * `next` with each row that shows what the same agent's row in `previous` showed replaced by that
 * row, and `previous` itself when every row is: what is drawn from the rows (their lines) is then
 * kept by identity across publishes, though the list is made anew each time.
 */
export function keepUnchangedRows(previous: readonly AgentRow[], next: AgentRow[]): readonly AgentRow[] {
  if (previous.length === 0) return next;
  const before = new Map(previous.map((row) => [row.userId, row]));
  let all = previous.length === next.length;
  for (let i = 0; i < next.length; i += 1) {
    const row = next[i] as AgentRow;
    const last = before.get(row.userId);
    if (last && sameAgentRow(last, row)) next[i] = last;
    if (next[i] !== previous[i]) all = false;
  }
  return all ? previous : next;
}

function sameAgentRow(a: AgentRow, b: AgentRow): boolean {
  return (
    a.session === b.session &&
    a.name === b.name &&
    a.extension === b.extension &&
    a.interaction === b.interaction &&
    a.pauseReason === b.pauseReason &&
    a.pending === b.pending &&
    a.inFlight === b.inFlight &&
    a.devices.length === b.devices.length &&
    a.devices.every((device, i) => device === b.devices[i]) &&
    sameElsewhere(a.elsewhere, b.elsewhere)
  );
}

function sameElsewhere(a: Elsewhere | null, b: Elsewhere | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.since !== b.since) return false;
  if (a.seen === null || b.seen === null) return a.seen === b.seen;
  return (
    a.seen.channelId === b.seen.channelId &&
    a.seen.channelName === b.seen.channelName &&
    a.seen.interaction === b.seen.interaction
  );
}

function comparator(sort: SortKey): (a: AgentRow, b: AgentRow) => number {
  const byName = (a: AgentRow, b: AgentRow) =>
    collator.compare(a.name, b.name) || collator.compare(a.userId, b.userId);
  const byTime = (a: AgentRow, b: AgentRow) => shownSince(a) - shownSince(b);
  switch (sort) {
    case 'status':
      return (a, b) =>
        STATUS_ORDER[shownStatus(a)] - STATUS_ORDER[shownStatus(b)] || byTime(a, b) || byName(a, b);
    case 'time':
      return (a, b) => byTime(a, b) || byName(a, b);
    case 'name':
      return byName;
  }
}
