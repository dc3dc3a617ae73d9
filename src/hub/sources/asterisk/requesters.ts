/**
 * Who asked for a change the source sent to Asterisk: Asterisk's event (QueueMemberAdded,
 * QueueMemberPause…) does not say, so the source notes the requester before sending the action
 * and takes the note when the event comes back. A change nobody asked for through ccwall was
 * made on the phone or on the PBX: the agent themself for a dynamic member (feature codes),
 * `system` otherwise. Notes expire after a minute.
 */

export type ChangeKind = 'login' | 'logout' | 'pause' | 'resume';

const TTL_MS = 60_000;

export class Requesters {
  private readonly notes = new Map<string, { actorId: string; expires: number }>();

  constructor(private readonly clock: () => number) {}

  note(kind: ChangeKind, queue: string, iface: string, actorId: string): void {
    const now = this.clock();
    if (this.notes.size > 1_000) {
      for (const [key, note] of this.notes) if (note.expires <= now) this.notes.delete(key);
    }
    this.notes.set(key(kind, queue, iface), { actorId, expires: now + TTL_MS });
  }

  /** The requester noted for this change, once. */
  take(kind: ChangeKind, queue: string, iface: string): string | undefined {
    const k = key(kind, queue, iface);
    const note = this.notes.get(k);
    if (!note) return undefined;
    this.notes.delete(k);
    return note.expires > this.clock() ? note.actorId : undefined;
  }

  /** Forgets a note (the action failed). */
  forget(kind: ChangeKind, queue: string, iface: string): void {
    this.notes.delete(key(kind, queue, iface));
  }
}

function key(kind: ChangeKind, queue: string, iface: string): string {
  return `${kind}\n${queue.toLowerCase()}\n${iface.toLowerCase()}`;
}
