/**
 * Supervisors' commands through the hub's rules and the Asterisk source: the AMI action each
 * becomes, the ack on Asterisk's Response (an Error shown with Asterisk's words), and the state
 * changing only when Asterisk's event comes back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  chanSpyOptions,
  modeDigit,
  stateInterfaceFor,
} from '../../../../src/hub/sources/asterisk/commands.js';
import { type Harness, harness } from './asterisk-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const fields = (action: { fields: Map<string, string> }, ...keys: string[]) =>
  Object.fromEntries(keys.map((key) => [key, action.fields.get(key.toLowerCase())]));

describe('commands on Asterisk', () => {
  it('log in → QueueAdd with the device, the name and the state interface; log out → QueueRemove', async () => {
    h = await harness();
    expect(await h.command('claire', { type: 'login', channelId: 'sales', userId: 'sarah' })).toMatchObject({
      ok: true,
    });
    const add = await h.fake.waitForAction('QueueAdd');
    expect(fields(add, 'Queue', 'Interface', 'MemberName', 'StateInterface')).toEqual({
      Queue: 'ventes',
      Interface: 'PJSIP/6941',
      MemberName: 'Sarah Thompson',
      StateInterface: 'PJSIP/6941',
    });
    await h.until(() =>
      expect(h?.session('sales', 'sarah')).toMatchObject({ status: 'available', loggedInBy: 'claire' }),
    );
    expect(await h.command('claire', { type: 'logout', channelId: 'sales', userId: 'sarah' })).toMatchObject({
      ok: true,
    });
    const remove = await h.fake.waitForAction('QueueRemove');
    expect(fields(remove, 'Queue', 'Interface')).toEqual({ Queue: 'ventes', Interface: 'PJSIP/6941' });
    await h.until(() => expect(h?.session('sales', 'sarah')).toBeUndefined());
  });

  it('pause → QueuePause with the reason’s name; the row turns paused only when QueueMemberPause comes back', async () => {
    h = await harness({
      before: (fake) => fake.pbx.configureMember('ventes', 'PJSIP/6941', { dynamic: true }),
    });
    h.fake.hold('QueueMemberPause');
    const ack = await h.command('claire', {
      type: 'pause',
      channelId: 'sales',
      userId: 'sarah',
      reasonId: 'lunch',
    });
    expect(ack).toMatchObject({ ok: true });
    const pause = await h.fake.waitForAction('QueuePause');
    expect(fields(pause, 'Queue', 'Interface', 'Paused', 'Reason')).toEqual({
      Queue: 'ventes',
      Interface: 'PJSIP/6941',
      Paused: 'true',
      Reason: 'Lunch',
    });
    expect(h.session('sales', 'sarah')?.status).toBe('available');
    h.fake.release();
    await h.until(() =>
      expect(h?.session('sales', 'sarah')).toMatchObject({ status: 'paused', pauseReasonId: 'lunch' }),
    );
    expect(await h.command('claire', { type: 'resume', channelId: 'sales', userId: 'sarah' })).toMatchObject({
      ok: true,
    });
    await h.until(() => expect(h?.session('sales', 'sarah')?.status).toBe('available'));
    const resume = h.fake.actions.filter((a) => a.name === 'QueuePause').at(-1);
    expect(resume?.fields.get('paused')).toBe('false');
  });

  it('uses the member’s own interface for a FreePBX-style member (Local/…)', async () => {
    h = await harness({
      before: (fake) =>
        fake.pbx.configureMember('support', 'Local/6943@from-queue/n', {
          dynamic: true,
          stateIface: 'hint:6943@ext-local',
        }),
    });
    await h.command('claire', { type: 'pause', channelId: 'support', userId: 'lea', reasonId: 'break' });
    const pause = await h.fake.waitForAction('QueuePause');
    expect(pause.fields.get('interface')).toBe('Local/6943@from-queue/n');
  });

  it('shows Asterisk’s Error with its message, and changes nothing', async () => {
    h = await harness({
      before: (fake) => fake.pbx.configureMember('ventes', 'PJSIP/6942', { name: 'Marc' }),
    });
    const ack = await h.command('claire', { type: 'logout', channelId: 'sales', userId: 'marc' });
    expect(ack).toMatchObject({
      ok: false,
      error: { code: 'source_refused', message: 'Asterisk: Member not dynamic' },
    });
    expect(h.session('sales', 'marc')).toBeDefined();
  });

  it('declares ending a wrap-up early not supported: the hub refuses it before asking Asterisk', async () => {
    h = await harness({
      before: (fake) => fake.pbx.configureMember('ventes', 'PJSIP/6941', { dynamic: true }),
    });
    const call = h.fake.pbx.callerJoins('ventes');
    h.fake.pbx.offer(call, 'PJSIP/6941');
    h.fake.pbx.answer(call, 'PJSIP/6941');
    h.fake.pbx.complete(call);
    await h.until(() => expect(h?.session('sales', 'sarah')?.status).toBe('wrap_up'));
    const actions = h.fake.actions.length;
    const ack = await h.command('claire', { type: 'end_wrap_up', channelId: 'sales', userId: 'sarah' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'not_supported' } });
    expect(ack.ok ? '' : ack.error.message).toContain('Asterisk');
    expect(h.fake.actions.length).toBe(actions);
  });

  it('monitor → Originate of the supervisor’s phone to ChanSpy on the agent’s channel; mode → PlayDTMF; stop → Hangup', async () => {
    h = await harness({
      before: (fake) => fake.pbx.configureMember('ventes', 'PJSIP/6941', { dynamic: true }),
    });
    await h.until(() => expect(h?.engine.state.devices.get('claire-desk')?.active).toBe(true));
    const call = h.fake.pbx.callerJoins('ventes');
    h.fake.pbx.offer(call, 'PJSIP/6941');
    h.fake.pbx.answer(call, 'PJSIP/6941');
    await h.until(() => expect(h?.session('sales', 'sarah')?.status).toBe('busy'));
    const ack = await h.command('claire', {
      type: 'monitor_start',
      channelId: 'sales',
      agentId: 'sarah',
      mode: 'whisper',
    });
    expect(ack).toMatchObject({ ok: true });
    const originate = await h.fake.waitForAction('Originate');
    const agentChannel = h.fake.pbx.caller(call)?.agentChannel ?? '';
    expect(agentChannel).toMatch(/^PJSIP\/6941-/);
    expect(fields(originate, 'Channel', 'Application', 'Data', 'Async')).toEqual({
      Channel: 'PJSIP/8001',
      Application: 'ChanSpy',
      Data: `${agentChannel},qdEw`,
      Async: 'true',
    });
    await h.until(() =>
      expect(h?.engine.state.monitors.get('claire')).toMatchObject({ agentId: 'sarah', mode: 'whisper' }),
    );
    const spy = originate.fields.get('channelid') ?? '';
    expect(await h.command('claire', { type: 'monitor_mode', mode: 'barge' })).toMatchObject({ ok: true });
    const dtmf = await h.fake.waitForAction('PlayDTMF');
    expect(fields(dtmf, 'Channel', 'Digit', 'Receive')).toEqual({
      Channel: spy,
      Digit: '6',
      Receive: 'true',
    });
    expect(h.fake.channel(spy)?.received).toEqual(['6']);
    expect(h.engine.state.monitors.get('claire')?.mode).toBe('barge');
    expect(await h.command('claire', { type: 'monitor_stop' })).toMatchObject({ ok: true });
    const hangup = await h.fake.waitForAction('Hangup');
    expect(hangup.fields.get('channel')).toBe(spy);
    expect(h.engine.state.monitors.has('claire')).toBe(false);
    expect(h.fake.channel(spy)).toBeUndefined();
  });

  it('ends the monitor when the supervisor hangs up the phone', async () => {
    h = await harness({
      before: (fake) => fake.pbx.configureMember('ventes', 'PJSIP/6941', { dynamic: true }),
    });
    const call = h.fake.pbx.callerJoins('ventes');
    h.fake.pbx.offer(call, 'PJSIP/6941');
    h.fake.pbx.answer(call, 'PJSIP/6941');
    await h.until(() => expect(h?.session('sales', 'sarah')?.status).toBe('busy'));
    await h.command('claire', {
      type: 'monitor_start',
      channelId: 'sales',
      agentId: 'sarah',
      mode: 'listen',
    });
    await h.until(() => expect(h?.engine.state.monitors.has('claire')).toBe(true));
    const spy = (await h.fake.waitForAction('Originate')).fields.get('channelid') ?? '';
    const channel = h.fake.channel(spy);
    if (!channel) throw new Error('no spy channel');
    expect(channel.data.endsWith(',qdE')).toBe(true);
    h.fake.hangup(channel);
    await h.until(() => expect(h?.engine.state.monitors.has('claire')).toBe(false));
  });

  it('refuses, in words, to log in someone whose devices have no Asterisk address', async () => {
    h = await harness();
    const ack = await h.command('claire', { type: 'login', channelId: 'support', userId: 'lea' });
    expect(ack).toMatchObject({
      ok: false,
      error: {
        code: 'source_refused',
        message: 'Asterisk: Léa Martin has no device with an Asterisk address in the directory',
      },
    });
    expect(h.fake.actions.some((a) => a.name === 'QueueAdd')).toBe(false);
  });

  it("gives FreePBX's queue channels their extension's hint as state interface, others their own", () => {
    expect(stateInterfaceFor('Local/6943@from-queue/n')).toBe('hint:6943@ext-local');
    expect(stateInterfaceFor('Local/6943@my-agents/n')).toBe('Local/6943@my-agents/n');
    expect(stateInterfaceFor('PJSIP/6941')).toBe('PJSIP/6941');
  });

  it('names the ChanSpy options and the DTMF digits of each mode', () => {
    expect(['listen', 'whisper', 'barge'].map((m) => chanSpyOptions(m as 'listen'))).toEqual([
      'qdE',
      'qdEw',
      'qdEB',
    ]);
    expect(['listen', 'whisper', 'barge'].map((m) => modeDigit(m as 'listen'))).toEqual(['4', '5', '6']);
  });
});
