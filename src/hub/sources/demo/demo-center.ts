/**
 * The demo contact center: a believable French/English team, generated deterministically
 * from a seed as a list of events the engine applies like any others. Logins and pauses go
 * through `decide`, so every session is one the rules allow.
 *
 * Fixed people (stable ids, whatever the seed): Claire Dubois, supervisor of queues, chats
 * and a campaign (the default wallboard user); Marc Lefèvre, admin; Sarah Thompson, agent.
 */
import { apply, type CenterState, decide, emptyState } from '../../../domain/index.js';
import type {
  CenterEvent,
  Channel,
  ChannelKind,
  ChannelSettings,
  Command,
  DeviceKind,
  PauseReason,
  Role,
  User,
} from '../../../protocol/index.js';
import { personName, slug } from './names.js';
import { mulberry32, type Random } from './prng.js';

export const DEMO_SUPERVISOR_ID = 'claire.dubois';
export const DEMO_ADMIN_ID = 'marc.lefevre';
export const DEMO_AGENT_ID = 'sarah.thompson';
export const DEMO_DEFAULT_SEED = 1;

export const DEMO_PAUSE_REASONS: PauseReason[] = [
  { id: 'break', label: 'Break' },
  { id: 'lunch', label: 'Lunch' },
  { id: 'training', label: 'Training' },
  { id: 'meeting', label: 'Meeting' },
  { id: 'coaching', label: 'Coaching' },
  { id: 'admin', label: 'Admin' },
];

/** The demo's pause reasons in French: the embedded demo speaks the wallboard's language. */
const FRENCH_PAUSE_LABELS: Readonly<Record<string, string>> = {
  break: 'Pause',
  lunch: 'Déjeuner',
  training: 'Formation',
  meeting: 'Réunion',
  coaching: 'Coaching',
  admin: 'Administratif',
};

/** The demo center's events with its data words (the pause reasons) in `language`. */
export function demoInLanguage(events: CenterEvent[], language: 'en' | 'fr'): CenterEvent[] {
  if (language === 'en') return events;
  return events.map((event) =>
    event.type === 'pause_reasons_set'
      ? {
          ...event,
          reasons: event.reasons.map((r) => ({ ...r, label: FRENCH_PAUSE_LABELS[r.id] ?? r.label })),
        }
      : event,
  );
}

export function settings(
  wrapUpSeconds: number,
  supervisorsMayEndWrapUp: boolean,
  sl = 20,
  wait = 60,
): ChannelSettings {
  return {
    wrapUpSeconds,
    supervisorsMayEndWrapUp,
    serviceLevelSeconds: sl,
    longestWaitAlert: { warning: wait, critical: wait * 2 },
    serviceLevelAlert: { warning: 80, critical: 65 },
  };
}

const channel = (id: string, kind: ChannelKind, name: string, s: ChannelSettings): Channel => ({
  id,
  kind,
  name,
  settings: s,
});

export const DEMO_CHANNELS: Channel[] = [
  channel('sales', 'queue', 'Sales', settings(30, true, 20, 45)),
  channel('support', 'queue', 'Support', settings(45, false, 30, 90)),
  channel('billing', 'queue', 'Billing', settings(20, true, 30, 90)),
  channel('vip', 'queue', 'VIP', settings(60, false, 10, 30)),
  channel('returns', 'queue', 'Returns', settings(15, true, 40, 120)),
  channel('accueil', 'queue', 'Accueil', settings(10, false, 20, 60)),
  channel('webchat', 'chat', 'Web chat', settings(0, true, 60, 120)),
  channel('whatsapp', 'chat', 'WhatsApp', settings(20, false, 90, 180)),
  channel('sav-chat', 'chat', 'SAV chat', settings(30, true, 60, 150)),
  channel('winback', 'campaign', 'Winback', settings(25, false, 20, 60)),
  channel('renewals', 'campaign', 'Renouvellements', settings(40, true, 20, 60)),
];

export interface Person {
  name: string;
  roles: Role[];
  supervises: string[];
  agentIn: string[];
}

/** The fixed people; everyone else is generated. */
export const FIXED: Person[] = [
  {
    name: 'Claire Dubois',
    roles: ['supervisor'],
    supervises: ['sales', 'support', 'vip', 'webchat', 'whatsapp', 'winback'],
    agentIn: [],
  },
  { name: 'Marc Lefèvre', roles: ['admin'], supervises: [], agentIn: [] },
  { name: 'Sarah Thompson', roles: ['agent'], supervises: [], agentIn: ['sales', 'webchat'] },
  {
    name: 'Julien Moreau',
    roles: ['supervisor'],
    supervises: ['billing', 'returns', 'accueil', 'sav-chat', 'renewals'],
    agentIn: [],
  },
  {
    name: 'Priya Shah',
    roles: ['supervisor', 'agent'],
    supervises: ['support', 'accueil'],
    agentIn: ['support'],
  },
  { name: 'Thomas Wright', roles: ['supervisor'], supervises: ['vip', 'sales', 'renewals'], agentIn: [] },
  {
    name: 'Isabelle Petit',
    roles: ['admin', 'supervisor'],
    supervises: ['whatsapp', 'sav-chat'],
    agentIn: [],
  },
];

const DEMO_USER_COUNT = 64;

/** Channels an agent is likely to work in, by team: overlapping on purpose. */
export const TEAMS: string[][] = [
  ['sales', 'vip', 'winback'],
  ['support', 'webchat', 'sav-chat'],
  ['billing', 'returns', 'renewals'],
  ['accueil', 'sales', 'whatsapp'],
  ['support', 'returns', 'webchat'],
  ['vip', 'billing', 'whatsapp'],
];

export const DEVICE_KINDS: DeviceKind[] = ['desk_phone', 'softphone', 'mobile', 'web'];
export const DEVICE_LABELS: Record<DeviceKind, string> = {
  desk_phone: 'Desk phone',
  softphone: 'Softphone',
  mobile: 'Mobile app',
  web: 'Web client',
};

/** The events that create the demo center, as of `now`; the same seed always gives the same center. */
export function demoCenterEvents(seed: number = DEMO_DEFAULT_SEED, now: number = Date.now()): CenterEvent[] {
  const random = mulberry32(seed);
  const state = emptyState();
  const events: CenterEvent[] = [];
  const emit = (event: CenterEvent) => {
    apply(state, event);
    events.push(event);
  };
  const start = now - 3 * 3600_000;

  emit({ type: 'pause_reasons_set', at: start, reasons: DEMO_PAUSE_REASONS });
  for (const c of DEMO_CHANNELS) emit({ type: 'channel_upserted', at: start, channel: c });

  const people = [...FIXED, ...generatePeople(random, DEMO_USER_COUNT - FIXED.length)];
  const extensions = random.shuffle(Array.from({ length: 900 }, (_, i) => String(1100 + i * 9)));
  const users: User[] = people.map((p, i) => ({
    id: slug(p.name),
    name: p.name,
    extension: extensions[i] ?? String(1000 + i),
    roles: p.roles,
  }));
  users.forEach((user, i) => {
    const person = people[i]!;
    emit({ type: 'user_upserted', at: start, user });
    for (const channelId of new Set([...person.supervises, ...person.agentIn])) {
      emit({
        type: 'assignment_set',
        at: start,
        assignment: {
          userId: user.id,
          channelId,
          asAgent: person.agentIn.includes(channelId),
          asSupervisor: person.supervises.includes(channelId),
        },
      });
    }
    const kinds = random.shuffle(DEVICE_KINDS).slice(0, random.int(1, 3));
    for (const kind of kinds) {
      emit({
        type: 'device_upserted',
        at: start,
        device: {
          id: `${user.id}:${kind}`,
          userId: user.id,
          kind,
          label: kind === 'desk_phone' ? `${DEVICE_LABELS[kind]} ${user.extension}` : DEVICE_LABELS[kind],
          active: random.chance(0.7),
        },
      });
    }
  });

  logInAgents(state, users, people, random, start, emit);
  return events;
}

function generatePeople(random: Random, count: number): Person[] {
  const taken = new Set(FIXED.map((p) => slug(p.name)));
  const people: Person[] = [];
  while (people.length < count) {
    const name = personName(random);
    if (taken.has(slug(name))) continue;
    taken.add(slug(name));
    const team = random.pick(TEAMS);
    const agentIn = random.shuffle(team).slice(0, random.int(1, 3));
    // A few team leads also supervise their team's first channel while taking calls.
    const lead = people.length % 15 === 4;
    people.push({
      name,
      roles: lead ? ['agent', 'supervisor'] : ['agent'],
      supervises: lead ? [team[0]!] : [],
      agentIn,
    });
  }
  return people;
}

/**
 * Most agents are logged in to their channels (by themselves, some by a supervisor), a few
 * paused; one logged herself in to a queue she is not assigned to.
 */
export function logInAgents(
  state: CenterState,
  users: User[],
  people: Person[],
  random: Random,
  start: number,
  emit: (event: CenterEvent) => void,
): void {
  const act = (actorId: string, command: Command, at: number) => {
    const actor = state.users.get(actorId);
    if (!actor) throw new Error(`demo: no user ${actorId}`);
    const decision = decide(state, { user: actor, readOnly: false }, command, at);
    if (!decision.ok) throw new Error(`demo: ${command.type} refused: ${decision.error.message}`);
    for (const event of decision.events) emit(event);
  };
  let unassignedDone = false;
  users.forEach((user, i) => {
    const person = people[i]!;
    if (!user.roles.includes('agent')) return;
    const fixed = user.id === DEMO_AGENT_ID;
    if (!fixed && random.chance(0.12)) return; // off shift
    for (const channelId of person.agentIn) {
      const at = start + random.int(10, 150) * 60_000;
      const byManager = !fixed && random.chance(0.2);
      const actorId = byManager ? supervisorOf(people, users, channelId) : user.id;
      act(actorId, { type: 'login', channelId, userId: user.id }, at);
      if (!fixed && random.chance(0.15)) {
        const reasonId = random.pick(DEMO_PAUSE_REASONS).id;
        act(
          user.id,
          { type: 'pause', channelId, userId: user.id, reasonId },
          at + random.int(1, 20) * 60_000,
        );
      }
    }
    if (!unassignedDone && !fixed && !person.agentIn.includes('accueil') && person.agentIn.length > 0) {
      act(user.id, { type: 'login', channelId: 'accueil', userId: user.id }, start + 170 * 60_000);
      unassignedDone = true;
    }
  });
}

function supervisorOf(people: Person[], users: User[], channelId: string): string {
  const index = people.findIndex((p) => p.roles.includes('supervisor') && p.supervises.includes(channelId));
  return users[index]?.id ?? DEMO_ADMIN_ID;
}
