/**
 * The whole live picture from what Asterisk lists on (re)connection: `QueueStatus` (each
 * `QueueMember` a session: dynamic members are logins, static ones are logged in by
 * configuration; `QueueEntry` the waiting callers), device states and PJSIP contacts (the green
 * dots), and which spy calls still exist. What the hub already shows is kept where Asterisk
 * agrees (the same interaction ids, the same `since`), so a resync changes only what differs and
 * never duplicates an interaction: a busy member's call is the one the source followed, else the
 * one the hub shows, and only when neither is known a new one.
 */
import { isAssignedAgent, pairKey, sessionAllowed } from '../../../domain/index.js';
import type { AgentSession, CenterEvent, Interaction, PendingAction } from '../../../protocol/index.js';
import type { LivePicture } from '../source.js';
import type { AmiMessage } from './ami-message.js';
import { waitingInteraction } from './caller-events.js';
import { interactionIdOf, type TrackedCall } from './calls.js';
import type { AsteriskContext } from './context.js';
import { extensionStateName } from './device-states.js';
import { knownMember, unknownRequester } from './member-events.js';
import { type KnownMember, type MemberReport, memberReport } from './members.js';

export interface SyncAnswers {
  /** QueueStatus's events: QueueParams, QueueMember, QueueEntry. */
  queueStatus: readonly AmiMessage[];
  /** DeviceStateList's DeviceStateChange events, or ExtensionStateList's ExtensionStatus ones. */
  deviceStates: readonly AmiMessage[];
  /** PJSIPShowContacts's ContactList events; undefined when not readable (no `system` privilege). */
  contacts: readonly AmiMessage[] | undefined;
  /** The spy calls that still exist. */
  liveSpies: ReadonlySet<string>;
}

export interface Picture {
  picture: LivePicture;
  /** To emit before the picture: the pause reasons Asterisk uses that the directory lacks. */
  before: CenterEvent[];
}

let synthesized = 0;

export function buildPicture(ctx: AsteriskContext, answers: SyncAnswers): Picture {
  const before: CenterEvent[] = [];
  let reasons = ctx.state.pauseReasons;
  const reasonOf = (text: string) => {
    const id = ctx.pauseReason(text, before, reasons);
    const last = before.at(-1);
    if (last?.type === 'pause_reasons_set') reasons = last.reasons;
    return id;
  };
  readDevices(ctx, answers);
  const previousCalls = [...ctx.calls.all()];
  ctx.calls.clear();
  ctx.members.clear();
  const sessions = new Map<string, AgentSession>();
  const interactions = new Map<string, Interaction>();
  for (const message of answers.queueStatus) {
    if (message.event === 'QueueMember') {
      const report = memberReport(message);
      const member = knownMember(ctx, report);
      if (!member || sessions.has(pairKey(member.channelId, member.userId))) continue;
      ctx.members.set(member);
      const session = memberSession(ctx, member, report, previousCalls, interactions, reasonOf);
      sessions.set(pairKey(member.channelId, member.userId), session);
    } else if (message.event === 'QueueEntry') {
      const interaction = waitingEntry(ctx, message);
      if (interaction && !interactions.has(interaction.id)) interactions.set(interaction.id, interaction);
    }
  }
  for (const spy of ctx.spies.all()) if (!answers.liveSpies.has(spy.channel)) ctx.spies.remove(spy);
  const monitors = [...ctx.state.monitors.values()].filter((monitor) => {
    const spy = ctx.spies.of(monitor.supervisorId);
    return (
      spy?.started === true &&
      spy.monitor.interactionId === monitor.interactionId &&
      interactions.has(monitor.interactionId)
    );
  });
  return {
    picture: {
      sessions: [...sessions.values()],
      interactions: [...interactions.values()],
      activeDevices: activeDevices(ctx),
      monitors,
    },
    before,
  };
}

function readDevices(ctx: AsteriskContext, answers: SyncAnswers): void {
  ctx.devices.clear();
  for (const message of answers.deviceStates) {
    if (message.event === 'ExtensionStatus') {
      const status = message.int('Status');
      if (status === undefined) continue;
      for (const part of message.text('Hint').split('&'))
        if (part.trim() !== '') ctx.devices.setState(part.trim(), extensionStateName(status));
    } else if (message.text('Device') !== '')
      ctx.devices.setState(message.text('Device'), message.text('State'));
  }
  for (const message of answers.contacts ?? []) {
    const endpoint = message.get('Endpoint') || message.get('EndpointName') || message.text('AOR');
    if (endpoint !== '')
      ctx.devices.setContact(endpoint, message.get('Uri') ?? message.text('URI'), message.text('Status'));
  }
}

function activeDevices(ctx: AsteriskContext): string[] {
  const active: string[] = [];
  for (const device of ctx.state.devices.values())
    if (device.address && ctx.devices.registered(device.address) === true) active.push(device.id);
  return active;
}

function waitingEntry(ctx: AsteriskContext, message: AmiMessage): Interaction | undefined {
  const channel = ctx.directory.channelOfQueue(message.text('Queue'));
  if (!channel) return undefined;
  const uniqueid = message.text('Uniqueid');
  const id = interactionIdOf(uniqueid);
  ctx.calls.add({
    uniqueid,
    interactionId: id,
    channelId: channel.id,
    queue: message.text('Queue'),
    state: 'waiting',
    ringing: new Set(),
  });
  const shown = ctx.state.interactions.get(id);
  if (shown && shown.channelId === channel.id && shown.answeredAt === null) return shown;
  return waitingInteraction(id, channel.id, message, ctx.now() - (message.int('Wait') ?? 0) * 1000);
}

function memberSession(
  ctx: AsteriskContext,
  member: KnownMember,
  report: MemberReport,
  previousCalls: readonly TrackedCall[],
  interactions: Map<string, Interaction>,
  reasonOf: (text: string) => string,
): AgentSession {
  const now = ctx.now();
  const shown = ctx.state.sessions.get(pairKey(member.channelId, member.userId));
  const reasonId = report.paused ? reasonOf(report.reason) : null;
  let status: AgentSession['status'] = 'available';
  let interactionId: string | null = null;
  let wrapUpEndsAt: number | null = null;
  let pending: PendingAction | null = shown?.pending ?? null;
  let since = now;
  if (report.inCall) {
    const interaction = busyInteraction(ctx, member, shown, previousCalls);
    interactions.set(interaction.id, interaction);
    status = 'busy';
    interactionId = interaction.id;
    if (reasonId !== null)
      pending =
        shown?.pending?.kind === 'pause' && shown.pending.reasonId === reasonId
          ? shown.pending
          : { kind: 'pause', reasonId, requestedBy: unknownRequester(member), requestedAt: now };
  } else if (reasonId !== null) {
    status = 'paused';
    pending = null;
    if (report.lastPause) since = Math.min(now, report.lastPause * 1000);
  } else {
    pending = null;
    const wrapSeconds =
      report.wrapuptime || (ctx.state.channels.get(member.channelId)?.settings.wrapUpSeconds ?? 0);
    const endsAt = report.lastCall ? (report.lastCall + wrapSeconds) * 1000 : 0;
    if (wrapSeconds > 0 && endsAt > now) {
      status = 'wrap_up';
      wrapUpEndsAt = shown?.status === 'wrap_up' && shown.wrapUpEndsAt !== null ? shown.wrapUpEndsAt : endsAt;
      since = Math.min(now, (report.lastCall ?? 0) * 1000);
    }
  }
  const same =
    shown !== undefined &&
    shown.status === status &&
    shown.pauseReasonId === reasonId &&
    shown.interactionId === interactionId;
  const session: AgentSession = {
    channelId: member.channelId,
    userId: member.userId,
    status,
    since: same ? shown.since : since,
    pauseReasonId: reasonId !== null && status === 'paused' ? reasonId : null,
    wrapUpEndsAt,
    pending,
    interactionId,
    loggedInBy: shown?.loggedInBy ?? unknownRequester(member),
    loggedInAt: shown?.loggedInAt ?? (report.loginTime ? Math.min(now, report.loginTime * 1000) : now),
    assigned: isAssignedAgent(ctx.state, member.channelId, member.userId),
    allowed: true,
  };
  session.allowed = sessionAllowed(ctx.state.org, session);
  if (same) session.wrapUpEndsAt = shown.wrapUpEndsAt;
  return shown !== undefined && sameSession(shown, session) ? shown : session;
}

/** The call a busy member is on: the one followed, else the one the hub shows, else a new one. */
function busyInteraction(
  ctx: AsteriskContext,
  member: KnownMember,
  shown: AgentSession | undefined,
  previousCalls: readonly TrackedCall[],
): Interaction {
  const now = ctx.now();
  const followed = previousCalls.find(
    (call) =>
      call.state === 'answered' && call.channelId === member.channelId && call.agentId === member.userId,
  );
  const id = followed?.interactionId ?? shown?.interactionId ?? undefined;
  const existing = id === undefined ? undefined : ctx.state.interactions.get(id);
  const interaction: Interaction =
    existing &&
    existing.channelId === member.channelId &&
    existing.answeredAt !== null &&
    existing.agentId === member.userId
      ? existing
      : {
          id: id ?? `asterisk-call-${now.toString(36)}-${++synthesized}`,
          channelId: member.channelId,
          kind: 'call',
          customer: { name: '', address: '' },
          queuedAt: now,
          answeredAt: now,
          agentId: member.userId,
          transcript: [],
        };
  ctx.calls.add({
    uniqueid: followed?.uniqueid ?? `unknown:${interaction.id}`,
    interactionId: interaction.id,
    channelId: member.channelId,
    queue: member.queue,
    state: 'answered',
    ringing: new Set(),
    agentId: member.userId,
    ...(followed?.agentChannel ? { agentChannel: followed.agentChannel } : {}),
  });
  return interaction;
}

function sameSession(a: AgentSession, b: AgentSession): boolean {
  return (
    a.status === b.status &&
    a.since === b.since &&
    a.pauseReasonId === b.pauseReasonId &&
    a.wrapUpEndsAt === b.wrapUpEndsAt &&
    a.interactionId === b.interactionId &&
    a.loggedInBy === b.loggedInBy &&
    a.loggedInAt === b.loggedInAt &&
    a.assigned === b.assigned &&
    a.allowed === b.allowed &&
    JSON.stringify(a.pending) === JSON.stringify(b.pending)
  );
}
