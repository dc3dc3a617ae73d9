/**
 * Supervisors' monitors as Asterisk runs them: a call originated to the supervisor's own phone
 * that runs ChanSpy on the agent's channel. The source names that call's channel itself
 * (Originate's `ChannelId`), so it can hang it up and send it DTMF before knowing anything
 * else, and recognise its `OriginateResponse` and `Hangup`.
 */
import type { MonitorSession } from '../../../protocol/index.js';

export interface Spy {
  supervisorId: string;
  /** The Uniqueid given to the supervisor's channel: Hangup and PlayDTMF name it. */
  channel: string;
  /** What the wallboards show once the supervisor answers. */
  monitor: MonitorSession;
  /** The supervisor answered and ChanSpy runs. */
  started: boolean;
}

let counter = 0;

/** A channel id for a new spy call, unique in this process and across restarts. */
export function newSpyChannelId(now: number): string {
  counter = (counter + 1) % 1_000_000;
  return `ccwall-spy-${now.toString(36)}-${counter}`;
}

export class Spies {
  private readonly bySupervisor = new Map<string, Spy>();
  private readonly byChannel = new Map<string, Spy>();

  of(supervisorId: string): Spy | undefined {
    return this.bySupervisor.get(supervisorId);
  }

  onChannel(channel: string): Spy | undefined {
    return this.byChannel.get(channel);
  }

  add(spy: Spy): void {
    const previous = this.bySupervisor.get(spy.supervisorId);
    if (previous) this.byChannel.delete(previous.channel);
    this.bySupervisor.set(spy.supervisorId, spy);
    this.byChannel.set(spy.channel, spy);
  }

  remove(spy: Spy): void {
    if (this.bySupervisor.get(spy.supervisorId) === spy) this.bySupervisor.delete(spy.supervisorId);
    this.byChannel.delete(spy.channel);
  }

  all(): Spy[] {
    return [...this.bySupervisor.values()];
  }
}
