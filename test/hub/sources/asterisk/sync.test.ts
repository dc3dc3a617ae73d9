/**
 * The picture on connection: what QueueStatus, the device states and the PJSIP contacts say
 * becomes the hub's sessions, waiting calls and green dots.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from './asterisk-harness.js';
import { harness } from './asterisk-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('the Asterisk source on connection', () => {
  it('logs in dynamic members as their users, static ones by configuration, and leaves unknown members out', async () => {
    h = await harness({
      before: (fake) => {
        fake.pbx.configureMember('ventes', 'PJSIP/6941', { name: 'Sarah Thompson', dynamic: true });
        fake.pbx.configureMember('ventes', 'PJSIP/6942', { name: 'Marc' });
        fake.pbx.configureMember('support', 'Local/6943@from-queue/n', {
          name: 'Léa',
          stateIface: 'hint:6943@ext-local',
          dynamic: true,
        });
        fake.pbx.configureMember('support', 'PJSIP/7777', { name: 'Nobody we know' });
      },
    });
    expect(h.session('sales', 'sarah')).toMatchObject({
      status: 'available',
      loggedInBy: 'sarah',
      assigned: true,
    });
    expect(h.session('sales', 'marc')).toMatchObject({ status: 'available', loggedInBy: 'system' });
    expect(h.session('support', 'lea')).toMatchObject({ status: 'available', loggedInBy: 'lea' });
    expect(h.engine.state.sessions.size).toBe(3);
    expect(
      h.log.some((line) => line.includes('PJSIP/7777') && line.includes('no user of the directory')),
    ).toBe(true);
  });

  it('pauses members with the directory reason of the same name, and shows an unknown reason as its own words', async () => {
    h = await harness({
      before: (fake) => {
        fake.pbx.configureMember('ventes', 'PJSIP/6941', { dynamic: true, paused: true, reason: 'lunch' });
        fake.pbx.configureMember('ventes', 'PJSIP/6942', {
          dynamic: true,
          paused: true,
          reason: 'Smoke break',
        });
        fake.pbx.configureMember('support', 'Local/6943@from-queue/n', { dynamic: true, paused: true });
      },
    });
    expect(h.session('sales', 'sarah')).toMatchObject({ status: 'paused', pauseReasonId: 'lunch' });
    expect(h.session('sales', 'marc')).toMatchObject({
      status: 'paused',
      pauseReasonId: 'asterisk:smoke-break',
    });
    expect(h.session('support', 'lea')).toMatchObject({ status: 'paused', pauseReasonId: 'asterisk:none' });
    expect(h.engine.state.pauseReasons).toEqual([
      { id: 'break', label: 'Break' },
      { id: 'lunch', label: 'Lunch' },
      { id: 'asterisk:smoke-break', label: 'Smoke break', retired: true },
      { id: 'asterisk:none', label: '—', retired: true },
    ]);
  });

  it('shows the waiting callers with their wait, and a member on a call busy', async () => {
    const start = Date.now();
    h = await harness({
      before: (fake) => {
        fake.pbx.configureMember('ventes', 'PJSIP/6941', { dynamic: true });
        fake.pbx.callerJoins('ventes', {
          cidNum: '+33612345678',
          cidName: 'Léa Fontaine',
          uniqueid: '1712345678.1',
        });
        const answered = fake.pbx.callerJoins('ventes', { cidNum: '+33699999999', uniqueid: '1712345678.2' });
        fake.pbx.offer(answered, 'PJSIP/6941');
        fake.pbx.answer(answered, 'PJSIP/6941');
      },
    });
    const waiting = h.engine.state.interactions.get('1712345678.1');
    expect(waiting).toMatchObject({
      channelId: 'sales',
      answeredAt: null,
      customer: { name: 'Léa Fontaine', address: '+33612345678' },
    });
    expect(waiting?.queuedAt).toBeLessThanOrEqual(Date.now());
    expect(waiting?.queuedAt).toBeGreaterThanOrEqual(start - 1_000);
    const sarah = h.session('sales', 'sarah');
    expect(sarah?.status).toBe('busy');
    expect(h.engine.state.interactions.get(sarah?.interactionId ?? '')?.agentId).toBe('sarah');
    expect(h.engine.state.interactions.size).toBe(2);
  });

  it('lights the devices Asterisk has registered: PJSIP contacts where readable, device states otherwise', async () => {
    h = await harness({
      before: (fake) => {
        fake.pbx.setDeviceState('PJSIP/6942', 'UNAVAILABLE');
        fake.pbx.setDeviceState('PJSIP/6942-soft', 'NOT_INUSE');
        fake.pbx.setContact('6941', 'sip:6941@10.0.0.41:5060', 'Reachable');
        fake.pbx.setContact('8001', 'sip:8001@10.0.0.80:5060', 'Unreachable');
      },
    });
    const active = (id: string) => h?.engine.state.devices.get(id)?.active;
    expect(active('sarah-desk')).toBe(true);
    expect(active('claire-desk')).toBe(false);
    expect(active('marc-desk')).toBe(false);
    expect(active('marc-soft')).toBe(true);
    expect(active('lea-mobile')).toBe(false);
  });

  it('falls back to the hints of ExtensionStateList without DeviceStateList, and to device states without contacts', async () => {
    h = await harness({
      fake: {
        deviceStateList: false,
        systemWrite: false,
        hints: [
          { exten: '6941', context: 'ext-local', hint: 'PJSIP/6941&Custom:DND6941' },
          { exten: '6942', context: 'ext-local', hint: 'PJSIP/6942' },
        ],
      },
      before: (fake) => fake.pbx.setDeviceState('PJSIP/6942', 'UNAVAILABLE'),
    });
    expect(h.engine.state.devices.get('sarah-desk')?.active).toBe(true);
    expect(h.engine.state.devices.get('marc-desk')?.active).toBe(false);
    expect(h.log.some((line) => line.includes('PJSIP contacts not readable (Permission denied)'))).toBe(true);
  });

  it('shows a member whose call ended before the hub connected in wrap-up, until LastCall + wrapuptime', async () => {
    const lastCall = Math.floor(Date.now() / 1000) - 5;
    h = await harness({
      before: (fake) => {
        fake.pbx.configureMember('ventes', 'PJSIP/6941', { name: 'Sarah Thompson', dynamic: true });
        const member = fake.pbx.member('ventes', 'PJSIP/6941');
        if (member) {
          member.loginTime = lastCall - 600;
          member.lastCall = lastCall;
        }
      },
    });
    // ventes has a 30 s wrapuptime (the harness's queue): five seconds into it.
    expect(h.session('sales', 'sarah')).toMatchObject({
      status: 'wrap_up',
      since: lastCall * 1000,
      wrapUpEndsAt: (lastCall + 30) * 1000,
    });
  });

  it('reads Asterisk 16.0, whose members have no Wrapuptime or LoginTime, losing only those details', async () => {
    h = await harness({
      fake: { legacy16: true },
      before: (fake) =>
        fake.pbx.configureMember('ventes', 'PJSIP/6941', { dynamic: true, paused: true, reason: 'Break' }),
    });
    expect(h.session('sales', 'sarah')).toMatchObject({ status: 'paused', pauseReasonId: 'break' });
  });

  it('reads the picture again now and then, catching what Asterisk changed without an event', async () => {
    h = await harness({ resyncEveryMs: 50 });
    expect(h.session('sales', 'sarah')).toBeUndefined();
    // A queues.conf member and a `queue reload` this user cannot see (no `system` class).
    h.fake.pbx.configureMember('ventes', 'PJSIP/6941', { name: 'Sarah Thompson' });
    await h.until(() => expect(h?.session('sales', 'sarah')).toMatchObject({ status: 'available' }));
  });

  it('reads the picture again when the directory changes: a new user may be a member already', async () => {
    h = await harness({
      before: (fake) => fake.pbx.configureMember('support', 'PJSIP/7777', { name: 'Nina' }),
    });
    expect(h.engine.state.sessions.size).toBe(0);
    const at = Date.now();
    h.engine.system((batch) =>
      batch.run({
        ok: true,
        events: [
          {
            type: 'user_upserted',
            at,
            user: { id: 'nina', name: 'Nina Petit', extension: '7777', roles: ['agent'] },
          },
          {
            type: 'device_upserted',
            at,
            device: {
              id: 'nina-desk',
              userId: 'nina',
              kind: 'desk_phone',
              label: 'Desk',
              active: false,
              address: 'PJSIP/7777',
            },
          },
        ],
      }),
    );
    await h.until(() => expect(h?.session('support', 'nina')).toMatchObject({ status: 'available' }));
  });
});
