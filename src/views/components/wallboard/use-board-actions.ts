import { type Dispatch, useCallback, useMemo } from 'react';
import type { Actor, CenterState, UnassignedSession } from '../../../domain/index.js';
import type { MonitorMode } from '../../../protocol/index.js';
import type { ActionRequest } from '../../actions/agent-actions.js';
import type { OverlayRequest } from '../../actions/overlay-state.js';
import type { ActionPort } from '../../hooks/use-action-runner.js';
import type { ActionName } from '../../keymap.js';
import { type CursorMove, cursorMoveOf } from '../../scroll.js';
import type { Theme } from '../../theme.js';
import type { ExitReason } from '../screen-props.js';
import type { SettingsChange } from '../settings/settings-rows.js';
import { logInRun, logOutUnassignedRun, monitorRun, type Run, requestRun } from './board-commands.js';
import type { BoardRows } from './board-rows.js';
import type { MonitorKeys } from './use-monitor.js';
import type { Overlays } from './use-overlays.js';
import type { ViewAction, WallboardView } from './wallboard-state.js';

export interface BoardActionsInput {
  state: CenterState | null;
  actor: Actor | null;
  actions: ActionPort | undefined;
  theme: Theme;
  view: WallboardView;
  dispatch: Dispatch<ViewAction>;
  rows: BoardRows;
  /** Rows of a list on screen: a page. */
  listRows: number;
  monitor: MonitorKeys;
  overlays: Overlays;
  onExit(reason: ExitReason): void;
}

export interface BoardActions {
  /** What a key action does on the board. */
  perform(action: ActionName): void;
  close(): void;
  open(overlay: OverlayRequest): void;
  submitRequest(channelId: string, targets: readonly string[], request: ActionRequest): void;
  logIn(channelId: string, userIds: readonly string[]): void;
  logOutUnassigned(sessions: readonly UnassignedSession[]): void;
  changeSettings(change: SettingsChange, close: boolean): void;
  setMonitorMode(mode: MonitorMode): void;
}

/**
 * The board's actions: the key actions (`perform`), and what the overlays send back (a request,
 * people to log in, sessions to log out, a settings change, a monitor mode).
 */
export function useBoardActions(input: BoardActionsInput): BoardActions {
  const { state, actor, actions, theme, view, dispatch, rows, listRows, monitor, overlays, onExit } = input;
  const { run, dispatch: overlayDispatch } = overlays;
  const { setKeys: setMonitorKeys } = monitor;
  const send = useCallback((r: Run, keep?: boolean) => run(r.title, r.items, r.show, keep), [run]);
  const close = useCallback(() => overlayDispatch({ type: 'close' }), [overlayDispatch]);
  const open = useCallback(
    (overlay: OverlayRequest) => {
      // An overlay takes the keyboard from the monitor bar; closing it gives the board the keys.
      setMonitorKeys(false);
      overlayDispatch({ type: 'open', overlay });
    },
    [overlayDispatch, setMonitorKeys],
  );
  const builders = useMemo(
    () => ({
      submitRequest(channelId: string, targets: readonly string[], request: ActionRequest) {
        if (!state) return;
        send(requestRun(state, channelId, targets, request));
        dispatch({ type: 'selectClear' });
      },
      logIn(channelId: string, userIds: readonly string[]) {
        if (state) send(logInRun(state, channelId, userIds, theme));
      },
      logOutUnassigned(sessions: readonly UnassignedSession[]) {
        send(logOutUnassignedRun(sessions));
      },
      changeSettings(change: SettingsChange, closing: boolean) {
        if (closing) close();
        run(change.title, [change.item], false, !closing);
      },
      setMonitorMode(mode: MonitorMode) {
        send(monitorRun(monitor.name, mode));
      },
    }),
    [state, theme, send, run, dispatch, close, monitor.name],
  );

  const { agent, channelId, selected } = rows;
  const session = monitor.monitor;
  const perform = useCallback(
    (action: ActionName) => {
      const move = cursorMoveOf(action);
      if (move) return moveBoardCursor(view, move, rows, listRows, dispatch);
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
        case 'agent.open':
          if (agent && channelId && actions && state && actor) {
            const targets = selected.length > 0 ? selected : [agent.userId];
            open({ kind: 'menu', channelId, targets });
          }
          return;
        case 'select.toggle':
          if (!agent) return;
          dispatch({ type: 'selectToggle', id: agent.userId });
          return moveBoardCursor(view, 'down', rows, listRows, dispatch);
        case 'agents.log':
          if (channelId && state && actor) open({ kind: 'logAgents', channelId });
          return;
        case 'unassigned.review':
          return open({ kind: 'unassigned' });
        case 'activity.open':
          return open({ kind: 'activity' });
        case 'settings.open':
          return open({ kind: 'settings' });
        case 'monitor.focus':
          return setMonitorKeys(true);
        case 'monitor.back':
          return setMonitorKeys(false);
        case 'monitor.listen':
        case 'monitor.whisper': {
          const mode = action === 'monitor.listen' ? 'listen' : 'whisper';
          if (session && session.mode !== mode) builders.setMonitorMode(mode);
          return setMonitorKeys(false);
        }
        case 'monitor.barge':
          setMonitorKeys(false);
          if (session && session.mode !== 'barge') open({ kind: 'bargeConfirm' });
          return;
        case 'monitor.stop':
          setMonitorKeys(false);
          if (session) send(monitorRun(monitor.name, null));
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
      view,
      rows,
      agent,
      channelId,
      selected,
      listRows,
      dispatch,
      onExit,
      actions,
      state,
      actor,
      session,
      monitor.name,
      open,
      send,
      setMonitorKeys,
      builders,
    ],
  );
  return { perform, close, open, ...builders };
}

/**
 * Moves the cursor of the focused list (channels or agents) one row, a page, or to an end.
 * (Where a shared cursor-move function can be swapped in.)
 */
function moveBoardCursor(
  view: WallboardView,
  move: CursorMove,
  rows: Pick<BoardRows, 'channels' | 'agents'>,
  page: number,
  dispatch: Dispatch<ViewAction>,
): void {
  const ids =
    view.focus === 'channels' ? rows.channels.map((c) => c.channel.id) : rows.agents.map((a) => a.userId);
  dispatch({ type: 'move', move, ids, page });
}
