/**
 * What the board sends, as runs of commands with the words for each outcome: a request from
 * the action menu, logging people in, logging out unassigned sessions, a settings change,
 * the monitor's mode or its end.
 */
import { type CenterState, pairKey, type UnassignedSession } from '../../../domain/index.js';
import { t } from '../../../i18n/index.js';
import type { MonitorMode } from '../../../protocol/index.js';
import {
  type ActionRequest,
  busyTargets,
  commandsFor,
  MONITOR_LABELS,
  nameOf,
  requestLabel,
} from '../../actions/agent-actions.js';
import type { RunItem } from '../../actions/run-item.js';
import type { Theme } from '../../theme.js';

export interface Run {
  title: string;
  items: RunItem[];
  /** Shown as a results list (several agents), or only as a notice (one). */
  show: boolean;
}

/** The action menu's request, for each target agent of the channel. */
export function requestRun(
  state: CenterState,
  channelId: string,
  targets: readonly string[],
  request: ActionRequest,
): Run {
  const busy = new Set(busyTargets(state, channelId, targets));
  const channelName = state.channels.get(channelId)?.name ?? channelId;
  const items: RunItem[] = commandsFor(request, channelId, targets).map((command, i) => {
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
  return { title: `${requestLabel(state, request)} · ${channelName}`, items, show: items.length > 1 };
}

/** The Log agents dialog: these people into the channel (never assigning them). */
export function logInRun(
  state: CenterState,
  channelId: string,
  userIds: readonly string[],
  theme: Theme,
): Run {
  const channelName = state.channels.get(channelId)?.name ?? channelId;
  const items: RunItem[] = userIds.map((userId) => {
    const name = nameOf(state, userId);
    const assigned = state.assignments.get(pairKey(channelId, userId))?.asAgent === true;
    return {
      key: userId,
      name,
      command: { type: 'login', channelId, userId },
      okText: assigned
        ? t().actions.loggedIn(name)
        : t().actions.loggedInNotAssigned(name, theme.symbols.notAssigned),
    };
  });
  return { title: t().actions.logInTo(channelName), items, show: items.length > 1 };
}

/** The unassigned sessions dialog: log these out. */
export function logOutUnassignedRun(sessions: readonly UnassignedSession[]): Run {
  const items: RunItem[] = sessions.map((f) => ({
    key: pairKey(f.session.channelId, f.session.userId),
    name: `${f.name} (${f.channelName})`,
    command: { type: 'logout', channelId: f.session.channelId, userId: f.session.userId },
    okText: f.busy ? t().actions.flaggedPending : t().actions.loggedOut,
  }));
  return { title: t().actions.logOutFlagged, items, show: true };
}

/** The running monitor: another mode (`name`: whom it is on), or its end (`mode` null). */
export function monitorRun(name: string, mode: MonitorMode | null): Run {
  return {
    title: t().actions.monitor,
    items: [
      mode
        ? {
            key: 'monitor',
            // A refusal reads "Monitor: Bruno Diaz: …", in the catalogue's words.
            name,
            command: { type: 'monitor_mode', mode },
            okText: t().actions.nowMode(MONITOR_LABELS[mode].toLowerCase()),
          }
        : { key: 'monitor', name, command: { type: 'monitor_stop' }, okText: t().actions.stopped },
    ],
    show: false,
  };
}
