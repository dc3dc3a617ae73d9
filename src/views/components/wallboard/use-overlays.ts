import { useEffect, useReducer } from 'react';
import type { MonitorSession } from '../../../protocol/index.js';
import {
  INITIAL_OVERLAYS,
  type OverlayAction,
  type OverlayState,
  overlayKeyContext,
  overlayReducer,
  type RunItem,
} from '../../actions/overlay-state.js';
import { type ActionPort, useActionRunner } from '../../hooks/use-action-runner.js';
import type { KeyContext } from '../../keymap.js';

type RunActions = (title: string, items: readonly RunItem[], show: boolean, keep?: boolean) => void;

export interface Overlays {
  state: OverlayState;
  dispatch(action: OverlayAction): void;
  /** Sends commands and reports their outcomes (the results list, or a notice). */
  run: RunActions;
  /** The key context of the open overlay (its step decides it); null while the board has the keys. */
  keyContext: KeyContext | null;
}

/**
 * What is on top of the board and where it is: the one source of the overlay's key context.
 * An overlay about something that is gone closes: the barge question once the monitor has
 * ended, the results list once there is no report.
 */
export function useOverlays(actions: ActionPort | undefined, monitor: MonitorSession | undefined): Overlays {
  const [state, dispatch] = useReducer(overlayReducer, INITIAL_OVERLAYS);
  const run = useActionRunner(actions, dispatch);
  const kind = state.overlay.kind;
  useEffect(() => {
    if (kind === 'bargeConfirm' && !monitor) dispatch({ type: 'close' });
    if (kind === 'report' && !state.report) dispatch({ type: 'close' });
  }, [kind, monitor, state.report]);
  return { state, dispatch, run, keyContext: overlayKeyContext(state.overlay) };
}
