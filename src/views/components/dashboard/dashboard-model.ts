/**
 * The agent dashboard's model, as pure functions: a user who is only an agent sees their own
 * sessions, the channels they are assigned to and not logged in to, the channels they may log
 * in to unassigned (while the org allows it), and their devices. What they may do on a row is
 * decided with the hub's own rules (`decide` on the client's copy of the state), so a key that
 * would be refused is dimmed with the reason.
 */
import {
  type Actor,
  type CenterState,
  decide,
  devicesOf,
  pairKey,
  pauseReasonsInUse,
  sourceRefusal,
} from '../../../domain/index.js';
import type {
  AgentSession,
  Channel,
  Command,
  Device,
  Interaction,
  SourceInfo,
} from '../../../protocol/index.js';
import { REFUSAL_WORDS, refusalWord } from '../../actions/refusals.js';
import { busyElsewhere, type Elsewhere, sessionWords } from '../../agent-rows.js';

export type DashboardSection = 'sessions' | 'assigned' | 'unassigned';

export interface DashboardRow {
  section: DashboardSection;
  channel: Channel;
  /** The user's session here (sessions only). */
  session: AgentSession | null;
  interaction: Interaction | null;
  pauseReason: string | null;
  /** What applies when the interaction ends ("logout", "pause: Lunch"). */
  pending: string | null;
  /** Ready here but on an interaction in another channel: busy here too, as the supervisors see it. */
  elsewhere: Elsewhere | null;
}

export interface Dashboard {
  rows: DashboardRow[];
  devices: Device[];
}

const byName = (a: Channel, b: Channel) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

export function dashboardOf(state: CenterState, userId: string): Dashboard {
  const reasons = new Map(state.pauseReasons.map((r) => [r.id, r.label]));
  const sessions: DashboardRow[] = [];
  const assigned: DashboardRow[] = [];
  const unassigned: DashboardRow[] = [];
  const channels = [...state.channels.values()].sort(byName);
  for (const channel of channels) {
    const session = state.sessions.get(pairKey(channel.id, userId));
    if (session) {
      sessions.push({
        section: 'sessions',
        channel,
        session,
        interaction: session.interactionId ? (state.interactions.get(session.interactionId) ?? null) : null,
        ...sessionWords(session, reasons),
        elsewhere: busyElsewhere(state, channel.id, userId),
      });
      continue;
    }
    const row = {
      channel,
      session: null,
      interaction: null,
      pauseReason: null,
      pending: null,
      elsewhere: null,
    };
    if (state.assignments.get(pairKey(channel.id, userId))?.asAgent === true)
      assigned.push({ ...row, section: 'assigned' });
    else if (state.org.agentsMayLogInToUnassigned) unassigned.push({ ...row, section: 'unassigned' });
  }
  const devices = devicesOf(state, userId).sort(
    (a, b) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id),
  );
  return { rows: [...sessions, ...assigned, ...unassigned], devices };
}

export type SelfAction = 'login' | 'pause' | 'ready' | 'logout' | 'endWrapUp';

export interface SelfOption {
  action: SelfAction;
  enabled: boolean;
  /** Why it is dimmed. */
  reason: string | null;
}

/** The command an action is on a row (pause: with `reasonId`). */
export function selfCommand(action: SelfAction, channelId: string, userId: string, reasonId = ''): Command {
  switch (action) {
    case 'login':
      return { type: 'login', channelId, userId };
    case 'pause':
      return { type: 'pause', channelId, userId, reasonId };
    case 'ready':
      return { type: 'resume', channelId, userId };
    case 'logout':
      return { type: 'logout', channelId, userId };
    case 'endWrapUp':
      return { type: 'end_wrap_up', channelId, userId };
  }
}

function check(
  state: CenterState,
  actor: Actor,
  command: Command,
  now: number,
  source: SourceInfo | null,
): string | null {
  const decision = decide(state, actor, command, now);
  if (!decision.ok) return REFUSAL_WORDS[decision.error.code];
  const refusal = sourceRefusal(state, source, command, actor.user.id);
  return refusal ? refusalWord(refusal, source) : null;
}

/** Every action on a row, enabled or dimmed with the hub's reason. */
export function selfOptions(
  state: CenterState,
  actor: Actor,
  row: DashboardRow,
  now: number,
  source: SourceInfo | null = null,
): SelfOption[] {
  const userId = actor.user.id;
  const channelId = row.channel.id;
  const option = (action: SelfAction, reasonIds: readonly string[] = ['']): SelfOption => {
    let reason: string | null = null;
    for (const reasonId of reasonIds) {
      const refused = check(state, actor, selfCommand(action, channelId, userId, reasonId), now, source);
      if (refused === null) return { action, enabled: true, reason: null };
      reason ??= refused;
    }
    return { action, enabled: false, reason };
  };
  if (row.section !== 'sessions') return [option('login')];
  const reasons = pauseReasonsInUse(state).map((r) => r.id);
  return [
    option('pause', reasons.length > 0 ? reasons : ['']),
    option('ready'),
    option('endWrapUp'),
    option('logout'),
  ];
}

/** The pause reasons in use (not the retired ones), each allowed or not for this session. */
export function pauseChoices(
  state: CenterState,
  actor: Actor,
  channelId: string,
  now: number,
  source: SourceInfo | null = null,
): { id: string; label: string; reason: string | null }[] {
  return pauseReasonsInUse(state).map((r) => ({
    id: r.id,
    label: r.label,
    reason: check(state, actor, selfCommand('pause', channelId, actor.user.id, r.id), now, source),
  }));
}
