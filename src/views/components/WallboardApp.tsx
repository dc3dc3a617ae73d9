import { Box, Text, useInput, useWindowSize } from 'ink';
import { type ReactNode, useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import {
  type Actor,
  allChannelKpis,
  isManager,
  pairKey,
  type UnassignedSession,
  unassignedSessions,
} from '../../domain/index.js';
import { t } from '../../i18n/index.js';
import type { MonitorMode } from '../../protocol/index.js';
import {
  type ActionRequest,
  busyTargets,
  commandsFor,
  MONITOR_LABELS,
  nameOf,
  requestLabel,
} from '../actions/agent-actions.js';
import { actionsReducer, INITIAL_ACTIONS, type RunItem } from '../actions/overlay-state.js';
import type { SettingsChange } from '../actions/settings-rows.js';
import { agentRows, IN_FLIGHT_LABELS } from '../agent-rows.js';
import { channelRows, PANE_TITLES } from '../channel-rows.js';
import { type ActionPort, useActionRunner } from '../hooks/use-action-runner.js';
import { useNow } from '../hooks/use-now.js';
import { type StoreSource, useWallboardSnapshot } from '../hooks/use-store.js';
import {
  type Ability,
  type ActionName,
  BOARD_CONTEXTS,
  type KeyContext,
  matchAction,
  monitorAbilities,
} from '../keymap.js';
import { screenLayout } from '../layout.js';
import { cursorMoveOf } from '../scroll.js';
import { createTheme, type Theme, ThemeContext, useTheme } from '../theme.js';
import {
  INITIAL_VIEW,
  keyContext,
  type ViewAction,
  viewReducer,
  type WallboardView,
} from '../wallboard-state.js';
import { ActionMenu } from './ActionMenu.js';
import { ActivityLog } from './ActivityLog.js';
import { AgentPane } from './AgentPane.js';
import { ChannelPane } from './ChannelPane.js';
import { Confirm } from './Confirm.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';
import { HelpOverlay } from './HelpOverlay.js';
import { LogAgentsDialog } from './LogAgentsDialog.js';
import { MonitorBar, TranscriptPanel } from './MonitorBar.js';
import { ReportPanel } from './ReportPanel.js';
import { SettingsPanel } from './SettingsPanel.js';
import { Tabs } from './Tabs.js';
import { TooSmall } from './TooSmall.js';
import { UnassignedDialog } from './UnassignedDialog.js';

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
  /** Enter on an agent row, besides opening the action menu (embedders may follow it). */
  onOpenAgent?(target: AgentTarget): void;
  initialView?: Partial<WallboardView>;
  /** False while something on top (a menu, a dialog) has the keyboard. */
  inputActive?: boolean;
  /**
   * Commands to the hub: with them, the board acts (action menu, Log agents dialog, monitoring,
   * unassigned sessions, activity log, org settings); without them (a kiosk), it only watches.
   */
  actions?: ActionPort;
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
  actions,
}: WallboardAppProps) {
  const theme = useTheme();
  const { columns, rows } = useWindowSize();
  const layout = screenLayout(columns, rows);
  const snapshot = useWallboardSnapshot(store);
  const now = useNow(clock, tickMs, store);
  const [view, dispatch] = useReducer(viewReducer, { ...INITIAL_VIEW, ...initialView });
  const [acts, actDispatch] = useReducer(actionsReducer, INITIAL_ACTIONS);
  const run = useActionRunner(actions, actDispatch);
  const { state, welcome } = snapshot;
  const actor: Actor | null = useMemo(
    () => (welcome ? { user: welcome.user, readOnly: welcome.permissions.readOnly } : null),
    [welcome],
  );
  const monitor = state && welcome ? state.monitors.get(welcome.user.id) : undefined;
  const abilities = useMemo(() => {
    const set = new Set<Ability>();
    if (!actions || !welcome || welcome.permissions.readOnly) return set;
    if (welcome.permissions.manageAgents) set.add('manage');
    if (welcome.permissions.changeOrgSettings) set.add('admin');
    if (isManager(welcome.user)) set.add('audit');
    if (monitor) for (const ability of monitorAbilities(monitor)) set.add(ability);
    return set;
  }, [actions, welcome, monitor]);
  const overlay = acts.overlay;
  const overlayOpen = overlay.kind !== 'none';
  const [overlayContext, setOverlayContext] = useState<KeyContext>('menu');
  // `m`: the monitor bar has the keyboard (1 listen, 2 whisper, 3 barge, x stop, Esc back).
  const [monitorKeys, setMonitorKeys] = useState(false);
  const monitorFocused = monitorKeys && monitor !== undefined;

  // While the link is down (or the hub cannot save) the rows stay, dimmed, and their clocks stop
  // at the last live moment.
  const { connection } = snapshot;
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
  const agent = agents[agentIndex];
  const context: KeyContext = monitorFocused && !view.help ? 'monitor' : keyContext(view);
  const transcriptRows =
    monitor && state?.channels.get(monitor.channelId)?.kind === 'chat'
      ? Math.min(8, Math.max(3, Math.floor(layout.bodyRows / 4)))
      : 0;
  const reserved = monitor && !view.help ? 1 + transcriptRows : 0;
  const bodyRows = Math.max(0, layout.bodyRows - reserved);
  const listRows = Math.max(0, bodyRows - 1);

  // Monitoring ends by itself when the interaction ends: say so.
  const lastMonitor = useRef(monitor);
  useEffect(() => {
    const before = lastMonitor.current;
    lastMonitor.current = monitor;
    if (before && !monitor) setMonitorKeys(false);
    if (before && !monitor && state) {
      const over = !state.interactions.has(before.interactionId);
      actDispatch({
        type: 'notice',
        notice: {
          tone: 'info',
          text: over
            ? t().actions.monitorEnded(nameOf(state, before.agentId))
            : t().actions.monitorStopped(nameOf(state, before.agentId)),
        },
      });
    }
  }, [monitor, state]);

  const closeOverlay = useCallback(() => actDispatch({ type: 'close' }), []);
  const loadAudit = useCallback(
    () => (actions ? actions.queryAudit({ limit: 500 }) : Promise.resolve([])),
    [actions],
  );
  // A barge question about a monitor that has ended has nothing left to ask.
  useEffect(() => {
    if (overlay.kind === 'bargeConfirm' && !monitor) actDispatch({ type: 'close' });
    if (overlay.kind === 'report' && !acts.report) actDispatch({ type: 'close' });
  }, [overlay.kind, monitor, acts.report]);
  const submitRequest = useCallback(
    (menuChannelId: string, targets: readonly string[], request: ActionRequest) => {
      if (!state) return;
      const busy = new Set(busyTargets(state, menuChannelId, targets));
      const channelName = state.channels.get(menuChannelId)?.name ?? menuChannelId;
      const items: RunItem[] = commandsFor(request, menuChannelId, targets).map((command, i) => {
        const userId = targets[i] ?? '';
        const name = nameOf(state, userId);
        const waits = (request.kind === 'logout' || request.kind === 'pause') && busy.has(userId);
        return {
          key: userId,
          name,
          command,
          okText: waits
            ? t().actions.pendingUntilEnd(name, request.kind === 'logout')
            : request.kind === 'monitor'
              ? t().actions.monitoring(name, MONITOR_LABELS[request.mode].toLowerCase())
              : t().actions.done(name),
        };
      });
      const title = `${requestLabel(state, request)} · ${channelName}`;
      run(title, items, items.length > 1);
      dispatch({ type: 'selectClear' });
    },
    [state, run],
  );
  const logIn = useCallback(
    (loginChannelId: string, userIds: readonly string[]) => {
      if (!state) return;
      const channelName = state.channels.get(loginChannelId)?.name ?? loginChannelId;
      const items: RunItem[] = userIds.map((userId) => {
        const name = nameOf(state, userId);
        const assigned = state.assignments.get(pairKey(loginChannelId, userId))?.asAgent === true;
        return {
          key: userId,
          name,
          command: { type: 'login', channelId: loginChannelId, userId },
          okText: assigned
            ? t().actions.loggedIn(name)
            : t().actions.loggedInNotAssigned(name, theme.symbols.notAssigned),
        };
      });
      run(t().actions.logInTo(channelName), items, items.length > 1);
    },
    [state, run, theme],
  );
  const logOutUnassigned = useCallback(
    (sessions: readonly UnassignedSession[]) => {
      const items: RunItem[] = sessions.map((f) => ({
        key: pairKey(f.session.channelId, f.session.userId),
        name: `${f.name} (${f.channelName})`,
        command: { type: 'logout', channelId: f.session.channelId, userId: f.session.userId },
        okText: f.busy ? t().actions.flaggedPending : t().actions.loggedOut,
      }));
      run(t().actions.logOutFlagged, items, true);
    },
    [run],
  );
  const changeSettings = useCallback(
    (change: SettingsChange, close: boolean) => {
      if (close) closeOverlay();
      run(change.title, [change.item], false, !close);
    },
    [run, closeOverlay],
  );
  const monitoredName = monitor && state ? nameOf(state, monitor.agentId) : t().actions.monitor;
  const setMonitorMode = useCallback(
    (mode: MonitorMode) =>
      run(
        t().actions.monitor,
        [
          {
            key: 'monitor',
            // A refusal reads "Monitor: Bruno Diaz: …", in the catalogue's words.
            name: monitoredName,
            command: { type: 'monitor_mode', mode },
            okText: t().actions.nowMode(MONITOR_LABELS[mode].toLowerCase()),
          },
        ],
        false,
      ),
    [run, monitoredName],
  );

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
          if (!agent || !channelId) return;
          onOpenAgent?.({ channelId, userId: agent.userId });
          if (actions && state && actor) {
            const targets = selected.length > 0 ? selected : [agent.userId];
            actDispatch({ type: 'open', overlay: { kind: 'menu', channelId, targets } });
          }
          return;
        case 'select.toggle':
          if (!agent) return;
          dispatch({ type: 'selectToggle', id: agent.userId });
          return move('down');
        case 'agents.log':
          if (channelId && state && actor)
            actDispatch({ type: 'open', overlay: { kind: 'logAgents', channelId } });
          return;
        case 'unassigned.review':
          return actDispatch({ type: 'open', overlay: { kind: 'unassigned' } });
        case 'activity.open':
          return actDispatch({ type: 'open', overlay: { kind: 'activity' } });
        case 'settings.open':
          return actDispatch({ type: 'open', overlay: { kind: 'settings' } });
        case 'monitor.focus':
          return setMonitorKeys(true);
        case 'monitor.back':
          return setMonitorKeys(false);
        case 'monitor.listen':
        case 'monitor.whisper': {
          const mode = action === 'monitor.listen' ? 'listen' : 'whisper';
          if (monitor && monitor.mode !== mode) setMonitorMode(mode);
          return setMonitorKeys(false);
        }
        case 'monitor.barge':
          setMonitorKeys(false);
          if (monitor && monitor.mode !== 'barge')
            actDispatch({ type: 'open', overlay: { kind: 'bargeConfirm' } });
          return;
        case 'monitor.stop':
          setMonitorKeys(false);
          if (monitor)
            run(
              t().actions.monitor,
              [
                {
                  key: 'monitor',
                  name: monitoredName,
                  command: { type: 'monitor_stop' },
                  okText: t().actions.stopped,
                },
              ],
              false,
            );
          return;
        case 'filter.start':
          return dispatch({ type: 'filterStart' });
        case 'filter.done':
          return dispatch({ type: 'filterDone' });
        case 'filter.clear':
          if (view.focus === 'agents' && !view.filtering) dispatch({ type: 'selectClear' });
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
    [
      view.focus,
      view.filtering,
      channels,
      agents,
      agent,
      channelId,
      listRows,
      onExit,
      onOpenAgent,
      actions,
      state,
      actor,
      selected,
      monitor,
      monitoredName,
      run,
      setMonitorMode,
    ],
  );

  useInput(
    (input, key) => {
      const action = matchAction(layout.tooSmall ? 'help' : context, input, key, abilities);
      if (!action) return;
      if (layout.tooSmall && action !== 'app.quit' && action !== 'app.interrupt') return;
      // In the help, the cursor keys scroll it (the help reads them), not the board below.
      if (view.help && cursorMoveOf(action)) return;
      perform(action);
    },
    { isActive: inputActive && !overlayOpen },
  );
  // Over a menu or dialog: `?` shows its keys (the dialog keeps its place below), Ctrl-C quits.
  useInput(
    (input, key) => {
      const action = matchAction(view.help ? 'help' : overlayContext, input, key, abilities);
      if (action === 'help.toggle' || action === 'help.close') perform(action);
      else if (action === 'app.interrupt' || (view.help && action === 'app.quit')) perform(action);
    },
    { isActive: inputActive && overlayOpen },
  );
  const overlayKeys = inputActive && overlayOpen && !view.help;
  useEffect(() => {
    if (overlayOpen) setMonitorKeys(false);
    if (overlay.kind === 'menu') setOverlayContext('menu');
    else if (overlay.kind === 'settings') setOverlayContext('settings');
    else if (overlay.kind === 'bargeConfirm') setOverlayContext('confirm');
    else if (overlay.kind === 'logAgents') setOverlayContext('search');
    else if (overlay.kind === 'activity') setOverlayContext('list');
    else if (overlay.kind === 'unassigned') setOverlayContext('unassigned');
    else if (overlayOpen) setOverlayContext('results');
  }, [overlay.kind, overlayOpen]);

  const onFilterChange = useCallback((value: string) => dispatch({ type: 'filterChange', value }), []);

  if (layout.tooSmall) return <TooSmall columns={columns} rows={rows} />;

  const latestError = snapshot.errors[snapshot.errors.length - 1];
  const monitoredInteraction = monitor ? state?.interactions.get(monitor.interactionId) : undefined;
  const customerName = monitoredInteraction
    ? monitoredInteraction.customer.name || monitoredInteraction.customer.address
    : t().confirm.theCustomer;
  let fullOverlay: ReactNode = null;
  if (state && actor) {
    switch (overlay.kind) {
      case 'logAgents':
        fullOverlay = (
          <LogAgentsDialog
            state={state}
            actor={actor}
            channelId={overlay.channelId}
            now={now}
            width={columns}
            height={bodyRows}
            isActive={overlayKeys}
            onContext={setOverlayContext}
            onSubmit={(userIds) => logIn(overlay.channelId, userIds)}
            onClose={closeOverlay}
          />
        );
        break;
      case 'activity':
        fullOverlay = actions ? (
          <ActivityLog
            state={state}
            load={loadAudit}
            width={columns}
            height={bodyRows}
            isActive={overlayKeys}
            onContext={setOverlayContext}
            onClose={closeOverlay}
          />
        ) : null;
        break;
      case 'unassigned':
        fullOverlay = (
          <UnassignedDialog
            state={state}
            sessions={unassignedSessions(state, actor.user)}
            width={columns}
            height={bodyRows}
            isActive={overlayKeys}
            onContext={setOverlayContext}
            onLogOut={logOutUnassigned}
            onClose={closeOverlay}
          />
        );
        break;
      case 'settings':
        fullOverlay = (
          <SettingsPanel
            state={state}
            actor={actor}
            now={now}
            width={columns}
            height={bodyRows}
            isActive={overlayKeys}
            onContext={setOverlayContext}
            onChange={changeSettings}
            onClose={closeOverlay}
          />
        );
        break;
      case 'report':
        fullOverlay = acts.report ? (
          <ReportPanel
            report={acts.report}
            width={columns}
            height={bodyRows}
            isActive={overlayKeys}
            onClose={closeOverlay}
          />
        ) : null;
        break;
      case 'bargeConfirm':
        fullOverlay = monitor ? (
          <Box flexDirection="column" width={columns} height={bodyRows}>
            <Confirm
              width={columns}
              title={t().monitor.bargeTitle}
              question={t().confirm.barge(nameOf(state, monitor.agentId), customerName)}
              verb={t().monitor.barge}
              isActive={overlayKeys}
              onConfirm={() => {
                closeOverlay();
                setMonitorMode('barge');
              }}
              onCancel={closeOverlay}
            />
          </Box>
        ) : null;
        break;
      default:
        break;
    }
  }
  const linkError = snapshot.connection.status === 'live' ? null : snapshot.connection.lastError;
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
          contexts={overlayOpen ? [overlayContext] : monitorFocused ? ['monitor'] : BOARD_CONTEXTS}
          notes={!overlayOpen && !monitorFocused}
          isActive={inputActive}
        />
      ) : null}
      <Box flexDirection="row" height={bodyRows} overflowY="hidden" display={view.help ? 'none' : 'flex'}>
        {fullOverlay ? (
          fullOverlay
        ) : (
          <>
            {overlay.kind === 'menu' && state && actor ? (
              <ActionMenu
                scope={{
                  state,
                  actor,
                  channelId: overlay.channelId,
                  targets: overlay.targets,
                  now,
                  source: snapshot.source,
                }}
                width={layout.channelWidth}
                height={bodyRows}
                isActive={overlayKeys}
                onSubmit={(request) => {
                  closeOverlay();
                  submitRequest(overlay.channelId, overlay.targets, request);
                }}
                onContext={setOverlayContext}
                onLogAgents={() =>
                  actDispatch({ type: 'open', overlay: { kind: 'logAgents', channelId: overlay.channelId } })
                }
                onClose={closeOverlay}
              />
            ) : (
              <ChannelPane
                width={layout.channelWidth}
                height={bodyRows}
                rows={channels}
                selectedId={channelId}
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
              now={dataNow}
              empty={emptyAgents}
              selected={selected}
              stale={staleSince !== null}
            />
          </>
        )}
      </Box>
      {monitor && state && !view.help ? (
        <>
          <MonitorBar state={state} monitor={monitor} width={columns} now={now} focused={monitorFocused} />
          {transcriptRows > 0 ? (
            <TranscriptPanel
              messages={state.interactions.get(monitor.interactionId)?.transcript ?? []}
              customer={customerName}
              agent={nameOf(state, monitor.agentId)}
              width={columns}
              height={transcriptRows}
            />
          ) : null}
        </>
      ) : null}
      <Footer
        width={columns}
        context={view.help ? 'help' : overlayOpen ? overlayContext : context}
        error={latestError}
        linkError={linkError}
        notice={acts.notice}
        abilities={abilities}
      />
    </Box>
  );
}

function Separator({ height }: { height: number }) {
  const theme = useTheme();
  return (
    <Box width={1} height={height} overflowY="hidden">
      <Text dimColor>{Array.from({ length: height }, () => theme.symbols.separator).join('\n')}</Text>
    </Box>
  );
}
