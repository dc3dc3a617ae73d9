import { Box } from 'ink';
import { useMemo } from 'react';
import { AGENT_COLUMNS, type AgentCellContext } from '../agent-columns.js';
import type { AgentRow } from '../agent-rows.js';
import { headerSegments, layoutTable, rowSegments, type Segment, staleSegments } from '../table-model.js';
import { useTheme } from '../theme.js';
import { Line } from './Line.js';
import { VirtualList } from './VirtualList.js';

export interface AgentPaneProps {
  width: number;
  height: number;
  rows: readonly AgentRow[];
  cursorIndex: number;
  focused: boolean;
  now: number;
  empty: string;
  /** Agents selected with Space. */
  selected?: readonly string[];
  /** The data is not live (the link is down): rows dim, `now` is when it stopped being live. */
  stale?: boolean;
}

/** The agents logged in to the selected channel, one line each, only the visible ones rendered. */
export function AgentPane({
  width,
  height,
  rows,
  cursorIndex,
  focused,
  now,
  empty,
  selected,
  stale = false,
}: AgentPaneProps) {
  const theme = useTheme();
  const layout = useMemo(() => layoutTable(AGENT_COLUMNS, width), [width]);
  const cursorId = focused ? (rows[cursorIndex]?.userId ?? null) : null;
  const ctx: AgentCellContext = {
    theme,
    now,
    cursorId,
    selected: new Set(selected ?? []),
    interactionColumn: layout.shown.has('interaction'),
    timeWidth: layout.columns.find((c) => c.column.id === 'time')?.width ?? 7,
  };
  const emptyLine: Segment[] = [{ text: ` ${empty}`, tone: 'muted' }];
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Line segments={headerSegments(layout)} highlight={focused ? 'cursor' : undefined} />
      <VirtualList
        items={rows}
        height={height - 1}
        cursor={cursorIndex}
        cursorHighlight={focused ? 'cursor' : undefined}
        keyOf={(row) => row.userId}
        line={(row) => {
          const segments = rowSegments(layout, row, ctx, theme.symbols.ellipsis);
          return stale ? staleSegments(segments) : segments;
        }}
        empty={emptyLine}
      />
    </Box>
  );
}
