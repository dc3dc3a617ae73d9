/**
 * A supervisor's command → AMI actions, answered on Asterisk's `Response` (an `Error` is a
 * refusal with Asterisk's `Message`; no answer or a lost link is a failure):
 *
 * - login → `QueueAdd` (Queue, Interface: the user's device address, MemberName, StateInterface)
 * - logout → `QueueRemove`; pause / resume → `QueuePause` (Paused, Reason: the reason's name)
 * - monitor → `Originate` of the supervisor's own active phone to `ChanSpy` on the agent's
 *   channel (`q` no beep, `d` DTMF 4/5/6 switch modes, `E` ends with the call; `w` whisper,
 *   `B` barge), mode → `PlayDTMF` 4/5/6 received on that call, stop → `Hangup` of it
 * - end wrap-up early: Asterisk has no action for it (the capability is off).
 *
 * The state change itself comes back as Asterisk's event (QueueMemberAdded, QueueMemberPause…),
 * except for what Asterisk does not report: the monitor's mode and its stop.
 */
import { devicesOf, pairKey } from '../../../domain/index.js';
import type { Command, Device, MonitorMode, MonitorSession } from '../../../protocol/index.js';
import { SOURCE_TIMEOUT_MS, type SourceAnswer, type SourceRequest } from '../source.js';
import type { AmiResponse } from './ami-connection.js';
import type { ActionFields } from './ami-message.js';
import type { AsteriskContext } from './context.js';
import { reasonText } from './pause-reasons.js';
import type { ChangeKind } from './requesters.js';
import { newSpyChannelId, type Spy } from './spies.js';

export interface AmiSender {
  send(action: string, fields: ActionFields, options?: { timeoutMs?: number }): Promise<AmiResponse>;
}

const refused = (reason: string): SourceAnswer => ({ outcome: 'refused', reason });
const done: SourceAnswer = { outcome: 'done' };

/** ChanSpy's options for a monitor mode. */
export function chanSpyOptions(mode: MonitorMode): string {
  return mode === 'whisper' ? 'qdEw' : mode === 'barge' ? 'qdEB' : 'qdE';
}

/** The DTMF digit ChanSpy's `d` option reads to switch to `mode`. */
export function modeDigit(mode: MonitorMode): string {
  return mode === 'whisper' ? '5' : mode === 'barge' ? '6' : '4';
}

/**
 * The state interface of a member: the interface itself, except FreePBX's queue channel
 * (`Local/6941@from-queue/n`), whose state is its extension's hint (`hint:6941@ext-local`), as
 * FreePBX's own logins set it.
 */
export function stateInterfaceFor(iface: string): string {
  const freepbx = /^local\/([^@/]+)@from-queue(\/|$)/i.exec(iface);
  return freepbx ? `hint:${freepbx[1]}@ext-local` : iface;
}

export async function carryOut(
  ctx: AsteriskContext,
  ami: AmiSender,
  request: SourceRequest,
): Promise<SourceAnswer> {
  const { command } = request;
  try {
    switch (command.type) {
      case 'login':
      case 'logout':
      case 'pause':
      case 'resume':
        return await memberCommand(ctx, ami, command, request.actorId);
      case 'end_wrap_up':
        return refused('ending a wrap-up early is not possible on Asterisk');
      case 'monitor_start':
        return await monitorStart(ctx, ami, command, request);
      case 'monitor_mode':
        return await monitorMode(ctx, ami, command.mode, request.actorId);
      case 'monitor_stop':
        return await monitorStop(ctx, ami, request.actorId);
      default:
        return refused(`${command.type} is not carried out by Asterisk`);
    }
  } catch (error) {
    return { outcome: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
}

type MemberCommand = Extract<Command, { type: 'login' | 'logout' | 'pause' | 'resume' }>;

async function memberCommand(
  ctx: AsteriskContext,
  ami: AmiSender,
  command: MemberCommand,
  actorId: string,
): Promise<SourceAnswer> {
  const state = ctx.state;
  const { channelId, userId } = command;
  const channel = state.channels.get(channelId);
  const queue = ctx.directory.queueOfChannel(channelId);
  if (!channel || queue === undefined)
    return refused(`${channel?.name ?? channelId} is not an Asterisk queue in the directory`);
  const user = state.users.get(userId);
  const iface = ctx.members.of(channelId, userId)?.iface ?? phoneOf(ctx, userId)?.address;
  if (!user || iface === undefined)
    return refused(`${user?.name ?? userId} has no device with an Asterisk address in the directory`);
  let kind: ChangeKind;
  let action: string;
  let fields: ActionFields;
  switch (command.type) {
    case 'login':
      kind = 'login';
      action = 'QueueAdd';
      fields = {
        Queue: queue,
        Interface: iface,
        MemberName: user.name,
        StateInterface: stateInterfaceFor(iface),
        Paused: 'false',
      };
      break;
    case 'logout':
      kind = 'logout';
      action = 'QueueRemove';
      fields = { Queue: queue, Interface: iface };
      break;
    case 'pause':
      kind = 'pause';
      action = 'QueuePause';
      fields = {
        Queue: queue,
        Interface: iface,
        Paused: 'true',
        Reason: reasonText(state.pauseReasons, command.reasonId),
      };
      break;
    case 'resume':
      kind = 'resume';
      action = 'QueuePause';
      fields = { Queue: queue, Interface: iface, Paused: 'false' };
      break;
  }
  ctx.requesters.note(kind, queue, iface, actorId);
  const answer = await ami.send(action, fields, { timeoutMs: SOURCE_TIMEOUT_MS }).catch((error: unknown) => {
    ctx.requesters.forget(kind, queue, iface);
    throw error;
  });
  if (answer.ok) return done;
  ctx.requesters.forget(kind, queue, iface);
  return refused(answer.message || `Asterisk refused ${action}`);
}

/**
 * A user's phone for Asterisk: an active (registered) device with an address, else the first
 * device with one (Asterisk may know no state for it: a Local channel; Originate says if it fails).
 */
function phoneOf(ctx: AsteriskContext, userId: string): Device | undefined {
  const devices = devicesOf(ctx.state, userId).filter((d) => d.address !== undefined);
  return devices.find((d) => d.active) ?? devices[0];
}

/** What ChanSpy listens to: the agent's channel in the call, else any channel of their phone. */
function spyTarget(
  ctx: AsteriskContext,
  channelId: string,
  agentId: string,
  interactionId: string,
): string | undefined {
  const call = ctx.calls.withInteraction(interactionId);
  if (call?.agentChannel) return call.agentChannel;
  const member = ctx.members.of(channelId, agentId);
  for (const iface of [member?.stateIface, member?.iface]) {
    if (iface && /^(pjsip|sip|iax2|dahdi)\//i.test(iface)) return `${iface}-`;
  }
  const address = phoneOf(ctx, agentId)?.address;
  return address === undefined ? undefined : `${address}-`;
}

async function monitorStart(
  ctx: AsteriskContext,
  ami: AmiSender,
  command: Extract<Command, { type: 'monitor_start' }>,
  request: SourceRequest,
): Promise<SourceAnswer> {
  const state = ctx.state;
  const supervisorId = request.actorId;
  const expected = request.expected.find((e) => e.type === 'monitor_started');
  const interactionId =
    expected?.type === 'monitor_started'
      ? expected.monitor.interactionId
      : state.sessions.get(pairKey(command.channelId, command.agentId))?.interactionId;
  if (!interactionId) return refused('the agent is on no call');
  const monitor: MonitorSession =
    expected?.type === 'monitor_started'
      ? expected.monitor
      : {
          supervisorId,
          agentId: command.agentId,
          channelId: command.channelId,
          interactionId,
          mode: command.mode,
          since: ctx.now(),
        };
  const phone = phoneOf(ctx, supervisorId);
  if (!phone?.address)
    return refused(
      `${state.users.get(supervisorId)?.name ?? supervisorId} has no phone with an Asterisk address`,
    );
  const target = spyTarget(ctx, command.channelId, command.agentId, interactionId);
  if (target === undefined)
    return refused(
      `${state.users.get(command.agentId)?.name ?? command.agentId} has no device with an Asterisk address`,
    );
  const previous = ctx.spies.of(supervisorId);
  if (previous) {
    ctx.spies.remove(previous);
    await ami
      .send('Hangup', { Channel: previous.channel }, { timeoutMs: SOURCE_TIMEOUT_MS })
      .catch(() => undefined);
    if (state.monitors.has(supervisorId))
      ctx.hooks.emit([{ type: 'monitor_stopped', at: ctx.now(), supervisorId, reason: 'replaced' }]);
  }
  const agent = state.users.get(command.agentId);
  const spy: Spy = { supervisorId, channel: newSpyChannelId(ctx.now()), monitor, started: false };
  ctx.spies.add(spy);
  const answer = await ami
    .send(
      'Originate',
      {
        Channel: phone.address,
        Application: 'ChanSpy',
        Data: `${target},${chanSpyOptions(command.mode)}`,
        CallerID: `"${agent?.name ?? command.agentId}" <${agent?.extension ?? ''}>`,
        Timeout: 30_000,
        ChannelId: spy.channel,
        Async: 'true',
      },
      { timeoutMs: SOURCE_TIMEOUT_MS },
    )
    .catch((error: unknown) => {
      ctx.spies.remove(spy);
      throw error;
    });
  if (answer.ok) return done;
  ctx.spies.remove(spy);
  return refused(answer.message || 'Asterisk refused to call the supervisor');
}

async function monitorMode(
  ctx: AsteriskContext,
  ami: AmiSender,
  mode: MonitorMode,
  supervisorId: string,
): Promise<SourceAnswer> {
  const spy = ctx.spies.of(supervisorId);
  if (!spy?.started) return refused('no monitor call is going on');
  const answer = await ami.send(
    'PlayDTMF',
    { Channel: spy.channel, Digit: modeDigit(mode), Receive: 'true' },
    { timeoutMs: SOURCE_TIMEOUT_MS },
  );
  if (!answer.ok) return refused(answer.message || 'Asterisk refused the DTMF');
  spy.monitor = { ...spy.monitor, mode };
  ctx.hooks.emit([{ type: 'monitor_mode_changed', at: ctx.now(), supervisorId, mode }]);
  return done;
}

async function monitorStop(
  ctx: AsteriskContext,
  ami: AmiSender,
  supervisorId: string,
): Promise<SourceAnswer> {
  const spy = ctx.spies.of(supervisorId);
  if (spy) {
    const answer = await ami.send('Hangup', { Channel: spy.channel }, { timeoutMs: SOURCE_TIMEOUT_MS });
    // "No such channel": the call is gone already, which is what was asked.
    if (!answer.ok && !/no such channel/i.test(answer.message)) return refused(answer.message);
    ctx.spies.remove(spy);
  }
  if (ctx.state.monitors.has(supervisorId))
    ctx.hooks.emit([{ type: 'monitor_stopped', at: ctx.now(), supervisorId, reason: 'stopped' }]);
  return done;
}
