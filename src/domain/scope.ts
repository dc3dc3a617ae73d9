/**
 * What each user may see: the scope of their snapshot and of the deltas they receive.
 * A supervisor sees the channels they manage (all agents in them) and every user (to log
 * them in); an agent sees the channels open to them, their own sessions and devices.
 *
 * Rule that keeps both ends in step: the deltas a scope lets through, applied to that
 * scope's snapshot, give the scope's snapshot of the later state (tested as a property).
 */
import type { CenterEvent, SnapshotData, User } from '../protocol/index.js';
import { sessionsOfUser } from './elsewhere-marks.js';
import { canSeeChannel, isManager, managesChannel } from './permissions.js';
import { type CenterState, liveInteractionOf } from './state.js';

export interface ViewScope {
  userId: string;
  manager: boolean;
  /** Channels whose sessions, assignments and monitors this user sees. */
  managed: Set<string>;
  /** Channels shown at all (their live interactions): managed ones and the user's own. */
  visible: Set<string>;
}

export function viewScope(state: CenterState, user: User): ViewScope {
  const managed = new Set<string>();
  const visible = new Set<string>();
  for (const channelId of state.channels.keys()) {
    if (managesChannel(state, user, channelId)) {
      managed.add(channelId);
      visible.add(channelId);
    } else if (canSeeChannel(state, user, channelId)) visible.add(channelId);
  }
  return { userId: user.id, manager: isManager(user), managed, visible };
}

export function sameScope(a: ViewScope, b: ViewScope): boolean {
  return a.manager === b.manager && sameSet(a.managed, b.managed) && sameSet(a.visible, b.visible);
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** The part of the state a scope sees. */
export function scopedSnapshot(state: CenterState, scope: ViewScope): SnapshotData {
  const seesUser = (userId: string) => scope.manager || userId === scope.userId;
  const seesPair = (channelId: string, userId: string) =>
    scope.managed.has(channelId) || userId === scope.userId;
  const data: SnapshotData = {
    users: [],
    devices: [],
    channels: [],
    assignments: [],
    org: state.org,
    pauseReasons: state.pauseReasons,
    sessions: [],
    interactions: [],
    monitors: [],
    stats: [],
  };
  for (const user of state.users.values()) if (seesUser(user.id)) data.users.push(user);
  for (const device of state.devices.values()) if (seesUser(device.userId)) data.devices.push(device);
  for (const channel of state.channels.values())
    if (scope.visible.has(channel.id)) data.channels.push(channel);
  for (const a of state.assignments.values()) if (seesPair(a.channelId, a.userId)) data.assignments.push(a);
  for (const s of state.sessions.values()) if (seesPair(s.channelId, s.userId)) data.sessions.push(s);
  for (const i of state.interactions.values()) {
    if (!scope.visible.has(i.channelId)) continue;
    // Transcripts are for monitoring: only the channel's supervisors and admins read them.
    const seesTranscript = scope.managed.has(i.channelId);
    data.interactions.push(seesTranscript || i.transcript.length === 0 ? i : { ...i, transcript: [] });
  }
  for (const m of state.monitors.values()) {
    if (scope.managed.has(m.channelId) || m.supervisorId === scope.userId) data.monitors.push(m);
  }
  // The day's counters include wrap-up time, which comes from session events: managers only.
  for (const st of state.stats.values()) if (scope.managed.has(st.channelId)) data.stats.push(st);
  return data;
}

/** Who an event concerns, worked out on the state before the event is applied. */
export type EventRoute =
  | { kind: 'everyone' }
  | { kind: 'user'; userId: string }
  | { kind: 'channel'; channelId: string }
  /**
   * An interaction answered or ended: those who see its channel, and those who see the agent's
   * sessions in other channels (they show the agent busy elsewhere, without that channel).
   */
  | { kind: 'handled'; channelId: string; agentId: string; sessionChannels: readonly string[] }
  /** Only those who manage the channel (chat transcripts). */
  | { kind: 'managed'; channelId: string }
  | { kind: 'pair'; channelId: string; userId: string }
  | { kind: 'monitor'; channelId: string; supervisorId: string }
  | { kind: 'nobody' };

export function eventRoute(state: CenterState, event: CenterEvent): EventRoute {
  switch (event.type) {
    case 'org_settings_changed':
    case 'pause_reasons_set':
    case 'stats_reset':
      return { kind: 'everyone' };
    case 'user_upserted':
      return { kind: 'user', userId: event.user.id };
    case 'device_upserted':
      return { kind: 'user', userId: event.device.userId };
    case 'user_removed':
      // Those who see the user see all that goes with them (devices, assignments, sessions,
      // monitors); an interaction they still handle (they should have been logged out first)
      // is seen by everyone in its channel: then everyone hears of it.
      return liveInteractionOf(state, event.userId)
        ? { kind: 'everyone' }
        : { kind: 'user', userId: event.userId };
    case 'channel_removed':
      // Everyone whose scope holds the channel gets a fresh snapshot (see scopeChangeCandidate);
      // a supervisor may still hold a monitor there after losing the channel: tell everyone.
      return { kind: 'everyone' };
    case 'device_removed':
    case 'device_state_changed': {
      const device = state.devices.get(event.deviceId);
      return device ? { kind: 'user', userId: device.userId } : { kind: 'nobody' };
    }
    case 'channel_upserted':
      return { kind: 'channel', channelId: event.channel.id };
    case 'interaction_queued':
      return { kind: 'channel', channelId: event.interaction.channelId };
    case 'interaction_answered': {
      const interaction = state.interactions.get(event.interactionId);
      return interaction ? handledRoute(state, interaction.channelId, event.agentId) : { kind: 'nobody' };
    }
    case 'interaction_abandoned':
    case 'interaction_ended': {
      const interaction = state.interactions.get(event.interactionId);
      if (!interaction) return { kind: 'nobody' };
      return interaction.agentId === null
        ? { kind: 'channel', channelId: interaction.channelId }
        : handledRoute(state, interaction.channelId, interaction.agentId);
    }
    case 'chat_message': {
      const interaction = state.interactions.get(event.interactionId);
      return interaction ? { kind: 'managed', channelId: interaction.channelId } : { kind: 'nobody' };
    }
    case 'assignment_set':
      return { kind: 'pair', channelId: event.assignment.channelId, userId: event.assignment.userId };
    case 'agent_logged_in':
      return { kind: 'pair', channelId: event.session.channelId, userId: event.session.userId };
    case 'agent_logged_out':
    case 'agent_paused':
    case 'agent_resumed':
    case 'pending_set':
    case 'wrap_up_started':
    case 'wrap_up_ended':
      return { kind: 'pair', channelId: event.channelId, userId: event.userId };
    case 'monitor_started':
      return {
        kind: 'monitor',
        channelId: event.monitor.channelId,
        supervisorId: event.monitor.supervisorId,
      };
    case 'monitor_mode_changed':
    case 'monitor_stopped': {
      const monitor = state.monitors.get(event.supervisorId);
      return monitor
        ? { kind: 'monitor', channelId: monitor.channelId, supervisorId: monitor.supervisorId }
        : { kind: 'nobody' };
    }
  }
}

/**
 * The agent's other sessions, from the reducer's index of sessions by user: asking every
 * channel whether it holds one (300 channels, for each answer and each end) was most of the
 * hub's cost of applying an event.
 */
function handledRoute(state: CenterState, channelId: string, agentId: string): EventRoute {
  const sessionChannels: string[] = [];
  for (const key of sessionsOfUser(state.sessions, agentId)) {
    const other = state.sessions.get(key)?.channelId;
    // Only the channels this state holds (as a walk of its channels did).
    if (other !== undefined && other !== channelId && state.channels.has(other)) sessionChannels.push(other);
  }
  return { kind: 'handled', channelId, agentId, sessionChannels };
}

export function routeReaches(route: EventRoute, scope: ViewScope): boolean {
  switch (route.kind) {
    case 'everyone':
      return true;
    case 'nobody':
      return false;
    case 'user':
      return scope.manager || route.userId === scope.userId;
    case 'channel':
      return scope.visible.has(route.channelId);
    case 'managed':
      return scope.managed.has(route.channelId);
    case 'handled':
      return (
        scope.visible.has(route.channelId) ||
        route.agentId === scope.userId ||
        route.sessionChannels.some((channelId) => scope.managed.has(channelId))
      );
    case 'pair':
      return scope.managed.has(route.channelId) || route.userId === scope.userId;
    case 'monitor':
      return scope.managed.has(route.channelId) || route.supervisorId === scope.userId;
  }
}

/**
 * Whether an event may change what `userId` may see (their scope), judged on the state
 * before the event is applied: then the hub recomputes
 * the scope and, if it changed, sends that connection a fresh snapshot instead of deltas.
 */
export function mayChangeScope(state: CenterState, event: CenterEvent, userId: string): boolean {
  switch (event.type) {
    case 'interaction_ended':
      // A pending logout of this user's session applies when their interaction ends.
      return state.interactions.get(event.interactionId)?.agentId === userId;
    case 'org_settings_changed':
    case 'channel_upserted':
    case 'channel_removed':
      return true;
    case 'user_upserted':
      return event.user.id === userId;
    case 'user_removed':
      return event.userId === userId;
    case 'assignment_set':
      return event.assignment.userId === userId;
    case 'agent_logged_in':
      return event.session.userId === userId;
    case 'agent_logged_out':
      return event.userId === userId;
    default:
      return false;
  }
}

/**
 * The one user whose scope `event` may change (`mayChangeScope` true for them and for no one
 * else), 'all' when it may change anyone's, undefined when it changes no one's: what the hub
 * asks instead of calling `mayChangeScope` for every user on every event.
 */
export function scopeChangeCandidate(state: CenterState, event: CenterEvent): 'all' | string | undefined {
  switch (event.type) {
    case 'interaction_ended':
      return state.interactions.get(event.interactionId)?.agentId ?? undefined;
    case 'org_settings_changed':
    case 'channel_upserted':
    case 'channel_removed':
      return 'all';
    case 'user_upserted':
      return event.user.id;
    case 'user_removed':
      return event.userId;
    case 'assignment_set':
      return event.assignment.userId;
    case 'agent_logged_in':
      return event.session.userId;
    case 'agent_logged_out':
      return event.userId;
    default:
      return undefined;
  }
}
