/**
 * A small contact center for domain tests, built through the reducer like the hub builds
 * its own: channels Sales (queue), Web (chat) and Winback (campaign).
 */
import {
  answerInteraction,
  apply,
  type CenterState,
  decide,
  emptyState,
  endInteraction,
  queueInteraction,
  type TrafficResult,
} from '../../src/domain/index.js';
import type { CenterEvent, Channel, ChannelKind, Command, Role, User } from '../../src/protocol/index.js';

export const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);

export const users = {
  admin: { id: 'ada', name: 'Ada Martin', extension: '1000', roles: ['admin'] as Role[] },
  sup: { id: 'sam', name: 'Samuel Roux', extension: '1001', roles: ['supervisor'] as Role[] },
  otherSup: { id: 'olga', name: 'Olga Petit', extension: '1002', roles: ['supervisor'] as Role[] },
  supAgent: {
    id: 'sophie',
    name: 'Sophie Blanc',
    extension: '1003',
    roles: ['supervisor', 'agent'] as Role[],
  },
  alice: { id: 'alice', name: 'Alice Dupont', extension: '2001', roles: ['agent'] as Role[] },
  bob: { id: 'bob', name: 'Bob Smith', extension: '2002', roles: ['agent'] as Role[] },
  chloe: { id: 'chloe', name: 'Chloé Garnier', extension: '2003', roles: ['agent'] as Role[] },
} satisfies Record<string, User>;

function channel(
  id: string,
  kind: ChannelKind,
  name: string,
  overrides: Partial<Channel['settings']> = {},
): Channel {
  return {
    id,
    kind,
    name,
    settings: {
      wrapUpSeconds: 30,
      supervisorsMayEndWrapUp: false,
      serviceLevelSeconds: 20,
      longestWaitAlert: { warning: 60, critical: 120 },
      serviceLevelAlert: { warning: 80, critical: 60 },
      ...overrides,
    },
  };
}

export const channels = {
  sales: channel('sales', 'queue', 'Sales', { supervisorsMayEndWrapUp: true }),
  support: channel('support', 'queue', 'Support'),
  web: channel('web', 'chat', 'Web chat', { wrapUpSeconds: 0 }),
  winback: channel('winback', 'campaign', 'Winback'),
} satisfies Record<string, Channel>;

/** sam supervises sales and web; olga supervises support; alice and bob are sales agents; chloe is on support. */
export function buildCenter(): CenterState {
  const state = emptyState();
  const events: CenterEvent[] = [
    {
      type: 'pause_reasons_set',
      at: T0,
      reasons: [
        { id: 'break', label: 'Break' },
        { id: 'lunch', label: 'Lunch' },
      ],
    },
    ...Object.values(users).map((user): CenterEvent => ({ type: 'user_upserted', at: T0, user })),
    ...Object.values(channels).map((c): CenterEvent => ({ type: 'channel_upserted', at: T0, channel: c })),
    assign('sam', 'sales', { asSupervisor: true }),
    assign('sam', 'web', { asSupervisor: true }),
    assign('olga', 'support', { asSupervisor: true }),
    assign('sophie', 'winback', { asSupervisor: true, asAgent: true }),
    assign('alice', 'sales', { asAgent: true }),
    assign('alice', 'web', { asAgent: true }),
    assign('bob', 'sales', { asAgent: true }),
    assign('chloe', 'support', { asAgent: true }),
    {
      type: 'device_upserted',
      at: T0,
      device: { id: 'alice-desk', userId: 'alice', kind: 'desk_phone', label: 'Desk 12', active: true },
    },
  ];
  for (const event of events) apply(state, event);
  return state;
}

function assign(
  userId: string,
  channelId: string,
  flags: { asAgent?: boolean; asSupervisor?: boolean },
): CenterEvent {
  return {
    type: 'assignment_set',
    at: T0,
    assignment: {
      userId,
      channelId,
      asAgent: flags.asAgent ?? false,
      asSupervisor: flags.asSupervisor ?? false,
    },
  };
}

export const actor = (user: User, readOnly = false) => ({ user, readOnly });

/** Decides and applies a command; fails the test if it is refused. Returns the events. */
export function run(state: CenterState, user: User, command: Command, now = T0): CenterEvent[] {
  const decision = decide(state, actor(user), command, now);
  if (!decision.ok)
    throw new Error(`${command.type} refused: ${decision.error.code} ${decision.error.message}`);
  for (const event of decision.events) apply(state, event);
  return decision.events;
}

/** Decides a command that must be refused; returns the error code. */
export function refusal(state: CenterState, user: User, command: Command, now = T0): string {
  const decision = decide(state, actor(user), command, now);
  if (decision.ok) throw new Error(`${command.type} was accepted: ${JSON.stringify(decision.events)}`);
  return decision.error.code;
}

/** Queues an interaction in a channel and routes it to `agentId` through the traffic rules; returns its id. */
let nextInteraction = 1;
export function callAnsweredBy(
  state: CenterState,
  channelId: string,
  agentId: string,
  queuedAt = T0,
  answeredAt = T0 + 5000,
): string {
  const id = `int-${nextInteraction++}`;
  const kind = state.channels.get(channelId)?.kind === 'chat' ? 'chat' : 'call';
  const interaction = {
    id,
    channelId,
    kind,
    customer: { name: 'Jean Client', address: '+33 1 23 45 67 89' },
    queuedAt,
    answeredAt: null,
    agentId: null,
    transcript: [],
  } as const;
  applyAll(state, queueInteraction(state, { ...interaction, transcript: [] }, queuedAt));
  applyAll(state, answerInteraction(state, id, agentId, answeredAt));
  return id;
}

export function endCall(state: CenterState, interactionId: string, at: number): void {
  applyAll(state, endInteraction(state, interactionId, at));
}

function applyAll(state: CenterState, result: TrafficResult): void {
  if (!result.ok) throw new Error(`refused: ${result.error.code} ${result.error.message}`);
  for (const event of result.events) apply(state, event);
}
