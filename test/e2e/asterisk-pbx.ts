/**
 * What the Asterisk end-to-end scenarios need of the telephony side, on the fake AMI of the test
 * suite or on a real Asterisk (CCWALL_TEST_AMI=host:port, CCWALL_TEST_AMI_USER,
 * CCWALL_TEST_AMI_SECRET; its queues.conf and extensions.conf as docs/asterisk.md says under
 * "Trying ccwall on a test Asterisk").
 *
 * The layout is the same on both: Sarah logged in to the sales queue, paused for a Break so that
 * callers wait until the scenario lets her answer; Marc logged in to the support queue, where no
 * caller comes; Claire supervises both.
 */
import { AmiConnection, type AmiResponse } from '../../src/hub/sources/asterisk/ami-connection.js';
import { type AsteriskNames, FAKE_NAMES } from '../hub/sources/asterisk/asterisk-harness.js';
import { FakeAmi } from '../hub/sources/asterisk/fake-ami.js';

export interface ScenarioPbx {
  /** Where the hub reaches the AMI, and as whom. */
  ami: string;
  user: string;
  secret: string;
  /** The names of the scenario's people and queues on this Asterisk. */
  names: AsteriskNames;
  /** A caller joins the sales queue and waits. */
  callerJoins(): Promise<void>;
  /** Sarah resumes and takes the oldest waiting caller. */
  sarahAnswers(): Promise<void>;
  /** Resolves once Asterisk has Marc paused in support with `reason` (the QueuePause ccwall sent). */
  marcPausedOnPbx(reason: string): Promise<void>;
  /** Holds QueueMemberPause back until the returned function is called; undefined on a real Asterisk. */
  holdPauseEvents(): (() => void) | undefined;
  /** The spy call ccwall originated: its application and data. */
  spyCall(): Promise<{ application: string; data: string }>;
  /** Sarah's channel in her call: what ChanSpy must listen to. */
  sarahsChannel(): Promise<string>;
  close(): Promise<void>;
}

/** Polls `probe` until it returns a value (5 s). */
async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function fakePbx(): Promise<ScenarioPbx> {
  const fake = await FakeAmi.start();
  const pbx = fake.pbx;
  pbx.addQueue(FAKE_NAMES.sales);
  pbx.addQueue(FAKE_NAMES.support);
  for (const device of [FAKE_NAMES.claire, FAKE_NAMES.sarah, FAKE_NAMES.marc])
    pbx.setDeviceState(device, 'NOT_INUSE');
  pbx.configureMember(FAKE_NAMES.sales, FAKE_NAMES.sarah, {
    name: 'Sarah Thompson',
    dynamic: true,
    paused: true,
    reason: 'Break',
  });
  pbx.configureMember(FAKE_NAMES.support, FAKE_NAMES.marc, { name: 'Marc Lefèvre', dynamic: true });
  const callers: string[] = [];
  let sarahsCall = '';
  return {
    ami: fake.address,
    user: fake.username,
    secret: fake.secret,
    names: FAKE_NAMES,
    callerJoins: async () => {
      callers.push(
        pbx.callerJoins(FAKE_NAMES.sales, {
          cidNum: '+33612345678',
          cidName: `Caller ${callers.length + 1}`,
        }),
      );
    },
    sarahAnswers: async () => {
      const call = callers.shift();
      if (!call) throw new Error('nobody waits');
      sarahsCall = call;
      pbx.pauseFromPhone(FAKE_NAMES.sales, FAKE_NAMES.sarah, false);
      pbx.offer(call, FAKE_NAMES.sarah);
      pbx.answer(call, FAKE_NAMES.sarah);
    },
    marcPausedOnPbx: async (reason) => {
      await fake.waitForAction(
        'QueuePause',
        (f) =>
          f.get('interface') === FAKE_NAMES.marc &&
          f.get('queue') === FAKE_NAMES.support &&
          f.get('reason') === reason,
      );
    },
    holdPauseEvents: () => {
      fake.hold('QueueMemberPause');
      return () => fake.release();
    },
    spyCall: async () => {
      const originate = await fake.waitForAction('Originate');
      return {
        application: originate.fields.get('application') ?? '',
        data: originate.fields.get('data') ?? '',
      };
    },
    sarahsChannel: async () => pbx.caller(sarahsCall)?.agentChannel ?? '',
    close: () => fake.close(),
  };
}

/** The real Asterisk's names for the scenario (docs/asterisk.md, "Trying ccwall on a test Asterisk"). */
export const TEST_ASTERISK_NAMES: AsteriskNames = {
  claire: 'Local/8001@ccwall-test/n',
  sarah: 'Local/6941@ccwall-test/n',
  marc: 'Local/6942@ccwall-test/n',
  sales: 'ccwall-sales',
  support: 'ccwall-support',
};

export async function realPbx(address: string, user: string, secret: string): Promise<ScenarioPbx> {
  const colon = address.lastIndexOf(':');
  const ami = await AmiConnection.open(
    { host: address.slice(0, colon), port: Number(address.slice(colon + 1)), username: user, secret },
    { event: () => {}, closed: () => {} },
  );
  const names = TEST_ASTERISK_NAMES;
  const send = async (action: string, fields: Record<string, string>): Promise<AmiResponse> =>
    ami.send(action, fields);
  const clean = async () => {
    await send('Hangup', { Channel: '/@ccwall-test-/' }).catch(() => undefined);
    for (const [queue, iface] of [
      [names.sales, names.sarah],
      [names.support, names.marc],
    ] as const)
      await send('QueueRemove', { Queue: queue, Interface: iface });
  };
  await clean();
  const added = await send('QueueAdd', {
    Queue: names.sales,
    Interface: names.sarah,
    MemberName: 'Sarah Thompson',
    Paused: 'true',
    Reason: 'Break',
  });
  if (!added.ok)
    throw new Error(`the test Asterisk refused QueueAdd: ${added.message} (see docs/asterisk.md)`);
  await send('QueueAdd', { Queue: names.support, Interface: names.marc, MemberName: 'Marc Lefèvre' });
  const channels = async () => (await send('CoreShowChannels', {})).events;
  return {
    ami: address,
    user,
    secret,
    names,
    callerJoins: async () => {
      const answer = await send('Originate', {
        Channel: 'Local/caller@ccwall-test/n',
        Application: 'Wait',
        Data: '600',
        Async: 'true',
      });
      if (!answer.ok) throw new Error(`Originate of a caller: ${answer.message}`);
    },
    sarahAnswers: async () => {
      await send('QueuePause', { Queue: names.sales, Interface: names.sarah, Paused: 'false' });
    },
    marcPausedOnPbx: async (reason) => {
      await eventually(async () => {
        const status = await send('QueueStatus', { Queue: names.support, Member: names.marc });
        const member = status.events.find((e) => e.event === 'QueueMember');
        return member?.flag('Paused') && member.text('PausedReason') === reason ? true : undefined;
      }, `Marc paused for ${reason} on Asterisk`);
    },
    holdPauseEvents: () => undefined,
    spyCall: async () =>
      eventually(async () => {
        const spy = (await channels()).find((c) => c.text('Application') === 'ChanSpy');
        return spy ? { application: 'ChanSpy', data: spy.text('ApplicationData') } : undefined;
      }, 'the ChanSpy call'),
    sarahsChannel: async () =>
      eventually(async () => {
        const prefix = names.sarah.replace(/\/n$/, '-');
        return (await channels())
          .map((c) => c.text('Channel'))
          .find((n) => n.startsWith(prefix) && n.endsWith(';1'));
      }, "Sarah's channel"),
    close: async () => {
      await clean().catch(() => undefined);
      ami.close();
    },
  };
}
