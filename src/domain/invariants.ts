/**
 * What must hold of any state the reducer produces from decided events. Used by the
 * property tests, and by the hub after loading a database (a broken file is refused).
 */
import { monitorModesFor } from './permissions.js';
import { type CenterState, elsewhereOf, isAssignedAgent, pairKey, sessionAllowed } from './state.js';

/** Every broken rule, in words; an empty list means the state is sound. */
export function checkInvariants(state: CenterState): string[] {
  const problems: string[] = [];
  const handling = new Map<string, string>();
  for (const interaction of state.interactions.values()) {
    const where = `interaction ${interaction.id}`;
    const channel = state.channels.get(interaction.channelId);
    if (!channel) problems.push(`${where} is in unknown channel ${interaction.channelId}`);
    if (interaction.answeredAt !== null && interaction.answeredAt < interaction.queuedAt) {
      problems.push(`${where} was answered before it was queued (negative wait)`);
    }
    if ((interaction.answeredAt === null) !== (interaction.agentId === null)) {
      problems.push(`${where} has an agent without an answer time, or the reverse`);
    }
    if (interaction.agentId !== null) {
      const other = handling.get(interaction.agentId);
      if (other)
        problems.push(
          `agent ${interaction.agentId} is busy on two interactions: ${other} and ${interaction.id}`,
        );
      handling.set(interaction.agentId, interaction.id);
      const session = state.sessions.get(pairKey(interaction.channelId, interaction.agentId));
      if (session?.interactionId !== interaction.id) {
        problems.push(`${where} is handled by ${interaction.agentId}, whose session does not show it`);
      }
    }
  }
  for (const [key, session] of state.sessions) {
    const where = `session ${key}`;
    if (key !== pairKey(session.channelId, session.userId))
      problems.push(`${where} is filed under the wrong key`);
    if (!state.channels.has(session.channelId))
      problems.push(`${where} is in unknown channel ${session.channelId}`);
    if (!state.users.has(session.userId)) problems.push(`${where} belongs to unknown user ${session.userId}`);
    const busy = session.status === 'busy';
    if (busy !== (session.interactionId !== null))
      problems.push(`${where} is ${session.status} with interaction ${session.interactionId}`);
    if (session.interactionId !== null) {
      const interaction = state.interactions.get(session.interactionId);
      if (interaction?.agentId !== session.userId || interaction.channelId !== session.channelId) {
        problems.push(`${where} shows interaction ${session.interactionId}, which is not its own`);
      }
    }
    if ((session.status === 'paused') !== (session.pauseReasonId !== null))
      problems.push(`${where} pause reason does not match its status`);
    if ((session.status === 'wrap_up') !== (session.wrapUpEndsAt !== null))
      problems.push(`${where} wrap-up end does not match its status`);
    if (session.pending !== null && !busy)
      problems.push(`${where} has a pending ${session.pending.kind} while not busy`);
    if (session.assigned !== isAssignedAgent(state, session.channelId, session.userId))
      problems.push(`${where} assigned flag is stale`);
    if (session.allowed !== sessionAllowed(state.org, session))
      problems.push(`${where} allowed flag is stale`);
    const elsewhere = elsewhereOf(state, session.channelId, session.userId);
    if (
      session.elsewhere?.interactionId !== elsewhere?.interactionId ||
      session.elsewhere?.since !== elsewhere?.since
    )
      problems.push(`${where} busy-elsewhere mark does not match the agent's interaction`);
  }
  for (const device of state.devices.values()) {
    if (!state.users.has(device.userId))
      problems.push(`device ${device.id} belongs to unknown user ${device.userId}`);
    if (!state.devicesByUser.get(device.userId)?.has(device.id))
      problems.push(`device ${device.id} is missing from its owner's index`);
  }
  for (const [key, assignment] of state.assignments) {
    const where = `assignment ${key}`;
    if (key !== pairKey(assignment.channelId, assignment.userId))
      problems.push(`${where} is filed under the wrong key`);
    if (!state.users.has(assignment.userId))
      problems.push(`${where} is of unknown user ${assignment.userId}`);
    if (!state.channels.has(assignment.channelId))
      problems.push(`${where} is to unknown channel ${assignment.channelId}`);
  }
  for (const monitor of state.monitors.values()) {
    const where = `monitor by ${monitor.supervisorId}`;
    if (!state.users.has(monitor.supervisorId)) problems.push(`${where}: no such user`);
    const interaction = state.interactions.get(monitor.interactionId);
    if (interaction?.agentId !== monitor.agentId)
      problems.push(`${where} is on an interaction that is not live with ${monitor.agentId}`);
    const kind = state.channels.get(monitor.channelId)?.kind;
    if (!kind || !monitorModesFor(kind).includes(monitor.mode))
      problems.push(`${where} uses ${monitor.mode} on a ${kind ?? 'missing'} channel`);
  }
  for (const stats of state.stats.values()) {
    if (!state.channels.has(stats.channelId)) problems.push(`stats of unknown channel ${stats.channelId}`);
    const numbers = [
      stats.answered,
      stats.abandoned,
      stats.answeredWithinThreshold,
      stats.answeredWaitMs,
      stats.handled,
      stats.talkMs,
      stats.wrapUpMs,
    ];
    if (numbers.some((n) => n < 0 || !Number.isFinite(n)))
      problems.push(`stats of ${stats.channelId} hold a negative or infinite count`);
    if (stats.answeredWithinThreshold > stats.answered)
      problems.push(`stats of ${stats.channelId}: more answered in time than answered`);
    if (stats.handled > stats.answered)
      problems.push(`stats of ${stats.channelId}: more handled than answered`);
  }
  return problems;
}
