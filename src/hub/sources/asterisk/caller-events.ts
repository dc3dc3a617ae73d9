/**
 * Queue caller events → interactions: `QueueCallerJoin` (waiting), `QueueCallerAbandon` (hung
 * up, timed out or sent away while waiting: Asterisk counts those as abandoned, and so does
 * ccwall), `QueueCallerLeave` (left the queue: answered if AgentConnect follows, see calls.ts),
 * `AgentCalled` / `AgentRingNoAnswer` (members being rung), `AgentConnect` (answered: the agent
 * is busy) and `AgentComplete` (over: wrap-up, the member's own `Wrapuptime` when it has one).
 */
import { liveInteractionOf, pairKey } from '../../../domain/index.js';
import { type CenterEvent, type Interaction, SYSTEM_ACTOR } from '../../../protocol/index.js';
import type { AmiMessage } from './ami-message.js';
import { CONNECT_GRACE_MS, interactionIdOf, type TrackedCall } from './calls.js';
import type { AsteriskContext } from './context.js';

/** Caller ID as Asterisk writes it, without its "unknown" placeholders. */
function callerIdText(value: string): string {
  const text = value.trim();
  return text === '<unknown>' || text.toLowerCase() === 'unknown' ? '' : text.slice(0, 120);
}

export function waitingInteraction(
  id: string,
  channelId: string,
  message: AmiMessage,
  queuedAt: number,
): Interaction {
  return {
    id,
    channelId,
    kind: 'call',
    customer: {
      name: callerIdText(message.text('CallerIDName')),
      address: callerIdText(message.text('CallerIDNum')),
    },
    queuedAt,
    answeredAt: null,
    agentId: null,
    transcript: [],
  };
}

export function callerJoined(ctx: AsteriskContext, message: AmiMessage): CenterEvent[] {
  const channel = ctx.directory.channelOfQueue(message.text('Queue'));
  if (!channel) return [];
  const uniqueid = message.text('Uniqueid');
  const id = interactionIdOf(uniqueid);
  const now = ctx.now();
  const events: CenterEvent[] = [];
  const live = ctx.state.interactions.get(id);
  // The same caller in another queue (sent on by a timeout or the dialplan): that visit is over.
  if (live && live.channelId !== channel.id)
    events.push({ type: 'interaction_ended', at: now, interactionId: id });
  ctx.calls.add({
    uniqueid,
    interactionId: id,
    channelId: channel.id,
    queue: channel.asterisk?.queue ?? '',
    state: 'waiting',
    ringing: new Set(),
  });
  if (!live || live.channelId !== channel.id)
    events.push({
      type: 'interaction_queued',
      at: now,
      interaction: waitingInteraction(id, channel.id, message, now),
    });
  return events;
}

export function callerAbandoned(ctx: AsteriskContext, message: AmiMessage): CenterEvent[] {
  const call = ctx.calls.remove(message.text('Uniqueid'));
  if (!call) return [];
  const interaction = ctx.state.interactions.get(call.interactionId);
  if (!interaction || interaction.answeredAt !== null) return [];
  return [{ type: 'interaction_abandoned', at: ctx.now(), interactionId: call.interactionId }];
}

export function callerLeft(ctx: AsteriskContext, message: AmiMessage): CenterEvent[] {
  const uniqueid = message.text('Uniqueid');
  const call = ctx.calls.get(uniqueid);
  if (call?.state !== 'waiting') return [];
  if (call.ringing.size === 0) {
    ctx.calls.remove(uniqueid);
    return leftUnanswered(ctx, call);
  }
  call.state = 'leaving';
  call.leaveTimer = setTimeout(() => {
    if (ctx.calls.get(uniqueid) !== call || call.state !== 'leaving') return;
    ctx.calls.remove(uniqueid);
    const events = leftUnanswered(ctx, call);
    if (events.length > 0) ctx.hooks.emit(events);
  }, CONNECT_GRACE_MS);
  call.leaveTimer.unref?.();
  return [];
}

/** A caller who left the queue without an answer and without abandoning (an exit key). */
export function leftUnanswered(ctx: AsteriskContext, call: TrackedCall): CenterEvent[] {
  const interaction = ctx.state.interactions.get(call.interactionId);
  if (!interaction || interaction.answeredAt !== null) return [];
  return [{ type: 'interaction_ended', at: ctx.now(), interactionId: call.interactionId }];
}

export function agentCalled(ctx: AsteriskContext, message: AmiMessage): CenterEvent[] {
  ctx.calls.get(message.text('Uniqueid'))?.ringing.add(message.text('Interface').toLowerCase());
  return [];
}

export function agentRingEnded(ctx: AsteriskContext, message: AmiMessage): CenterEvent[] {
  ctx.calls.get(message.text('Uniqueid'))?.ringing.delete(message.text('Interface').toLowerCase());
  return [];
}

export function agentConnected(ctx: AsteriskContext, message: AmiMessage): CenterEvent[] {
  const queue = message.text('Queue');
  const channel = ctx.directory.channelOfQueue(queue);
  if (!channel) return [];
  const uniqueid = message.text('Uniqueid');
  const iface = message.text('Interface');
  const userId = ctx.members.at(queue, iface)?.userId ?? ctx.directory.userOfMember(iface);
  const now = ctx.now();
  const call =
    ctx.calls.get(uniqueid) ??
    ctx.calls.add({
      uniqueid,
      interactionId: interactionIdOf(uniqueid),
      channelId: channel.id,
      queue,
      state: 'waiting',
      ringing: new Set(),
    });
  clearTimeout(call.leaveTimer);
  const id = call.interactionId;
  const state = ctx.state;
  const interaction = state.interactions.get(id);
  const session = userId === undefined ? undefined : state.sessions.get(pairKey(channel.id, userId));
  if (!userId || !session) {
    ctx.calls.remove(uniqueid);
    ctx.logOnce(
      `connect ${queue} ${iface}`,
      `${iface} answered in ${queue} without a ccwall session: the call is not followed`,
    );
    return interaction && interaction.answeredAt === null
      ? [{ type: 'interaction_ended', at: now, interactionId: id }]
      : [];
  }
  call.state = 'answered';
  call.agentId = userId;
  call.agentChannel = message.get('DestChannel') || undefined;
  call.ringing.clear();
  if (interaction?.answeredAt != null) return [];
  const events: CenterEvent[] = [];
  if (!interaction) {
    const holdMs = (message.int('HoldTime') ?? 0) * 1000;
    events.push({
      type: 'interaction_queued',
      at: now,
      interaction: waitingInteraction(id, channel.id, message, now - holdMs),
    });
  }
  const target = { channelId: channel.id, userId };
  // Asterisk says the agent took the call: what ccwall showed before gives way.
  const other = liveInteractionOf(state, userId);
  if (other && other.id !== id) events.push({ type: 'interaction_ended', at: now, interactionId: other.id });
  if (session.status === 'wrap_up')
    events.push({ type: 'wrap_up_ended', at: now, ...target, by: SYSTEM_ACTOR });
  const pausedFor = session.status === 'paused' ? session.pauseReasonId : null;
  if (pausedFor !== null) events.push({ type: 'agent_resumed', at: now, ...target, by: SYSTEM_ACTOR });
  events.push({ type: 'interaction_answered', at: now, interactionId: id, agentId: userId });
  if (pausedFor !== null)
    events.push({
      type: 'pending_set',
      at: now,
      ...target,
      pending: { kind: 'pause', reasonId: pausedFor, requestedBy: SYSTEM_ACTOR, requestedAt: now },
    });
  return events;
}

export function agentCompleted(ctx: AsteriskContext, message: AmiMessage): CenterEvent[] {
  const uniqueid = message.text('Uniqueid');
  const member = ctx.members.at(message.text('Queue'), message.text('Interface'));
  // A call already going on at the last resync is followed under a name of the source's own.
  const call =
    ctx.calls.remove(uniqueid) ??
    (member ? ctx.calls.answeredBy(member.channelId, member.userId) : undefined);
  if (call) ctx.calls.remove(call.uniqueid);
  const id = call?.interactionId ?? interactionIdOf(uniqueid);
  const interaction = ctx.state.interactions.get(id);
  if (!interaction || interaction.answeredAt === null) return [];
  const wrapuptime = member?.wrapuptime;
  return [
    {
      type: 'interaction_ended',
      at: ctx.now(),
      interactionId: id,
      ...(wrapuptime ? { wrapUpSeconds: Math.min(3600, wrapuptime) } : {}),
    },
  ];
}
