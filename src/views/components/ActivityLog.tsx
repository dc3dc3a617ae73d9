import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import { useEffect, useMemo, useReducer } from 'react';
import type { CenterState } from '../../domain/index.js';
import { t } from '../../i18n/index.js';
import type { AuditEntry } from '../../protocol/index.js';
import {
  type ActivityRow,
  activityReducer,
  activityRows,
  filterActivity,
  INITIAL_ACTIVITY,
} from '../actions/activity-state.js';
import { failureText } from '../actions/refusals.js';
import { formatClock } from '../format.js';
import { useKeys } from '../hooks/use-keys.js';
import type { KeyContext } from '../keymap.js';
import { moveCursor } from '../scroll.js';
import { type Column, fitSegments, headerSegments, layoutTable, rowSegments } from '../table-model.js';
import { useTheme } from '../theme.js';
import { Line } from './Line.js';
import { VirtualList } from './VirtualList.js';

export interface ActivityLogProps {
  state: CenterState | null;
  load(): Promise<AuditEntry[]>;
  width: number;
  height: number;
  isActive: boolean;
  onClose(): void;
  onContext?(context: KeyContext): void;
}

const COLUMNS: readonly Column<ActivityRow, null>[] = [
  {
    id: 'at',
    get header() {
      return t().activity.time;
    },
    min: 8,
    cell: (r) => formatClock(r.at),
  },
  {
    id: 'who',
    get header() {
      return t().activity.who;
    },
    min: 10,
    ideal: 16,
    max: 22,
    grow: 1,
    cell: (r) => r.who,
  },
  {
    id: 'action',
    get header() {
      return t().activity.action;
    },
    min: 8,
    ideal: 14,
    max: 20,
    grow: 1,
    cell: (r) => r.action,
  },
  {
    id: 'target',
    get header() {
      return t().activity.target;
    },
    min: 12,
    ideal: 26,
    max: 40,
    grow: 2,
    cell: (r) => r.target,
  },
  {
    id: 'result',
    get header() {
      return t().activity.result;
    },
    min: 9,
    ideal: 16,
    cell: (r) => ({ text: r.result, tone: r.ok ? 'ok' : 'critical' }),
  },
  {
    id: 'detail',
    get header() {
      return t().activity.detail;
    },
    min: 8,
    ideal: 24,
    max: 64,
    grow: 3,
    drop: 1,
    cell: (r) => ({ text: r.detail, tone: 'muted' }),
  },
];

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
  const listHeight = Math.max(1, height - 3);
  const cursor = Math.min(activity.cursor, Math.max(0, rows.length - 1));
  const move = (m: Parameters<typeof moveCursor>[1]) =>
    dispatch({ type: 'cursor', index: moveCursor(cursor, m, rows.length, listHeight) });
  useKeys(
    'list',
    (action) => {
      switch (action) {
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
        case 'filter.start':
          return dispatch({ type: 'filterStart' });
        case 'dialog.close':
          return onClose();
        default:
          return;
      }
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
  const layout = useMemo(() => layoutTable(COLUMNS, width), [width]);
  const words = t().activity;
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
      <Line segments={headerSegments(layout)} />
      <VirtualList
        items={rows}
        height={listHeight}
        cursor={cursor}
        cursorHighlight="cursor"
        keyOf={(r) => String(r.id)}
        line={(r) => rowSegments(layout, r, null, theme.symbols.ellipsis)}
        empty={fitSegments(
          [{ text: ` ${activity.load.status === 'loading' ? words.loading : words.nothing}`, tone: 'muted' }],
          width,
        )}
      />
    </Box>
  );
}
