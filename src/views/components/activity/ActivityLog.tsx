import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import { useEffect, useMemo, useReducer } from 'react';
import type { CenterState } from '../../../domain/index.js';
import { t } from '../../../i18n/index.js';
import type { AuditEntry } from '../../../protocol/index.js';
import { failureText } from '../../actions/refusals.js';
import { useKeys } from '../../hooks/use-keys.js';
import type { KeyContext } from '../../keymap.js';
import { cursorAfter } from '../../scroll.js';
import { fitSegments } from '../../table-model.js';
import { useTheme } from '../../theme.js';
import { emptyLine, TablePane, useTableLayout } from '../table-pane/TablePane.js';
import { activityColumns } from './activity-columns.js';
import { activityReducer, activityRows, filterActivity, INITIAL_ACTIVITY } from './activity-state.js';

export interface ActivityLogProps {
  state: CenterState | null;
  load(): Promise<AuditEntry[]>;
  width: number;
  height: number;
  isActive: boolean;
  onClose(): void;
  onContext?(context: KeyContext): void;
}

/** `L`: who did what to whom, when, and the result; newest first; `/` filters. */
export function ActivityLog({ state, load, width, height, isActive, onClose, onContext }: ActivityLogProps) {
  const theme = useTheme();
  const [activity, dispatch] = useReducer(activityReducer, INITIAL_ACTIVITY);
  useEffect(() => onContext?.(activity.filtering ? 'filter' : 'list'), [onContext, activity.filtering]);
  useEffect(() => {
    let live = true;
    load().then(
      (entries) => live && dispatch({ type: 'loaded', entries }),
      (error: unknown) => live && dispatch({ type: 'failed', text: failureText(error) }),
    );
    return () => {
      live = false;
    };
  }, [load]);
  const entries = activity.load.status === 'ready' ? activity.load.entries : [];
  const rows = useMemo(
    () => filterActivity(activityRows(state, entries), activity.filter),
    [state, entries, activity.filter],
  );
  // The title line above the table (its header and rows), a line left free below.
  const tableHeight = Math.max(2, height - 2);
  const cursor = Math.min(activity.cursor, Math.max(0, rows.length - 1));
  useKeys(
    'list',
    (action) => {
      const index = cursorAfter(action, cursor, rows.length, tableHeight - 1);
      if (index !== undefined) dispatch({ type: 'cursor', index });
      else if (action === 'filter.start') dispatch({ type: 'filterStart' });
      else if (action === 'dialog.close') onClose();
    },
    isActive && !activity.filtering,
  );
  useKeys(
    'filter',
    (action) => {
      if (action === 'filter.done') dispatch({ type: 'filterDone' });
      else if (action === 'filter.clear') dispatch({ type: 'filterClear' });
    },
    isActive && activity.filtering,
  );
  const words = t().activity;
  const columns = useMemo(() => activityColumns(words), [words]);
  const layout = useTableLayout(columns, width);
  const status =
    activity.load.status === 'loading'
      ? words.loading
      : activity.load.status === 'failed'
        ? activity.load.text
        : words.count(rows.length, entries.length);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Box width={width} height={1} overflow="hidden">
        <Text bold> {words.title} </Text>
        {activity.filtering ? (
          <>
            <Text color={theme.style('accent').color}> / </Text>
            <Box width={Math.max(10, Math.floor(width / 3))} overflow="hidden">
              <TextInput
                value={activity.filter}
                onChange={(value) => dispatch({ type: 'filterChange', value })}
                focus={isActive}
                placeholder={words.filterPlaceholder}
              />
            </Box>
          </>
        ) : activity.filter ? (
          <Text color={theme.style('accent').color}> / {activity.filter}</Text>
        ) : null}
        <Text dimColor wrap="truncate">
          {'  '}
          {status}
        </Text>
      </Box>
      <TablePane
        layout={layout}
        height={tableHeight}
        rows={rows}
        context={null}
        keyOf={(r) => String(r.id)}
        cursor={cursor}
        cursorHighlight="cursor"
        empty={fitSegments(
          emptyLine(activity.load.status === 'loading' ? words.loading : words.nothing),
          width,
        )}
      />
    </Box>
  );
}
