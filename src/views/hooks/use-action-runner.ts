import { useCallback, useRef } from 'react';
import type { Commands } from '../../client/commands.js';
import { t } from '../../i18n/index.js';
import type { OverlayAction, RunItem } from '../actions/overlay-state.js';
import { failureText, refusalText } from '../actions/refusals.js';

/** What the views need of the client to act: commands and the audit query. */
export type ActionPort = Pick<Commands, 'send' | 'queryAudit'>;

/**
 * Sends one command per item and reports each ack (accepted, refused in plain words, or no
 * answer) into the overlay reducer. Nothing changes on screen from here but the report:
 * the rows change when the hub's deltas arrive.
 */
export function useActionRunner(
  port: ActionPort | undefined,
  dispatch: (action: OverlayAction) => void,
): (title: string, items: readonly RunItem[], show: boolean, keep?: boolean) => void {
  const nextId = useRef(1);
  return useCallback(
    (title, items, show, keep = false) => {
      if (!port || items.length === 0) return;
      const reportId = nextId.current++;
      dispatch({ type: 'reportStart', id: reportId, title, items, show, keep });
      for (const item of items) {
        port.send(item.command).then(
          (ack) =>
            dispatch(
              ack.ok
                ? { type: 'settle', reportId, key: item.key, outcome: 'done', text: item.okText }
                : {
                    type: 'settle',
                    reportId,
                    key: item.key,
                    outcome: 'refused',
                    text: t().report.outcome(item.name, refusalText(ack.error)),
                  },
            ),
          (error: unknown) =>
            dispatch({
              type: 'settle',
              reportId,
              key: item.key,
              outcome: 'failed',
              text: t().report.outcome(item.name, failureText(error)),
            }),
        );
      }
    },
    [port, dispatch],
  );
}
