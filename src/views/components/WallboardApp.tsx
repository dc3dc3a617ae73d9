import { Box, Text, useInput, useWindowSize } from 'ink';
import { useCallback, useMemo, useReducer } from 'react';
import { allChannelKpis } from '../../domain/index.js';
import { agentRows } from '../agent-rows.js';
import { channelRows, PANE_TITLES } from '../channel-rows.js';
import { useNow } from '../hooks/use-now.js';
import { type StoreSource, useWallboardSnapshot } from '../hooks/use-store.js';
import { type ActionName, matchAction } from '../keymap.js';
import { screenLayout } from '../layout.js';
import { createTheme, type Theme, ThemeContext } from '../theme.js';
import {
  INITIAL_VIEW,
  keyContext,
  type ViewAction,
  viewReducer,
  type WallboardView,
} from '../wallboard-state.js';
import { AgentPane } from './AgentPane.js';
import { ChannelPane } from './ChannelPane.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';
import { HelpOverlay } from './HelpOverlay.js';
import { Tabs } from './Tabs.js';
import { TooSmall } from './TooSmall.js';

export type ExitReason = 'quit' | 'interrupt';

/** The agent a row action (Enter) is about: the hook point for the action menu. */
export interface AgentTarget {
  channelId: string;
  userId: string;
}

export interface WallboardAppProps {
  store: StoreSource;
  /** How the hub is named in the header (its address). */
  hubLabel: string;
  theme?: Theme;
  /** The clock every time on screen is computed from. */
  clock?: () => number;
  /** How often times on screen refresh. */
  tickMs?: number;
  onExit(reason: ExitReason): void;
  /** Enter on an agent row (the action menu comes with the next issue). */
  onOpenAgent?(target: AgentTarget): void;
  initialView?: Partial<WallboardView>;
  /** False while something on top (a menu, a dialog) has the keyboard. */
  inputActive?: boolean;
}

const DEFAULT_THEME = createTheme();

/** The supervisor wallboard: header, the three panes of channels and agents, the footer. */
export function WallboardApp(props: WallboardAppProps) {
  return (
    <ThemeContext.Provider value={props.theme ?? DEFAULT_THEME}>
      <Wallboard {...props} />
    </ThemeContext.Provider>
  );
}

function Wallboard({
  store,
  hubLabel,
  clock = Date.now,
  tickMs = 1000,
  onExit,
  onOpenAgent,
  initialView,
  inputActive = true,
}: WallboardAppProps) {
  const { columns, rows } = useWindowSize();
  const layout = screenLayout(columns, rows);
  const snapshot = useWallboardSnapshot(store);
  const now = useNow(clock, tickMs);
  const [view, dispatch] = useReducer(viewReducer, { ...INITIAL_VIEW, ...initialView });
  const { state } = snapshot;

  const kpis = useMemo(() => (state ? allChannelKpis(state, now) : new Map()), [state, now]);
  const channels = useMemo(
    () => (state ? channelRows(state, view.pane, kpis) : []),
    [state, view.pane, kpis],
  );
  const chosen = view.channelByPane[view.pane];
  const channel = channels.find((c) => c.channel.id === chosen) ?? channels[0];
  const channelId = channel?.channel.id ?? null;
  const agents = useMemo(
    () => (state && channelId ? agentRows(state, channelId, view.filter, view.sort) : []),
    [state, channelId, view.filter, view.sort],
  );
  const agentIndex = Math.max(
    0,
    agents.findIndex((a) => a.userId === view.agentId),
  );
  const agent = agents[agentIndex];
  const context = keyContext(view);
  const listRows = layout.listRows;

  const perform = useCallback(
    (action: ActionName) => {
      const move = (m: Extract<ViewAction, { type: 'move' }>['move']) => {
        const ids =
          view.focus === 'channels' ? channels.map((c) => c.channel.id) : agents.map((a) => a.userId);
        dispatch({ type: 'move', move: m, ids, page: listRows });
      };
      switch (action) {
        case 'pane.queues':
          return dispatch({ type: 'pane', pane: 'queue' });
        case 'pane.chats':
          return dispatch({ type: 'pane', pane: 'chat' });
        case 'pane.campaigns':
          return dispatch({ type: 'pane', pane: 'campaign' });
        case 'pane.next':
          return dispatch({ type: 'paneStep', by: 1 });
        case 'pane.previous':
          return dispatch({ type: 'paneStep', by: -1 });
        case 'focus.channels':
          return dispatch({ type: 'focus', focus: 'channels' });
        case 'focus.agents':
          return dispatch({ type: 'focus', focus: 'agents' });
        case 'cursor.up':
          return move('up');
        case 'cursor.down':
          return move('down');
        case 'cursor.pageUp':
          return move('pageUp');
        case 'cursor.pageDown':
          return move('pageDown');
        case 'cursor.first':
          return move('first');
        case 'cursor.last':
          return move('last');
        case 'agent.open':
          if (agent && channelId) onOpenAgent?.({ channelId, userId: agent.userId });
          return;
        case 'filter.start':
          return dispatch({ type: 'filterStart' });
        case 'filter.done':
          return dispatch({ type: 'filterDone' });
        case 'filter.clear':
          return dispatch({ type: 'filterClear' });
        case 'sort.cycle':
          return dispatch({ type: 'sortCycle' });
        case 'help.toggle':
          return dispatch({ type: 'helpToggle' });
        case 'help.close':
          return dispatch({ type: 'helpClose' });
        case 'app.quit':
          return onExit('quit');
        case 'app.interrupt':
          return onExit('interrupt');
      }
    },
    [view.focus, channels, agents, agent, channelId, listRows, onExit, onOpenAgent],
  );

  useInput(
    (input, key) => {
      const action = matchAction(layout.tooSmall ? 'help' : context, input, key);
      if (!action) return;
      if (layout.tooSmall && action !== 'app.quit' && action !== 'app.interrupt') return;
      perform(action);
    },
    { isActive: inputActive },
  );

  const onFilterChange = useCallback((value: string) => dispatch({ type: 'filterChange', value }), []);

  if (layout.tooSmall) return <TooSmall columns={columns} rows={rows} />;

  const latestError = snapshot.errors[snapshot.errors.length - 1];
  const linkError = snapshot.connection.status === 'live' ? null : snapshot.connection.lastError;
  const scrolls = agents.length > listRows;
  const first = scrolls ? Math.min(agentIndex + 1, agents.length) : 0;
  const position = scrolls ? `${first}/${agents.length} agents` : '';
  const emptyAgents = !state
    ? 'waiting for the hub…'
    : view.filter
      ? `no agent matches “${view.filter}”`
      : channel
        ? `no agent logged in to ${channel.channel.name}`
        : '';

  return (
    <Box flexDirection="column" width={columns} height={rows} overflow="hidden">
      <Header
        width={columns}
        welcome={snapshot.welcome}
        hubLabel={hubLabel}
        connection={snapshot.connection}
        now={now}
        channel={channel}
      />
      <Tabs
        width={columns}
        pane={view.pane}
        filter={view.filter}
        filtering={view.filtering}
        sort={view.sort}
        onFilterChange={onFilterChange}
        position={position}
      />
      <Box flexDirection="row" height={layout.bodyRows} overflow="hidden">
        {view.help ? (
          <HelpOverlay width={columns} height={layout.bodyRows} />
        ) : (
          <>
            <ChannelPane
              width={layout.channelWidth}
              height={layout.bodyRows}
              rows={channels}
              selectedId={channelId}
              focused={view.focus === 'channels' && !view.filtering}
              title={PANE_TITLES[view.pane]}
            />
            <Separator height={layout.bodyRows} />
            <AgentPane
              width={layout.agentWidth}
              height={layout.bodyRows}
              rows={agents}
              cursorIndex={agentIndex}
              focused={view.focus === 'agents'}
              now={now}
              empty={emptyAgents}
            />
          </>
        )}
      </Box>
      <Footer width={columns} context={context} error={latestError} linkError={linkError} />
    </Box>
  );
}

function Separator({ height }: { height: number }) {
  return (
    <Box width={1} height={height} overflow="hidden">
      <Text dimColor>{Array.from({ length: height }, () => '│').join('\n')}</Text>
    </Box>
  );
}
