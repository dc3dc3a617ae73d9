/** Text for the screen: durations, clock times, and cells padded or cut to an exact width. */
import stringWidth from 'string-width';
import { localClock, localPercent } from '../i18n/index.js';

/** Seconds as m:ss, or h:mm:ss from an hour on. Negative durations show as 0:00. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const ss = String(seconds).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
  return `${minutes}:${ss}`;
}

/** Like formatDuration in at most 5 columns: m:ss below an hour, then 1h02, then 26h. */
export function formatShortDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  if (s < 3600) return formatDuration(s);
  const hours = Math.floor(s / 3600);
  if (hours >= 10) return `${hours}h`;
  return `${hours}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;
}

/** Whole seconds from `from` to `now` (ms timestamps). */
export const secondsBetween = (from: number, now: number): number =>
  Math.max(0, Math.floor((now - from) / 1000));

/** Local wall-clock time, HH:MM:SS (24-hour), written the way the language in use writes it (Intl). */
export function formatClock(ms: number): string {
  return localClock(ms);
}

/** A whole percentage the way the language in use writes it (Intl): 78%, 78 %. */
export function formatPercent(value: number | null): string {
  if (value === null) return '—';
  return localPercent(Math.round(value));
}

/**
 * Terminal columns a text takes, measured as Ink measures it (`string-width`): a whole grapheme
 * at a time, so an emoji sequence joined by zero-width joiners ("👩‍👩‍👧") counts 2 columns, not 6,
 * and a row holding one keeps its alignment.
 */
export function textWidth(text: string): number {
  if (printableAscii(text)) return text.length;
  let width = widths.get(text);
  if (width === undefined) {
    width = stringWidth(text);
    remember(widths, text, width);
  }
  return width;
}

/**
 * Printable ASCII takes a column a character (as `string-width` counts it): most cells (times,
 * counts, ids, most names) are, and are measured without the memo below, where a new time in
 * status every second would only be garbage kept for a while.
 */
function printableAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return false;
  }
  return true;
}

/**
 * The same cells (names, statuses, channel names, durations) are measured and cut on every frame:
 * they are remembered, up to a bound (past it the memo starts again: a frame refills it).
 */
const MEMO_LIMIT = 8192;
const widths = new Map<string, number>();
const cuts = new Map<string, string>();

function remember<V>(memo: Map<string, V>, key: string, value: V): void {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
}

/** Made for the first text cut that is not ASCII (the first segmenter of a process loads ICU's break data, ~4 ms, ~1.8 MB). */
let graphemes: Intl.Segmenter | undefined;

/** Cuts `text` to at most `width` columns, ending with `ellipsis` when cut; never inside a grapheme. */
export function truncate(text: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  if (textWidth(text) <= width) return text;
  const key = `${width} ${ellipsis}\u0000${text}`;
  let cut = cuts.get(key);
  if (cut === undefined) {
    cut = cutTo(text, width, ellipsis);
    remember(cuts, key, cut);
  }
  return cut;
}

function cutTo(text: string, width: number, ellipsis: string): string {
  const room = width - textWidth(ellipsis);
  // Printable ASCII is a grapheme and a column a character: cut without the segmenter (names,
  // mostly; the segmenter's first use loads ICU's break data).
  if (printableAscii(text)) return room > 0 ? text.slice(0, room) + ellipsis : '';
  let out = '';
  let used = 0;
  graphemes ??= new Intl.Segmenter();
  for (const { segment } of graphemes.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > room) break;
    out += segment;
    used += w;
  }
  return room > 0 ? out + ellipsis : out;
}

/** Exactly `width` columns: cut with an ellipsis, or padded on the right (left-aligned) or left. */
export function fitText(
  text: string,
  width: number,
  align: 'left' | 'right' = 'left',
  ellipsis = '…',
): string {
  const cut = truncate(text, width, ellipsis);
  const pad = ' '.repeat(Math.max(0, width - textWidth(cut)));
  return align === 'left' ? cut + pad : pad + cut;
}

/** Words of `text` in lines of at most `width` columns (a word longer than a line is cut). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate) <= width) line = candidate;
    else {
      if (line) lines.push(line);
      line = textWidth(word) > width ? truncate(word, width) : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
