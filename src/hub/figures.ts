/**
 * The figures view's message (src/protocol/figures.ts), built from the hub's state for one
 * viewer's scope: what a wall screen draws, and no more than that viewer's snapshot would show.
 * Counts of a channel the viewer manages are the channel's; of a channel the viewer only sees
 * (an agent's own channels), its waiting interactions and the viewer's own session, as the
 * viewer's snapshot would let a client count them. The day's counters: managed channels only.
 */
import {
  type CenterState,
  type ChannelTally,
  countSession,
  devicesOf,
  EMPTY_TALLY,
  emptyCounts,
  pairKey,
  type ViewScope,
} from '../domain/index.js';
import {
  type AgentSession,
  type ChannelFigures,
  type FeaturedChannel,
  type FiguresData,
  type Interaction,
  MAX_FRAME_BYTES,
} from '../protocol/index.js';
import { FrameParts, itemBytes } from './frame-parts.js';

/**
 * The figures `scope` may see, with the agents of `featured` (when the scope sees that channel).
 * `tallies` are the whole state's (tallyChannels), shared by every viewer of one step.
 */
export function figuresData(
  state: CenterState,
  tallies: ReadonlyMap<string, ChannelTally>,
  scope: ViewScope,
  featured: string | null,
): FiguresData {
  const data: FiguresData = {
    channels: [],
    stats: [],
    figures: [],
    org: state.org,
    pauseReasons: state.pauseReasons,
    featured: null,
  };
  for (const channel of state.channels.values()) {
    if (!scope.visible.has(channel.id)) continue;
    data.channels.push(channel);
    const managed = scope.managed.has(channel.id);
    const stats = managed ? state.stats.get(channel.id) : undefined;
    if (stats) data.stats.push(stats);
    data.figures.push(channelFigures(state, tallies.get(channel.id) ?? EMPTY_TALLY, channel.id, scope));
  }
  if (featured !== null && scope.visible.has(featured))
    data.featured = featuredChannel(state, tallies.get(featured) ?? EMPTY_TALLY, featured, scope);
  return data;
}

function channelFigures(
  state: CenterState,
  tally: ChannelTally,
  channelId: string,
  scope: ViewScope,
): ChannelFigures {
  let agents = tally.agents;
  if (!scope.managed.has(channelId)) {
    // Only the viewer's own session there, as their snapshot holds.
    const counts = emptyCounts();
    const own = state.sessions.get(pairKey(channelId, scope.userId));
    if (own) countSession(counts, own);
    agents = counts;
  }
  return {
    channelId,
    waiting: tally.waiting,
    oldestQueuedAt: tally.oldestQueuedAt,
    agents: { ...agents },
  };
}

function featuredChannel(
  state: CenterState,
  tally: ChannelTally,
  channelId: string,
  scope: ViewScope,
): FeaturedChannel {
  const userIds = scope.managed.has(channelId) ? tally.agentIds : [scope.userId];
  const slice: FeaturedChannel = { channelId, sessions: [], users: [], devices: [], interactions: [] };
  const interactions = new Set<string>();
  for (const userId of userIds) {
    const session = state.sessions.get(pairKey(channelId, userId));
    if (!session) continue;
    slice.sessions.push(session);
    for (const id of interactionsOf(session)) interactions.add(id);
    if (!scope.manager && userId !== scope.userId) continue;
    const user = state.users.get(userId);
    if (user) slice.users.push(user);
    slice.devices.push(...devicesOf(state, userId));
  }
  for (const id of interactions) {
    const interaction = state.interactions.get(id);
    if (interaction && scope.visible.has(interaction.channelId))
      slice.interactions.push(withoutTranscript(interaction));
  }
  return slice;
}

function interactionsOf(session: AgentSession): string[] {
  const ids: string[] = [];
  if (session.interactionId) ids.push(session.interactionId);
  if (session.elsewhere) ids.push(session.elsewhere.interactionId);
  return ids;
}

/** A wall screen shows no chat: transcripts stay out of the figures (and their frames small). */
const withoutTranscript = (interaction: Interaction): Interaction =>
  interaction.transcript.length === 0 ? interaction : { ...interaction, transcript: [] };

/** Bytes of items per frame: leaves room for the envelope and the fields every part repeats. */
const FRAME_BUDGET = MAX_FRAME_BYTES - 16 * 1024;

/**
 * The figures as wire frames: one `figures` message when they fit in a frame, else `parts`
 * of them, whose arrays concatenate. `content` is `JSON.stringify(data)` when the caller has it.
 */
export function figuresFrames(
  epoch: string,
  seq: number,
  at: number,
  data: FiguresData,
  content = JSON.stringify(data),
  budget = FRAME_BUDGET,
): string[] {
  const head = (part: number, parts: number) =>
    `{"type":"figures","epoch":${JSON.stringify(epoch)},"seq":${seq},"at":${at},"part":${part},"parts":${parts},"data":`;
  if (Buffer.byteLength(content) <= budget) return [`${head(0, 1)}${content}}`];
  return splitFigures(data, budget).map(
    (part, index, parts) => `${head(index, parts.length)}${JSON.stringify(part)}}`,
  );
}

/** The data in parts under `budget` bytes each (one item at least a part). */
function splitFigures(data: FiguresData, budget: number): FiguresData[] {
  const empty = (): FiguresData => ({
    channels: [],
    stats: [],
    figures: [],
    org: data.org,
    pauseReasons: data.pauseReasons,
    featured: data.featured
      ? { channelId: data.featured.channelId, sessions: [], users: [], devices: [], interactions: [] }
      : null,
  });
  const parts = new FrameParts(empty, Buffer.byteLength(JSON.stringify(empty())), budget);
  const room = (item: unknown): FiguresData => parts.room(itemBytes(item));
  for (const x of data.channels) room(x).channels.push(x);
  for (const x of data.stats) room(x).stats.push(x);
  for (const x of data.figures) room(x).figures.push(x);
  const slice = data.featured;
  if (slice) {
    for (const x of slice.sessions) room(x).featured?.sessions.push(x);
    for (const x of slice.users) room(x).featured?.users.push(x);
    for (const x of slice.devices) room(x).featured?.devices.push(x);
    for (const x of slice.interactions) room(x).featured?.interactions.push(x);
  }
  return parts.done();
}
