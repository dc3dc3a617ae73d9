import { useEffect, useState } from 'react';
import type { StoreSource } from './use-store.js';

/** How long a due tick waits for the store's next frame before drawing one of its own. */
const RIDE_MS = 100;

/**
 * The time from `clock`, refreshed on every `tickMs` boundary (each second by default).
 * It only triggers renders: what is shown is computed from timestamps and this time.
 *
 * With `frames` (the store the screen draws from), a due tick rides on the store's next
 * publish (React draws both in one frame) and draws a frame of its own only when no publish
 * comes within 100 ms (a fraction of `tickMs` when shorter): while data flows the clocks cost
 * no frame at all, and a still screen draws one a second.
 */
export function useNow(clock: () => number, tickMs = 1000, frames?: StoreSource): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    let timer: NodeJS.Timeout | undefined;
    let due = false;
    const ride = Math.min(RIDE_MS, Math.floor(tickMs / 2));
    const schedule = () => {
      const wait = tickMs - (clock() % tickMs) || tickMs;
      timer = setTimeout(() => {
        if (!frames || ride <= 0) return draw();
        due = true;
        timer = setTimeout(draw, ride);
      }, wait);
    };
    const draw = () => {
      clearTimeout(timer);
      due = false;
      setNow(clock());
      schedule();
    };
    const unsubscribe = frames?.subscribe(() => {
      if (due) draw();
    });
    schedule();
    return () => {
      clearTimeout(timer);
      unsubscribe?.();
    };
  }, [clock, tickMs, frames]);
  return now;
}
