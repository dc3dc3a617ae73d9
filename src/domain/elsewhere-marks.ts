/**
 * Two indexes of the sessions, so the reducer's busy-elsewhere marks cost no scan:
 * - which sessions show an interaction as busy elsewhere, by interaction id: the end of an
 *   interaction clears its marks without a scan of every session (a wallboard is told of the end
 *   of interactions it never saw, for the marks on its agents: at 2,000 events a second that scan
 *   was most of the reducer's time);
 * - an agent's sessions, by user id: an answer marks the agent's other sessions without asking
 *   every channel whether it holds one (and the hub routes an answer or an end to those who see
 *   them the same way: scope.ts).
 *
 * They live beside the sessions map they index (WeakMaps, so the state's shape and the store's
 * copies of it stay as they are): built from the map the first time they are asked, then told by
 * the reducer of every session it writes. They may hold keys whose session no longer shows the
 * mark or is gone: those are checked on use, never trusted.
 */
import type { AgentSession } from '../protocol/index.js';

type Sessions = Map<string, AgentSession>;
const indexes = new WeakMap<Sessions, Map<string, Set<string>>>();
const byUser = new WeakMap<Sessions, Map<string, Set<string>>>();

function note(index: Map<string, Set<string>>, interactionId: string, key: string): void {
  const keys = index.get(interactionId);
  if (keys) keys.add(key);
  else index.set(interactionId, new Set([key]));
}

function indexOf(sessions: Sessions): Map<string, Set<string>> {
  let index = indexes.get(sessions);
  if (!index) {
    index = new Map();
    for (const [key, session] of sessions)
      if (session.elsewhere) note(index, session.elsewhere.interactionId, key);
    indexes.set(sessions, index);
  }
  return index;
}

/** Writes a session, noting its busy-elsewhere mark (the reducer's only way to write one). */
export function putSession(sessions: Sessions, key: string, session: AgentSession): void {
  sessions.set(key, session);
  // Not built yet: it will be, from the map, when first asked.
  const index = indexes.get(sessions);
  if (index && session.elsewhere) note(index, session.elsewhere.interactionId, key);
  const users = byUser.get(sessions);
  if (users) note(users, session.userId, key);
}

/** The keys of `userId`'s sessions (those gone are dropped from the index as they are met). */
export function sessionsOfUser(sessions: Sessions, userId: string): string[] {
  let index = byUser.get(sessions);
  if (!index) {
    index = new Map();
    for (const [key, session] of sessions) note(index, session.userId, key);
    byUser.set(sessions, index);
  }
  const keys = index.get(userId);
  if (!keys) return [];
  for (const key of keys) if (!sessions.has(key)) keys.delete(key);
  if (keys.size === 0) index.delete(userId);
  return [...keys];
}

/**
 * The keys of the sessions that may show `interactionId` as busy elsewhere, forgotten by the
 * index (the interaction has ended): the caller checks each and clears its mark.
 */
export function takeMarked(sessions: Sessions, interactionId: string): Iterable<string> {
  const index = indexOf(sessions);
  const keys = index.get(interactionId);
  if (!keys) return [];
  index.delete(interactionId);
  return keys;
}
