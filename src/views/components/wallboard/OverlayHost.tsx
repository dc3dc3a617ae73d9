import { Box } from 'ink';
import { type ReactNode, useCallback } from 'react';
import { type Actor, type CenterState, unassignedSessions } from '../../../domain/index.js';
import { t } from '../../../i18n/index.js';
import type { AuditEntry, MonitorSession } from '../../../protocol/index.js';
import type { ActionScope } from '../../actions/agent-actions.js';
import { nameOf } from '../../actions/agent-actions.js';
import type { KeyContext } from '../../keymap.js';
import { ActionMenu } from '../action-menu/ActionMenu.js';
import { ActivityLog } from '../activity/ActivityLog.js';
import { Confirm } from '../Confirm.js';
import { LogAgentsDialog } from '../log-agents/LogAgentsDialog.js';
import { ReportPanel } from '../ReportPanel.js';
import { SettingsPanel } from '../settings/SettingsPanel.js';
import { UnassignedDialog } from '../UnassignedDialog.js';
import type { BoardActions } from './use-board-actions.js';
import type { Overlays } from './use-overlays.js';

export interface OverlayHostProps {
  state: CenterState | null;
  actor: Actor | null;
  now: number;
  source: ActionScope['source'];
  width: number;
  height: number;
  /** The action menu opens in place of the channels, this wide. */
  menuWidth: number;
  /** The overlay has the keyboard (the help is not over it). */
  isActive: boolean;
  overlays: Overlays;
  board: BoardActions;
  monitor: MonitorSession | undefined;
  /** The monitored interaction's customer, as the barge question names them. */
  customerName: string;
  loadAudit(): Promise<AuditEntry[]>;
  /** The board under the overlay, given the action menu when it is open (it replaces the channels). */
  children(menu: ReactNode): ReactNode;
}

/**
 * What is on top of the board: a dialog or a list over the whole body, or the action menu beside
 * the agents. Each overlay's step is held in the overlay state, so the one that is open decides
 * the key context (`useOverlays`): nothing to keep in sync here.
 */
export function OverlayHost(props: OverlayHostProps) {
  const { state, actor, now, width, height, isActive, overlays, board } = props;
  const { overlay, report } = overlays.state;
  const dispatch = overlays.dispatch;
  // The Log agents dialog and the activity log hold where their keyboard is and say so.
  const onContext = useCallback((context: KeyContext) => dispatch({ type: 'keys', context }), [dispatch]);
  if (!state || !actor) return props.children(null);
  switch (overlay.kind) {
    case 'logAgents':
      return (
        <LogAgentsDialog
          state={state}
          actor={actor}
          channelId={overlay.channelId}
          now={now}
          width={width}
          height={height}
          isActive={isActive}
          onContext={onContext}
          onSubmit={(userIds) => board.logIn(overlay.channelId, userIds)}
          onClose={board.close}
        />
      );
    case 'activity':
      return (
        <ActivityLog
          state={state}
          load={props.loadAudit}
          width={width}
          height={height}
          isActive={isActive}
          onContext={onContext}
          onClose={board.close}
        />
      );
    case 'unassigned':
      return (
        <UnassignedDialog
          state={state}
          sessions={unassignedSessions(state, actor.user)}
          width={width}
          height={height}
          isActive={isActive}
          confirming={overlay.confirming}
          onConfirming={(sessions) => dispatch({ type: 'unassignedConfirm', sessions })}
          onLogOut={board.logOutUnassigned}
          onClose={board.close}
        />
      );
    case 'settings':
      return (
        <SettingsPanel
          state={state}
          actor={actor}
          now={now}
          width={width}
          height={height}
          isActive={isActive}
          step={overlay.step}
          onStep={(step) => dispatch({ type: 'settingsStep', step })}
          onChange={board.changeSettings}
          onClose={board.close}
        />
      );
    case 'report':
      return report ? (
        <ReportPanel
          report={report}
          width={width}
          height={height}
          isActive={isActive}
          onClose={board.close}
        />
      ) : (
        props.children(null)
      );
    case 'bargeConfirm':
      return props.monitor ? (
        <Box flexDirection="column" width={width} height={height}>
          <Confirm
            width={width}
            title={t().monitor.bargeTitle}
            question={t().confirm.barge(nameOf(state, props.monitor.agentId), props.customerName)}
            verb={t().monitor.barge}
            isActive={isActive}
            onConfirm={() => {
              board.close();
              board.setMonitorMode('barge');
            }}
            onCancel={board.close}
          />
        </Box>
      ) : (
        props.children(null)
      );
    case 'menu':
      return props.children(
        <ActionMenu
          scope={{
            state,
            actor,
            channelId: overlay.channelId,
            targets: overlay.targets,
            now,
            source: props.source,
          }}
          width={props.menuWidth}
          height={height}
          isActive={isActive}
          step={overlay.step}
          onStep={(action) => dispatch({ type: 'menu', action })}
          onSubmit={(request) => {
            board.close();
            board.submitRequest(overlay.channelId, overlay.targets, request);
          }}
          onLogAgents={() => board.open({ kind: 'logAgents', channelId: overlay.channelId })}
          onClose={board.close}
        />,
      );
    case 'none':
      return props.children(null);
  }
}
