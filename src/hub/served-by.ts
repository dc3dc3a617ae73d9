/**
 * Which hub serves a database right now. A hub holds the center in memory and is the only
 * writer of its log: another process writing events into the same file (`ccwall center apply`)
 * would go unseen by it and clash with its own. So a hub notes itself in the database while it
 * runs, and such writers refuse while that hub is alive.
 */
import { hostname } from 'node:os';
import { z } from 'zod';
import type { Storage } from './storage.js';

const SERVED_BY = 'served_by';

const ServedBy = z.object({ pid: z.int().positive(), host: z.string(), since: z.string() });
export type ServedBy = z.infer<typeof ServedBy>;

/** Notes this process as the database's hub (not for ':memory:', which no one else can open). */
export function markServed(storage: Storage): void {
  if (storage.path === ':memory:') return;
  const mark: ServedBy = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  storage.setMeta(SERVED_BY, JSON.stringify(mark));
}

export function clearServed(storage: Storage): void {
  if (storage.path === ':memory:') return;
  storage.setMeta(SERVED_BY, undefined);
}

/** The hub serving the database now, if any (a mark left by a hub that died does not count). */
export function servingHub(storage: Storage): ServedBy | undefined {
  const text = storage.meta(SERVED_BY);
  if (text === undefined) return undefined;
  let mark: ServedBy;
  try {
    mark = ServedBy.parse(JSON.parse(text));
  } catch {
    return undefined;
  }
  // On another machine we cannot tell whether it still runs: assume it does.
  if (mark.host !== hostname()) return mark;
  return isAlive(mark.pid) ? mark : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === 'EPERM';
  }
}
