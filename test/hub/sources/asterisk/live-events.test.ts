/**
 * Live AMI events → what the hub shows: callers waiting, answered, completed (wrap-up),
 * abandoned or gone; logins, pauses and device states made on the PBX itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from './asterisk-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function withAgents(): Promise<Harness> {
  return harness({
    before: (fake) => {
      fake.pbx.configureMember('ventes', 'PJSIP/6941', { name: 'Sarah Thompson', dynamic: true });
      fake.pbx.configureMember('ventes', 'PJSIP/6942', {
        name: 'Marc Lefèvre',
        dynamic: true,
        wrapuptime: 5,
      });
    },
  });
}

const waitingIn = (h: Harness, channelId: string) =>
  [...h.engine.state.interactions.values()].filter((i) => i.channelId === channelId && i.answeredAt === null);

describe('live Asterisk events', () => {
  it('a caller joins (waiting), is answered (the agent busy), then completes (wrap-up for the queue’s time)', async () => {
    h = await withAgents();
    const call = h.fake.pbx.callerJoins('ventes', { cidNum: '+33612345678', cidName: 'Léa Fontaine' });
    await h.until(() => expect(waitingIn(h as Harness, 'sales')).toHaveLength(1));
    h.fake.pbx.offer(call, 'PJSIP/6941');
    h.fake.pbx.offer(call, 'PJSIP/6942');
    h.fake.pbx.answer(call, 'PJSIP/6941');
    await h.until(() =>
      expect(h?.session('sales', 'sarah')).toMatchObject({ status: 'busy', interactionId: call }),
    );
    expect(waitingIn(h, 'sales')).toHaveLength(0);
    expect(h.engine.state.stats.get('sales')).toMatchObject({ answered: 1, abandoned: 0 });
    const before = Date.now();
    h.fake.pbx.complete(call);
    await h.until(() => expect(h?.session('sales', 'sarah')?.status).toBe('wrap_up'));
    const endsAt = h.session('sales', 'sarah')?.wrapUpEndsAt ?? 0;
    expect(endsAt - before).toBeGreaterThanOrEqual(29_000);
    expect(endsAt - before).toBeLessThanOrEqual(31_000);
  });

  it("follows the member's own Wrapuptime when it has one", async () => {
    h = await withAgents();
    const call = h.fake.pbx.callerJoins('ventes');
    h.fake.pbx.offer(call, 'PJSIP/6942');
    h.fake.pbx.answer(call, 'PJSIP/6942');
    await h.until(() => expect(h?.session('sales', 'marc')?.status).toBe('busy'));
    const before = Date.now();
    h.fake.pbx.complete(call, 'agent');
    await h.until(() => expect(h?.session('sales', 'marc')?.status).toBe('wrap_up'));
    const endsAt = h.session('sales', 'marc')?.wrapUpEndsAt ?? 0;
    expect(endsAt - before).toBeGreaterThanOrEqual(4_000);
    expect(endsAt - before).toBeLessThanOrEqual(6_000);
  });

  it('counts a caller who hangs up while waiting as abandoned, and one who leaves by a key as neither', async () => {
    h = await withAgents();
    const gone = h.fake.pbx.callerJoins('ventes');
    const keyed = h.fake.pbx.callerJoins('ventes');
    await h.until(() => expect(waitingIn(h as Harness, 'sales')).toHaveLength(2));
    h.fake.pbx.abandon(gone);
    h.fake.pbx.exitWithKey(keyed);
    await h.until(() => expect(waitingIn(h as Harness, 'sales')).toHaveLength(0));
    expect(h.engine.state.stats.get('sales')).toMatchObject({ answered: 0, abandoned: 1 });
  });

  it('keeps a caller who left while being rung until AgentConnect comes (Asterisk sends Leave first)', async () => {
    h = await withAgents();
    h.fake.hold('AgentConnect');
    const call = h.fake.pbx.callerJoins('ventes');
    h.fake.pbx.offer(call, 'PJSIP/6941');
    h.fake.pbx.answer(call, 'PJSIP/6941');
    // A later event on the same stream: once it shows, QueueCallerLeave has been read.
    const marker = h.fake.pbx.callerJoins('support');
    await h.until(() => expect(h?.engine.state.interactions.has(marker)).toBe(true));
    expect(h.engine.state.interactions.get(call)).toMatchObject({ answeredAt: null });
    expect(h.engine.state.stats.get('sales')).toMatchObject({ answered: 0, abandoned: 0 });
    h.fake.release();
    await h.until(() => expect(h?.session('sales', 'sarah')?.status).toBe('busy'));
    expect(h.engine.state.stats.get('sales')).toMatchObject({ answered: 1, abandoned: 0 });
  });

  it('logs in, pauses (unknown reason: its own words), resumes and logs out members changed on the phone', async () => {
    h = await withAgents();
    h.fake.pbx.queueAdd(
      new Map([
        ['queue', 'support'],
        ['interface', 'Local/6943@from-queue/n'],
        ['membername', 'Léa'],
      ]),
    );
    await h.until(() =>
      expect(h?.session('support', 'lea')).toMatchObject({ status: 'available', loggedInBy: 'lea' }),
    );
    h.fake.pbx.pauseFromPhone('support', 'Local/6943@from-queue/n', true, 'Réunion équipe');
    await h.until(() =>
      expect(h?.session('support', 'lea')).toMatchObject({
        status: 'paused',
        pauseReasonId: 'asterisk:reunion-equipe',
      }),
    );
    expect(h.engine.state.pauseReasons.find((r) => r.id === 'asterisk:reunion-equipe')).toEqual({
      id: 'asterisk:reunion-equipe',
      label: 'Réunion équipe',
      retired: true,
    });
    h.fake.pbx.pauseFromPhone('support', 'Local/6943@from-queue/n', false);
    await h.until(() => expect(h?.session('support', 'lea')?.status).toBe('available'));
    h.fake.pbx.queueRemove(
      new Map([
        ['queue', 'support'],
        ['interface', 'Local/6943@from-queue/n'],
      ]),
    );
    await h.until(() => expect(h?.session('support', 'lea')).toBeUndefined());
  });

  it('makes a pause on the phone during a call pending, applied when the call ends', async () => {
    h = await withAgents();
    const call = h.fake.pbx.callerJoins('ventes');
    h.fake.pbx.offer(call, 'PJSIP/6941');
    h.fake.pbx.answer(call, 'PJSIP/6941');
    await h.until(() => expect(h?.session('sales', 'sarah')?.status).toBe('busy'));
    h.fake.pbx.pauseFromPhone('ventes', 'PJSIP/6941', true, 'Break');
    await h.until(() =>
      expect(h?.session('sales', 'sarah')).toMatchObject({
        status: 'busy',
        pending: { kind: 'pause', reasonId: 'break' },
      }),
    );
    h.fake.pbx.complete(call);
    await h.until(() =>
      expect(h?.session('sales', 'sarah')).toMatchObject({ status: 'paused', pauseReasonId: 'break' }),
    );
  });

  it('turns the green dots with device states and PJSIP registrations', async () => {
    h = await withAgents();
    h.fake.pbx.setDeviceState('PJSIP/6942', 'UNAVAILABLE');
    await h.until(() => expect(h?.engine.state.devices.get('marc-desk')?.active).toBe(false));
    h.fake.pbx.setDeviceState('PJSIP/6942', 'RINGING');
    await h.until(() => expect(h?.engine.state.devices.get('marc-desk')?.active).toBe(true));
    h.fake.pbx.setContact('6941', 'sip:6941@10.0.0.41:5060', 'Created');
    h.fake.pbx.setContact('6941', 'sip:6941@10.0.0.41:5060', 'Removed');
    await h.until(() => expect(h?.engine.state.devices.get('sarah-desk')?.active).toBe(false));
  });

  it('ignores events it does not know and members or queues outside the directory, without refusals', async () => {
    h = await withAgents();
    h.fake.broadcast({ Event: 'Newchannel', Channel: 'PJSIP/trunk-1', Uniqueid: '1.1' });
    h.fake.broadcast({ Event: 'toString', Queue: 'ventes' });
    h.fake.pbx.addQueue('elsewhere');
    h.fake.pbx.callerJoins('elsewhere');
    h.fake.pbx.queueAdd(
      new Map([
        ['queue', 'ventes'],
        ['interface', 'PJSIP/9999'],
      ]),
    );
    const marker = h.fake.pbx.callerJoins('ventes');
    await h.until(() => expect(h?.engine.state.interactions.has(marker)).toBe(true));
    expect(h.engine.state.interactions.size).toBe(1);
    expect(h.log.filter((line) => line.includes('refused'))).toEqual([]);
  });
});
