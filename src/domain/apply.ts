/**
 * The reducer: the only place where state changes. Both the hub (on everything) and a
 * wallboard (on what it may see) apply the same events with it, so they agree.
 *
 * `apply` updates the collections of `state` in place and replaces (never mutates) the
 * entities it changes. It is lenient: an event about something this state does not hold
 * (a wallboard that does not see that session) changes what it can and ignores the rest.
 */
import type { AgentSession, CenterEvent, ChannelStats, EventOf, Interaction } from '../protocol/index.js';
import { putSession, sessionsOfUser, takeMarked } from './elsewhere-marks.js';
import { type CenterState, emptyStats, indexDevice, pairKey, removeDevice, sessionAllowed } from './state.js';

/** Chats keep this many messages of transcript. */
const TRANSCRIPT_LIMIT = 100;

export function apply(state: CenterState, event: CenterEvent): void {
  switch (event.type) {
    case 'user_upserted':
      state.users.set(event.user.id, event.user);
      return;
    case 'device_upserted':
      indexDevice(state, event.device);
      return;
    case 'device_removed':
      removeDevice(state, event.deviceId);
      return;
    case 'user_removed':
      return removeUser(state, event);
    case 'channel_removed':
      return removeChannel(state, event);
    case 'device_state_changed': {
      const device = state.devices.get(event.deviceId);
      if (device && device.active !== event.active)
        state.devices.set(device.id, { ...device, active: event.active });
      return;
    }
    case 'channel_upserted':
      // A new channel starts its day's counters; a changed one keeps them.
      if (!state.channels.has(event.channel.id)) {
        state.stats.set(event.channel.id, emptyStats(event.channel.id, event.at));
      }
      state.channels.set(event.channel.id, event.channel);
      return;
    case 'assignment_set':
      return applyAssignment(state, event);
    case 'org_settings_changed':
      state.org = event.settings;
      for (const [key, session] of state.sessions) {
        const allowed = sessionAllowed(state.org, session);
        if (allowed !== session.allowed) putSession(state.sessions, key, { ...session, allowed });
      }
      return;
    case 'pause_reasons_set':
      state.pauseReasons = event.reasons;
      return;
    case 'agent_logged_in':
      putSession(state.sessions, pairKey(event.session.channelId, event.session.userId), event.session);
      return;
    case 'agent_logged_out': {
      const key = pairKey(event.channelId, event.userId);
      const session = state.sessions.get(key);
      if (session) leaveStatus(state, session, event.at);
      state.sessions.delete(key);
      return;
    }
    case 'agent_paused':
      return updateSession(state, event.channelId, event.userId, (s) => {
        leaveStatus(state, s, event.at);
        return {
          ...s,
          status: 'paused',
          since: event.at,
          pauseReasonId: event.reasonId,
          wrapUpEndsAt: null,
          pending: null,
        };
      });
    case 'agent_resumed':
      return updateSession(state, event.channelId, event.userId, (s) => ({
        ...s,
        status: 'available',
        since: event.at,
        pauseReasonId: null,
        wrapUpEndsAt: null,
        pending: null,
      }));
    case 'pending_set':
      return updateSession(state, event.channelId, event.userId, (s) => ({ ...s, pending: event.pending }));
    case 'wrap_up_started':
      return updateSession(state, event.channelId, event.userId, (s) => {
        leaveStatus(state, s, event.at);
        return {
          ...s,
          status: 'wrap_up',
          since: event.at,
          wrapUpEndsAt: event.endsAt,
          pauseReasonId: null,
          interactionId: null,
          pending: null,
        };
      });
    case 'wrap_up_ended':
      return updateSession(state, event.channelId, event.userId, (s) => {
        if (s.status !== 'wrap_up') return s;
        leaveStatus(state, s, event.at);
        return { ...s, status: 'available', since: event.at, wrapUpEndsAt: null };
      });
    case 'interaction_queued':
      state.interactions.set(event.interaction.id, event.interaction);
      return;
    case 'interaction_answered':
      return applyAnswered(state, event);
    case 'interaction_abandoned': {
      const interaction = state.interactions.get(event.interactionId);
      if (!interaction) return;
      state.interactions.delete(interaction.id);
      updateStats(state, interaction.channelId, (st) => ({ ...st, abandoned: st.abandoned + 1 }));
      return;
    }
    case 'interaction_ended':
      return applyEnded(state, event);
    case 'chat_message': {
      const interaction = state.interactions.get(event.interactionId);
      if (!interaction) return;
      const transcript = [...interaction.transcript, event.message];
      if (transcript.length > TRANSCRIPT_LIMIT) transcript.splice(0, transcript.length - TRANSCRIPT_LIMIT);
      state.interactions.set(interaction.id, { ...interaction, transcript });
      return;
    }
    case 'monitor_started':
      state.monitors.set(event.monitor.supervisorId, event.monitor);
      return;
    case 'monitor_mode_changed': {
      const monitor = state.monitors.get(event.supervisorId);
      if (monitor) state.monitors.set(monitor.supervisorId, { ...monitor, mode: event.mode });
      return;
    }
    case 'monitor_stopped':
      state.monitors.delete(event.supervisorId);
      return;
    case 'stats_reset':
      for (const channelId of state.stats.keys())
        state.stats.set(channelId, emptyStats(channelId, event.since));
      return;
  }
}

function applyAssignment(state: CenterState, event: EventOf<'assignment_set'>): void {
  const { assignment } = event;
  const key = pairKey(assignment.channelId, assignment.userId);
  if (assignment.asAgent || assignment.asSupervisor) state.assignments.set(key, assignment);
  else state.assignments.delete(key);
  const session = state.sessions.get(key);
  if (!session) return;
  const assigned = assignment.asAgent;
  const next = { ...session, assigned };
  next.allowed = sessionAllowed(state.org, next);
  if (next.assigned !== session.assigned || next.allowed !== session.allowed)
    putSession(state.sessions, key, next);
}

/**
 * A user left the directory: their devices, assignments and monitors (theirs and of them) go.
 * Their sessions were logged out before (the directory waits for live interactions to end);
 * if some remain all the same, they end here, and an interaction they still handle goes with
 * them (no one would be left to end it), so the state stays sound.
 */
function removeUser(state: CenterState, event: EventOf<'user_removed'>): void {
  const { userId } = event;
  state.users.delete(userId);
  for (const deviceId of [...(state.devicesByUser.get(userId) ?? [])]) removeDevice(state, deviceId);
  state.devicesByUser.delete(userId);
  for (const [key, assignment] of state.assignments)
    if (assignment.userId === userId) state.assignments.delete(key);
  for (const [key, session] of state.sessions) {
    if (session.userId !== userId) continue;
    leaveStatus(state, session, event.at);
    state.sessions.delete(key);
  }
  for (const interaction of [...state.interactions.values()])
    if (interaction.agentId === userId) dropInteraction(state, interaction.id);
  state.monitors.delete(userId);
  for (const monitor of [...state.monitors.values()])
    if (monitor.agentId === userId) state.monitors.delete(monitor.supervisorId);
}

/**
 * A channel left the directory: its assignments, day's counters, interactions (waiting ones
 * included: the channel no longer exists to hold them) and monitors go. Its sessions were
 * logged out before; any that remain end here.
 */
function removeChannel(state: CenterState, event: EventOf<'channel_removed'>): void {
  const { channelId } = event;
  state.channels.delete(channelId);
  state.stats.delete(channelId);
  for (const [key, assignment] of state.assignments)
    if (assignment.channelId === channelId) state.assignments.delete(key);
  for (const [key, session] of state.sessions)
    if (session.channelId === channelId) state.sessions.delete(key);
  for (const interaction of [...state.interactions.values()])
    if (interaction.channelId === channelId) dropInteraction(state, interaction.id);
  for (const monitor of [...state.monitors.values()])
    if (monitor.channelId === channelId) state.monitors.delete(monitor.supervisorId);
}

/** An interaction that leaves without an outcome (its channel or agent left): no counter moves. */
function dropInteraction(state: CenterState, interactionId: string): void {
  const agentId = state.interactions.get(interactionId)?.agentId ?? null;
  state.interactions.delete(interactionId);
  // Its agent is no longer busy elsewhere. (A channel is taken out only once its handled
  // interactions have ended, so a wallboard that never saw this one holds no mark on it.)
  if (agentId !== null) clearElsewhere(state, interactionId, agentId);
  for (const monitor of [...state.monitors.values()])
    if (monitor.interactionId === interactionId) state.monitors.delete(monitor.supervisorId);
}

function applyAnswered(state: CenterState, event: EventOf<'interaction_answered'>): void {
  const interaction = state.interactions.get(event.interactionId);
  // The agent's sessions in the other channels show them busy there: a wallboard that does not
  // see the interaction's channel gets this event for that (and marks every session it holds).
  const elsewhere = { interactionId: event.interactionId, since: event.at };
  for (const key of sessionsOfUser(state.sessions, event.agentId)) {
    const session = state.sessions.get(key);
    // Only the sessions of channels this state holds (as a walk of its channels did).
    if (!session || session.channelId === interaction?.channelId || !state.channels.has(session.channelId))
      continue;
    putSession(state.sessions, key, { ...session, elsewhere });
  }
  if (!interaction) return;
  state.interactions.set(interaction.id, { ...interaction, answeredAt: event.at, agentId: event.agentId });
  const channel = state.channels.get(interaction.channelId);
  const waitMs = Math.max(0, event.at - interaction.queuedAt);
  const within = channel !== undefined && waitMs <= channel.settings.serviceLevelSeconds * 1000;
  updateStats(state, interaction.channelId, (st) => ({
    ...st,
    answered: st.answered + 1,
    answeredWithinThreshold: st.answeredWithinThreshold + (within ? 1 : 0),
    answeredWaitMs: st.answeredWaitMs + waitMs,
  }));
  updateSession(state, interaction.channelId, event.agentId, (s) => ({
    ...s,
    status: 'busy',
    since: event.at,
    pauseReasonId: null,
    wrapUpEndsAt: null,
    interactionId: interaction.id,
  }));
}

function applyEnded(state: CenterState, event: EventOf<'interaction_ended'>): void {
  const interaction = state.interactions.get(event.interactionId);
  if (!interaction || interaction.agentId !== null)
    clearElsewhere(state, event.interactionId, interaction?.agentId ?? null);
  if (!interaction) return;
  state.interactions.delete(interaction.id);
  for (const monitor of state.monitors.values()) {
    if (monitor.interactionId === interaction.id) state.monitors.delete(monitor.supervisorId);
  }
  if (interaction.answeredAt === null || interaction.agentId === null) return;
  const talkMs = Math.max(0, event.at - interaction.answeredAt);
  updateStats(state, interaction.channelId, (st) => ({
    ...st,
    handled: st.handled + 1,
    talkMs: st.talkMs + talkMs,
  }));
  const key = pairKey(interaction.channelId, interaction.agentId);
  const session = state.sessions.get(key);
  if (!session || session.interactionId !== interaction.id) return;
  // A pending logout applies now that the customer is gone: the session ends, no wrap-up.
  if (session.pending?.kind === 'logout') state.sessions.delete(key);
  else putSession(state.sessions, key, afterInteraction(state, session, interaction, event));
}

/** Where an agent goes when their interaction ends: a pending pause applies, else wrap-up (if any). */
function afterInteraction(
  state: CenterState,
  session: AgentSession,
  interaction: Interaction,
  { at, wrapUpSeconds: own }: EventOf<'interaction_ended'>,
): AgentSession {
  const base = { ...session, since: at, interactionId: null, pending: null, wrapUpEndsAt: null };
  const pending = session.pending;
  if (pending?.kind === 'pause') return { ...base, status: 'paused', pauseReasonId: pending.reasonId };
  const wrapUpSeconds = own ?? state.channels.get(interaction.channelId)?.settings.wrapUpSeconds ?? 0;
  if (wrapUpSeconds > 0) {
    return { ...base, status: 'wrap_up', wrapUpEndsAt: at + wrapUpSeconds * 1000 };
  }
  return { ...base, status: 'available' };
}

/**
 * The agent's other sessions no longer show them busy on `interactionId` (agent unknown: any
 * session). The sessions showing it come from an index, not a scan (elsewhere-marks.ts).
 */
function clearElsewhere(state: CenterState, interactionId: string, agentId: string | null): void {
  for (const key of [...takeMarked(state.sessions, interactionId)]) {
    const session = state.sessions.get(key);
    if (session?.elsewhere?.interactionId !== interactionId) continue;
    // Another agent's mark stays (and stays indexed).
    if (agentId !== null && session.userId !== agentId) putSession(state.sessions, key, session);
    else {
      const { elsewhere: _over, ...rest } = session;
      putSession(state.sessions, key, rest);
    }
  }
}

function updateSession(
  state: CenterState,
  channelId: string,
  userId: string,
  change: (session: AgentSession) => AgentSession,
): void {
  const key = pairKey(channelId, userId);
  const session = state.sessions.get(key);
  if (!session) return;
  const next = change(session);
  if (next !== session) putSession(state.sessions, key, next);
}

/** Counts the time of the status being left into the day's counters (wrap-up time for AHT). */
function leaveStatus(state: CenterState, session: AgentSession, at: number): void {
  if (session.status !== 'wrap_up') return;
  const wrapMs = Math.max(0, at - session.since);
  updateStats(state, session.channelId, (st) => ({ ...st, wrapUpMs: st.wrapUpMs + wrapMs }));
}

function updateStats(
  state: CenterState,
  channelId: string,
  change: (stats: ChannelStats) => ChannelStats,
): void {
  const stats = state.stats.get(channelId);
  if (stats) state.stats.set(channelId, change(stats));
}
