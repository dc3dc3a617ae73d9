/**
 * The Asterisk source on the hub's real engine (in memory) and a fake AMI on 127.0.0.1: a small
 * center whose queues and devices are mapped to Asterisk, the source link and command runner the
 * hub uses, and helpers to wait for the state a scenario expects.
 */
import { vi } from 'vitest';
import { pairKey } from '../../../../src/domain/index.js';
import { CommandRunner } from '../../../../src/hub/command-runner.js';
import { Engine } from '../../../../src/hub/engine.js';
import type { AmiConnectionOptions } from '../../../../src/hub/sources/asterisk/ami-connection.js';
import { AsteriskSource } from '../../../../src/hub/sources/asterisk/asterisk-source.js';
import { SourceLink } from '../../../../src/hub/sources/source-link.js';
import { Storage } from '../../../../src/hub/storage.js';
import type {
  Ack,
  AgentSession,
  CenterEvent,
  ChannelSettings,
  Command,
} from '../../../../src/protocol/index.js';
import { FakeAmi, type FakeAmiOptions } from './fake-ami.js';

const settings = (wrapUpSeconds: number): ChannelSettings => ({
  wrapUpSeconds,
  supervisorsMayEndWrapUp: true,
  serviceLevelSeconds: 20,
  longestWaitAlert: { warning: 30, critical: 60 },
  serviceLevelAlert: { warning: 80, critical: 60 },
});

/** Where the center's people and queues are on Asterisk. */
export interface AsteriskNames {
  claire: string;
  sarah: string;
  marc: string;
  sales: string;
  support: string;
}

export const FAKE_NAMES: AsteriskNames = {
  claire: 'PJSIP/8001',
  sarah: 'PJSIP/6941',
  marc: 'PJSIP/6942',
  sales: 'ventes',
  support: 'support',
};

/**
 * Claire supervises; Sarah (PJSIP/6941), Marc (PJSIP/6942, two devices) and Léa (extension
 * 6943, FreePBX-style members `Local/6943@from-queue/n`) are agents. Sales is Asterisk's queue
 * `ventes` (30 s wrap-up), Support is `support` (none), the web chat has no Asterisk queue.
 */
export function centerEvents(at: number, names: AsteriskNames = FAKE_NAMES): CenterEvent[] {
  const user = (
    id: string,
    name: string,
    extension: string,
    roles: Array<'agent' | 'supervisor' | 'admin'>,
  ) => ({ type: 'user_upserted', at, user: { id, name, extension, roles } }) as const;
  const device = (id: string, userId: string, address?: string) =>
    ({
      type: 'device_upserted',
      at,
      device: {
        id,
        userId,
        kind: 'desk_phone',
        label: 'Desk',
        active: false,
        ...(address ? { address } : {}),
      },
    }) as const;
  const assign = (userId: string, channelId: string, asAgent: boolean, asSupervisor: boolean) =>
    ({ type: 'assignment_set', at, assignment: { userId, channelId, asAgent, asSupervisor } }) as const;
  return [
    user('claire', 'Claire Dubois', '8001', ['supervisor']),
    user('sarah', 'Sarah Thompson', '6941', ['agent']),
    user('marc', 'Marc Lefèvre', '6942', ['agent']),
    user('lea', 'Léa Martin', '6943', ['agent']),
    device('claire-desk', 'claire', names.claire),
    device('sarah-desk', 'sarah', names.sarah),
    device('marc-desk', 'marc', names.marc),
    device('marc-soft', 'marc', 'PJSIP/6942-soft'),
    device('lea-mobile', 'lea'),
    {
      type: 'channel_upserted',
      at,
      channel: {
        id: 'sales',
        kind: 'queue',
        name: 'Sales',
        settings: settings(30),
        asterisk: { queue: names.sales },
      },
    },
    {
      type: 'channel_upserted',
      at,
      channel: {
        id: 'support',
        kind: 'queue',
        name: 'Support',
        settings: settings(0),
        asterisk: { queue: names.support },
      },
    },
    {
      type: 'channel_upserted',
      at,
      channel: { id: 'web-chat', kind: 'chat', name: 'Web chat', settings: settings(0) },
    },
    assign('claire', 'sales', false, true),
    assign('claire', 'support', false, true),
    assign('sarah', 'sales', true, false),
    assign('marc', 'sales', true, false),
    assign('marc', 'support', true, false),
    assign('lea', 'support', true, false),
    {
      type: 'pause_reasons_set',
      at,
      reasons: [
        { id: 'break', label: 'Break' },
        { id: 'lunch', label: 'Lunch' },
      ],
    },
  ];
}

export interface Harness {
  fake: FakeAmi;
  engine: Engine;
  link: SourceLink;
  source: AsteriskSource;
  runner: CommandRunner;
  log: string[];
  /** Runs a command as `userId`, as a wallboard would, and resolves with its ack. */
  command(userId: string, command: Command): Promise<Ack>;
  session(channelId: string, userId: string): AgentSession | undefined;
  /** Waits until `check` passes (throws the last failure after 5 s). */
  until<T>(check: () => T, timeout?: number): Promise<T>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  fake?: FakeAmiOptions;
  /** Prepares the PBX before the source connects. */
  before?: (fake: FakeAmi) => void;
  /** Starts the source (true by default). */
  start?: boolean;
  secret?: string;
  /** The AMI connection's timeouts (Ping every 15 s, 10 s to answer, by default). */
  connection?: AmiConnectionOptions;
  /** How often the whole picture is read again (10 minutes by default). */
  resyncEveryMs?: number;
}

let commandSeq = 0;

export async function harness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await FakeAmi.start(options.fake);
  fake.pbx.addQueue('ventes', { wrapuptime: 30 });
  fake.pbx.addQueue('support');
  for (const device of ['PJSIP/8001', 'PJSIP/6941', 'PJSIP/6942'])
    fake.pbx.setDeviceState(device, 'NOT_INUSE');
  options.before?.(fake);
  const log: string[] = [];
  const storage = Storage.open(':memory:');
  const engine = Engine.open(storage, { now: Date.now, log: (line) => log.push(line) });
  engine.seed(centerEvents(Date.now()));
  const source = new AsteriskSource({
    endpoint: {
      host: '127.0.0.1',
      port: fake.port,
      username: fake.username,
      secret: options.secret ?? fake.secret,
    },
    link: {
      backoff: { initialMs: 20, maxMs: 100 },
      ...(options.connection ? { connection: options.connection } : {}),
    },
    ...(options.resyncEveryMs === undefined ? {} : { resyncEveryMs: options.resyncEveryMs }),
  });
  const link = new SourceLink(engine, source, { now: Date.now, log: (line) => log.push(line) });
  const runner = new CommandRunner(engine, link);
  const h: Harness = {
    fake,
    engine,
    link,
    source,
    runner,
    log,
    command: async (userId, command) =>
      runner.run({ userId, readOnly: false, remote: 'test' }, `cmd-${++commandSeq}`, command),
    session: (channelId, userId) => engine.state.sessions.get(pairKey(channelId, userId)),
    until: (check, timeout = 5_000) => vi.waitFor(check, { timeout, interval: 5 }),
    close: async () => {
      await link.stop();
      await fake.close();
      storage.close();
    },
  };
  if (options.start !== false) {
    await link.start();
    await h.until(() => {
      if (!link.info.up) throw new Error(`the source is not up: ${link.info.detail}\n${log.join('\n')}`);
    });
  }
  return h;
}
