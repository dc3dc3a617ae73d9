/**
 * The contact center's state, as one process holds it (the hub: everything;
 * a wallboard: what its user may see). Collections are Maps updated in place by
 * the reducer; the entities in them are immutable and replaced on change, so a
 * view can memoise on an entity's identity.
 */
import type {
  AgentSession,
  Assignment,
  Channel,
  ChannelStats,
  Device,
  Interaction,
  MonitorSession,
  OrgSettings,
  PauseReason,
  SnapshotData,
  User,
} from '../protocol/index.js';

export interface CenterState {
  users: Map<string, User>;
  devices: Map<string, Device>;
  /** Index: user id → ids of their devices. Maintained by the reducer. */
  devicesByUser: Map<string, Set<string>>;
  channels: Map<string, Channel>;
  /** Keyed by `pairKey(channelId, userId)`. */
  assignments: Map<string, Assignment>;
  org: OrgSettings;
  pauseReasons: PauseReason[];
  /** Keyed by `pairKey(channelId, userId)`. */
  sessions: Map<string, AgentSession>;
  /** Live interactions: waiting or being handled. Ended ones leave. */
  interactions: Map<string, Interaction>;
  /** Keyed by supervisor id: one monitor per supervisor. */
  monitors: Map<string, MonitorSession>;
  /** Keyed by channel id. */
  stats: Map<string, ChannelStats>;
}

/** The pause reasons agents may be paused with now: not the retired ones (which stay readable). */
export function pauseReasonsInUse(state: Pick<CenterState, 'pauseReasons'>): PauseReason[] {
  return state.pauseReasons.filter((r) => r.retired !== true);
}

/** The key of a (channel, user) pair; ids cannot contain a space. */
export function pairKey(channelId: string, userId: string): string {
  return `${channelId} ${userId}`;
}

const DEFAULT_ORG: OrgSettings = {
  agentsMayLogInToUnassigned: true,
  supervisorsLimitedToAssigned: true,
};

export function emptyState(): CenterState {
  return {
    users: new Map(),
    devices: new Map(),
    devicesByUser: new Map(),
    channels: new Map(),
    assignments: new Map(),
    org: DEFAULT_ORG,
    pauseReasons: [],
    sessions: new Map(),
    interactions: new Map(),
    monitors: new Map(),
    stats: new Map(),
  };
}

export function emptyStats(channelId: string, since: number): ChannelStats {
  return {
    channelId,
    since,
    answered: 0,
    abandoned: 0,
    answeredWithinThreshold: 0,
    answeredWaitMs: 0,
    handled: 0,
    talkMs: 0,
    wrapUpMs: 0,
  };
}

export function indexDevice(state: CenterState, device: Device): void {
  const previous = state.devices.get(device.id);
  if (previous && previous.userId !== device.userId)
    state.devicesByUser.get(previous.userId)?.delete(device.id);
  state.devices.set(device.id, device);
  let owned = state.devicesByUser.get(device.userId);
  if (!owned) {
    owned = new Set();
    state.devicesByUser.set(device.userId, owned);
  }
  owned.add(device.id);
}

export function removeDevice(state: CenterState, deviceId: string): void {
  const device = state.devices.get(deviceId);
  if (!device) return;
  state.devices.delete(deviceId);
  const owned = state.devicesByUser.get(device.userId);
  owned?.delete(deviceId);
  if (owned?.size === 0) state.devicesByUser.delete(device.userId);
}

/** Builds a state from snapshot data (all parts concatenated). */
export function stateFromSnapshot(data: SnapshotData): CenterState {
  const state = emptyState();
  for (const user of data.users) state.users.set(user.id, user);
  for (const device of data.devices) indexDevice(state, device);
  for (const channel of data.channels) state.channels.set(channel.id, channel);
  for (const a of data.assignments) state.assignments.set(pairKey(a.channelId, a.userId), a);
  state.org = data.org;
  state.pauseReasons = data.pauseReasons;
  for (const s of data.sessions) state.sessions.set(pairKey(s.channelId, s.userId), s);
  for (const i of data.interactions) state.interactions.set(i.id, i);
  for (const m of data.monitors) state.monitors.set(m.supervisorId, m);
  for (const st of data.stats) state.stats.set(st.channelId, st);
  return state;
}

/** The whole state as snapshot data (the hub scopes it per user: see scope.ts). */
export function toSnapshotData(state: CenterState): SnapshotData {
  return {
    users: [...state.users.values()],
    devices: [...state.devices.values()],
    channels: [...state.channels.values()],
    assignments: [...state.assignments.values()],
    org: state.org,
    pauseReasons: state.pauseReasons,
    sessions: [...state.sessions.values()],
    interactions: [...state.interactions.values()],
    monitors: [...state.monitors.values()],
    stats: [...state.stats.values()],
  };
}

export function devicesOf(state: CenterState, userId: string): Device[] {
  const ids = state.devicesByUser.get(userId);
  if (!ids) return [];
  const devices: Device[] = [];
  for (const id of ids) {
    const device = state.devices.get(id);
    if (device) devices.push(device);
  }
  return devices;
}

/** The interaction an agent is handling right now, in any channel. */
export function liveInteractionOf(state: CenterState, userId: string): Interaction | undefined {
  for (const interaction of state.interactions.values()) {
    if (interaction.agentId === userId) return interaction;
  }
  return undefined;
}

/**
 * The interaction `userId` is on in a channel other than `channelId`, as a session's `elsewhere`
 * says it (undefined when none): what the hub puts on a session it opens.
 */
export function elsewhereOf(
  state: CenterState,
  channelId: string,
  userId: string,
): AgentSession['elsewhere'] {
  const interaction = liveInteractionOf(state, userId);
  if (!interaction || interaction.channelId === channelId || interaction.answeredAt === null)
    return undefined;
  return { interactionId: interaction.id, since: interaction.answeredAt };
}

/** A session with the hub's own flags: assignment, whether still allowed, busy elsewhere. */
/**
 * A session that starts now: available, nothing pending, logged in by `by` at `loggedInAt`, with
 * the hub's flags (assigned, allowed, busy elsewhere) worked out on `state`.
 */
export function newSession(
  state: CenterState,
  target: { channelId: string; userId: string },
  at: number,
  by: string,
  loggedInAt: number = at,
): AgentSession {
  return withHubFlags(state, {
    ...target,
    status: 'available',
    since: at,
    pauseReasonId: null,
    wrapUpEndsAt: null,
    pending: null,
    interactionId: null,
    loggedInBy: by,
    loggedInAt,
    assigned: false,
    allowed: true,
  });
}

export function withHubFlags(state: CenterState, session: AgentSession): AgentSession {
  const { elsewhere: _previous, ...rest } = session;
  const flagged: AgentSession = {
    ...rest,
    assigned: isAssignedAgent(state, session.channelId, session.userId),
  };
  flagged.allowed = sessionAllowed(state.org, flagged);
  const elsewhere = elsewhereOf(state, session.channelId, session.userId);
  return elsewhere ? { ...flagged, elsewhere } : flagged;
}

export function isAssignedAgent(state: CenterState, channelId: string, userId: string): boolean {
  return state.assignments.get(pairKey(channelId, userId))?.asAgent === true;
}

/**
 * A session is allowed while the agent is assigned to the channel, the org lets agents
 * log in to unassigned channels, or someone else (a supervisor or admin) logged them in.
 * Turning the org setting off never logs anyone out: it only flags the sessions an agent
 * opened on their own in a channel they are not assigned to.
 */
export function sessionAllowed(
  org: OrgSettings,
  session: Pick<AgentSession, 'assigned' | 'loggedInBy' | 'userId'>,
): boolean {
  return session.assigned || org.agentsMayLogInToUnassigned || session.loggedInBy !== session.userId;
}
