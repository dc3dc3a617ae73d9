import type { WallboardSnapshot } from '../../../client/store.js';
import { agentIdsOf, ChannelKpisMemo, channelKpisOf } from '../../../domain/index.js';
import { type AgentRow, agentRows, IN_FLIGHT_LABELS, keepUnchangedRows } from '../../agent-rows.js';
import { type ChannelRow, channelRows } from '../../channel-rows.js';
import type { WallboardView } from './wallboard-state.js';

export interface BoardRows {
  /** Since when the rows have not been live (the link is down, or the hub cannot save); null: live. */
  staleSince: number | null;
  /** The moment the rows' clocks show: now, or the last live moment. */
  dataNow: number;
  channels: readonly ChannelRow[];
  channel: ChannelRow | undefined;
  channelId: string | null;
  agents: readonly AgentRow[];
  agentIndex: number;
  /** The agent under the cursor. */
  agent: AgentRow | undefined;
  /** The selected agents still in the list. */
  selected: readonly string[];
}

/**
 * The last inputs and results of each step of `boardRows`: a step whose inputs are the same
 * objects returns its last result (what `useMemo` did when this was a hook; now the board's
 * rows are also worked out outside React, to tell whether a publish changes the screen).
 */
export type BoardMemo = Map<string, { inputs: readonly unknown[]; value: unknown }>;

function memo<T>(cache: BoardMemo, step: string, inputs: readonly unknown[], work: () => T): T {
  const last = cache.get(step);
  if (last && last.inputs.length === inputs.length && last.inputs.every((v, i) => Object.is(v, inputs[i])))
    return last.value as T;
  const value = work();
  cache.set(step, { inputs, value });
  return value;
}

/** What the board lists: the pane's channels, the chosen channel's agents, with commands in flight marked. */
export function boardRows(
  snapshot: WallboardSnapshot,
  view: WallboardView,
  now: number,
  cache: BoardMemo,
): BoardRows {
  const { state, tallies, connection } = snapshot;
  // While the link is down (or the hub cannot save) the rows stay, dimmed, and their clocks stop
  // at the last live moment.
  const staleSince = connection.status !== 'live' ? connection.staleSince : snapshot.hubDegradedSince;
  const dataNow = staleSince ?? now;
  // Only the pane's channels are listed (and the header's channel is one of them). The tallies
  // are a new map whenever a channel's KPIs may have changed (they are made with the state).
  // A tick keeps the KPIs (and the map) of the channels where nobody waits.
  const kpisMemo = memo(cache, 'kpisMemo', [], () => new ChannelKpisMemo());
  const kpis = memo(cache, 'kpis', [tallies, dataNow, view.pane], () =>
    state && tallies ? channelKpisOf(state, tallies, dataNow, view.pane, kpisMemo) : new Map(),
  );
  const channels = memo(cache, 'channels', [state, view.pane, kpis], () =>
    state ? channelRows(state, view.pane, kpis) : [],
  );
  const chosen = view.channelByPane[view.pane];
  const channel = channels.find((c) => c.channel.id === chosen) ?? channels[0];
  const channelId = channel?.channel.id ?? null;
  const inFlight = memo(cache, 'inFlight', [snapshot.pending, channelId], () => {
    const map = new Map<string, string>();
    for (const { command } of snapshot.pending) {
      if (!('channelId' in command) || command.channelId !== channelId) continue;
      const userId = 'userId' in command ? command.userId : 'agentId' in command ? command.agentId : null;
      if (userId) map.set(userId, IN_FLIGHT_LABELS[command.type] ?? `${command.type}…`);
    }
    return map;
  });
  // The rows of agents whose row shows nothing new are the last publish's (their lines are kept).
  const lastAgents = (cache.get('agents')?.value ?? []) as readonly AgentRow[];
  const agents = memo(cache, 'agents', [state, channelId, view.filter, view.sort, inFlight], () =>
    state && channelId
      ? keepUnchangedRows(
          lastAgents,
          agentRows(state, channelId, view.filter, view.sort, inFlight, agentIdsOf(tallies, channelId)),
        )
      : [],
  );
  const selected = memo(cache, 'selected', [view.selected, agents], () =>
    view.selected.filter((id) => agents.some((a) => a.userId === id)),
  );
  const agentIndex = Math.max(
    0,
    agents.findIndex((a) => a.userId === view.agentId),
  );
  return memo(
    cache,
    'rows',
    [staleSince, dataNow, channels, channel, channelId, agents, agentIndex, selected],
    () => ({
      staleSince,
      dataNow,
      channels,
      channel,
      channelId,
      agents,
      agentIndex,
      agent: agents[agentIndex],
      selected,
    }),
  );
}
