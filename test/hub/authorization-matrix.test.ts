/**
 * The authorization matrix: every command × every kind of actor × every kind of channel, run
 * against a live hub over real sockets. THE TABLE BELOW IS THE SPECIFICATION: each cell states
 * the outcome ('ok' or the error code of the refusal) and the test generates one case per cell.
 *
 * Each case has its own channel, actor and target agent, prepared so that the command would
 * succeed if the actor were allowed (the target is logged in, paused, in wrap-up or busy as the
 * command needs; a monitoring actor already monitors): a refusal is then about the actor.
 * The org limits supervisors to their assigned channels and agents to theirs. Chat channels in
 * this center do not let supervisors end an agent's wrap-up early; queues and campaigns do.
 * The admin commands act on the case's own channel (flipping its setting) or its own pause reason
 * (added, renamed, retired, or restored from retired), so that no case changes another's world.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CenterEvent,
  type Channel,
  type ChannelKind,
  Command,
  type CommandType,
  type ErrorCode,
  type PauseReason,
  type Role,
  type User,
} from '../../src/protocol/index.js';
import { HubClient } from './hub-client.js';
import { type PartsHub, startPartsHub } from './security-fixtures.js';

type Actor = 'admin' | 'supervisorIn' | 'supervisorOut' | 'agentSelf' | 'agentOther' | 'readOnly';
type Outcome = 'ok' | ErrorCode;
type Cell = Outcome | Record<ChannelKind, Outcome>;

const byKind = (queue: Outcome, chat: Outcome, campaign: Outcome): Cell => ({ queue, chat, campaign });
/** Monitoring in a mode the channel kind has not (whisper on a chat) is invalid_mode. */
const MONITOR = byKind('ok', 'invalid_mode', 'ok');
/** Chat channels here do not let supervisors end wrap-up early. */
const WRAP = byKind('ok', 'wrap_up_end_not_enabled', 'ok');

// biome-ignore format: the table is easier to read aligned
const EXPECTED: Record<CommandType, Record<Actor, Cell>> = {
  //                admin                                         supervisor in scope                           supervisor out of scope   agent on self   agent on other   read-only token
  login:            { admin: 'ok',                                supervisorIn: 'ok',                           supervisorOut: 'forbidden',      agentSelf: 'ok',             agentOther: 'forbidden',      readOnly: 'read_only' },
  logout:           { admin: 'ok',                                supervisorIn: 'ok',                           supervisorOut: 'forbidden',      agentSelf: 'ok',             agentOther: 'forbidden',      readOnly: 'read_only' },
  pause:            { admin: 'ok',                                supervisorIn: 'ok',                           supervisorOut: 'forbidden',      agentSelf: 'ok',             agentOther: 'forbidden',      readOnly: 'read_only' },
  resume:           { admin: 'ok',                                supervisorIn: 'ok',                           supervisorOut: 'forbidden',      agentSelf: 'ok',             agentOther: 'forbidden',      readOnly: 'read_only' },
  end_wrap_up:      { admin: WRAP,                                supervisorIn: WRAP,                           supervisorOut: 'forbidden',      agentSelf: 'ok',             agentOther: 'forbidden',      readOnly: 'read_only' },
  // in the channel's own mode: listen on calls and dials, read on chats.
  monitor_start:    { admin: 'ok',                                supervisorIn: 'ok',                           supervisorOut: 'forbidden',      agentSelf: 'forbidden',      agentOther: 'forbidden',      readOnly: 'read_only' },
  // whisper, from an existing monitor (listen on calls and dials, read on chats): only its owner has one.
  monitor_mode:     { admin: MONITOR,                             supervisorIn: MONITOR,                        supervisorOut: 'not_monitoring', agentSelf: 'not_monitoring', agentOther: 'not_monitoring', readOnly: 'read_only' },
  monitor_stop:     { admin: 'ok',                                supervisorIn: 'ok',                           supervisorOut: 'not_monitoring', agentSelf: 'not_monitoring', agentOther: 'not_monitoring', readOnly: 'read_only' },
  // set to the values the org already has, so that the cases do not change each other's world.
  set_org_settings: { admin: 'ok',                                supervisorIn: 'forbidden',                    supervisorOut: 'forbidden',      agentSelf: 'forbidden',      agentOther: 'forbidden',      readOnly: 'read_only' },
  // admins only, whoever supervises the channel.
  set_channel_settings: { admin: 'ok',                            supervisorIn: 'forbidden',                    supervisorOut: 'forbidden',      agentSelf: 'forbidden',      agentOther: 'forbidden',      readOnly: 'read_only' },
  add_pause_reason: { admin: 'ok',                                supervisorIn: 'forbidden',                    supervisorOut: 'forbidden',      agentSelf: 'forbidden',      agentOther: 'forbidden',      readOnly: 'read_only' },
  rename_pause_reason: { admin: 'ok',                             supervisorIn: 'forbidden',                    supervisorOut: 'forbidden',      agentSelf: 'forbidden',      agentOther: 'forbidden',      readOnly: 'read_only' },
  retire_pause_reason: { admin: 'ok',                             supervisorIn: 'forbidden',                    supervisorOut: 'forbidden',      agentSelf: 'forbidden',      agentOther: 'forbidden',      readOnly: 'read_only' },
  restore_pause_reason: { admin: 'ok',                            supervisorIn: 'forbidden',                    supervisorOut: 'forbidden',      agentSelf: 'forbidden',      agentOther: 'forbidden',      readOnly: 'read_only' },
};

const ACTORS: readonly Actor[] = [
  'admin',
  'supervisorIn',
  'supervisorOut',
  'agentSelf',
  'agentOther',
  'readOnly',
];
const KINDS: readonly ChannelKind[] = ['queue', 'chat', 'campaign'];
const COMMANDS = Object.keys(EXPECTED) as CommandType[];
const ORG = { agentsMayLogInToUnassigned: false, supervisorsLimitedToAssigned: true };
const ROOT = 'root';
/** Commands about the directory and settings: no agent to prepare. */
const ADMIN_COMMANDS: ReadonlySet<CommandType> = new Set<CommandType>([
  'set_org_settings',
  'set_channel_settings',
  'add_pause_reason',
  'rename_pause_reason',
  'retire_pause_reason',
  'restore_pause_reason',
]);

interface Case {
  key: string;
  command: CommandType;
  actor: Actor;
  kind: ChannelKind;
  channelId: string;
  actorId: string;
  /** Whom the command acts on: the actor themself for agentSelf. */
  targetId: string;
  /** The case's own pause reason (the pause reason commands). */
  reasonId: string;
  /** A label no other case uses. */
  label: string;
  expected: Outcome;
}

const expectedOutcome = (cell: Cell, kind: ChannelKind): Outcome =>
  typeof cell === 'string' ? cell : cell[kind];

const CASES: Case[] = COMMANDS.flatMap((command) =>
  ACTORS.flatMap((actor) => KINDS.map((kind) => ({ command, actor, kind }))),
).map(({ command, actor, kind }, n): Case => {
  const key = `${command}.${actor}.${kind}`;
  const actorId = `a.${key}`;
  return {
    key,
    command,
    actor,
    kind,
    channelId: `c.${key}`,
    actorId,
    targetId: actor === 'agentSelf' ? actorId : `t.${key}`,
    reasonId: `r.${key}`,
    label: `Reason ${n}`,
    expected: expectedOutcome(EXPECTED[command][actor], kind),
  };
});

function commandOf(c: Case): Command {
  const target = { channelId: c.channelId, userId: c.targetId };
  switch (c.command) {
    case 'login':
      return { type: 'login', ...target };
    case 'logout':
      return { type: 'logout', ...target };
    case 'pause':
      return { type: 'pause', ...target, reasonId: 'break' };
    case 'resume':
      return { type: 'resume', ...target };
    case 'end_wrap_up':
      return { type: 'end_wrap_up', ...target };
    case 'monitor_start':
      return {
        type: 'monitor_start',
        channelId: c.channelId,
        agentId: c.targetId,
        mode: c.kind === 'chat' ? 'read' : 'listen',
      };
    case 'monitor_mode':
      return { type: 'monitor_mode', mode: 'whisper' };
    case 'monitor_stop':
      return { type: 'monitor_stop' };
    case 'set_org_settings':
      return { type: 'set_org_settings', ...ORG };
    case 'set_channel_settings':
      return {
        type: 'set_channel_settings',
        channelId: c.channelId,
        supervisorsMayEndWrapUp: c.kind === 'chat',
      };
    case 'add_pause_reason':
      return { type: 'add_pause_reason', reasonId: c.reasonId, label: c.label };
    case 'rename_pause_reason':
      return { type: 'rename_pause_reason', reasonId: c.reasonId, label: `${c.label} renamed` };
    case 'retire_pause_reason':
      return { type: 'retire_pause_reason', reasonId: c.reasonId };
    case 'restore_pause_reason':
      return { type: 'restore_pause_reason', reasonId: c.reasonId };
  }
}

const ROLES: Record<Actor, Role[]> = {
  admin: ['admin'],
  supervisorIn: ['supervisor'],
  supervisorOut: ['supervisor'],
  agentSelf: ['agent'],
  agentOther: ['agent'],
  readOnly: ['admin'],
};

/** The center: one channel, actor and target per case, plus a root admin who prepares them. */
function centerEvents(at: number): CenterEvent[] {
  const user = (id: string, roles: Role[]): User => ({ id, name: id, extension: '', roles });
  const reasons: PauseReason[] = [{ id: 'break', label: 'Break' }];
  for (const c of CASES) {
    if (c.command === 'rename_pause_reason' || c.command === 'retire_pause_reason')
      reasons.push({ id: c.reasonId, label: c.label });
    if (c.command === 'restore_pause_reason') reasons.push({ id: c.reasonId, label: c.label, retired: true });
  }
  const events: CenterEvent[] = [
    { type: 'pause_reasons_set', at, reasons },
    { type: 'org_settings_changed', at, settings: ORG, by: ROOT },
    { type: 'user_upserted', at, user: user(ROOT, ['admin']) },
  ];
  for (const c of CASES) {
    const channel: Channel = {
      id: c.channelId,
      kind: c.kind,
      name: c.key,
      settings: {
        wrapUpSeconds: 3600,
        supervisorsMayEndWrapUp: c.kind !== 'chat',
        serviceLevelSeconds: 20,
        longestWaitAlert: { warning: 60, critical: 120 },
        serviceLevelAlert: { warning: 80, critical: 65 },
      },
    };
    events.push({ type: 'channel_upserted', at, channel });
    events.push({ type: 'user_upserted', at, user: user(c.actorId, ROLES[c.actor]) });
    if (c.targetId !== c.actorId)
      events.push({ type: 'user_upserted', at, user: user(c.targetId, ['agent']) });
    const assign = (userId: string, asAgent: boolean, asSupervisor: boolean) =>
      events.push({
        type: 'assignment_set',
        at,
        assignment: { userId, channelId: c.channelId, asAgent, asSupervisor },
      });
    assign(c.targetId, true, false);
    if (c.actor === 'supervisorIn') assign(c.actorId, false, true);
    if (c.actor === 'agentOther') assign(c.actorId, true, false);
  }
  return events;
}

/** Puts each case's target (and monitor) in the state its command needs. */
function prepare(hub: PartsHub): void {
  hub.engine.system((batch) => {
    const act = (userId: string, command: Command) => {
      if (!batch.act(userId, command)) throw new Error(`fixture: ${userId} could not ${command.type}`);
    };
    let n = 0;
    for (const c of CASES) {
      if (c.command === 'login' || ADMIN_COMMANDS.has(c.command)) continue;
      const target = { channelId: c.channelId, userId: c.targetId };
      act(ROOT, { type: 'login', ...target });
      if (c.command === 'resume') act(ROOT, { type: 'pause', ...target, reasonId: 'break' });
      if (c.command.startsWith('monitor') || c.command === 'end_wrap_up') {
        const interactionId = `i${++n}`;
        const kind = c.kind === 'queue' ? 'call' : c.kind === 'chat' ? 'chat' : 'dial';
        const at = batch.now;
        const events: CenterEvent[] = [
          {
            type: 'interaction_queued',
            at,
            interaction: {
              id: interactionId,
              channelId: c.channelId,
              kind,
              customer: { name: 'Customer', address: 'x' },
              queuedAt: at,
              answeredAt: null,
              agentId: null,
              transcript: [],
            },
          },
          { type: 'interaction_answered', at, interactionId, agentId: c.targetId },
        ];
        if (c.command === 'end_wrap_up') events.push({ type: 'interaction_ended', at, interactionId });
        batch.run({ ok: true, events });
      }
      const monitors = c.actor === 'admin' || c.actor === 'supervisorIn' || c.actor === 'readOnly';
      if ((c.command === 'monitor_mode' || c.command === 'monitor_stop') && monitors) {
        const mode = c.kind === 'chat' ? 'read' : 'listen';
        act(c.actorId, {
          type: 'monitor_start',
          channelId: c.channelId,
          agentId: c.targetId,
          mode,
        });
      }
    }
  });
}

let hub: PartsHub;
const outcomes = new Map<string, Outcome>();
const deltaSeen = new Map<string, boolean>();

beforeAll(async () => {
  hub = await startPartsHub({ events: centerEvents(Date.now()) });
  prepare(hub);
  const queue = [...CASES];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const client = await HubClient.connect(
        hub.url,
        hub.token(c.actorId, { readOnly: c.actor === 'readOnly' }),
      );
      const ack = await client.command(commandOf(c), `matrix-${c.key}`);
      outcomes.set(c.key, ack.ok ? 'ok' : ack.error.code);
      if (ack.ok) {
        const delta = await client.waitFor(
          (m) => m.type === 'delta' && m.seq === ack.seq,
          `the delta of ${c.key}`,
        );
        deltaSeen.set(c.key, delta !== undefined);
      }
      await client.close();
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}, 60_000);

afterAll(async () => {
  await hub?.close();
});

describe('the authorization matrix', () => {
  it(`has ${COMMANDS.length} commands × ${ACTORS.length} actors × ${KINDS.length} channel kinds = ${CASES.length} cases, every command covered`, () => {
    const every = Command.options.map((option) => option.shape.type.value);
    expect([...COMMANDS].sort()).toEqual([...every].sort());
    expect(CASES).toHaveLength(every.length * 6 * 3);
  });

  it('gives every case the outcome the table states', () => {
    const actual = Object.fromEntries(CASES.map((c) => [c.key, outcomes.get(c.key)]));
    const expected = Object.fromEntries(CASES.map((c) => [c.key, c.expected]));
    expect(actual).toEqual(expected);
  });

  it('sends the actor the delta of every command it allowed', () => {
    const allowed = CASES.filter((c) => c.expected === 'ok').map((c) => c.key);
    expect(allowed.length).toBeGreaterThan(0);
    expect(allowed.filter((key) => !deltaSeen.get(key))).toEqual([]);
  });

  it('audits every case, allowed or denied, with its actor, address and result', () => {
    const rows = hub.storage
      .audit(10_000)
      .filter((e) => e.actorId.startsWith('a.') && e.action !== 'authenticate');
    const audited = new Map(rows.map((e) => [`${e.actorId}|${e.action}`, e]));
    for (const c of CASES) {
      const row = audited.get(`${c.actorId}|${c.command}`);
      expect(row, c.key).toBeDefined();
      expect(row?.result, c.key).toBe(c.expected);
      expect(row?.remote, c.key).toMatch(/^127\.0\.0\.1:\d+$/);
    }
  });
});
