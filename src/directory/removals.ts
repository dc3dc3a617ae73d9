/**
 * Users and channels leaving the directory, the way a supervisor would take them out: an idle
 * session is logged out at once; a session on a live interaction gets a pending logout (the
 * customer is never dropped), and the user or channel stays until that interaction has ended.
 * Such a removal is **waiting**: the next apply of the file finishes it (a hub that serves the
 * file with `--directory` does so by itself as soon as the last such interaction ends).
 */
import type { CenterState } from '../domain/index.js';
import type { CenterEvent } from '../protocol/index.js';

/** A (channel, user) session. */
export interface SessionRef {
  channelId: string;
  userId: string;
}

/** A user or channel that stays until the live interactions of these sessions end. */
export interface WaitingRemoval {
  id: string;
  busy: SessionRef[];
}

export interface Removals {
  events: CenterEvent[];
  /** Idle sessions logged out now. */
  loggedOut: SessionRef[];
  /** Busy sessions that log out when their interaction ends (already pending ones included). */
  pending: SessionRef[];
  removedUsers: string[];
  removedChannels: string[];
  waitingUsers: WaitingRemoval[];
  waitingChannels: WaitingRemoval[];
}

export interface Leaving {
  users: ReadonlySet<string>;
  channels: ReadonlySet<string>;
}

/** The events that take `leaving` out of `state` now, as far as live interactions allow. */
export function removeLeaving(state: CenterState, leaving: Leaving, at: number, by: string): Removals {
  const result: Removals = {
    events: [],
    loggedOut: [],
    pending: [],
    removedUsers: [],
    removedChannels: [],
    waitingUsers: [],
    waitingChannels: [],
  };
  const busyOf = new Map<string, SessionRef[]>();
  const hold = (key: string, session: SessionRef) => busyOf.set(key, [...(busyOf.get(key) ?? []), session]);
  for (const session of state.sessions.values()) {
    const userLeaves = leaving.users.has(session.userId) && state.users.has(session.userId);
    const channelLeaves = leaving.channels.has(session.channelId) && state.channels.has(session.channelId);
    if (!userLeaves && !channelLeaves) continue;
    const ref = { channelId: session.channelId, userId: session.userId };
    if (session.interactionId === null) {
      result.events.push({ type: 'agent_logged_out', at, ...ref, by });
      result.loggedOut.push(ref);
      continue;
    }
    if (session.pending?.kind !== 'logout')
      result.events.push({
        type: 'pending_set',
        at,
        ...ref,
        pending: { kind: 'logout', requestedBy: by, requestedAt: at },
      });
    result.pending.push(ref);
    if (userLeaves) hold(`user ${session.userId}`, ref);
    if (channelLeaves) hold(`channel ${session.channelId}`, ref);
  }
  for (const userId of leaving.users) {
    if (!state.users.has(userId)) continue;
    const busy = busyOf.get(`user ${userId}`);
    if (busy) result.waitingUsers.push({ id: userId, busy });
    else {
      result.events.push({ type: 'user_removed', at, userId });
      result.removedUsers.push(userId);
    }
  }
  for (const channelId of leaving.channels) {
    if (!state.channels.has(channelId)) continue;
    const busy = busyOf.get(`channel ${channelId}`);
    if (busy) result.waitingChannels.push({ id: channelId, busy });
    else {
      result.events.push({ type: 'channel_removed', at, channelId });
      result.removedChannels.push(channelId);
    }
  }
  return result;
}
