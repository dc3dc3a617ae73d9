/** Durations on the command line: `90m`, `12h`, `30d`, `2w`. */
const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Milliseconds, or undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d{1,6})([mhdw])$/.exec(text.trim());
  if (!match) return undefined;
  const [, amount, unit] = match;
  const ms = Number(amount) * (UNITS[unit ?? ''] ?? Number.NaN);
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}
