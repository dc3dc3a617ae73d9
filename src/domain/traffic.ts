/**
 * The hub's own operations on interactions and timers (routing, answering, ending,
 * abandons, wrap-up expiry). Like `decide`, each returns events or a typed error and
 * changes nothing; the simulator and the hub's clock call them.
 */
import {
  type CenterEvent,
  type Interaction,
  type ProtocolError,
  protocolError,
  SYSTEM_ACTOR,
} from '../protocol/index.js';
import { type CenterState, liveInteractionOf, pairKey } from './state.js';

export type TrafficResult = { ok: true; events: CenterEvent[] } | { ok: false; error: ProtocolError };

export function queueInteraction(state: CenterState, interaction: Interaction, now: number): TrafficResult {
  if (!state.channels.has(interaction.channelId)) {
    return { ok: false, error: protocolError('unknown_channel', `no channel ${interaction.channelId}`) };
  }
  if (state.interactions.has(interaction.id)) {
    return { ok: false, error: protocolError('bad_message', `interaction ${interaction.id} exists already`) };
  }
  return { ok: true, events: [{ type: 'interaction_queued', at: now, interaction }] };
}

/**
 * The agent routing would offer a channel's next interaction to: available in that channel,
 * on no live interaction anywhere, idle the longest (earliest `since`). Ties by user id.
 */
export function longestIdleAgent(state: CenterState, channelId: string): string | undefined {
  let best: { userId: string; since: number } | undefined;
  const busy = new Set<string>();
  for (const interaction of state.interactions.values())
    if (interaction.agentId) busy.add(interaction.agentId);
  for (const session of state.sessions.values()) {
    if (session.channelId !== channelId || session.status !== 'available' || busy.has(session.userId))
      continue;
    if (
      !best ||
      session.since < best.since ||
      (session.since === best.since && session.userId < best.userId)
    ) {
      best = { userId: session.userId, since: session.since };
    }
  }
  return best?.userId;
}

/** The oldest waiting interaction of a channel. */
export function oldestWaiting(state: CenterState, channelId: string): Interaction | undefined {
  let oldest: Interaction | undefined;
  for (const interaction of state.interactions.values()) {
    if (interaction.channelId !== channelId || interaction.answeredAt !== null) continue;
    if (!oldest || interaction.queuedAt < oldest.queuedAt) oldest = interaction;
  }
  return oldest;
}

export function answerInteraction(
  state: CenterState,
  interactionId: string,
  agentId: string,
  now: number,
): TrafficResult {
  const interaction = state.interactions.get(interactionId);
  if (!interaction)
    return { ok: false, error: protocolError('unknown_interaction', `no interaction ${interactionId}`) };
  if (interaction.answeredAt !== null) {
    return { ok: false, error: protocolError('not_available', `${interactionId} is already answered`) };
  }
  const session = state.sessions.get(pairKey(interaction.channelId, agentId));
  if (!session)
    return { ok: false, error: protocolError('not_logged_in', `${agentId} is not logged in there`) };
  if (session.status !== 'available' || liveInteractionOf(state, agentId)) {
    return { ok: false, error: protocolError('not_available', `${agentId} is not available`) };
  }
  return {
    ok: true,
    events: [
      { type: 'interaction_answered', at: Math.max(now, interaction.queuedAt), interactionId, agentId },
    ],
  };
}

export function endInteraction(state: CenterState, interactionId: string, now: number): TrafficResult {
  const interaction = state.interactions.get(interactionId);
  if (!interaction)
    return { ok: false, error: protocolError('unknown_interaction', `no interaction ${interactionId}`) };
  if (interaction.answeredAt === null) {
    return { ok: false, error: protocolError('not_busy', `${interactionId} was never answered`) };
  }
  return {
    ok: true,
    events: [{ type: 'interaction_ended', at: Math.max(now, interaction.answeredAt), interactionId }],
  };
}

export function abandonInteraction(state: CenterState, interactionId: string, now: number): TrafficResult {
  const interaction = state.interactions.get(interactionId);
  if (!interaction)
    return { ok: false, error: protocolError('unknown_interaction', `no interaction ${interactionId}`) };
  if (interaction.answeredAt !== null) {
    return {
      ok: false,
      error: protocolError('not_available', `${interactionId} is answered: it cannot be abandoned`),
    };
  }
  return { ok: true, events: [{ type: 'interaction_abandoned', at: now, interactionId }] };
}

/** Wrap-ups whose countdown has run out by `now`. */
export function expiredWrapUps(state: CenterState, now: number): CenterEvent[] {
  const events: CenterEvent[] = [];
  for (const session of state.sessions.values()) {
    if (session.status === 'wrap_up' && session.wrapUpEndsAt !== null && session.wrapUpEndsAt <= now) {
      events.push({
        type: 'wrap_up_ended',
        at: now,
        channelId: session.channelId,
        userId: session.userId,
        by: SYSTEM_ACTOR,
      });
    }
  }
  return events;
}
