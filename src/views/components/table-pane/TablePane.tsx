/**
 * The one table view (k9s's idea): every table on the wallboard is a header line over a
 * virtual list of rows, each row drawn by the table model (`table-model.ts`) from its columns
 * laid out at the pane's width. The panes differ only in their columns, rows and cursor.
 */
import { Box } from 'ink';
import { useMemo, useRef } from 'react';
import {
  type Column,
  headerSegments,
  joinCells,
  layoutTable,
  rowCells,
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

/** A row's line as last made: the clock it was made at and its cells (none for a spanning row). */
interface KeptLine {
  now: unknown;
  cells: (readonly Segment[])[] | null;
  line: readonly Segment[];
}

/** The context's clock (`now`), when it has one. */
const clockOf = (context: unknown): unknown =>
  typeof context === 'object' && context !== null && 'now' in context ? context.now : undefined;

/** Whether two contexts are the same but for their clock: the same keys, each value the same. */
function sameButClock(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return keys.every((key) => key in y && (key === 'now' || Object.is(x[key], y[key])));
}

/**
 * The context as last seen while only its clock moves: the same object from tick to tick, a new
 * one when anything else in it changes. (What the ref holds depends only on the contexts seen,
 * so a render made again gives the same.)
 */
function useSteadyContext<Ctx>(context: Ctx): Ctx {
  const seen = useRef(context);
  if (!sameButClock(seen.current, context)) seen.current = context;
  return seen.current;
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
  // publish most rows are the last one's, and their cells are not worked out again. When only
  // the context's clock moved (a tick), a kept row's `timeless` cells are kept too.
  const steady = useSteadyContext(context);
  const now = clockOf(context);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new memo whenever what a line is made from changes
  const lines = useMemo(() => new WeakMap<object, KeptLine>(), [layout, steady, stale, spanning, theme]);
  const line = (row: Row): readonly Segment[] => {
    const key = typeof row === 'object' && row !== null ? row : null;
    const kept = key ? lines.get(key) : undefined;
    if (kept && kept.now === now) return kept.line;
    const whole = spanning?.(row);
    let cells: (readonly Segment[])[] | null = null;
    let shown: readonly Segment[];
    if (whole) shown = whole;
    else {
      cells = rowCells(layout, row, context, theme.symbols.ellipsis, kept?.cells ?? undefined);
      const segments = joinCells(layout, cells);
      shown = stale ? staleSegments(segments) : segments;
    }
    if (key) lines.set(key, { now, cells, line: shown });
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
