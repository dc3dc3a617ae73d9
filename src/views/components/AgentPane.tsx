import { memo, useMemo } from 'react';
import { AGENT_COLUMNS, type AgentCellContext } from '../agent-columns.js';
import type { AgentRow } from '../agent-rows.js';
import { useTheme } from '../theme.js';
import { emptyLine, TablePane, useTableLayout } from './table-pane/TablePane.js';

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

/**
 * The agents logged in to the selected channel, one line each, only the visible ones rendered.
 * Drawn again only when a prop changes: a publish that changes none of the channel's agents
 * (their rows are kept, board-rows.ts) leaves the pane alone.
 */
export const AgentPane = memo(function AgentPane({
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
  const layout = useTableLayout(AGENT_COLUMNS, width);
  const cursorId = focused ? (rows[cursorIndex]?.userId ?? null) : null;
  // One context while its parts hold: the table keeps the lines of unchanged rows with it (and,
  // when only the clock moved, their timeless cells: the set of chosen agents is made once).
  const chosen = useMemo(() => new Set(selected ?? []), [selected]);
  const context = useMemo(
    (): AgentCellContext => ({
      theme,
      now,
      cursorId,
      selected: chosen,
      interactionColumn: layout.shown.has('interaction'),
      timeWidth: layout.columns.find((c) => c.column.id === 'time')?.width ?? 7,
    }),
    [theme, now, cursorId, chosen, layout],
  );
  return (
    <TablePane
      layout={layout}
      height={height}
      rows={rows}
      context={context}
      keyOf={(row) => row.userId}
      cursor={cursorIndex}
      cursorHighlight={focused ? 'cursor' : undefined}
      headerHighlight={focused ? 'cursor' : undefined}
      stale={stale}
      empty={emptyLine(empty)}
    />
  );
});
