import { describe, expect, it } from 'vitest';
import { diffDirectory, directoryOfState } from '../../src/directory/index.js';
import { apply, reconcile, scopedSnapshot, viewScope } from '../../src/domain/index.js';
import { Engine } from '../../src/hub/engine.js';
import { demoCenterEvents } from '../../src/hub/sources/demo/demo-center.js';
import { Simulator } from '../../src/hub/sources/demo/simulator.js';
import { Storage } from '../../src/hub/storage.js';
import {
  CenterEvent,
  type ClientMessage,
  Command,
  type HubMessage,
  MAX_FRAME_BYTES,
  parseClientMessage,
  parseHubMessage,
} from '../../src/protocol/index.js';
import { buildCenter, callAnsweredBy, run, T0, users } from '../fixtures/center.js';

function sampleState() {
  const state = buildCenter();
  run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
  run(state, users.sup, { type: 'login', channelId: 'web', userId: 'bob' });
  callAnsweredBy(state, 'sales', 'alice');
  run(state, users.sup, { type: 'pause', channelId: 'sales', userId: 'alice', reasonId: 'lunch' });
  run(state, users.sup, { type: 'monitor_start', channelId: 'sales', agentId: 'alice', mode: 'whisper' });
  return state;
}

const clientMessages: ClientMessage[] = [
  { type: 'hello', protocol: 1 },
  { type: 'hello', protocol: 1, resume: { epoch: 'e-1', seq: 42 }, client: 'ccwall 0.1.0' },
  {
    type: 'command',
    id: 'cmd-00000001',
    command: { type: 'pause', channelId: 'sales', userId: 'alice', reasonId: 'lunch' },
  },
  {
    type: 'command',
    id: 'cmd-00000002',
    command: { type: 'monitor_start', channelId: 'sales', agentId: 'alice', mode: 'barge' },
  },
  { type: 'command', id: 'cmd-00000003', command: { type: 'monitor_stop' } },
  {
    type: 'command',
    id: 'cmd-00000004',
    command: { type: 'set_org_settings', agentsMayLogInToUnassigned: false },
  },
  { type: 'heartbeat', seq: 7 },
  { type: 'query', id: 'q1', query: { kind: 'audit', limit: 50, before: 900 } },
];

function hubMessages(): HubMessage[] {
  const state = sampleState();
  const data = scopedSnapshot(state, viewScope(state, users.sup));
  return [
    {
      type: 'welcome',
      protocol: 1,
      user: users.sup,
      permissions: { manageAgents: true, monitor: true, changeOrgSettings: false, readOnly: false },
      hub: { name: 'ccwall hub', version: '0.1.0' },
      epoch: 'e-1',
      heartbeatMs: 5000,
    },
    { type: 'snapshot', epoch: 'e-1', seq: 10, part: 0, parts: 1, data },
    { type: 'resumed', epoch: 'e-1', seq: 10 },
    {
      type: 'delta',
      seq: 12,
      prev: 10,
      event: {
        type: 'pending_set',
        at: T0,
        channelId: 'sales',
        userId: 'alice',
        pending: { kind: 'logout', requestedBy: 'sam', requestedAt: T0 },
      },
    },
    { type: 'heartbeat', epoch: 'e-1', seq: 12, at: T0 },
    { type: 'ack', id: 'cmd-00000001', ok: true, seq: 12 },
    {
      type: 'ack',
      id: 'cmd-00000002',
      ok: false,
      seq: 12,
      error: { code: 'forbidden', message: 'you do not manage Support' },
    },
    {
      type: 'query_result',
      id: 'q1',
      ok: true,
      audit: [
        {
          id: 1,
          at: T0,
          actorId: 'sam',
          remote: '127.0.0.1',
          action: 'pause',
          target: 'sales/alice',
          result: 'ok',
          detail: '',
        },
      ],
    },
    { type: 'error', error: { code: 'bad_message', message: 'not JSON' } },
  ];
}

describe('every message kind', () => {
  it.each(clientMessages.map((m) => [`${m.type}${'command' in m ? `:${m.command.type}` : ''}`, m] as const))(
    'client %s parses what it serialises',
    (_name, message) => {
      const parsed = parseClientMessage(JSON.stringify(message));
      expect(parsed).toEqual({ ok: true, value: message });
    },
  );

  it('hub messages parse what they serialise, the snapshot included', () => {
    for (const message of hubMessages()) {
      expect(parseHubMessage(JSON.stringify(message)), message.type).toEqual({ ok: true, value: message });
    }
  });

  it('every event a real session produces parses', () => {
    const state = sampleState();
    const data = scopedSnapshot(state, viewScope(state, users.admin));
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(
      CenterEvent.safeParse({ type: 'agent_logged_in', at: T0, session: data.sessions[0] }).success,
    ).toBe(true);
  });
});

describe('a malformed frame', () => {
  const rejected = (frame: string) => {
    const parsed = parseClientMessage(frame);
    if (parsed.ok) throw new Error(`accepted: ${frame}`);
    expect(parsed.error.code).toBe('bad_message');
    return parsed.error.message;
  };

  it('that is not JSON says so', () => {
    expect(rejected('{"type":"hello",')).toMatch(/not JSON/);
  });

  it('of an unknown type names the field', () => {
    expect(rejected('{"type":"shutdown"}')).toMatch(/type/);
  });

  it('with a wrong field type says which field', () => {
    expect(rejected(JSON.stringify({ type: 'heartbeat', seq: 'seven' }))).toMatch(/seq/);
  });

  it('with an unknown command is refused', () => {
    expect(
      rejected(JSON.stringify({ type: 'command', id: 'cmd-00000009', command: { type: 'format_disk' } })),
    ).toMatch(/command/);
  });

  it('with an id carrying terminal control characters is refused', () => {
    const frame = JSON.stringify({
      type: 'command',
      id: 'cmd-00000010',
      command: { type: 'logout', channelId: 'sales', userId: 'alice\u001b[2J' },
    });
    expect(rejected(frame)).toMatch(/userId/);
  });

  it('with a huge number or deep nesting is refused without throwing', () => {
    rejected(JSON.stringify({ type: 'heartbeat', seq: 1e308 }));
    rejected(`${'['.repeat(5000)}${']'.repeat(5000)}`);
  });

  it('keeps its error message short enough for a frame', () => {
    const garbage = JSON.stringify({ type: 'hello', protocol: 'x'.repeat(MAX_FRAME_BYTES) });
    expect(rejected(garbage).length).toBeLessThanOrEqual(500);
  });
});

describe('every event type', () => {
  /** Events a real center makes: the demo's seed, an hour of simulated traffic, and supervisors' commands. */
  function realEvents(): CenterEvent[] {
    let now = T0;
    const storage = Storage.open(':memory:');
    const engine = Engine.open(storage, { now: () => now, log: () => {} });
    const seed = demoCenterEvents(2, now);
    engine.seed(seed);
    const events: CenterEvent[] = [...seed];
    engine.subscribe({ deliver: (d) => events.push(d.event), reset: () => {} });
    const simulator = new Simulator(engine, { seed: 2 }, () => now);
    for (let step = 1; step <= 3600; step++) {
      now = T0 + step * 1000;
      simulator.step(now);
    }
    storage.close();
    // What only people do: monitor, change the org settings, log out (pending on a busy agent).
    const state = buildCenter();
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
    callAnsweredBy(state, 'sales', 'alice');
    for (const command of [
      { type: 'monitor_start', channelId: 'sales', agentId: 'alice', mode: 'listen' },
      { type: 'monitor_mode', mode: 'barge' },
      { type: 'monitor_stop' },
      { type: 'logout', channelId: 'sales', userId: 'alice' },
      { type: 'login', channelId: 'web', userId: 'bob' },
      { type: 'logout', channelId: 'web', userId: 'bob' },
    ] as const)
      events.push(...run(state, users.sup, command));
    events.push(...run(state, users.admin, { type: 'set_org_settings', agentsMayLogInToUnassigned: false }));
    // A telephony system's picture after a reconnection: Bob in wrap-up after a call the hub missed.
    events.push(...run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'bob' }));
    const sessions = [...state.sessions.values()].map((s) =>
      s.userId === 'bob' ? { ...s, status: 'wrap_up' as const, wrapUpEndsAt: T0 + 90_000 } : s,
    );
    const activeDevices = [...state.devices.values()].filter((d) => d.active).map((d) => d.id);
    reconcile(
      state,
      { sessions, interactions: [...state.interactions.values()], activeDevices },
      T0 + 60_000,
      (made) => {
        for (const event of made) apply(state, event);
        events.push(...made);
      },
    );
    events.push({ type: 'stats_reset', at: T0 + 86_400_000, since: T0 + 86_400_000 });
    // The directory's removals: a new file without Chloé, Winback and Alice's desk phone.
    const wanted = directoryOfState(state);
    const plan = diffDirectory(
      state,
      {
        ...wanted,
        users: wanted.users.filter((u) => u.id !== 'chloe'),
        channels: wanted.channels.filter((c) => c.id !== 'winback'),
        devices: wanted.devices.filter((d) => d.id !== 'alice-desk'),
      },
      { at: T0 + 86_400_000 },
    );
    events.push(...plan.events);
    return events;
  }

  it('is made by a real center, and each parses as a delta and in a batch what it serialises', () => {
    const events = realEvents();
    const byType = new Map(events.map((event) => [event.type, event]));
    const types = CenterEvent.options.map((option) => option.shape.type.value);
    expect([...byType.keys()].sort()).toEqual([...types].sort());
    let seq = 100;
    for (const event of byType.values()) {
      const delta: HubMessage = { type: 'delta', seq: seq + 1, prev: seq, event };
      expect(parseHubMessage(JSON.stringify(delta)), event.type).toEqual({ ok: true, value: delta });
      seq += 1;
    }
    const batch: HubMessage = {
      type: 'deltas',
      prev: 7,
      deltas: [...byType.values()].map((event, i) => ({ seq: 8 + i * 3, event })),
    };
    expect(parseHubMessage(JSON.stringify(batch))).toEqual({ ok: true, value: batch });
  });
});

const SAMPLE_COMMANDS = [
  { type: 'login', channelId: 'sales', userId: 'alice' },
  { type: 'logout', channelId: 'sales', userId: 'alice' },
  { type: 'pause', channelId: 'sales', userId: 'alice', reasonId: 'lunch' },
  { type: 'resume', channelId: 'sales', userId: 'alice' },
  { type: 'end_wrap_up', channelId: 'sales', userId: 'alice' },
  { type: 'monitor_start', channelId: 'web', agentId: 'bob', mode: 'read' },
  { type: 'monitor_mode', mode: 'listen' },
  { type: 'monitor_stop' },
  { type: 'set_org_settings', supervisorsLimitedToAssigned: true },
  { type: 'set_channel_settings', channelId: 'sales', supervisorsMayEndWrapUp: false },
  { type: 'add_pause_reason', reasonId: 'coffee', label: 'Coffee' },
  { type: 'rename_pause_reason', reasonId: 'coffee', label: 'Coffee break' },
  { type: 'retire_pause_reason', reasonId: 'coffee' },
  { type: 'restore_pause_reason', reasonId: 'coffee' },
];

describe('every command', () => {
  it.each(SAMPLE_COMMANDS.map((command) => [command.type, command] as const))(
    '%s parses what it serialises',
    (_name, command) => {
      const message = { type: 'command', id: `cmd-${command.type}`, command };
      expect(parseClientMessage(JSON.stringify(message))).toEqual({ ok: true, value: message });
    },
  );

  it('takes a pause reason label trimmed, 1 to 40 characters, and an id by the id rules', () => {
    const parse = (command: unknown) =>
      parseClientMessage(JSON.stringify({ type: 'command', id: 'cmd-label-1', command }));
    expect(parse({ type: 'add_pause_reason', reasonId: 'nap', label: '  Nap  ' })).toMatchObject({
      ok: true,
      value: { command: { label: 'Nap' } },
    });
    for (const label of ['', '   ', 'x'.repeat(41)])
      expect(parse({ type: 'rename_pause_reason', reasonId: 'nap', label }).ok, JSON.stringify(label)).toBe(
        false,
      );
    expect(parse({ type: 'retire_pause_reason', reasonId: 'a nap' }).ok).toBe(false);
  });

  it('samples every command type', () => {
    const types = Command.options.map((option) => option.shape.type.value);
    expect(SAMPLE_COMMANDS.map((c) => c.type).sort()).toEqual([...types].sort());
  });

  it('a refused query answers with an error', () => {
    const message: HubMessage = {
      type: 'query_result',
      id: 'q2',
      ok: false,
      error: { code: 'forbidden', message: 'only supervisors and admins read the audit log' },
    };
    expect(parseHubMessage(JSON.stringify(message))).toEqual({ ok: true, value: message });
  });
});

describe('a client message with a property the protocol does not have', () => {
  it.each([
    ['a command', { type: 'command', id: 'cmd-extra-1', command: { type: 'monitor_stop', force: true } }],
    [
      'a command envelope',
      { type: 'command', id: 'cmd-extra-2', command: { type: 'monitor_stop' }, urgent: 1 },
    ],
    ['a hello', { type: 'hello', protocol: 1, token: 'ccw_x' }],
    ['a resume position', { type: 'hello', protocol: 1, resume: { epoch: 'e', seq: 1, part: 0 } }],
    ['a query', { type: 'query', id: 'q', query: { kind: 'audit', limit: 5, actor: 'x' } }],
    ['a heartbeat', { type: 'heartbeat', seq: 1, at: 5 }],
  ])('is refused with bad_message: %s', (_what, message) => {
    const parsed = parseClientMessage(JSON.stringify(message));
    expect(parsed).toMatchObject({ ok: false, error: { code: 'bad_message' } });
  });
});
