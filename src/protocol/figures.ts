/**
 * The figures view (docs/protocol.md, "The figures view"): instead of a snapshot and every event
 * of its scope, a connection that says `"view": "figures"` in its hello gets, about once a
 * second, the per-channel figures a wall screen draws (its KPIs' inputs), and the agents of the
 * one channel it features. Each `figures` message is whole on its own: no sequence to follow, no
 * resume. At 2,000 events a second a kiosk that parsed every event spent most of its CPU on them
 * (bench/README.md).
 */
import { z } from 'zod';
import {
  AgentSession,
  Channel,
  ChannelStats,
  Device,
  Id,
  Instant,
  Interaction,
  OrgSettings,
  PauseReason,
  User,
} from './entities.js';

/** What a connection receives: every event of its scope (the default), or figures. */
export const View = z.enum(['events', 'figures']);
export type View = z.infer<typeof View>;

/** The hub sends figures at most this often, when anything in them changed… */
export const FIGURES_INTERVAL_MS = 1000;
/** …and at least this often, changed or not. */
export const FIGURES_REFRESH_MS = 10_000;

const Count = z.number().int().nonnegative();

/**
 * A channel's live counts, as the viewer may see them: its interactions waiting now and when the
 * oldest was queued (the client works the longest wait out with its own clock), and its agents by
 * status (`busy` counts those available here but on an interaction elsewhere; `pending`, those
 * with a logout or pause waiting for their interaction to end).
 */
export const ChannelFigures = z.object({
  channelId: Id,
  waiting: Count,
  oldestQueuedAt: Instant.nullable(),
  agents: z.object({
    available: Count,
    busy: Count,
    wrap_up: Count,
    paused: Count,
    pending: Count,
    total: Count,
  }),
});
export type ChannelFigures = z.infer<typeof ChannelFigures>;

/** The featured channel's agents: their sessions there, the users and devices, the interactions they are on. */
export const FeaturedChannel = z.object({
  channelId: Id,
  sessions: z.array(AgentSession),
  users: z.array(User),
  devices: z.array(Device),
  /** The live interactions its agents are on (here, or elsewhere in a channel the viewer sees), without transcripts. */
  interactions: z.array(Interaction),
});
export type FeaturedChannel = z.infer<typeof FeaturedChannel>;

export const FiguresData = z.object({
  /** Every channel the viewer sees. */
  channels: z.array(Channel),
  /** The day's counters of the channels the viewer manages (as in a snapshot). */
  stats: z.array(ChannelStats),
  /** One per channel in `channels`. */
  figures: z.array(ChannelFigures),
  org: OrgSettings,
  pauseReasons: z.array(PauseReason),
  /** The channel the client featured (`feature`), if any and still in its scope. */
  featured: FeaturedChannel.nullable(),
});
export type FiguresData = z.infer<typeof FiguresData>;

/**
 * The figures as of the hub's `seq` and time `at`, in `parts` frames under 64 KiB (`part` counts
 * from 0): the arrays of all parts concatenate (those of `featured` too); every other field is
 * the same in each part.
 */
export const Figures = z.object({
  type: z.literal('figures'),
  epoch: z.string().min(1).max(64),
  seq: Count,
  at: Instant,
  part: Count,
  parts: z.number().int().positive(),
  data: FiguresData,
});
export type Figures = z.infer<typeof Figures>;

/**
 * Which channel's agents the figures carry (null: none). Answered at once by a `figures`
 * message; a channel the viewer does not see is refused with an `error` (`unknown_channel`).
 */
export const Feature = z.strictObject({
  type: z.literal('feature'),
  channelId: Id.nullable(),
});
export type Feature = z.infer<typeof Feature>;
