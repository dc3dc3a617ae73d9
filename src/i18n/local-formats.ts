/**
 * The time of day and whole percentages as each locale ccwall speaks writes them, from small
 * tables rather than Intl's formatters. An `Intl.NumberFormat` or `Intl.DateTimeFormat` loads
 * ~7 MB of ICU data and takes ~5–20 ms on first use: a wallboard's header shows both on its
 * first frame, for "14:05:09" and "78 %". The tables hold CLDR's answers (the data Intl reads)
 * for English and French in every region; test/i18n/local-formats.test.ts compares them with
 * Intl for each region, so a Node whose ICU writes them otherwise fails there.
 */

/** Locales that write a 24-hour time with dots: 14.05.09. */
const DOTTED_CLOCK: ReadonlySet<string> = new Set(['en-DK', 'en-FI', 'en-ID']);
/** Locales that write it with units: 14 h 05 min 09 s. */
const SPELLED_CLOCK: ReadonlySet<string> = new Set(['fr-CA']);

/**
 * English locales that put a no-break space before the percent sign (78 %); French ones all do,
 * but Swiss French (78%).
 */
const SPACED_PERCENT: ReadonlySet<string> = new Set([
  'en-AT',
  'en-DD',
  'en-DE',
  'en-DK',
  'en-FI',
  'en-NO',
  'en-SE',
]);
const UNSPACED_FRENCH_PERCENT: ReadonlySet<string> = new Set(['fr-CH']);

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * The local wall-clock time of `ms` (the process's time zone, as Intl's default) with seconds,
 * 24-hour, written the way `tag` (a BCP 47 tag of English or French) writes it.
 */
export function clockText(tag: string, ms: number): string {
  const at = new Date(ms);
  const h = two(at.getHours());
  const m = two(at.getMinutes());
  const s = two(at.getSeconds());
  if (DOTTED_CLOCK.has(tag)) return `${h}.${m}.${s}`;
  if (SPELLED_CLOCK.has(tag)) return `${h} h ${m} min ${s} s`;
  return `${h}:${m}:${s}`;
}

/** A whole percentage (already rounded) written the way `tag` writes it: "78%", "78 %". */
export function percentText(tag: string, value: number): string {
  const french = tag === 'fr' || tag.startsWith('fr-');
  const spaced = french ? !UNSPACED_FRENCH_PERCENT.has(tag) : SPACED_PERCENT.has(tag);
  return spaced ? `${value}\u00a0%` : `${value}%`;
}
