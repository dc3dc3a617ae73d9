/**
 * Sessions in channels their agent is not assigned to (◇), as a supervisor reviews them after
 * unassigned logins are turned off: every such session in the channels the viewer manages,
 * whoever opened it, those the agent opened themselves (no longer allowed, ⊘) first. Turning the
 * setting off never logs anyone out; the supervisor logs out whichever of these they choose.
 */
import type { AgentSession, User } from '../protocol/index.js';
import { managesChannel } from './permissions.js';
import type { CenterState } from './state.js';

export interface UnassignedSession {
  session: AgentSession;
  name: string;
  channelName: string;
  /** Opened by the agent themselves while unassigned logins are off (⊘): no longer allowed. */
  notAllowed: boolean;
  /** On an interaction in this channel: a logout waits until it ends. */
  busy: boolean;
}

export function unassignedSessions(state: CenterState, viewer: User): UnassignedSession[] {
  const out: UnassignedSession[] = [];
  for (const session of state.sessions.values()) {
    if (session.assigned || !managesChannel(state, viewer, session.channelId)) continue;
    out.push({
      session,
      name: state.users.get(session.userId)?.name ?? session.userId,
      channelName: state.channels.get(session.channelId)?.name ?? session.channelId,
      notAllowed: !session.allowed,
      busy: session.interactionId !== null,
    });
  }
  return out.sort(
    (a, b) =>
      Number(b.notAllowed) - Number(a.notAllowed) ||
      a.channelName.localeCompare(b.channelName) ||
      a.name.localeCompare(b.name) ||
      a.session.userId.localeCompare(b.session.userId),
  );
}
