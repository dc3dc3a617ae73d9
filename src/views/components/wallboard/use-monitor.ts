import { useEffect, useRef, useState } from 'react';
import type { CenterState } from '../../../domain/index.js';
import { t } from '../../../i18n/index.js';
import type { MonitorSession } from '../../../protocol/index.js';
import { nameOf } from '../../actions/agent-actions.js';
import type { OverlayAction } from '../../actions/overlay-state.js';

export interface MonitorKeys {
  /** The monitor this user runs, if any. */
  monitor: MonitorSession | undefined;
  /** `m`: the monitor bar has the keyboard (1 listen, 2 whisper, 3 barge, x stop, Esc back). */
  focused: boolean;
  setKeys(on: boolean): void;
  /** Whom the monitor is on, as a refusal or a result names it. */
  name: string;
}

/**
 * This user's monitor and whether its bar has the keyboard (never under an overlay). Monitoring
 * ends by itself when the interaction ends: a notice says so, and the bar gives the keys back.
 */
export function useMonitor(
  state: CenterState | null,
  monitor: MonitorSession | undefined,
  overlayOpen: boolean,
  dispatch: (action: OverlayAction) => void,
): MonitorKeys {
  const [keys, setKeys] = useState(false);
  const lastMonitor = useRef(monitor);
  useEffect(() => {
    const before = lastMonitor.current;
    lastMonitor.current = monitor;
    if (before && !monitor) setKeys(false);
    if (before && !monitor && state) {
      const over = !state.interactions.has(before.interactionId);
      dispatch({
        type: 'notice',
        notice: {
          tone: 'info',
          text: over
            ? t().actions.monitorEnded(nameOf(state, before.agentId))
            : t().actions.monitorStopped(nameOf(state, before.agentId)),
        },
      });
    }
  }, [monitor, state, dispatch]);
  return {
    monitor,
    focused: keys && monitor !== undefined && !overlayOpen,
    setKeys,
    name: monitor && state ? nameOf(state, monitor.agentId) : t().actions.monitor,
  };
}
