/**
 * Random operations on a center for property tests: user commands (from any actor, valid
 * or not, with unknown ids mixed in) and the hub's own traffic (queue, route, end, abandon,
 * chat lines, wrap-up expiry). Each produces events only through decide / traffic rules.
 */
import fc from 'fast-check';
import {
  abandonInteraction,
  answerInteraction,
  type CenterState,
  decide,
  endInteraction,
  expiredWrapUps,
  longestIdleAgent,
  oldestWaiting,
  queueInteraction,
} from '../../src/domain/index.js';
import type { CenterEvent, Command } from '../../src/protocol/index.js';
import { channels, users } from './center-fixture.js';

const userIds = [...Object.values(users).map((u) => u.id), 'ghost'];
const channelIds = ['sales', 'support', 'web', 'winback', 'closed'];
const reasonIds = ['break', 'lunch', 'nap'];
const modes = ['listen', 'whisper', 'barge', 'read'] as const;

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    type: fc.constant('login' as const),
    channelId: fc.constantFrom(...channelIds),
    userId: fc.constantFrom(...userIds),
  }),
  fc.record({
    type: fc.constant('logout' as const),
    channelId: fc.constantFrom(...channelIds),
    userId: fc.constantFrom(...userIds),
  }),
  fc.record({
    type: fc.constant('pause' as const),
    channelId: fc.constantFrom(...channelIds),
    userId: fc.constantFrom(...userIds),
    reasonId: fc.constantFrom(...reasonIds),
  }),
  fc.record({
    type: fc.constant('resume' as const),
    channelId: fc.constantFrom(...channelIds),
    userId: fc.constantFrom(...userIds),
  }),
  fc.record({
    type: fc.constant('end_wrap_up' as const),
    channelId: fc.constantFrom(...channelIds),
    userId: fc.constantFrom(...userIds),
  }),
  fc.record({
    type: fc.constant('monitor_start' as const),
    channelId: fc.constantFrom(...channelIds),
    agentId: fc.constantFrom(...userIds),
    mode: fc.constantFrom(...modes),
  }),
  fc.record({ type: fc.constant('monitor_mode' as const), mode: fc.constantFrom(...modes) }),
  fc.constant({ type: 'monitor_stop' as const }),
  fc.record({
    type: fc.constant('set_org_settings' as const),
    agentsMayLogInToUnassigned: fc.boolean(),
    supervisorsLimitedToAssigned: fc.boolean(),
  }),
  fc.record({
    type: fc.constant('set_channel_settings' as const),
    channelId: fc.constantFrom(...channelIds),
    supervisorsMayEndWrapUp: fc.boolean(),
  }),
  fc.record({
    type: fc.constantFrom('add_pause_reason' as const, 'rename_pause_reason' as const),
    reasonId: fc.constantFrom(...reasonIds),
    label: fc.constantFrom('Break', 'Lunch', 'Nap', 'Coffee'),
  }),
  fc.record({
    type: fc.constantFrom('retire_pause_reason' as const, 'restore_pause_reason' as const),
    reasonId: fc.constantFrom(...reasonIds),
  }),
);

/** The commands a random operation aims at a session that exists now. */
type SessionCommandType =
  | 'logout'
  | 'pause'
  | 'resume'
  | 'end_wrap_up'
  | 'monitor_start'
  | 'monitor_mode'
  | 'monitor_stop';

export type Operation =
  | { kind: 'command'; actor: keyof typeof users; command: Command; readOnly: boolean }
  | { kind: 'queue'; channelId: string }
  | { kind: 'route'; channelId: string }
  | { kind: 'end'; pick: number }
  | { kind: 'abandon'; pick: number }
  | { kind: 'chat'; pick: number }
  | { kind: 'tick' }
  /** An admin changes a user's assignment to a channel. */
  | { kind: 'assign'; userPick: number; channelId: string; asAgent: boolean; asSupervisor: boolean }
  /** An admin changes a channel's settings. */
  | { kind: 'channel_settings'; channelId: string; wrapUpSeconds: number; supervisorsMayEndWrapUp: boolean }
  /** A command aimed at a session that exists now, by its agent, its supervisor or an admin. */
  | {
      kind: 'on_session';
      pick: number;
      busyOnly: boolean;
      by: 'self' | 'sup' | 'admin';
      command: SessionCommandType;
      reasonId: string;
      mode: (typeof modes)[number];
    }
  /** A login of a real user to a real channel, by themself or an admin. */
  | { kind: 'login'; channelId: string; userPick: number; by: 'self' | 'admin' }
  /** The directory drops a user, a channel or a device, as is (even with live sessions: the reducer must cope). */
  | { kind: 'remove'; what: 'user' | 'channel' | 'device'; pick: number }
  /** The directory brings back a user, channel or device of the fixture that was removed. */
  | { kind: 'restore'; pick: number };

export const operationArb: fc.Arbitrary<{ op: Operation; advanceMs: number }> = fc.record({
  op: fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant('command' as const),
        actor: fc.constantFrom(...(Object.keys(users) as (keyof typeof users)[])),
        command: commandArb,
        readOnly: fc.boolean(),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('queue' as const),
        channelId: fc.constantFrom(...channelIds),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('route' as const),
        channelId: fc.constantFrom(...channelIds),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('end' as const), pick: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('abandon' as const), pick: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('chat' as const), pick: fc.nat() }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'tick' as const }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('assign' as const),
        userPick: fc.nat(),
        channelId: fc.constantFrom(...channelIds.slice(0, 4)),
        asAgent: fc.boolean(),
        asSupervisor: fc.boolean(),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('channel_settings' as const),
        channelId: fc.constantFrom(...channelIds.slice(0, 4)),
        wrapUpSeconds: fc.integer({ min: 0, max: 60 }),
        supervisorsMayEndWrapUp: fc.boolean(),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('on_session' as const),
        pick: fc.nat(),
        busyOnly: fc.boolean(),
        by: fc.constantFrom('self' as const, 'sup' as const, 'admin' as const),
        command: fc.constantFrom(
          'logout' as const,
          'pause' as const,
          'resume' as const,
          'end_wrap_up' as const,
          'monitor_start' as const,
          'monitor_mode' as const,
          'monitor_stop' as const,
        ),
        reasonId: fc.constantFrom(...reasonIds),
        mode: fc.constantFrom(...modes),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('login' as const),
        channelId: fc.constantFrom(...channelIds.slice(0, 4)),
        userPick: fc.nat(),
        by: fc.constantFrom('self' as const, 'admin' as const),
      }),
    },
  ),
  advanceMs: fc.integer({ min: 0, max: 60_000 }),
});

/** The directory's changes: removals, and bringing the fixture's entities back. */
const directoryArb: fc.Arbitrary<{ op: Operation; advanceMs: number }> = fc.record({
  op: fc.oneof(
    fc.record({
      kind: fc.constant('remove' as const),
      what: fc.constantFrom('user' as const, 'channel' as const, 'device' as const),
      pick: fc.nat(),
    }),
    fc.record({ kind: fc.constant('restore' as const), pick: fc.nat() }),
  ),
  advanceMs: fc.integer({ min: 0, max: 60_000 }),
});

/** Commands and traffic, with now and then a directory change. */
export const operationWithDirectoryArb = fc.oneof(
  { weight: 24, arbitrary: operationArb },
  { weight: 2, arbitrary: directoryArb },
);

let counter = 0;

/** The events an operation produces on `state` at `now` (empty when refused). */
export function eventsOf(state: CenterState, op: Operation, now: number): CenterEvent[] {
  const pick = <T>(items: T[], n: number): T | undefined =>
    items.length ? items[n % items.length] : undefined;
  const live = [...state.interactions.values()];
  switch (op.kind) {
    case 'command': {
      const d = decide(state, { user: users[op.actor], readOnly: op.readOnly }, op.command, now);
      return d.ok ? d.events : [];
    }
    case 'queue': {
      counter += 1;
      const kind = state.channels.get(op.channelId)?.kind === 'chat' ? 'chat' : 'call';
      const r = queueInteraction(
        state,
        {
          id: `p${counter}`,
          channelId: op.channelId,
          kind,
          customer: { name: 'C', address: 'a' },
          queuedAt: now,
          answeredAt: null,
          agentId: null,
          transcript: [],
        },
        now,
      );
      return r.ok ? r.events : [];
    }
    case 'route': {
      const next = oldestWaiting(state, op.channelId);
      const agent = longestIdleAgent(state, op.channelId);
      if (!next || !agent) return [];
      const r = answerInteraction(state, next.id, agent, now);
      return r.ok ? r.events : [];
    }
    case 'end': {
      const target = pick(
        live.filter((i) => i.answeredAt !== null),
        op.pick,
      );
      const r = target && endInteraction(state, target.id, now);
      return r?.ok ? r.events : [];
    }
    case 'abandon': {
      const target = pick(
        live.filter((i) => i.answeredAt === null),
        op.pick,
      );
      const r = target && abandonInteraction(state, target.id, now);
      return r?.ok ? r.events : [];
    }
    case 'chat': {
      const target = pick(
        live.filter((i) => i.kind === 'chat'),
        op.pick,
      );
      if (!target) return [];
      return [
        {
          type: 'chat_message',
          at: now,
          interactionId: target.id,
          message: { from: 'customer', text: 'Bonjour', at: now },
        },
      ];
    }
    case 'tick':
      return expiredWrapUps(state, now);
    case 'assign': {
      const user = pick(Object.values(users), op.userPick);
      if (!user || !state.users.has(user.id) || !state.channels.has(op.channelId)) return [];
      const { channelId, asAgent, asSupervisor } = op;
      return [
        {
          type: 'assignment_set',
          at: now,
          assignment: { userId: user.id, channelId, asAgent, asSupervisor },
        },
      ];
    }
    case 'channel_settings': {
      const channel = state.channels.get(op.channelId);
      if (!channel) return [];
      const settings = {
        ...channel.settings,
        wrapUpSeconds: op.wrapUpSeconds,
        supervisorsMayEndWrapUp: op.supervisorsMayEndWrapUp,
      };
      return [{ type: 'channel_upserted', at: now, channel: { ...channel, settings } }];
    }
    case 'on_session': {
      const sessions = [...state.sessions.values()].filter((x) => !op.busyOnly || x.status === 'busy');
      const session = pick(sessions, op.pick);
      if (!session) return [];
      const actor =
        op.by === 'self' ? state.users.get(session.userId) : op.by === 'sup' ? users.sup : users.admin;
      if (!actor) return [];
      const target = { channelId: session.channelId, userId: session.userId };
      const command: Command =
        op.command === 'pause'
          ? { type: 'pause', ...target, reasonId: op.reasonId }
          : op.command === 'monitor_start'
            ? { type: 'monitor_start', channelId: session.channelId, agentId: session.userId, mode: op.mode }
            : op.command === 'monitor_mode'
              ? { type: 'monitor_mode', mode: op.mode }
              : op.command === 'monitor_stop'
                ? { type: 'monitor_stop' }
                : { type: op.command, ...target };
      const d = decide(state, { user: actor, readOnly: false }, command, now);
      return d.ok ? d.events : [];
    }
    case 'remove': {
      if (op.what === 'user') {
        const user = pick([...state.users.keys()], op.pick);
        return user ? [{ type: 'user_removed', at: now, userId: user }] : [];
      }
      if (op.what === 'channel') {
        const channel = pick([...state.channels.keys()], op.pick);
        // As the directory does (src/directory/removals.ts): a channel where an agent is on an
        // interaction stays until it has ended (idle sessions left in it end with it).
        const handled = [...state.interactions.values()].some(
          (i) => i.channelId === channel && i.agentId !== null,
        );
        return channel && !handled ? [{ type: 'channel_removed', at: now, channelId: channel }] : [];
      }
      const device = pick([...state.devices.keys()], op.pick);
      return device ? [{ type: 'device_removed', at: now, deviceId: device }] : [];
    }
    case 'restore': {
      const missing: CenterEvent[] = [
        ...Object.values(users)
          .filter((user) => !state.users.has(user.id))
          .map((user): CenterEvent => ({ type: 'user_upserted', at: now, user })),
        ...Object.values(channels)
          .filter((channel) => !state.channels.has(channel.id))
          .map((channel): CenterEvent => ({ type: 'channel_upserted', at: now, channel })),
      ];
      if (state.users.has('alice') && !state.devices.has('alice-desk'))
        missing.push({
          type: 'device_upserted',
          at: now,
          device: { id: 'alice-desk', userId: 'alice', kind: 'desk_phone', label: 'Desk 12', active: false },
        });
      const event = pick(missing, op.pick);
      return event ? [event] : [];
    }
    case 'login': {
      const user = pick(Object.values(users), op.userPick);
      if (!user) return [];
      const actor = op.by === 'self' ? user : users.admin;
      const d = decide(
        state,
        { user: actor, readOnly: false },
        { type: 'login', channelId: op.channelId, userId: user.id },
        now,
      );
      return d.ok ? d.events : [];
    }
  }
}
