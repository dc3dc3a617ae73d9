/**
 * The large demo contact center (`--demo-size large`): the standard center's shape at
 * contact-center scale. 5,000 agents and 300 channels (164 queues, 82 chats, 54 campaigns: the
 * standard 6:3:2), in 27 regions that each repeat the standard channel set (region 0 *is* the
 * standard set, with its ids) plus three overflow channels. Teams, team leads, devices, logins
 * and pauses follow the standard demo's rules and proportions; the fixed people keep their ids
 * and their roles, and supervise their channels in every region (head office).
 *
 * Deterministic for a seed, like the standard demo. Display names repeat at this size (as in
 * any large center); ids never do.
 */
import { apply, emptyState } from '../../../domain/index.js';
import type { CenterEvent, Channel, User } from '../../../protocol/index.js';
import {
  DEMO_CHANNELS,
  DEMO_DEFAULT_SEED,
  DEMO_PAUSE_REASONS,
  DEVICE_KINDS,
  DEVICE_LABELS,
  demoCenterEvents,
  FIXED,
  logInAgents,
  type Person,
  settings,
  TEAMS,
} from './demo-center.js';
import { DEFAULT_DEMO_SIZE, type DemoSize } from './demo-size.js';
import { personName, slug } from './names.js';
import { mulberry32, type Random } from './prng.js';

export const LARGE_AGENT_COUNT = 5_000;
export const LARGE_CHANNEL_COUNT = 300;

/** Regions 1…26 repeat the standard channels under a city's name. */
const LARGE_CITIES = [
  'Lyon',
  'Marseille',
  'Lille',
  'Nantes',
  'Bordeaux',
  'Toulouse',
  'Nice',
  'Rennes',
  'Strasbourg',
  'Montpellier',
  'Grenoble',
  'Dijon',
  'Angers',
  'Reims',
  'Brest',
  'Tours',
  'Metz',
  'Rouen',
  'Caen',
  'Nancy',
  'Limoges',
  'Amiens',
  'Leeds',
  'Bristol',
  'Glasgow',
  'Dublin',
] as const;

const OVERFLOW: Channel[] = [
  { id: 'overflow-1', kind: 'queue', name: 'Overflow 1', settings: settings(20, true, 30, 90) },
  { id: 'overflow-2', kind: 'queue', name: 'Overflow 2', settings: settings(20, true, 30, 90) },
  { id: 'overflow-chat', kind: 'chat', name: 'Overflow chat', settings: settings(10, true, 60, 150) },
];

interface Region {
  channels: Channel[];
  /** Standard id → this region's id. */
  idOf: (standardId: string) => string;
  teams: string[][];
  /** Weight for the share of agents: its number of channels. */
  weight: number;
}

function regions(): Region[] {
  const list: Region[] = [
    { channels: DEMO_CHANNELS, idOf: (id) => id, teams: TEAMS, weight: DEMO_CHANNELS.length },
  ];
  for (const city of LARGE_CITIES) {
    const suffix = slug(city);
    const idOf = (id: string) => `${id}-${suffix}`;
    list.push({
      channels: DEMO_CHANNELS.map((c) => ({ ...c, id: idOf(c.id), name: `${c.name} ${city}` })),
      idOf,
      teams: TEAMS.map((team) => team.map(idOf)),
      weight: DEMO_CHANNELS.length,
    });
  }
  list.push({
    channels: OVERFLOW,
    idOf: (id) => id,
    teams: [['overflow-1', 'overflow-2', 'overflow-chat']],
    weight: OVERFLOW.length,
  });
  return list;
}

/** The events that create the demo center of `size` as of `now`. */
export function demoEvents(
  size: DemoSize = DEFAULT_DEMO_SIZE,
  seed: number = DEMO_DEFAULT_SEED,
  now: number = Date.now(),
): CenterEvent[] {
  return size === 'large' ? largeDemoCenterEvents(seed, now) : demoCenterEvents(seed, now);
}

/** The events that create the large demo center, as of `now`; the same seed always gives the same center. */
export function largeDemoCenterEvents(
  seed: number = DEMO_DEFAULT_SEED,
  now: number = Date.now(),
): CenterEvent[] {
  const random = mulberry32(seed);
  const state = emptyState();
  const events: CenterEvent[] = [];
  const emit = (event: CenterEvent) => {
    apply(state, event);
    events.push(event);
  };
  const start = now - 3 * 3600_000;
  const all = regions();

  emit({ type: 'pause_reasons_set', at: start, reasons: DEMO_PAUSE_REASONS });
  for (const region of all)
    for (const c of region.channels) emit({ type: 'channel_upserted', at: start, channel: c });

  const people = [...headOffice(all), ...regionSupervisors(all), ...generateAgents(random, all)];
  const extensions = random.shuffle(Array.from({ length: 9000 }, (_, i) => String(1000 + i)));
  const taken = new Map<string, number>();
  const users: User[] = people.map((p, i) => {
    const base = slug(p.name);
    const seen = taken.get(base) ?? 0;
    taken.set(base, seen + 1);
    return {
      id: seen === 0 ? base : `${base}.${seen + 1}`,
      name: p.name,
      extension: extensions[i] ?? String(10_000 + i),
      roles: p.roles,
    };
  });
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

/** The standard demo's fixed people: their channels in every region (the overflow is the regions' own). */
function headOffice(all: Region[]): Person[] {
  const standard = all.slice(0, 1 + LARGE_CITIES.length);
  return FIXED.map((p) => ({
    ...p,
    supervises: standard.flatMap((r) => p.supervises.map(r.idOf)),
  }));
}

/** Two supervisors per city region (its two halves, as Claire and Julien split the standard set), one for the overflow. */
function regionSupervisors(all: Region[]): Person[] {
  const [claire, , , julien] = FIXED;
  const people: Person[] = [];
  LARGE_CITIES.forEach((city, i) => {
    const region = all[i + 1]!;
    for (const [lead, half] of [
      [claire!, 'A'],
      [julien!, 'B'],
    ] as const) {
      people.push({
        name: `${city} supervisor ${half}`,
        roles: ['supervisor'],
        supervises: lead.supervises.map(region.idOf),
        agentIn: [],
      });
    }
  });
  people.push({
    name: 'Overflow Supervisor',
    roles: ['supervisor'],
    supervises: OVERFLOW.map((c) => c.id),
    agentIn: [],
  });
  return people.map((p, i) => ({ ...p, name: supervisorName(i, p.name) }));
}

/** Region supervisors get ordinary names, drawn without a generator so the agents' draws stay the same. */
function supervisorName(index: number, fallback: string): string {
  const first = ['Aline', 'Bruno', 'Cécile', 'Damien', 'Estelle', 'Fabien', 'Gaëlle', 'Hervé', 'Irène'];
  const last = ['Roussel', 'Marchand', 'Perrin', 'Gauthier', 'Lemoine', 'Colin', 'Vidal'];
  const f = first[index % first.length];
  const l = last[Math.floor(index / first.length) % last.length];
  return f && l ? `${f} ${l}` : fallback;
}

/** The agents (all but the two fixed ones), shared between regions by their number of channels. */
function generateAgents(random: Random, all: Region[]): Person[] {
  const fixedAgents = FIXED.filter((p) => p.roles.includes('agent')).length;
  const count = LARGE_AGENT_COUNT - fixedAgents;
  const total = all.reduce((sum, r) => sum + r.weight, 0);
  const people: Person[] = [];
  for (let i = 0; i < count; i++) {
    let roll = random.next() * total;
    let region = all[all.length - 1]!;
    for (const r of all) {
      roll -= r.weight;
      if (roll < 0) {
        region = r;
        break;
      }
    }
    const team = random.pick(region.teams);
    const agentIn = random.shuffle(team).slice(0, random.int(1, 3));
    // A few team leads also supervise their team's first channel while taking calls.
    const lead = i % 15 === 4;
    people.push({
      name: personName(random),
      roles: lead ? ['agent', 'supervisor'] : ['agent'],
      supervises: lead ? [team[0]!] : [],
      agentIn,
    });
  }
  return people;
}
