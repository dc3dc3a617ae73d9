/** A small contact center as snapshot data, built at a fixed time, for client and view tests. */
import type {
  AgentSession,
  Channel,
  ChannelStats,
  Device,
  Interaction,
  SnapshotData,
  User,
} from '../../src/protocol/index.js';

export const T0 = Date.UTC(2026, 10, 17, 13, 30, 0);

const settings = (overrides: Partial<Channel['settings']> = {}): Channel['settings'] => ({
  wrapUpSeconds: 30,
  supervisorsMayEndWrapUp: true,
  serviceLevelSeconds: 20,
  longestWaitAlert: { warning: 60, critical: 120 },
  serviceLevelAlert: { warning: 80, critical: 60 },
  ...overrides,
});

export const CHANNELS: Channel[] = [
  { id: 'q-sales', kind: 'queue', name: 'Sales', settings: settings() },
  { id: 'q-support', kind: 'queue', name: 'Support', settings: settings() },
  { id: 'q-billing', kind: 'queue', name: 'Billing', settings: settings() },
  { id: 'c-web', kind: 'chat', name: 'Web chat', settings: settings() },
  { id: 'c-whatsapp', kind: 'chat', name: 'WhatsApp', settings: settings() },
  { id: 'k-renewals', kind: 'campaign', name: 'Renewals', settings: settings({ wrapUpSeconds: 10 }) },
];

const NAMES = [
  'Alice Martin',
  'Bruno Diaz',
  'Chloe Petit',
  'David Okafor',
  'Emma Rossi',
  'Farid Haddad',
  'Greta Larsen',
  'Hugo Bernard',
];

export const SUPERVISOR: User = { id: 'sup', name: 'Sam Super', extension: '2000', roles: ['supervisor'] };

export interface CenterOptions {
  now?: number;
  /** More available agents logged in to Sales, for long lists. */
  extraAgents?: number;
  /** Thresholds on the number waiting in Sales (3 wait there); none by default. */
  salesWaitingAlert?: Channel['settings']['waitingAlert'];
}

function session(channelId: string, userId: string, now: number, over: Partial<AgentSession>): AgentSession {
  return {
    channelId,
    userId,
    status: 'available',
    since: now,
    pauseReasonId: null,
    wrapUpEndsAt: null,
    pending: null,
    interactionId: null,
    loggedInBy: 'sup',
    loggedInAt: now - 3_600_000,
    assigned: true,
    allowed: true,
    ...over,
  };
}

function stats(
  channelId: string,
  answered: number,
  within: number,
  abandoned: number,
  since: number,
): ChannelStats {
  return {
    channelId,
    since,
    answered,
    abandoned,
    answeredWithinThreshold: within,
    answeredWaitMs: answered * 15_000,
    handled: answered,
    talkMs: answered * 180_000,
    wrapUpMs: answered * 20_000,
  };
}

export function centerSnapshot(options: CenterOptions = {}): SnapshotData {
  const now = options.now ?? T0;
  const users: User[] = [SUPERVISOR];
  const devices: Device[] = [];
  NAMES.forEach((name, i) => {
    const id = `a0${i + 1}`;
    users.push({ id, name, extension: String(1001 + i), roles: ['agent'] });
    devices.push({ id: `${id}-desk`, userId: id, kind: 'desk_phone', label: 'Desk', active: i % 2 === 0 });
    devices.push({ id: `${id}-soft`, userId: id, kind: 'softphone', label: 'Softphone', active: true });
  });
  const extra = options.extraAgents ?? 0;
  for (let i = 0; i < extra; i += 1) {
    const id = `x${String(i).padStart(4, '0')}`;
    users.push({
      id,
      name: `Temp ${String(i).padStart(4, '0')}`,
      extension: String(5000 + i),
      roles: ['agent'],
    });
  }
  const customer = (name: string) => ({ name, address: '+33 1 23 45 67 89' });
  const interactions: Interaction[] = [
    live('i-a02', 'q-sales', 'call', 'a02', customer('Jane Doe'), now - 140_000, now - 125_000),
    live('i-a05', 'q-sales', 'call', 'a05', customer('John Roe'), now - 100_000, now - 90_000),
    live('i-a06', 'q-sales', 'call', 'a06', customer('Ann Lee'), now - 50_000, now - 45_000),
    live('i-w1', 'q-sales', 'call', null, customer('Waiting One'), now - 75_000, null),
    live('i-w2', 'q-sales', 'call', null, customer('Waiting Two'), now - 30_000, null),
    live('i-w3', 'q-sales', 'call', null, customer('Waiting Three'), now - 5_000, null),
    live('i-w4', 'q-billing', 'call', null, customer('Late Caller'), now - 200_000, null),
    live('i-c1', 'c-web', 'chat', 'a01', customer('Chat Person'), now - 40_000, now - 38_000),
  ];
  const sessions: AgentSession[] = [
    // Ready in Sales, on a chat in Web chat: the hub marks the session busy elsewhere.
    session('q-sales', 'a01', now, {
      since: now - 65_000,
      elsewhere: { interactionId: 'i-c1', since: now - 38_000 },
    }),
    session('q-sales', 'a02', now, { status: 'busy', since: now - 125_000, interactionId: 'i-a02' }),
    session('q-sales', 'a03', now, { status: 'wrap_up', since: now - 5_000, wrapUpEndsAt: now + 25_000 }),
    session('q-sales', 'a04', now, { status: 'paused', since: now - 600_000, pauseReasonId: 'lunch' }),
    session('q-sales', 'a05', now, {
      status: 'busy',
      since: now - 90_000,
      interactionId: 'i-a05',
      pending: { kind: 'logout', requestedBy: 'sup', requestedAt: now - 10_000 },
    }),
    session('q-sales', 'a06', now, {
      status: 'busy',
      since: now - 45_000,
      interactionId: 'i-a06',
      pending: { kind: 'pause', reasonId: 'training', requestedBy: 'sup', requestedAt: now - 5_000 },
    }),
    session('q-sales', 'a07', now, { since: now - 20_000, assigned: false }),
    session('q-sales', 'a08', now, {
      since: now - 10_000,
      assigned: false,
      allowed: false,
      loggedInBy: 'a08',
    }),
    session('c-web', 'a01', now, { status: 'busy', since: now - 38_000, interactionId: 'i-c1' }),
    session('q-support', 'a03', now, { since: now - 1_000 }),
  ];
  for (let i = 0; i < extra; i += 1) {
    const id = `x${String(i).padStart(4, '0')}`;
    sessions.push(session('q-sales', id, now, { since: now - 1_000 * (i + 1) }));
  }
  const midnight = now - 13.5 * 3_600_000;
  return {
    users,
    devices,
    channels: CHANNELS.map((c) =>
      c.id === 'q-sales' && options.salesWaitingAlert
        ? { ...c, settings: { ...c.settings, waitingAlert: options.salesWaitingAlert } }
        : c,
    ),
    assignments: sessions
      .filter((s) => s.assigned)
      .map((s) => ({ userId: s.userId, channelId: s.channelId, asAgent: true, asSupervisor: false })),
    org: { agentsMayLogInToUnassigned: false, supervisorsLimitedToAssigned: false },
    pauseReasons: [
      { id: 'lunch', label: 'Lunch' },
      { id: 'training', label: 'Training' },
    ],
    sessions,
    interactions,
    monitors: [],
    stats: [
      stats('q-sales', 80, 70, 10, midnight),
      stats('q-support', 95, 94, 1, midnight),
      stats('q-billing', 5, 3, 5, midnight),
      stats('c-web', 10, 10, 0, midnight),
      stats('c-whatsapp', 0, 0, 0, midnight),
      stats('k-renewals', 0, 0, 0, midnight),
    ],
  };
}

function live(
  id: string,
  channelId: string,
  kind: Interaction['kind'],
  agentId: string | null,
  customer: Interaction['customer'],
  queuedAt: number,
  answeredAt: number | null,
): Interaction {
  return { id, channelId, kind, customer, queuedAt, answeredAt, agentId, transcript: [] };
}
