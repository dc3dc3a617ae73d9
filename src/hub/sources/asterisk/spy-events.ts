/**
 * The supervisor's spy call, as Asterisk reports it: `OriginateResponse` (the supervisor
 * answered and ChanSpy runs: the monitor starts; or the phone did not answer) and `Hangup` of
 * that call (the supervisor hung up: the monitor stops).
 */
import type { CenterEvent } from '../../../protocol/index.js';
import type { AmiMessage } from './ami-message.js';
import type { AsteriskContext } from './context.js';

export function originateResponse(ctx: AsteriskContext, message: AmiMessage): CenterEvent[] {
  const spy = ctx.spies.onChannel(message.text('Uniqueid'));
  if (!spy || spy.started) return [];
  if (message.text('Response').toLowerCase() !== 'success') {
    ctx.spies.remove(spy);
    ctx.hooks.log(
      `the monitor call to ${spy.supervisorId} failed (${message.text('Channel')}, reason ${message.text('Reason')})`,
    );
    return [];
  }
  const { monitor } = spy;
  if (!ctx.state.interactions.has(monitor.interactionId)) {
    ctx.spies.remove(spy);
    ctx.hooks.hangup(spy.channel);
    return [];
  }
  spy.started = true;
  return [{ type: 'monitor_started', at: ctx.now(), monitor: { ...monitor, since: ctx.now() } }];
}

/** A hung-up channel: a spy call ends its monitor. */
export function spyHungUp(ctx: AsteriskContext, uniqueid: string): CenterEvent[] {
  const spy = ctx.spies.onChannel(uniqueid);
  if (!spy) return [];
  ctx.spies.remove(spy);
  const shown = ctx.state.monitors.get(spy.supervisorId);
  if (
    !spy.started ||
    shown?.interactionId !== spy.monitor.interactionId ||
    shown.agentId !== spy.monitor.agentId
  )
    return [];
  return [{ type: 'monitor_stopped', at: ctx.now(), supervisorId: spy.supervisorId, reason: 'stopped' }];
}
