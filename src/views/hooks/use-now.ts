import { useEffect, useState } from 'react';

/**
 * The time from `clock`, refreshed on every `tickMs` boundary (each second by default).
 * It only triggers renders: what is shown is computed from timestamps and this time.
 */
export function useNow(clock: () => number, tickMs = 1000): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    let timer: NodeJS.Timeout;
    const schedule = () => {
      const wait = tickMs - (clock() % tickMs) || tickMs;
      timer = setTimeout(() => {
        setNow(clock());
        schedule();
      }, wait);
    };
    schedule();
    return () => clearTimeout(timer);
  }, [clock, tickMs]);
  return now;
}
