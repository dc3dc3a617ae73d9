/**
 * Which sessions show an interaction as busy elsewhere, by interaction id: the end of an
 * interaction clears its marks without a scan of every session. (A wallboard is told of the end
 * of interactions it never saw, for the marks on its agents: at 2,000 events a second that scan
 * was most of the reducer's time.)
 *
 * The index lives beside the sessions map it indexes (a WeakMap, so the state's shape and the
 * store's copies of it stay as they are): built from the map the first time it is asked, then
 * told by the reducer of every session it writes. It may hold keys whose session no longer shows
 * the mark (replaced or gone): those are checked on use, never trusted.
 */
import type { AgentSession } from '../protocol/index.js';

type Sessions = Map<string, AgentSession>;
const indexes = new WeakMap<Sessions, Map<string, Set<string>>>();

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
