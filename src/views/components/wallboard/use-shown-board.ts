import { useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { WallboardSnapshot } from '../../../client/store.js';
import type { StoreSource } from '../../hooks/use-store.js';
import { type BoardMemo, type BoardRows, boardRows } from './board-rows.js';
import type { WallboardView } from './wallboard-state.js';

/** What the board drew last: the snapshot and the view it drew them from, and its rows. */
interface Shown {
  snapshot: WallboardSnapshot;
  view: WallboardView;
  now: number;
  board: BoardRows;
}

/**
 * The store's latest snapshot and the board's rows, drawn again only when a publish changes what
 * the board shows. Each publish costs Ink a pass over the whole screen (~20 ms of a core here),
 * and most publishes at a few hundred events a second change nothing on screen: an agent of a
 * channel not chosen, a counter of a channel in another pane, a device. So on a publish the rows
 * are worked out outside React (what the render then reuses) and compared with those on screen.
 *
 * `drawAll` (an overlay is open): everything the state holds may be on screen, each publish draws.
 * Between draws the render's snapshot can be older than the store's: what reads the state at
 * once (the overlays) draws on every publish, and a key's render reads the store's latest.
 */
export function useShownBoard(
  store: StoreSource,
  view: WallboardView,
  now: number,
  drawAll: { readonly current: boolean },
  /** The screen's height: no pane shows more rows than that. */
  screenRows: number,
): { snapshot: WallboardSnapshot; board: BoardRows } {
  const [cache] = useState<BoardMemo>(() => new Map());
  const shown = useRef<Shown | null>(null);
  const reach = useRef(screenRows);
  // A draw is asked through useSyncExternalStore, as every publish was before: React draws it at
  // once (a store update is synchronous), not in a later task. Its value changes only when a
  // publish changes the screen.
  const frames = useMemo(() => {
    let drawn = 0;
    const changes = () => {
      const last = shown.current;
      const next = store.getSnapshot();
      if (!last || next === last.snapshot) return false;
      return (
        drawAll.current || !sameScreen(last, next, boardRows(next, last.view, last.now, cache), reach.current)
      );
    };
    return {
      subscribe(onPublish: () => void) {
        // A publish between the draw and this subscription.
        if (changes()) drawn += 1;
        return store.subscribe(() => {
          if (changes()) drawn += 1;
          onPublish();
        });
      },
      getSnapshot: () => drawn,
    };
  }, [store, cache, drawAll]);
  useSyncExternalStore(frames.subscribe, frames.getSnapshot, frames.getSnapshot);
  const snapshot = store.getSnapshot();
  const board = boardRows(snapshot, view, now, cache);
  const drawn: Shown = { snapshot, view, now, board };
  // What the store's subscription compares with: set once this render is committed.
  useLayoutEffect(() => {
    shown.current = drawn;
    reach.current = screenRows;
  });
  return drawn;
}

/** Whether `next` shows what `last` shows: the header's, the footer's and the panes' inputs. */
function sameScreen(last: Shown, next: WallboardSnapshot, nextBoard: BoardRows, reach: number): boolean {
  const was = last.snapshot;
  return (
    was.welcome === next.welcome &&
    was.errors === next.errors &&
    was.source === next.source &&
    was.hubDegradedSince === next.hubDegradedSince &&
    (was.state === null) === (next.state === null) &&
    // The monitor bar and its transcript show the monitored interaction live.
    monitorOf(was) === undefined &&
    monitorOf(next) === undefined &&
    sameData(was.connection, next.connection) &&
    sameData(was.pending, next.pending) &&
    sameBoard(last.board, nextBoard, reach)
  );
}

/**
 * The panes show a window of their rows that holds the cursor (VirtualList), never more than
 * `reach` rows (the screen's height) either side of it: rows further away are not on screen, and
 * the table's columns do not depend on them. The list's length shows (the position, the scroll).
 */
function sameBoard(was: BoardRows, next: BoardRows, reach: number): boolean {
  const channelCursor = was.channels.findIndex((c) => c.channel.id === was.channelId);
  return (
    was.staleSince === next.staleSince &&
    was.dataNow === next.dataNow &&
    was.channelId === next.channelId &&
    was.agentIndex === next.agentIndex &&
    sameData(was.selected, next.selected) &&
    sameData(was.channel, next.channel) &&
    sameAround(was.channels, next.channels, channelCursor, reach) &&
    sameAround(was.agents, next.agents, was.agentIndex, reach)
  );
}

function sameAround(
  was: readonly unknown[],
  next: readonly unknown[],
  cursor: number,
  reach: number,
): boolean {
  if (was.length !== next.length) return false;
  const end = Math.min(was.length, Math.max(0, cursor) + reach + 1);
  for (let i = Math.max(0, cursor - reach); i < end; i++) if (!sameData(was[i], next[i])) return false;
  return true;
}

function monitorOf({ state, welcome }: WallboardSnapshot) {
  return state && welcome ? state.monitors.get(welcome.user.id) : undefined;
}

/**
 * Equal plain data (arrays, maps, objects of the protocol's entities), entities compared by
 * identity first. A chat's `transcript` is skipped: no pane shows it (the transcript panel is
 * the monitor's, and the monitor draws every publish).
 */
function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((value, i) => sameData(value, b[i]));
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map) || !(b instanceof Map) || a.size !== b.size) return false;
    for (const [key, value] of a) if (!b.has(key) || !sameData(value, b.get(key))) return false;
    return true;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return keys.every((key) => key === 'transcript' || (Object.hasOwn(y, key) && sameData(x[key], y[key])));
}
