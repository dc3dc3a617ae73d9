/** Local midnights, for the day's counters (KPIs run since local midnight). */

/** The latest local midnight at or before `now`. */
export function localMidnight(now: number): number {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/** The first local midnight after `now`. */
export function nextLocalMidnight(now: number): number {
  const day = new Date(now);
  day.setHours(24, 0, 0, 0);
  return day.getTime();
}
