/**
 * A source's whole live picture against the hub's state: the events that turn one into the
 * other, and only those, so that after a source reconnects no agent vanishes and comes back and
 * no interaction is counted twice. Worked out in phases, each on the state the previous one left
 * (`run` applies a phase's events before the next is computed):
 *
 * 1. interactions the source no longer has end (no abandon is invented: the day's counters only
 *    count what was seen);
 * 2. sessions: gone ones log out, new ones log in, statuses (wrap-up included) and pause reasons
 *    follow;
 * 3. interactions: new ones are queued (and answered, at their real times), waiting ones that
 *    were answered meanwhile are answered; a pause or logout the system holds for a busy agent
 *    becomes pending (a pending the hub recorded itself is never cleared by a picture: the
 *    system may not know of it);
 * 4. devices: the active ones are the picture's;
 * 5. monitors, when the picture has them.
 */
import type { AgentSession, CenterEvent, Interaction, MonitorSession } from '../protocol/index.js';
import { SYSTEM_ACTOR } from '../protocol/index.js';
import { type CenterState, pairKey, withHubFlags } from './state.js';

export interface LiveState {
  sessions: readonly AgentSession[];
  interactions: readonly Interaction[];
  /** Ids of the active devices; every other device is inactive. */
  activeDevices: readonly string[];
  monitors?: readonly MonitorSession[];
}

export function reconcile(
  state: CenterState,
  live: LiveState,
  now: number,
  run: (events: CenterEvent[]) => void,
): void {
  const liveInteractions = new Map(live.interactions.map((i) => [i.id, i]));
  const liveSessions = new Map(live.sessions.map((s) => [pairKey(s.channelId, s.userId), s]));

  const ended: CenterEvent[] = [];
  for (const interaction of state.interactions.values()) {
    if (!liveInteractions.has(interaction.id))
      ended.push({ type: 'interaction_ended', at: now, interactionId: interaction.id });
  }
  run(ended);

  const sessions: CenterEvent[] = [];
  for (const [key, session] of state.sessions) {
    if (!liveSessions.has(key))
      sessions.push({ type: 'agent_logged_out', at: now, ...pairOf(session), by: SYSTEM_ACTOR });
  }
  for (const [key, wanted] of liveSessions) {
    const held = state.sessions.get(key);
    if (!held) {
      const session = withHubFlags(state, {
        ...wanted,
        status: 'available',
        pauseReasonId: null,
        wrapUpEndsAt: null,
        pending: null,
        interactionId: null,
      });
      sessions.push({ type: 'agent_logged_in', at: wanted.loggedInAt, session });
    }
    const status = held?.status ?? 'available';
    if (wanted.status === 'paused' && wanted.pauseReasonId !== null && status !== 'busy') {
      if (status !== 'paused' || held?.pauseReasonId !== wanted.pauseReasonId) {
        sessions.push({
          type: 'agent_paused',
          at: wanted.since,
          ...pairOf(wanted),
          reasonId: wanted.pauseReasonId,
          by: SYSTEM_ACTOR,
        });
      }
    } else if (wanted.status === 'available' && status === 'paused') {
      sessions.push({ type: 'agent_resumed', at: now, ...pairOf(wanted), by: SYSTEM_ACTOR });
    } else if (wanted.status === 'available' && status === 'wrap_up') {
      sessions.push({ type: 'wrap_up_ended', at: now, ...pairOf(wanted), by: SYSTEM_ACTOR });
    } else if (wanted.status === 'wrap_up' && status !== 'wrap_up' && status !== 'busy') {
      // In wrap-up after a call the hub did not see end (it was away): shown as the system has it,
      // until the system's end or, when it gives none, the channel's wrap-up time from its start.
      const since = Math.min(now, Math.max(wanted.since, held?.since ?? wanted.loggedInAt));
      const seconds = state.channels.get(wanted.channelId)?.settings.wrapUpSeconds ?? 0;
      const endsAt = wanted.wrapUpEndsAt ?? (seconds > 0 ? since + seconds * 1000 : null);
      if (endsAt !== null) sessions.push({ type: 'wrap_up_started', at: since, ...pairOf(wanted), endsAt });
    }
  }
  run(sessions);

  const interactions: CenterEvent[] = [];
  for (const wanted of liveInteractions.values()) {
    const held = state.interactions.get(wanted.id);
    if (!held) {
      interactions.push({
        type: 'interaction_queued',
        at: wanted.queuedAt,
        interaction: { ...wanted, answeredAt: null, agentId: null },
      });
    }
    if (wanted.agentId !== null && (held?.agentId ?? null) === null) {
      interactions.push({
        type: 'interaction_answered',
        at: wanted.answeredAt ?? now,
        interactionId: wanted.id,
        agentId: wanted.agentId,
      });
    }
  }
  run(interactions);

  const pendings: CenterEvent[] = [];
  for (const [key, wanted] of liveSessions) {
    const held = state.sessions.get(key);
    if (!wanted.pending || !held?.interactionId) continue;
    if (held.pending?.kind === wanted.pending.kind) continue;
    pendings.push({ type: 'pending_set', at: now, ...pairOf(wanted), pending: wanted.pending });
  }
  run(pendings);

  const active = new Set(live.activeDevices);
  const devices: CenterEvent[] = [];
  for (const device of state.devices.values()) {
    if (device.active !== active.has(device.id))
      devices.push({ type: 'device_state_changed', at: now, deviceId: device.id, active: !device.active });
  }
  run(devices);

  if (!live.monitors) return;
  const liveMonitors = new Map(live.monitors.map((m) => [m.supervisorId, m]));
  const monitors: CenterEvent[] = [];
  for (const monitor of state.monitors.values()) {
    const wanted = liveMonitors.get(monitor.supervisorId);
    if (!wanted || wanted.interactionId !== monitor.interactionId)
      monitors.push({
        type: 'monitor_stopped',
        at: now,
        supervisorId: monitor.supervisorId,
        reason: 'stopped',
      });
  }
  for (const wanted of liveMonitors.values()) {
    const held = state.monitors.get(wanted.supervisorId);
    if (!held || held.interactionId !== wanted.interactionId)
      monitors.push({ type: 'monitor_started', at: now, monitor: wanted });
    else if (held.mode !== wanted.mode)
      monitors.push({
        type: 'monitor_mode_changed',
        at: now,
        supervisorId: wanted.supervisorId,
        mode: wanted.mode,
      });
  }
  run(monitors);
}

function pairOf(session: Pick<AgentSession, 'channelId' | 'userId'>): { channelId: string; userId: string } {
  return { channelId: session.channelId, userId: session.userId };
}
