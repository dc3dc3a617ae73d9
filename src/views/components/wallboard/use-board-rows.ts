import { useMemo } from 'react';
import type { WallboardSnapshot } from '../../../client/store.js';
import { allChannelKpis } from '../../../domain/index.js';
import { type AgentRow, agentRows, IN_FLIGHT_LABELS } from '../../agent-rows.js';
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

/** What the board lists: the pane's channels, the chosen channel's agents, with commands in flight marked. */
export function useBoardRows(snapshot: WallboardSnapshot, view: WallboardView, now: number): BoardRows {
  const { state, connection } = snapshot;
  // While the link is down (or the hub cannot save) the rows stay, dimmed, and their clocks stop
  // at the last live moment.
  const staleSince = connection.status !== 'live' ? connection.staleSince : snapshot.hubDegradedSince;
  const dataNow = staleSince ?? now;
  const kpis = useMemo(() => (state ? allChannelKpis(state, dataNow) : new Map()), [state, dataNow]);
  const channels = useMemo(
    () => (state ? channelRows(state, view.pane, kpis) : []),
    [state, view.pane, kpis],
  );
  const chosen = view.channelByPane[view.pane];
  const channel = channels.find((c) => c.channel.id === chosen) ?? channels[0];
  const channelId = channel?.channel.id ?? null;
  const inFlight = useMemo(() => {
    const map = new Map<string, string>();
    for (const { command } of snapshot.pending) {
      if (!('channelId' in command) || command.channelId !== channelId) continue;
      const userId = 'userId' in command ? command.userId : 'agentId' in command ? command.agentId : null;
      if (userId) map.set(userId, IN_FLIGHT_LABELS[command.type] ?? `${command.type}…`);
    }
    return map;
  }, [snapshot.pending, channelId]);
  const agents = useMemo(
    () => (state && channelId ? agentRows(state, channelId, view.filter, view.sort, inFlight) : []),
    [state, channelId, view.filter, view.sort, inFlight],
  );
  const selected = useMemo(
    () => view.selected.filter((id) => agents.some((a) => a.userId === id)),
    [view.selected, agents],
  );
  const agentIndex = Math.max(
    0,
    agents.findIndex((a) => a.userId === view.agentId),
  );
  return useMemo(
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
    [staleSince, dataNow, channels, channel, channelId, agents, agentIndex, selected],
  );
}
