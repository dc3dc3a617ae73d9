/**
 * Logouts made with no hub running (`ccwall center apply` on the database of a stopped hub):
 * the telephony system still has those agents logged in, so the database keeps them, and the
 * hub that next starts on it asks its source to log them out there too, once the source is up.
 * Each one stays kept until the source carried it out or said there was nothing to do (refused:
 * the agent is not logged in there); one that failed or timed out is asked again at the next
 * start. With a hub running, the directory's logouts go to the source at once (hub-directory.ts).
 */
import { z } from 'zod';
import { type Command, Id, SYSTEM_ACTOR } from '../protocol/index.js';
import type { LinkAnswer, SourceLink } from './sources/source-link.js';
import type { Storage } from './storage.js';
import { reasonOf } from './storage-error.js';

export const OFFLINE_LOGOUTS_META = 'offline_logouts';

const OfflineLogouts = z.array(z.object({ channelId: Id, userId: Id }));
type OfflineLogout = z.infer<typeof OfflineLogouts>[number];

const keyOf = (s: OfflineLogout) => `${s.channelId}\u0000${s.userId}`;

/** The logouts kept for the telephony system; a note that does not parse is reported, never dropped. */
export function offlineLogouts(
  storage: Storage,
): { ok: true; sessions: OfflineLogout[] } | { ok: false; error: string } {
  const note = storage.meta(OFFLINE_LOGOUTS_META);
  if (note === undefined) return { ok: true, sessions: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(note);
  } catch (cause) {
    return {
      ok: false,
      error: `the logouts kept for the telephony system are unreadable: ${reasonOf(cause)}`,
    };
  }
  const parsed = OfflineLogouts.safeParse(raw);
  return parsed.success
    ? { ok: true, sessions: parsed.data }
    : {
        ok: false,
        error: 'the logouts kept for the telephony system are unreadable: not a list of sessions',
      };
}

/** Keeps `sessions` (with those already kept, each once) for the next hub to tell its source. */
export function keepOfflineLogouts(storage: Storage, sessions: readonly OfflineLogout[]): void {
  const kept = offlineLogouts(storage);
  const all = new Map((kept.ok ? kept.sessions : []).map((s) => [keyOf(s), s]));
  for (const s of sessions) all.set(keyOf(s), { channelId: s.channelId, userId: s.userId });
  storage.setMeta(OFFLINE_LOGOUTS_META, all.size === 0 ? undefined : JSON.stringify([...all.values()]));
}

/** Whether the source has nothing left to do about a logout after this answer. */
const settled = (answer: LinkAnswer) => answer.outcome === 'done' || answer.outcome === 'refused';

/**
 * Once the source is up, asks it to log out the kept sessions; forgets each it settled. Resolves
 * when all were asked (or at once when there are none); `log` says what it did and what failed.
 */
export function followOfflineLogouts(
  link: SourceLink,
  storage: Storage,
  log: (line: string) => void,
): Promise<void> {
  const kept = offlineLogouts(storage);
  if (!kept.ok) {
    log(`${kept.error}; kept as it is`);
    return Promise.resolve();
  }
  if (kept.sessions.length === 0) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const tell = async () => {
      const left: OfflineLogout[] = [];
      for (const session of kept.sessions) {
        const command: Command = { type: 'logout', ...session };
        const answer = await link.execute({ command, actorId: SYSTEM_ACTOR, why: 'pending', expected: [] });
        if (settled(answer)) continue;
        left.push(session);
        log(
          `the telephony system was not told that ${session.userId} left ${session.channelId} ` +
            `(logged out while no hub ran): ${'reason' in answer ? answer.reason : answer.outcome}; asked again at the next start`,
        );
      }
      const told = kept.sessions.length - left.length;
      if (told > 0) log(`the telephony system was told of ${told} logout(s) made while no hub ran`);
      try {
        storage.setMeta(OFFLINE_LOGOUTS_META, left.length === 0 ? undefined : JSON.stringify(left));
      } catch (cause) {
        log(
          `the logouts told to the telephony system could not be noted: ${reasonOf(cause)} (asked again at the next start)`,
        );
      }
      resolve();
    };
    if (link.info.up) {
      void tell();
      return;
    }
    const stop = link.onStatus((info) => {
      if (!info.up) return;
      stop();
      void tell();
    });
  });
}
