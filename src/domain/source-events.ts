/**
 * The events a source may send, and whether one still makes sense on the hub's state. A source
 * reports what the real system did; the hub refuses, one event at a time and with a reason the
 * source sees, whatever would corrupt the state (an unknown agent, answering an interaction that
 * does not exist, a second session in one channel) and never applies it.
 */
import type { CenterEvent, CenterEventType, PauseReason } from '../protocol/index.js';
import { monitorModesFor } from './permissions.js';
import { type CenterState, pairKey } from './state.js';

/**
 * Live events: what a source reports. The directory (users, channels, …) comes from the org's
 * file; of it, a source may only add retired pause reasons (see `pause_reasons_set` below).
 */
export const SOURCE_EVENT_TYPES: ReadonlySet<CenterEventType> = new Set<CenterEventType>([
  'device_state_changed',
  'agent_logged_in',
  'agent_logged_out',
  'agent_paused',
  'agent_resumed',
  'pending_set',
  'wrap_up_started',
  'wrap_up_ended',
  'interaction_queued',
  'interaction_answered',
  'interaction_abandoned',
  'interaction_ended',
  'chat_message',
  'monitor_started',
  'monitor_mode_changed',
  'monitor_stopped',
  'pause_reasons_set',
]);

/** Why `event` cannot be applied to `state` as a source's report; undefined when it can. */
export function sourceEventProblem(state: CenterState, event: CenterEvent): string | undefined {
  if (!SOURCE_EVENT_TYPES.has(event.type)) {
    return `${event.type} is not a live event: the directory comes from the organisation's file`;
  }
  switch (event.type) {
    case 'device_state_changed':
      return state.devices.has(event.deviceId) ? undefined : `no device ${event.deviceId}`;
    case 'pause_reasons_set':
      return addedRetiredReasonsProblem(state, event.reasons);
    case 'agent_logged_in': {
      const { channelId, userId } = event.session;
      return (
        pairProblem(state, channelId, userId) ??
        (state.sessions.has(pairKey(channelId, userId))
          ? `${userId} is already logged in to ${channelId}`
          : undefined) ??
        (event.session.status === 'available'
          ? undefined
          : 'a session starts available (send agent_paused after it)')
      );
    }
    case 'agent_logged_out':
      return sessionProblem(state, event.channelId, event.userId);
    case 'agent_paused':
      return (
        sessionProblem(state, event.channelId, event.userId) ??
        (state.pauseReasons.some((reason) => reason.id === event.reasonId)
          ? undefined
          : `no pause reason ${event.reasonId}`) ??
        (state.sessions.get(pairKey(event.channelId, event.userId))?.interactionId
          ? `${event.userId} is on an interaction in ${event.channelId}: end it first`
          : undefined)
      );
    case 'agent_resumed': {
      const problem = sessionProblem(state, event.channelId, event.userId);
      if (problem) return problem;
      const session = state.sessions.get(pairKey(event.channelId, event.userId));
      return session?.status === 'paused' ? undefined : `${event.userId} is not paused in ${event.channelId}`;
    }
    case 'pending_set': {
      const problem = sessionProblem(state, event.channelId, event.userId);
      if (problem) return problem;
      const session = state.sessions.get(pairKey(event.channelId, event.userId));
      return event.pending === null || session?.interactionId
        ? undefined
        : `${event.userId} is not on an interaction in ${event.channelId}: nothing can be pending`;
    }
    case 'wrap_up_started': {
      const problem = sessionProblem(state, event.channelId, event.userId);
      if (problem) return problem;
      const session = state.sessions.get(pairKey(event.channelId, event.userId));
      return session?.status === 'busy'
        ? `${event.userId} is on an interaction in ${event.channelId}: its wrap-up follows its end`
        : undefined;
    }
    case 'wrap_up_ended': {
      const problem = sessionProblem(state, event.channelId, event.userId);
      if (problem) return problem;
      const session = state.sessions.get(pairKey(event.channelId, event.userId));
      return session?.status === 'wrap_up'
        ? undefined
        : `${event.userId} is not in wrap-up in ${event.channelId}`;
    }
    case 'interaction_queued': {
      const { interaction } = event;
      if (!state.channels.has(interaction.channelId)) return `no channel ${interaction.channelId}`;
      if (state.interactions.has(interaction.id)) return `interaction ${interaction.id} already exists`;
      if (interaction.answeredAt !== null || interaction.agentId !== null)
        return 'an interaction is queued unanswered (send interaction_answered after it)';
      return undefined;
    }
    case 'interaction_answered': {
      const interaction = state.interactions.get(event.interactionId);
      if (!interaction) return `no interaction ${event.interactionId}`;
      if (interaction.agentId !== null) return `interaction ${event.interactionId} is already answered`;
      const session = state.sessions.get(pairKey(interaction.channelId, event.agentId));
      if (!session) return `${event.agentId} is not logged in to ${interaction.channelId}`;
      for (const other of state.interactions.values()) {
        if (other.agentId === event.agentId) return `${event.agentId} is already on interaction ${other.id}`;
      }
      return undefined;
    }
    case 'interaction_abandoned': {
      const interaction = state.interactions.get(event.interactionId);
      if (!interaction) return `no interaction ${event.interactionId}`;
      return interaction.agentId === null
        ? undefined
        : `interaction ${event.interactionId} was answered: send interaction_ended`;
    }
    case 'interaction_ended':
    case 'chat_message':
      return state.interactions.has(event.interactionId)
        ? undefined
        : `no interaction ${event.interactionId}`;
    case 'monitor_started': {
      const { monitor } = event;
      if (!state.users.has(monitor.supervisorId)) return `no user ${monitor.supervisorId}`;
      const interaction = state.interactions.get(monitor.interactionId);
      if (interaction?.agentId !== monitor.agentId || interaction.channelId !== monitor.channelId)
        return `${monitor.agentId} is not on interaction ${monitor.interactionId} in ${monitor.channelId}`;
      const kind = state.channels.get(monitor.channelId)?.kind;
      return kind && monitorModesFor(kind).includes(monitor.mode)
        ? undefined
        : `a ${kind ?? 'missing'} channel cannot be monitored in ${monitor.mode} mode`;
    }
    case 'monitor_mode_changed':
    case 'monitor_stopped':
      return state.monitors.has(event.supervisorId) ? undefined : `${event.supervisorId} is not monitoring`;
    default:
      return `${event.type} is not a live event`;
  }
}

/**
 * A source may add the pause reasons the real system uses that the directory lacks (an agent
 * paused on the phone for "Smoke break"), so that agents paused with them show their words;
 * added retired, so nobody can choose them in ccwall. It keeps every reason it was given as it is.
 */
function addedRetiredReasonsProblem(state: CenterState, reasons: readonly PauseReason[]): string | undefined {
  const wanted = new Map(reasons.map((reason) => [reason.id, reason]));
  for (const reason of state.pauseReasons) {
    const kept = wanted.get(reason.id);
    if (!kept || kept.label !== reason.label || (kept.retired ?? false) !== (reason.retired ?? false))
      return `a source may only add pause reasons: ${reason.id} must stay as the directory has it`;
    wanted.delete(reason.id);
  }
  for (const reason of wanted.values())
    if (reason.retired !== true) return `a source adds pause reasons retired: ${reason.id} is not`;
  return wanted.size === 0 ? 'no pause reason added' : undefined;
}

function pairProblem(state: CenterState, channelId: string, userId: string): string | undefined {
  if (!state.channels.has(channelId)) return `no channel ${channelId}`;
  if (!state.users.has(userId)) return `no user ${userId}`;
  return undefined;
}

function sessionProblem(state: CenterState, channelId: string, userId: string): string | undefined {
  return (
    pairProblem(state, channelId, userId) ??
    (state.sessions.has(pairKey(channelId, userId))
      ? undefined
      : `${userId} is not logged in to ${channelId}`)
  );
}
