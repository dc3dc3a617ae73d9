/**
 * Queue members as Asterisk reports them, and the ones the source knows right now: which
 * interface a user has in which queue (for QueueRemove / QueuePause), whether it is dynamic
 * (a login) or static (configured), and its own wrap-up time.
 *
 * `QueueMember` (in answer to QueueStatus) names the fields `Name` and `Location`; the live
 * `QueueMember…` events name them `MemberName` and `Interface`. `Wrapuptime` came with Asterisk
 * 16.x and `LoginTime` later: absent, that detail is unknown.
 */
import { pairKey } from '../../../domain/index.js';
import type { AmiMessage } from './ami-message.js';

export interface MemberReport {
  queue: string;
  name: string;
  iface: string;
  stateIface: string;
  /** Added at run time (a login); static and realtime members are configuration. */
  dynamic: boolean;
  paused: boolean;
  /** `PausedReason` (16+), or `Reason` on a pause event of older versions. */
  reason: string;
  inCall: boolean;
  /** The member's own wrap-up, seconds (0: the queue's); undefined before Asterisk 16.x. */
  wrapuptime: number | undefined;
  /** Seconds since the epoch; undefined or 0 when unknown. */
  loginTime: number | undefined;
  lastCall: number | undefined;
  lastPause: number | undefined;
}

export function memberReport(message: AmiMessage): MemberReport {
  return {
    queue: message.text('Queue'),
    name: message.get('MemberName') ?? message.text('Name'),
    iface: message.get('Interface') ?? message.text('Location'),
    stateIface: message.text('StateInterface'),
    dynamic: message.text('Membership').toLowerCase() === 'dynamic',
    paused: message.flag('Paused'),
    reason: message.get('PausedReason') || message.text('Reason'),
    inCall: message.flag('InCall'),
    wrapuptime: message.int('Wrapuptime'),
    loginTime: message.int('LoginTime'),
    lastCall: message.int('LastCall'),
    lastPause: message.int('LastPause'),
  };
}

/** A member the source maps to a ccwall session. */
export interface KnownMember {
  channelId: string;
  userId: string;
  queue: string;
  iface: string;
  stateIface: string;
  dynamic: boolean;
  wrapuptime: number | undefined;
}

export class Members {
  private readonly bySession = new Map<string, KnownMember>();
  private readonly byInterface = new Map<string, KnownMember>();

  clear(): void {
    this.bySession.clear();
    this.byInterface.clear();
  }

  set(member: KnownMember): void {
    this.remove(member.queue, member.iface);
    const previous = this.bySession.get(pairKey(member.channelId, member.userId));
    if (previous) this.byInterface.delete(interfaceKey(previous.queue, previous.iface));
    this.bySession.set(pairKey(member.channelId, member.userId), member);
    this.byInterface.set(interfaceKey(member.queue, member.iface), member);
  }

  remove(queue: string, iface: string): KnownMember | undefined {
    const key = interfaceKey(queue, iface);
    const member = this.byInterface.get(key);
    if (!member) return undefined;
    this.byInterface.delete(key);
    const sessionKey = pairKey(member.channelId, member.userId);
    if (this.bySession.get(sessionKey) === member) this.bySession.delete(sessionKey);
    return member;
  }

  /** The member `iface` is in `queue`. */
  at(queue: string, iface: string): KnownMember | undefined {
    return this.byInterface.get(interfaceKey(queue, iface));
  }

  /** The member that is `userId`'s session in `channelId`. */
  of(channelId: string, userId: string): KnownMember | undefined {
    return this.bySession.get(pairKey(channelId, userId));
  }

  /** Updates the member's own wrap-up time when a report carries one. */
  noteWrapuptime(queue: string, iface: string, wrapuptime: number | undefined): void {
    const member = this.at(queue, iface);
    if (member && wrapuptime !== undefined) member.wrapuptime = wrapuptime;
  }
}

function interfaceKey(queue: string, iface: string): string {
  return `${queue.toLowerCase()}\n${iface.toLowerCase()}`;
}
