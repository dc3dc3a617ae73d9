import type { ActionName } from './keymap.js';

/** Which slice of a long list is on screen: the previous offset, moved just enough to show the cursor. */
export function scrollOffset(previous: number, cursor: number, height: number, count: number): number {
  if (height <= 0 || count <= height) return 0;
  let offset = Math.min(Math.max(previous, 0), count - height);
  if (cursor < offset) offset = Math.max(0, cursor);
  else if (cursor >= offset + height) offset = cursor - height + 1;
  return Math.min(offset, count - height);
}

export type CursorMove = 'up' | 'down' | 'pageUp' | 'pageDown' | 'first' | 'last';

/** The index a move lands on in a list of `count` rows, `page` rows to a page. */
export function moveCursor(index: number, move: CursorMove, count: number, page: number): number {
  if (count === 0) return 0;
  const from = Math.min(Math.max(index, 0), count - 1);
  const step = Math.max(1, page);
  const to = {
    up: from - 1,
    down: from + 1,
    pageUp: from - step,
    pageDown: from + step,
    first: 0,
    last: count - 1,
  }[move];
  return Math.min(Math.max(to, 0), count - 1);
}

const CURSOR_MOVES: Partial<Record<ActionName, CursorMove>> = {
  'cursor.up': 'up',
  'cursor.down': 'down',
  'cursor.pageUp': 'pageUp',
  'cursor.pageDown': 'pageDown',
  'cursor.first': 'first',
  'cursor.last': 'last',
};

/** The cursor move a key action means, if it is one (every list moves the same way). */
export function cursorMoveOf(action: ActionName): CursorMove | undefined {
  return CURSOR_MOVES[action];
}

/**
 * Where a key action puts the cursor of a list of `count` rows, `page` rows to a page; undefined
 * when the action is not a cursor move (the caller handles it).
 */
export function cursorAfter(
  action: ActionName,
  index: number,
  count: number,
  page: number,
): number | undefined {
  const move = cursorMoveOf(action);
  return move === undefined ? undefined : moveCursor(index, move, count, page);
}
