/**
 * Queue member events → sessions: `QueueMemberAdded` (a login; a static member is logged in by
 * configuration), `QueueMemberRemoved` (a logout), `QueueMemberPause` (pause / resume, with the
 * reason mapped by name), `QueueMemberStatus` (its own wrap-up time). A pause of an agent on a
 * call is, as ccwall has it, a pending pause that applies when the call ends.
 */
import { newSession, pairKey } from '../../../domain/index.js';
import { type CenterEvent, SYSTEM_ACTOR } from '../../../protocol/index.js';
import type { AmiMessage } from './ami-message.js';
import type { AsteriskContext } from './context.js';
import { type KnownMember, type MemberReport, memberReport } from './members.js';

/** The member an event is about, if its queue and its user are in the directory. */
export function knownMember(ctx: AsteriskContext, report: MemberReport): KnownMember | undefined {
  const channel = ctx.directory.channelOfQueue(report.queue);
  if (!channel) return undefined;
  const known = ctx.members.at(report.queue, report.iface);
  if (known) return known;
  const userId = ctx.directory.userOfMember(report.iface, report.stateIface);
  if (!userId) {
    ctx.logOnce(
      `member ${report.queue} ${report.iface}`,
      `member ${report.iface} (${report.name}) of queue ${report.queue} is no user of the directory: ignored`,
    );
    return undefined;
  }
  return {
    channelId: channel.id,
    userId,
    queue: report.queue,
    iface: report.iface,
    stateIface: report.stateIface,
    dynamic: report.dynamic,
    wrapuptime: report.wrapuptime,
  };
}

/** Who made a change nobody asked for through ccwall. */
export function unknownRequester(member: Pick<KnownMember, 'dynamic' | 'userId'>): string {
  return member.dynamic ? member.userId : SYSTEM_ACTOR;
}

export function memberAdded(ctx: AsteriskContext, message: AmiMessage): CenterEvent[] {
  const report = memberReport(message);
  const member = knownMember(ctx, report);
  if (!member) return [];
  ctx.members.set(member);
  const by = ctx.requesters.take('login', report.queue, report.iface) ?? unknownRequester(member);
  if (ctx.state.sessions.has(pairKey(member.channelId, member.userId))) return [];
  const events: CenterEvent[] = [];
  const now = ctx.now();
  const session = newSession(
    ctx.state,
    member,
    now,
    by,
    report.loginTime ? Math.min(now, report.loginTime * 1000) : now,
  );
  events.push({ type: 'agent_logged_in', at: now, session });
  // Added paused (QueueAdd with Paused, or a member paused before it logged in): a session
  // starts available, then pauses.
  if (report.paused) {
    const reasonId = ctx.pauseReason(report.reason, events);
    events.push({
      type: 'agent_paused',
      at: now,
      channelId: member.channelId,
      userId: member.userId,
      reasonId,
      by,
    });
  }
  return events;
}

export function memberRemoved(ctx: AsteriskContext, message: AmiMessage): CenterEvent[] {
  const report = memberReport(message);
  const member = ctx.members.remove(report.queue, report.iface) ?? knownMember(ctx, report);
  if (!member) return [];
  const by = ctx.requesters.take('logout', report.queue, report.iface) ?? unknownRequester(member);
  if (!ctx.state.sessions.has(pairKey(member.channelId, member.userId))) return [];
  const target = { channelId: member.channelId, userId: member.userId };
  return [{ type: 'agent_logged_out', at: ctx.now(), ...target, by }];
}

export function memberPaused(ctx: AsteriskContext, message: AmiMessage): CenterEvent[] {
  const report = memberReport(message);
  const member = knownMember(ctx, report);
  if (!member) return [];
  const kind = report.paused ? 'pause' : 'resume';
  const by = ctx.requesters.take(kind, report.queue, report.iface) ?? unknownRequester(member);
  const session = ctx.state.sessions.get(pairKey(member.channelId, member.userId));
  if (!session) return [];
  const now = ctx.now();
  const target = { channelId: member.channelId, userId: member.userId };
  const busy = session.interactionId !== null;
  if (!report.paused) {
    if (busy && session.pending?.kind === 'pause')
      return [{ type: 'pending_set', at: now, ...target, pending: null }];
    if (session.status !== 'paused') return [];
    return [{ type: 'agent_resumed', at: now, ...target, by }];
  }
  const events: CenterEvent[] = [];
  const reasonId = ctx.pauseReason(report.reason, events);
  if (busy) {
    if (session.pending?.kind === 'pause' && session.pending.reasonId === reasonId) return events;
    events.push({
      type: 'pending_set',
      at: now,
      ...target,
      pending: { kind: 'pause', reasonId, requestedBy: by, requestedAt: now },
    });
  } else if (session.status !== 'paused' || session.pauseReasonId !== reasonId) {
    events.push({ type: 'agent_paused', at: now, ...target, reasonId, by });
  }
  return events;
}

export function memberStatus(ctx: AsteriskContext, message: AmiMessage): CenterEvent[] {
  const report = memberReport(message);
  ctx.members.noteWrapuptime(report.queue, report.iface, report.wrapuptime);
  return [];
}
