/**
 * Device and contact events → the devices' green dots: `DeviceStateChange` (`Device`,
 * `State`), `ContactStatus` (PJSIP registrations: `EndpointName` or `AOR`, `URI`,
 * `ContactStatus`) and `ExtensionStatus` (a hint's state, for the devices of the hint).
 */
import type { CenterEvent } from '../../../protocol/index.js';
import type { AmiMessage } from './ami-message.js';
import type { AsteriskContext } from './context.js';
import { extensionStateName } from './device-states.js';

/** `device_state_changed` for the directory's devices at `address` whose dot is now wrong. */
function dotsAt(ctx: AsteriskContext, address: string): CenterEvent[] {
  const registered = ctx.devices.registered(address);
  if (registered === undefined) return [];
  const events: CenterEvent[] = [];
  for (const device of ctx.directory.devicesAt(address)) {
    if (device.active !== registered)
      events.push({ type: 'device_state_changed', at: ctx.now(), deviceId: device.id, active: registered });
  }
  return events;
}

export function deviceStateChanged(ctx: AsteriskContext, message: AmiMessage): CenterEvent[] {
  const device = message.text('Device');
  if (device === '') return [];
  ctx.devices.setState(device, message.text('State'));
  return dotsAt(ctx, device);
}

export function contactStatus(ctx: AsteriskContext, message: AmiMessage): CenterEvent[] {
  const endpoint = message.get('EndpointName') || message.text('AOR');
  if (endpoint === '') return [];
  ctx.devices.setContact(endpoint, message.text('URI'), message.text('ContactStatus'));
  return dotsAt(ctx, `PJSIP/${endpoint}`);
}

export function extensionStatus(ctx: AsteriskContext, message: AmiMessage): CenterEvent[] {
  const status = message.int('Status');
  if (status === undefined) return [];
  const events: CenterEvent[] = [];
  for (const part of message.text('Hint').split('&')) {
    const address = part.trim();
    if (address === '' || ctx.directory.devicesAt(address).length === 0) continue;
    ctx.devices.setState(address, extensionStateName(status));
    events.push(...dotsAt(ctx, address));
  }
  return events;
}
