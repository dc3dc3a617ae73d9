/**
 * The one table view (k9s's idea): every table on the wallboard is a header line over a
 * virtual list of rows, each row drawn by the table model (`table-model.ts`) from its columns
 * laid out at the pane's width. The panes differ only in their columns, rows and cursor.
 */
import { Box } from 'ink';
import { useMemo } from 'react';
import {
  type Column,
  headerSegments,
  layoutTable,
  rowSegments,
  type Segment,
  staleSegments,
  type TableLayout,
} from '../../table-model.js';
import { useTheme } from '../../theme.js';
import { type Highlight, Line } from '../Line.js';
import { VirtualList } from '../VirtualList.js';

export interface TablePaneProps<Row, Ctx> {
  /** The columns laid out at the pane's width (see `useTableLayout`). */
  layout: TableLayout<Row, Ctx>;
  /** Lines on screen, the header included. */
  height: number;
  rows: readonly Row[];
  /** What every cell formatter is given. */
  context: Ctx;
  keyOf(row: Row): string;
  /** Index of the row under the cursor (-1: none). */
  cursor: number;
  /** How the cursor row is shown. */
  cursorHighlight: Highlight;
  /** How the header is shown (the focused pane's is inverse). */
  headerHighlight?: Highlight;
  /** The data is not live (the link is down): rows dim. */
  stale?: boolean;
  /** Shown when there are no rows. */
  empty: readonly Segment[];
  /** A row drawn as one line across the table rather than by its cells (a section heading). */
  spanning?(row: Row): readonly Segment[] | undefined;
}

/** The columns laid out at `width`, again only when either changes. */
export function useTableLayout<Row, Ctx>(
  columns: readonly Column<Row, Ctx>[],
  width: number,
): TableLayout<Row, Ctx> {
  return useMemo(() => layoutTable(columns, width), [columns, width]);
}

/** A muted note in place of rows ("no agents", "loading"). */
export const emptyLine = (text: string): Segment[] => [{ text: ` ${text}`, tone: 'muted' }];

export function TablePane<Row, Ctx>({
  layout,
  height,
  rows,
  context,
  keyOf,
  cursor,
  cursorHighlight,
  headerHighlight,
  stale = false,
  empty,
  spanning,
}: TablePaneProps<Row, Ctx>) {
  const theme = useTheme();
  // Each row's line, kept while the row (the same object), the layout and the context are: on a
  // publish most rows are the last one's, and their cells are not worked out again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new memo whenever what a line is made from changes
  const lines = useMemo(
    () => new WeakMap<object, readonly Segment[]>(),
    [layout, context, stale, spanning, theme],
  );
  const line = (row: Row): readonly Segment[] => {
    const key = typeof row === 'object' && row !== null ? row : null;
    const kept = key && lines.get(key);
    if (kept) return kept;
    const whole = spanning?.(row);
    const segments = whole ?? rowSegments(layout, row, context, theme.symbols.ellipsis);
    const shown = stale && !whole ? staleSegments(segments) : segments;
    if (key) lines.set(key, shown);
    return shown;
  };
  return (
    <Box flexDirection="column" width={layout.width} height={height} overflowY="hidden">
      <Line segments={headerSegments(layout)} highlight={headerHighlight} />
      <VirtualList
        items={rows}
        height={Math.max(0, height - 1)}
        cursor={cursor}
        cursorHighlight={cursorHighlight}
        keyOf={keyOf}
        line={line}
        empty={empty}
      />
    </Box>
  );
}
