/**
 * One AMI event → the CenterEvents it means for ccwall (often none). Events the source does not
 * use (most of the `call` class: Newchannel, VarSet…) and unknown ones are ignored; a field an
 * older Asterisk lacks degrades that detail only (see members.ts).
 */
import type { CenterEvent } from '../../../protocol/index.js';
import type { AmiMessage } from './ami-message.js';
import {
  agentCalled,
  agentCompleted,
  agentConnected,
  agentRingEnded,
  callerAbandoned,
  callerJoined,
  callerLeft,
  leftUnanswered,
} from './caller-events.js';
import type { AsteriskContext } from './context.js';
import { contactStatus, deviceStateChanged, extensionStatus } from './device-events.js';
import { memberAdded, memberPaused, memberRemoved, memberStatus } from './member-events.js';
import { originateResponse, spyHungUp } from './spy-events.js';

type Mapping = (ctx: AsteriskContext, message: AmiMessage) => CenterEvent[];

const MAPPINGS = new Map<string, Mapping>([
  ['QueueMemberAdded', memberAdded],
  ['QueueMemberRemoved', memberRemoved],
  ['QueueMemberPause', memberPaused],
  ['QueueMemberStatus', memberStatus],
  ['QueueCallerJoin', callerJoined],
  ['QueueCallerLeave', callerLeft],
  ['QueueCallerAbandon', callerAbandoned],
  ['AgentCalled', agentCalled],
  ['AgentRingNoAnswer', agentRingEnded],
  ['AgentConnect', agentConnected],
  ['AgentComplete', agentCompleted],
  ['DeviceStateChange', deviceStateChanged],
  ['ContactStatus', contactStatus],
  ['ExtensionStatus', extensionStatus],
  ['OriginateResponse', originateResponse],
  ['Hangup', hungUp],
  ['Reload', reloaded],
]);

export function mapEvent(ctx: AsteriskContext, message: AmiMessage): CenterEvent[] {
  const name = message.event;
  if (name === undefined) return [];
  const mapping = MAPPINGS.get(name);
  return mapping ? mapping(ctx, message) : [];
}

/** A channel hung up: a spy call, or a caller who left the queue and will not be answered now. */
function hungUp(ctx: AsteriskContext, message: AmiMessage): CenterEvent[] {
  const uniqueid = message.text('Uniqueid');
  const events = spyHungUp(ctx, uniqueid);
  const call = ctx.calls.get(uniqueid);
  if (call && call.state !== 'answered') {
    ctx.calls.remove(uniqueid);
    events.push(...leftUnanswered(ctx, call));
  }
  return events;
}

/** Asterisk reloaded app_queue (or everything): members may have changed without events. */
function reloaded(ctx: AsteriskContext, message: AmiMessage): CenterEvent[] {
  const module = message.text('Module').toLowerCase();
  if (module === '' || module.includes('queue')) ctx.hooks.resync();
  return [];
}
