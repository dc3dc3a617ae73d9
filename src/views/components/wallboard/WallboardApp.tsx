import { Box, Text, useWindowSize } from 'ink';
import { memo, useCallback, useLayoutEffect, useMemo, useReducer, useRef } from 'react';
import type { Actor } from '../../../domain/index.js';
import { t } from '../../../i18n/index.js';
import { PANE_TITLES } from '../../channel-rows.js';
import type { ActionPort } from '../../hooks/use-action-runner.js';
import { useNow } from '../../hooks/use-now.js';
import { BOARD_CONTEXTS, type KeyContext } from '../../keymap.js';
import { screenLayout } from '../../layout.js';
import { useTheme } from '../../theme.js';
import { AgentPane } from '../AgentPane.js';
import { ChannelPane } from '../ChannelPane.js';
import { Footer } from '../Footer.js';
import { Header } from '../Header.js';
import { HelpOverlay } from '../HelpOverlay.js';
import { MonitorBar, TranscriptPanel } from '../MonitorBar.js';
import type { ScreenProps } from '../screen-props.js';
import { Tabs } from '../Tabs.js';
import { withTheme } from '../ThemeProvider.js';
import { TooSmall } from '../TooSmall.js';
import { OverlayHost } from './OverlayHost.js';
import { useAbilities } from './use-abilities.js';
import { useBoardActions } from './use-board-actions.js';
import { useBoardKeys } from './use-board-keys.js';
import { useMonitor } from './use-monitor.js';
import { useOverlays } from './use-overlays.js';
import { useShownBoard } from './use-shown-board.js';
import { INITIAL_VIEW, keyContext, viewReducer, type WallboardView } from './wallboard-state.js';

export interface WallboardAppProps extends ScreenProps {
  initialView?: Partial<WallboardView>;
  /** False while something on top (a menu, a dialog) has the keyboard. */
  inputActive?: boolean;
  /**
   * Commands to the hub: with them, the board acts (action menu, Log agents dialog, monitoring,
   * unassigned sessions, activity log, org settings); without them (a kiosk), it only watches.
   */
  actions?: ActionPort;
}

/** The supervisor wallboard: header, the three panes of channels and agents, the footer. */
export const WallboardApp = withTheme(Wallboard);

function Wallboard({
  store,
  hubLabel,
  clock = Date.now,
  tickMs = 1000,
  onExit,
  initialView,
  inputActive = true,
  actions,
}: WallboardAppProps) {
  const theme = useTheme();
  const { columns, rows } = useWindowSize();
  const layout = screenLayout(columns, rows);
  const now = useNow(clock, tickMs, store);
  const [view, dispatch] = useReducer(viewReducer, { ...INITIAL_VIEW, ...initialView });
  // Publishes that change nothing on screen draw no frame, unless an overlay is open (see the hook).
  const drawAll = useRef(false);
  const { snapshot, board } = useShownBoard(store, view, now, drawAll, rows);
  const { state, welcome } = snapshot;
  const actor: Actor | null = useMemo(
    () => (welcome ? { user: welcome.user, readOnly: welcome.permissions.readOnly } : null),
    [welcome],
  );
  const userMonitor = state && welcome ? state.monitors.get(welcome.user.id) : undefined;
  const overlays = useOverlays(actions, userMonitor);
  const overlayContext = overlays.keyContext;
  const overlayOpen = overlayContext !== null;
  // Read by the store's subscription, between renders: set once this render is committed.
  useLayoutEffect(() => {
    drawAll.current = overlayOpen;
  });
  const monitor = useMonitor(state, userMonitor, overlayOpen, overlays.dispatch);
  const session = userMonitor;
  const abilities = useAbilities(actions !== undefined, welcome, session);
  const context: KeyContext = monitor.focused && !view.help ? 'monitor' : keyContext(view);
  const transcriptRows =
    session && state?.channels.get(session.channelId)?.kind === 'chat'
      ? Math.min(8, Math.max(3, Math.floor(layout.bodyRows / 4)))
      : 0;
  const reserved = session && !view.help ? 1 + transcriptRows : 0;
  const bodyRows = Math.max(0, layout.bodyRows - reserved);
  const listRows = Math.max(0, bodyRows - 1);
  const act = useBoardActions({
    state,
    actor,
    actions,
    theme,
    view,
    dispatch,
    rows: board,
    listRows,
    monitor,
    overlays,
    onExit,
  });
  useBoardKeys({
    context,
    overlayContext,
    help: view.help,
    tooSmall: layout.tooSmall,
    abilities,
    inputActive,
    perform: act.perform,
  });
  const loadAudit = useCallback(
    () => (actions ? actions.queryAudit({ limit: 500 }) : Promise.resolve([])),
    [actions],
  );
  const onFilterChange = useCallback((value: string) => dispatch({ type: 'filterChange', value }), []);

  if (layout.tooSmall) return <TooSmall columns={columns} rows={rows} />;

  const { agents, agentIndex, channel, staleSince } = board;
  const monitoredInteraction = session ? state?.interactions.get(session.interactionId) : undefined;
  const customerName = monitoredInteraction
    ? monitoredInteraction.customer.name || monitoredInteraction.customer.address
    : t().confirm.theCustomer;
  const scrolls = agents.length > listRows;
  const first = scrolls ? Math.min(agentIndex + 1, agents.length) : 0;
  const position = scrolls ? t().lists.agentsPosition(first, agents.length) : '';
  const emptyAgents = !state
    ? t().lists.waitingForHub
    : view.filter
      ? t().lists.noMatch(view.filter)
      : channel
        ? t().lists.noAgentIn(channel.channel.name)
        : '';

  return (
    <Box flexDirection="column" width={columns} height={rows} overflowY="hidden">
      <Header
        width={columns}
        welcome={snapshot.welcome}
        hubLabel={hubLabel}
        connection={snapshot.connection}
        now={now}
        channel={channel}
        hubDegradedSince={snapshot.hubDegradedSince}
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
      {view.help ? (
        <HelpOverlay
          width={columns}
          height={layout.bodyRows}
          abilities={abilities}
          contexts={overlayContext ? [overlayContext] : monitor.focused ? ['monitor'] : BOARD_CONTEXTS}
          notes={!overlayOpen && !monitor.focused}
          isActive={inputActive}
        />
      ) : null}
      <Box flexDirection="row" height={bodyRows} overflowY="hidden" display={view.help ? 'none' : 'flex'}>
        <OverlayHost
          state={state}
          actor={actor}
          now={now}
          source={snapshot.source}
          width={columns}
          height={bodyRows}
          menuWidth={layout.channelWidth}
          isActive={inputActive && overlayOpen && !view.help}
          overlays={overlays}
          board={act}
          monitor={session}
          customerName={customerName}
          loadAudit={loadAudit}
        >
          {(menu) => (
            <>
              {menu ?? (
                <ChannelPane
                  width={layout.channelWidth}
                  height={bodyRows}
                  rows={board.channels}
                  selectedId={board.channelId}
                  focused={view.focus === 'channels' && !view.filtering && !overlayOpen}
                  title={PANE_TITLES[view.pane]}
                  stale={staleSince !== null}
                />
              )}
              <Separator height={bodyRows} />
              <AgentPane
                width={layout.agentWidth}
                height={bodyRows}
                rows={agents}
                cursorIndex={agentIndex}
                focused={view.focus === 'agents'}
                now={board.dataNow}
                empty={emptyAgents}
                selected={board.selected}
                stale={staleSince !== null}
              />
            </>
          )}
        </OverlayHost>
      </Box>
      {session && state && !view.help ? (
        <>
          <MonitorBar state={state} monitor={session} width={columns} now={now} focused={monitor.focused} />
          {transcriptRows > 0 ? (
            <TranscriptPanel
              messages={state.interactions.get(session.interactionId)?.transcript ?? []}
              customer={customerName}
              agent={monitor.name}
              width={columns}
              height={transcriptRows}
            />
          ) : null}
        </>
      ) : null}
      <Footer
        width={columns}
        context={view.help ? 'help' : (overlayContext ?? context)}
        error={snapshot.errors[snapshot.errors.length - 1]}
        linkError={snapshot.connection.status === 'live' ? null : snapshot.connection.lastError}
        notice={overlays.state.notice}
        abilities={abilities}
      />
    </Box>
  );
}

/** The line between the channel and agent panes: drawn again only when its height changes. */
const Separator = memo(function Separator({ height }: { height: number }) {
  const theme = useTheme();
  return (
    <Box width={1} height={height} overflowY="hidden">
      <Text dimColor>{Array.from({ length: height }, () => theme.symbols.separator).join('\n')}</Text>
    </Box>
  );
});
