/**
 * Commands → events. `decide` never changes state and never throws: it returns the events
 * that carry out a command, or the typed error that refuses it. The order of checks is
 * fixed: the command's targets exist, then the actor may do it, then the state allows it.
 */
import type { AgentSession, CenterEvent, Command } from '../protocol/index.js';
import { decideAdmin } from './admin-commands.js';
import { accept, type Decision, refuse } from './decision.js';
import { type Actor, hasRole, managesChannel, maySelfLogIn, monitorModesFor } from './permissions.js';
import { type CenterState, pairKey, withHubFlags } from './state.js';

export type { Decision } from './decision.js';

export function decide(state: CenterState, actor: Actor, command: Command, now: number): Decision {
  if (actor.readOnly) return refuse('read_only', 'this sign-in is read-only: it may watch, not act');
  switch (command.type) {
    case 'login':
      return decideLogin(state, actor, command.channelId, command.userId, now);
    case 'logout':
    case 'pause':
    case 'resume':
    case 'end_wrap_up':
      return decideOnSession(state, actor, command, now);
    case 'monitor_start':
      return decideMonitorStart(state, actor, command, now);
    case 'monitor_mode': {
      const monitor = state.monitors.get(actor.user.id);
      if (!monitor) return refuse('not_monitoring', 'you are not monitoring anyone');
      const kind = state.channels.get(monitor.channelId)?.kind ?? 'queue';
      if (!monitorModesFor(kind).includes(command.mode)) {
        return refuse('invalid_mode', `a ${kind} cannot be monitored in ${command.mode} mode`);
      }
      if (monitor.mode === command.mode) return accept();
      return accept({
        type: 'monitor_mode_changed',
        at: now,
        supervisorId: actor.user.id,
        mode: command.mode,
      });
    }
    case 'monitor_stop':
      if (!state.monitors.has(actor.user.id))
        return refuse('not_monitoring', 'you are not monitoring anyone');
      return accept({ type: 'monitor_stopped', at: now, supervisorId: actor.user.id, reason: 'stopped' });
    case 'set_org_settings': {
      if (!hasRole(actor.user, 'admin')) return refuse('forbidden', 'only an admin may change org settings');
      const settings = {
        agentsMayLogInToUnassigned:
          command.agentsMayLogInToUnassigned ?? state.org.agentsMayLogInToUnassigned,
        supervisorsLimitedToAssigned:
          command.supervisorsLimitedToAssigned ?? state.org.supervisorsLimitedToAssigned,
      };
      return accept({ type: 'org_settings_changed', at: now, settings, by: actor.user.id });
    }
    case 'set_channel_settings':
    case 'add_pause_reason':
    case 'rename_pause_reason':
    case 'retire_pause_reason':
    case 'restore_pause_reason':
      return decideAdmin(state, actor, command, now);
  }
}

function decideLogin(
  state: CenterState,
  actor: Actor,
  channelId: string,
  userId: string,
  now: number,
): Decision {
  const channel = state.channels.get(channelId);
  if (!channel) return refuse('unknown_channel', `no channel ${channelId}`);
  const user = state.users.get(userId);
  if (!user) return refuse('unknown_user', `no user ${userId}`);
  const self = actor.user.id === userId;
  if (!managesChannel(state, actor.user, channelId)) {
    if (!self) return refuse('forbidden', `you do not manage ${channel.name}`);
    if (!hasRole(actor.user, 'agent')) return refuse('forbidden', 'only agents log themselves in');
    if (!maySelfLogIn(state, actor.user, channelId)) {
      return refuse(
        'unassigned_not_allowed',
        `you are not assigned to ${channel.name} and unassigned logins are off`,
      );
    }
  }
  if (state.sessions.has(pairKey(channelId, userId))) {
    return refuse('already_logged_in', `${user.name} is already logged in to ${channel.name}`);
  }
  const session: AgentSession = {
    channelId,
    userId,
    status: 'available',
    since: now,
    pauseReasonId: null,
    wrapUpEndsAt: null,
    pending: null,
    interactionId: null,
    loggedInBy: actor.user.id,
    loggedInAt: now,
    assigned: false,
    allowed: true,
  };
  return accept({ type: 'agent_logged_in', at: now, session: withHubFlags(state, session) });
}

type SessionCommand = Extract<Command, { type: 'logout' | 'pause' | 'resume' | 'end_wrap_up' }>;

function decideOnSession(state: CenterState, actor: Actor, command: SessionCommand, now: number): Decision {
  const { channelId, userId } = command;
  const channel = state.channels.get(channelId);
  if (!channel) return refuse('unknown_channel', `no channel ${channelId}`);
  const user = state.users.get(userId);
  if (!user) return refuse('unknown_user', `no user ${userId}`);
  if (command.type === 'pause' && !state.pauseReasons.some((r) => r.id === command.reasonId)) {
    return refuse('unknown_reason', `no pause reason ${command.reasonId}`);
  }
  const self = actor.user.id === userId;
  const manager = managesChannel(state, actor.user, channelId);
  if (!self && !manager) return refuse('forbidden', `you do not manage ${channel.name}`);
  const session = state.sessions.get(pairKey(channelId, userId));
  if (!session) return refuse('not_logged_in', `${user.name} is not logged in to ${channel.name}`);
  const by = actor.user.id;
  const busy = session.interactionId !== null;
  const target = { channelId, userId };

  switch (command.type) {
    case 'logout':
      if (!busy) return accept({ type: 'agent_logged_out', at: now, ...target, by });
      if (session.pending?.kind === 'logout')
        return refuse('already_pending', `${user.name} logs out after this interaction`);
      return accept({
        type: 'pending_set',
        at: now,
        ...target,
        pending: { kind: 'logout', requestedBy: by, requestedAt: now },
      });
    case 'pause': {
      const { reasonId } = command;
      const reason = state.pauseReasons.find((r) => r.id === reasonId);
      if (reason?.retired) {
        return refuse('reason_retired', `pause reason ${reason.label} is retired: pick another one`);
      }
      if (!busy) {
        if (session.status === 'paused' && session.pauseReasonId === reasonId) {
          return refuse('already_paused', `${user.name} is already paused for this reason`);
        }
        return accept({ type: 'agent_paused', at: now, ...target, reasonId, by });
      }
      if (session.pending?.kind === 'pause' && session.pending.reasonId === reasonId) {
        return refuse('already_pending', `${user.name} pauses after this interaction`);
      }
      return accept({
        type: 'pending_set',
        at: now,
        ...target,
        pending: { kind: 'pause', reasonId, requestedBy: by, requestedAt: now },
      });
    }
    case 'resume':
      if (busy && session.pending?.kind === 'pause')
        return accept({ type: 'pending_set', at: now, ...target, pending: null });
      if (session.status !== 'paused') return refuse('not_paused', `${user.name} is not paused`);
      return accept({ type: 'agent_resumed', at: now, ...target, by });
    case 'end_wrap_up':
      if (!self && !channel.settings.supervisorsMayEndWrapUp) {
        return refuse('wrap_up_end_not_enabled', `ending wrap-up early is not enabled in ${channel.name}`);
      }
      if (session.status !== 'wrap_up') return refuse('not_in_wrap_up', `${user.name} is not in wrap-up`);
      return accept({ type: 'wrap_up_ended', at: now, ...target, by });
  }
}

function decideMonitorStart(
  state: CenterState,
  actor: Actor,
  command: Extract<Command, { type: 'monitor_start' }>,
  now: number,
): Decision {
  const { channelId, agentId, mode } = command;
  const channel = state.channels.get(channelId);
  if (!channel) return refuse('unknown_channel', `no channel ${channelId}`);
  const agent = state.users.get(agentId);
  if (!agent) return refuse('unknown_user', `no user ${agentId}`);
  if (!managesChannel(state, actor.user, channelId))
    return refuse('forbidden', `you do not manage ${channel.name}`);
  if (agentId === actor.user.id) return refuse('cannot_monitor_self', 'you cannot monitor yourself');
  if (!monitorModesFor(channel.kind).includes(mode)) {
    return refuse('invalid_mode', `a ${channel.kind} cannot be monitored in ${mode} mode`);
  }
  const session = state.sessions.get(pairKey(channelId, agentId));
  if (!session) return refuse('not_logged_in', `${agent.name} is not logged in to ${channel.name}`);
  if (session.interactionId === null) return refuse('not_busy', `${agent.name} is not on an interaction`);
  const supervisorId = actor.user.id;
  const current = state.monitors.get(supervisorId);
  if (current?.interactionId === session.interactionId && current.agentId === agentId) {
    if (current.mode === mode) return accept();
    return accept({ type: 'monitor_mode_changed', at: now, supervisorId, mode });
  }
  const events: CenterEvent[] = [];
  if (current) events.push({ type: 'monitor_stopped', at: now, supervisorId, reason: 'replaced' });
  events.push({
    type: 'monitor_started',
    at: now,
    monitor: { supervisorId, agentId, channelId, interactionId: session.interactionId, mode, since: now },
  });
  return { ok: true, events };
}
