/** Text for the screen: durations, clock times, and cells padded or cut to an exact width. */
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

/** Terminal columns a code point takes: 0 for combining marks, 2 for wide East Asian and emoji. */
function charWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f))
    return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  return 1;
}

export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0) ?? 0);
  return width;
}

/** Cuts `text` to at most `width` columns, ending with `ellipsis` when cut. */
export function truncate(text: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  if (textWidth(text) <= width) return text;
  const room = width - textWidth(ellipsis);
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0) ?? 0);
    if (used + w > room) break;
    out += ch;
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
