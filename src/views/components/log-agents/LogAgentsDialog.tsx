import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import { useEffect, useMemo, useReducer } from 'react';
import type { Actor, CenterState } from '../../../domain/index.js';
import { t } from '../../../i18n/index.js';
import { textWidth } from '../../format.js';
import { useKeys } from '../../hooks/use-keys.js';
import type { Ability, KeyContext } from '../../keymap.js';
import { cursorAfter, moveCursor } from '../../scroll.js';
import { fitSegments, type Segment } from '../../table-model.js';
import { useTheme } from '../../theme.js';
import { Line } from '../Line.js';
import { emptyLine, TablePane, useTableLayout } from '../table-pane/TablePane.js';
import { LOG_AGENTS_COLUMNS, type PickerCellContext } from './log-agents-columns.js';
import {
  type Candidate,
  candidates,
  INITIAL_PICKER,
  type PickerAction,
  type PickerState,
  pickerLines,
  pickerReducer,
  selectedToLogIn,
} from './log-agents-state.js';

export interface LogAgentsDialogProps {
  state: CenterState;
  actor: Actor;
  channelId: string;
  now: number;
  width: number;
  height: number;
  isActive: boolean;
  /** Log these users in to the channel. */
  onSubmit(userIds: string[]): void;
  onClose(): void;
  /** Where the keyboard is in the dialog (for the footer's hints). */
  onContext?(context: KeyContext): void;
}

const ABILITIES: ReadonlySet<Ability> = new Set<Ability>(['manage']);

/**
 * The Log agents dialog (`a`): search everyone this user may log in to the channel, by name
 * or extension, filter by role, see their devices, pick several, log them in. Never assigns.
 */
export function LogAgentsDialog(props: LogAgentsDialogProps) {
  const { state, actor, channelId, now, width, height, isActive } = props;
  const theme = useTheme();
  const [picker, dispatch] = useReducer(pickerReducer, INITIAL_PICKER);
  const { onContext } = props;
  useEffect(() => onContext?.(picker.focus === 'search' ? 'search' : 'picker'), [onContext, picker.focus]);
  const list = useMemo(
    () => candidates(state, actor, channelId, picker.query, picker.role, now),
    [state, actor, channelId, picker.query, picker.role, now],
  );
  const lines = useMemo(() => pickerLines(list, picker.expanded), [list, picker.expanded]);
  const cursorId = picker.cursorId ?? list[0]?.user.id ?? null;
  // The title and search lines above the table (its header and rows), a line left free below.
  const tableHeight = Math.max(2, height - 3);
  usePickerKeys(
    picker,
    dispatch,
    list,
    cursorId,
    tableHeight - 1,
    isActive,
    () => {
      // The selection; with none, the highlighted person.
      const all = candidates(state, actor, channelId, '', 'all', now);
      const wanted = picker.selected.length > 0 ? picker.selected : cursorId ? [cursorId] : [];
      const chosen = selectedToLogIn(all, wanted);
      if (chosen.length > 0) props.onSubmit(chosen.map((c) => c.user.id));
    },
    props.onClose,
  );

  const layout = useTableLayout(LOG_AGENTS_COLUMNS, width);
  const context: PickerCellContext = {
    theme,
    cursorId: picker.focus === 'list' ? cursorId : null,
    selected: picker.selected,
  };
  const channelName = state.channels.get(channelId)?.name ?? channelId;
  const words = t().logAgents;
  const title: Segment[] = [
    { text: ` ${words.title(channelName)}`, tone: 'heading' },
    {
      text: `  ${theme.symbols.separator} ${words.neverAssigns(theme.symbols.notAssigned)}`,
      tone: 'muted',
    },
  ];
  const status: Segment[] = [
    {
      text: ` ${words.role(picker.role === 'all' ? words.allRoles : t().roles[picker.role])}`,
      tone: 'accent',
    },
    { text: ` ${words.roleKey}  `, tone: 'muted' },
    { text: `${words.shown(list.length)}  ` },
    { text: words.selected(picker.selected.length), tone: picker.selected.length > 0 ? 'accent' : 'muted' },
  ];
  // The search field takes half the line, less what the status needs to show whole.
  const statusWidth = status.reduce((sum, segment) => sum + textWidth(segment.text), 0);
  const searchWidth = Math.max(10, Math.min(Math.floor(width / 2) - 3, width - 3 - statusWidth));
  const cursorLine = Math.max(
    0,
    lines.findIndex((l) => l.kind === 'user' && l.candidate.user.id === cursorId),
  );
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Line segments={fitSegments(title, width)} />
      <Box width={width} height={1} overflow="hidden">
        <Text color={theme.style('accent').color}> / </Text>
        <Box width={searchWidth} overflow="hidden">
          <TextInput
            value={picker.query}
            onChange={(value) => dispatch({ type: 'query', value })}
            focus={isActive && picker.focus === 'search'}
            placeholder={words.search}
            showCursor={picker.focus === 'search'}
          />
        </Box>
        <Line segments={fitSegments(status, Math.max(0, width - searchWidth - 3))} />
      </Box>
      <TablePane
        layout={layout}
        height={tableHeight}
        rows={lines}
        context={context}
        keyOf={(line) =>
          line.kind === 'user' ? line.candidate.user.id : `${line.ownerId}/${line.device.id}`
        }
        cursor={cursorLine}
        cursorHighlight={picker.focus === 'list' ? 'cursor' : undefined}
        empty={emptyLine(picker.query ? words.nobodyMatches(picker.query) : words.nobody)}
      />
    </Box>
  );
}

/** The dialog's keys: the search field (typing, Tab, ↓/Enter to the list) and the list. */
export function usePickerKeys(
  picker: PickerState,
  dispatch: (action: PickerAction) => void,
  list: readonly Candidate[],
  cursorId: string | null,
  page: number,
  isActive: boolean,
  submit: () => void,
  close: () => void,
): void {
  const ids = list.map((c) => c.user.id);
  const index = cursorId === null ? -1 : ids.indexOf(cursorId);
  const moveTo = (to: number) => dispatch({ type: 'cursor', id: ids[to] ?? null });
  const current = list.find((c) => c.user.id === cursorId);
  useKeys(
    'search',
    (action) => {
      if (action === 'search.done') dispatch({ type: 'focus', focus: 'list' });
      else if (action === 'role.cycle') dispatch({ type: 'roleCycle' });
      else if (action === 'search.clear') {
        if (picker.query) dispatch({ type: 'query', value: '' });
        else close();
      }
    },
    isActive && picker.focus === 'search',
  );
  useKeys(
    'picker',
    (action) => {
      const to = cursorAfter(action, index, ids.length, page);
      if (to !== undefined) return moveTo(to);
      switch (action) {
        case 'picker.expand':
          return current ? dispatch({ type: 'expand', id: current.user.id }) : undefined;
        case 'picker.collapse':
          return current ? dispatch({ type: 'collapse', id: current.user.id }) : undefined;
        case 'select.toggle':
          if (current?.selectable) dispatch({ type: 'toggle', id: current.user.id });
          return moveTo(moveCursor(index, 'down', ids.length, page));
        case 'picker.submit':
          return submit();
        case 'filter.start':
          return dispatch({ type: 'focus', focus: 'search' });
        case 'role.cycle':
          return dispatch({ type: 'roleCycle' });
        case 'dialog.close':
          return close();
        default:
          return;
      }
    },
    isActive && picker.focus === 'list',
    ABILITIES,
  );
}
