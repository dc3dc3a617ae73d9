/**
 * Who may do what. The hub checks every command with these rules; the wallboard uses the
 * same rules only to dim what the user cannot do.
 */
import type { ChannelKind, MonitorMode, Permissions, Role, User } from '../protocol/index.js';
import { type CenterState, isAssignedAgent, pairKey } from './state.js';

/** The signed-in user behind a command; a read-only token (kiosk) may not command anything. */
export interface Actor {
  user: User;
  readOnly: boolean;
}

export function hasRole(user: User, role: Role): boolean {
  return user.roles.includes(role);
}

/** Supervisors and admins manage other agents; a user who is only an agent manages themself. */
export function isManager(user: User): boolean {
  return hasRole(user, 'admin') || hasRole(user, 'supervisor');
}

/**
 * Admins manage every channel. Supervisors manage the channels they are assigned to
 * supervise, or every channel when the org turns "limit supervisors to assigned" off.
 */
export function managesChannel(state: CenterState, user: User, channelId: string): boolean {
  if (!state.channels.has(channelId)) return false;
  if (hasRole(user, 'admin')) return true;
  if (!hasRole(user, 'supervisor')) return false;
  if (!state.org.supervisorsLimitedToAssigned) return true;
  return state.assignments.get(pairKey(channelId, user.id))?.asSupervisor === true;
}

/**
 * A channel shows on a user's wallboard when they manage it, are assigned to it, are logged
 * in to it, or (agents) could log themselves in to it because the org allows unassigned logins.
 */
export function canSeeChannel(state: CenterState, user: User, channelId: string): boolean {
  if (managesChannel(state, user, channelId)) return true;
  if (!state.channels.has(channelId)) return false;
  if (state.assignments.has(pairKey(channelId, user.id))) return true;
  if (state.sessions.has(pairKey(channelId, user.id))) return true;
  return hasRole(user, 'agent') && state.org.agentsMayLogInToUnassigned;
}

/** May `user` log themself in to `channelId`? (Managers log anyone in to channels they manage.) */
export function maySelfLogIn(state: CenterState, user: User, channelId: string): boolean {
  if (!hasRole(user, 'agent')) return false;
  return isAssignedAgent(state, channelId, user.id) || state.org.agentsMayLogInToUnassigned;
}

/** Calls and dials are listened to, whispered to or barged into; chats are read. */
export function monitorModesFor(kind: ChannelKind): readonly MonitorMode[] {
  return kind === 'chat' ? ['read'] : ['listen', 'whisper', 'barge'];
}

export function permissionsOf(user: User, readOnly: boolean): Permissions {
  const manager = isManager(user);
  return {
    manageAgents: manager && !readOnly,
    monitor: manager && !readOnly,
    changeOrgSettings: hasRole(user, 'admin') && !readOnly,
    readOnly,
  };
}
