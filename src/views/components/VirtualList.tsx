import { Box } from 'ink';
import { useScrollOffset } from '../hooks/use-scroll-offset.js';
import type { Segment } from '../table-model.js';
import { type Highlight, Line } from './Line.js';

export interface VirtualListProps<T> {
  items: readonly T[];
  /** Rows on screen. */
  height: number;
  /** Index of the row under the cursor. */
  cursor: number;
  /** How the cursor row is shown. */
  cursorHighlight: Highlight;
  keyOf(item: T): string;
  line(item: T): readonly Segment[];
  /** Shown when there are no items. */
  empty?: readonly Segment[];
}

/**
 * A list that renders only the rows on screen: one memoised line each, never more than
 * `height`, scrolled just enough to keep the cursor in view.
 */
export function VirtualList<T>({
  items,
  height,
  cursor,
  cursorHighlight,
  keyOf,
  line,
  empty,
}: VirtualListProps<T>) {
  const offset = useScrollOffset(cursor, height, items.length);
  const visible = items.slice(offset, offset + height);
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      {visible.length === 0 && empty ? <Line segments={empty} /> : null}
      {visible.map((item, i) => (
        <Line
          key={keyOf(item)}
          segments={line(item)}
          highlight={offset + i === cursor ? cursorHighlight : undefined}
        />
      ))}
    </Box>
  );
}
