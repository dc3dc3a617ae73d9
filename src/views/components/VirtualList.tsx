import { Box } from 'ink';
import { useState } from 'react';
import { scrollOffset } from '../scroll.js';
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
  // The offset depends on the one before (the list scrolls only when the cursor leaves the
  // screen): kept as state and adjusted during render when the cursor or the list changed,
  // React's pattern for state derived from props (render stays pure, no extra frame).
  const [kept, keep] = useState(0);
  const offset = scrollOffset(kept, cursor, height, items.length);
  if (offset !== kept) keep(offset);
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
