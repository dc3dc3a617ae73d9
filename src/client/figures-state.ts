/**
 * The figures view on the client (src/protocol/figures.ts): a `figures` message, its parts put
 * together, turned into what the views read of a snapshot: a state holding the channels, their
 * day's counters, the org and pause reasons and the featured channel's agents, and the channels'
 * tallies, from which the views work the KPIs out with their own clock (`channelKpisOf`).
 */
import { type CenterState, type ChannelTally, stateFromSnapshot } from '../domain/index.js';
import type { Figures, FiguresData } from '../protocol/index.js';

/** Figures as the store takes them. */
export interface ReceivedFigures {
  state: CenterState;
  tallies: ReadonlyMap<string, ChannelTally>;
  /** The channel whose agents `state` holds (null: none). */
  featured: string | null;
  /** The hub's position and time they reflect. */
  seq: number;
  at: number;
}

export function receivedFigures(data: FiguresData, seq: number, at: number): ReceivedFigures {
  const slice = data.featured;
  const state = stateFromSnapshot({
    users: slice?.users ?? [],
    devices: slice?.devices ?? [],
    channels: data.channels,
    assignments: [],
    org: data.org,
    pauseReasons: data.pauseReasons,
    sessions: slice?.sessions ?? [],
    interactions: slice?.interactions ?? [],
    monitors: [],
    stats: data.stats,
  });
  const featuredIds = Object.freeze(slice ? slice.sessions.map((s) => s.userId) : []);
  const none: readonly string[] = Object.freeze([]);
  const tallies = new Map<string, ChannelTally>();
  for (const figures of data.figures) {
    tallies.set(
      figures.channelId,
      Object.freeze({
        agents: Object.freeze(figures.agents),
        agentIds: figures.channelId === slice?.channelId ? featuredIds : none,
        waiting: figures.waiting,
        oldestQueuedAt: figures.oldestQueuedAt,
      }),
    );
  }
  return { state, tallies, featured: slice?.channelId ?? null, seq, at };
}

/** Puts a `figures` message's parts together, in order (a part out of place drops what was gathered). */
export class FiguresAssembly {
  #gathered: Figures | null = null;

  /** The whole figures when `message` was the last part; null while parts are missing. */
  take(message: Figures): ReceivedFigures | null {
    if (message.part === 0) this.#gathered = copyOf(message);
    else {
      const gathered = this.#gathered;
      if (
        !gathered ||
        gathered.part + 1 !== message.part ||
        gathered.seq !== message.seq ||
        gathered.epoch !== message.epoch ||
        gathered.parts !== message.parts
      ) {
        this.#gathered = null;
        return null;
      }
      append(gathered, message);
    }
    const gathered = this.#gathered;
    if (!gathered || gathered.part + 1 < gathered.parts) return null;
    this.#gathered = null;
    return receivedFigures(gathered.data, gathered.seq, gathered.at);
  }

  reset(): void {
    this.#gathered = null;
  }
}

function copyOf(message: Figures): Figures {
  const { data } = message;
  const slice = data.featured;
  return {
    ...message,
    data: {
      ...data,
      channels: [...data.channels],
      stats: [...data.stats],
      figures: [...data.figures],
      featured: slice
        ? {
            ...slice,
            sessions: [...slice.sessions],
            users: [...slice.users],
            devices: [...slice.devices],
            interactions: [...slice.interactions],
          }
        : null,
    },
  };
}

function append(into: Figures, part: Figures): void {
  into.part = part.part;
  const push = <T>(target: T[], items: readonly T[]) => {
    for (const item of items) target.push(item);
  };
  push(into.data.channels, part.data.channels);
  push(into.data.stats, part.data.stats);
  push(into.data.figures, part.data.figures);
  const slice = into.data.featured;
  const more = part.data.featured;
  if (slice && more) {
    push(slice.sessions, more.sessions);
    push(slice.users, more.users);
    push(slice.devices, more.devices);
    push(slice.interactions, more.interactions);
  }
}
