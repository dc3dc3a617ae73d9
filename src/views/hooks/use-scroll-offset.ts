import { useState } from 'react';
import { scrollOffset } from '../scroll.js';

/**
 * The first row on screen of a list of `count` rows, `height` of them shown, that scrolls only
 * when the cursor leaves the screen: the offset depends on the one before, so it is kept as
 * state and adjusted during render when the cursor or the list changed (React's pattern for
 * state derived from props: render stays pure, no extra frame). `settle` may move it further
 * (a heading kept in view above the cursor's row).
 */
export function useScrollOffset(
  cursor: number,
  height: number,
  count: number,
  settle: (offset: number) => number = (offset) => offset,
): number {
  const [kept, keep] = useState(0);
  const offset = settle(scrollOffset(kept, cursor, height, count));
  if (offset !== kept) keep(offset);
  return offset;
}
