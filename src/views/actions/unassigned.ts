/** Sessions flagged as no longer allowed (unassigned logins turned off), across the channels a user manages. */
import { type Actor, type CenterState, managesChannel } from '../../domain/index.js';
import type { AgentSession } from '../../protocol/index.js';

export interface FlaggedSession {
  session: AgentSession;
  name: string;
  channelName: string;
  busy: boolean;
}

export function flaggedSessions(state: CenterState, actor: Actor): FlaggedSession[] {
  const out: FlaggedSession[] = [];
  for (const session of state.sessions.values()) {
    if (session.allowed || !managesChannel(state, actor.user, session.channelId)) continue;
    out.push({
      session,
      name: state.users.get(session.userId)?.name ?? session.userId,
      channelName: state.channels.get(session.channelId)?.name ?? session.channelId,
      busy: session.interactionId !== null,
    });
  }
  return out.sort((a, b) => a.channelName.localeCompare(b.channelName) || a.name.localeCompare(b.name));
}
