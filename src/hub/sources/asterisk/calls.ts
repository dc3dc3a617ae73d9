/**
 * The queue calls the source follows, by the caller channel's `Uniqueid`. A call is an
 * interaction whose id is that Uniqueid (in id characters). Asterisk raises `QueueCallerLeave`
 * *before* `AgentConnect` when a member answers (and a member's Gosub may run between them), so a
 * caller who leaves while members are being rung is `leaving` until AgentConnect comes (answered)
 * or a short grace runs out (left without an answer).
 */

type CallState = 'waiting' | 'leaving' | 'answered';

export interface TrackedCall {
  uniqueid: string;
  interactionId: string;
  channelId: string;
  queue: string;
  state: CallState;
  /** Interfaces (lower case) being rung for this caller now (AgentCalled, not yet RingNoAnswer). */
  ringing: Set<string>;
  agentId?: string;
  /** The member's channel (AgentConnect's `DestChannel`): what ChanSpy listens to. */
  agentChannel?: string;
  leaveTimer?: NodeJS.Timeout;
}

/** How long a caller who left while being offered to members may wait for AgentConnect. */
export const CONNECT_GRACE_MS = 5_000;

/** An interaction id from a channel's Uniqueid (`1712345678.42`; other characters become `_`). */
export function interactionIdOf(uniqueid: string): string {
  const id = uniqueid.replace(/[^A-Za-z0-9._:@-]/g, '_');
  return id.length > 64 ? id.slice(-64) : id || '_';
}

export class Calls {
  private readonly byUniqueid = new Map<string, TrackedCall>();

  get(uniqueid: string): TrackedCall | undefined {
    return this.byUniqueid.get(uniqueid);
  }

  add(call: TrackedCall): TrackedCall {
    this.remove(call.uniqueid);
    this.byUniqueid.set(call.uniqueid, call);
    return call;
  }

  remove(uniqueid: string): TrackedCall | undefined {
    const call = this.byUniqueid.get(uniqueid);
    if (!call) return undefined;
    clearTimeout(call.leaveTimer);
    this.byUniqueid.delete(uniqueid);
    return call;
  }

  /** The call an agent answered in a channel. */
  answeredBy(channelId: string, userId: string): TrackedCall | undefined {
    for (const call of this.byUniqueid.values())
      if (call.state === 'answered' && call.channelId === channelId && call.agentId === userId) return call;
    return undefined;
  }

  /** The call that is interaction `interactionId`. */
  withInteraction(interactionId: string): TrackedCall | undefined {
    for (const call of this.byUniqueid.values()) if (call.interactionId === interactionId) return call;
    return undefined;
  }

  all(): IterableIterator<TrackedCall> {
    return this.byUniqueid.values();
  }

  /** Forgets every call (stopping their timers). */
  clear(): void {
    for (const call of this.byUniqueid.values()) clearTimeout(call.leaveTimer);
    this.byUniqueid.clear();
  }
}
