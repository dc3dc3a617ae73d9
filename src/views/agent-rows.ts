/** The agents logged in to one channel as the right pane lists them: filtered, sorted, resolved. */
import { type CenterState, devicesOf } from '../domain/index.js';
import type { AgentSession, AgentStatus, Device, Interaction, User } from '../protocol/index.js';

export type SortKey = 'status' | 'time' | 'name';
export const SORT_KEYS: readonly SortKey[] = ['status', 'time', 'name'];
export const SORT_LABELS: Record<SortKey, string> = {
  status: 'status',
  time: 'time in status',
  name: 'name',
};

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
}

const STATUS_ORDER: Record<AgentStatus, number> = { available: 0, busy: 1, wrap_up: 2, paused: 3 };

/** Lower-case, without accents: "Chloé" matches "chloe". */
export function searchable(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase();
}

export function agentRows(state: CenterState, channelId: string, filter: string, sort: SortKey): AgentRow[] {
  const needle = searchable(filter.trim());
  const reasons = new Map(state.pauseReasons.map((r) => [r.id, r.label]));
  const rows: AgentRow[] = [];
  for (const session of state.sessions.values()) {
    if (session.channelId !== channelId) continue;
    const user: User | undefined = state.users.get(session.userId);
    const name = user?.name ?? session.userId;
    const extension = user?.extension ?? '';
    if (needle && !searchable(name).includes(needle) && !extension.includes(needle)) continue;
    const pending = session.pending;
    rows.push({
      userId: session.userId,
      name,
      extension,
      session,
      interaction: session.interactionId ? state.interactions.get(session.interactionId) : undefined,
      devices: devicesOf(state, session.userId).sort((a, b) => a.id.localeCompare(b.id)),
      pauseReason: session.pauseReasonId
        ? (reasons.get(session.pauseReasonId) ?? session.pauseReasonId)
        : null,
      pending: pending
        ? pending.kind === 'logout'
          ? 'logout'
          : `pause: ${reasons.get(pending.reasonId) ?? pending.reasonId}`
        : null,
    });
  }
  return rows.sort(comparator(sort));
}

function comparator(sort: SortKey): (a: AgentRow, b: AgentRow) => number {
  const byName = (a: AgentRow, b: AgentRow) =>
    a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId);
  const byTime = (a: AgentRow, b: AgentRow) => a.session.since - b.session.since;
  switch (sort) {
    case 'status':
      return (a, b) =>
        STATUS_ORDER[a.session.status] - STATUS_ORDER[b.session.status] || byTime(a, b) || byName(a, b);
    case 'time':
      return (a, b) => byTime(a, b) || byName(a, b);
    case 'name':
      return byName;
  }
}
