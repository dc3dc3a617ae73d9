/**
 * One table model for every list on the wallboard (channels, agents; later the Log agents
 * dialog and the activity log): columns with a header, a width range, a share of spare
 * width, a drop order for narrow screens, and a cell formatter. The layout turns columns
 * and a width into exact widths; rows become pre-padded segments, one line each.
 */
import { fitText, textWidth, truncate } from './format.js';
import type { Style, Theme, Tone } from './theme.js';

/** A run of text with one meaning (tone) or an explicit style. */
export interface Segment {
  text: string;
  tone?: Tone;
  style?: Style;
}

/** What a cell formatter returns: plain text, one segment, or several. */
export type Cell = string | Segment | readonly Segment[];

export interface Column<Row, Ctx> {
  id: string;
  header: string;
  /** Narrowest useful width. */
  min: number;
  /** Widest it grows to; defaults to `min` (no growth). */
  max?: number;
  /** Its share of spare width, relative to the other growing columns. */
  grow?: number;
  /** Columns with a higher number are dropped first when the width is short; 0 never is. */
  drop?: number;
  align?: 'left' | 'right';
  cell(row: Row, ctx: Ctx): Cell;
}

export interface PlacedColumn<Row, Ctx> {
  column: Column<Row, Ctx>;
  width: number;
}

export interface TableLayout<Row, Ctx> {
  columns: readonly PlacedColumn<Row, Ctx>[];
  /** Ids of the columns shown. */
  shown: ReadonlySet<string>;
  width: number;
  gap: number;
}

/**
 * Fits columns into `width`: drops the highest `drop` first until the minimums fit, then
 * shares what is left among growing columns (up to their `max`). The line is exactly `width`.
 */
export function layoutTable<Row, Ctx>(
  columns: readonly Column<Row, Ctx>[],
  width: number,
  gap = 1,
): TableLayout<Row, Ctx> {
  let kept = [...columns];
  const needed = (cols: readonly Column<Row, Ctx>[]) =>
    cols.reduce((sum, c) => sum + c.min, 0) + gap * Math.max(0, cols.length - 1);
  while (kept.length > 1 && needed(kept) > width) {
    const worst = kept.reduce((a, b) => ((b.drop ?? 0) >= (a.drop ?? 0) ? b : a));
    if ((worst.drop ?? 0) === 0) break;
    kept = kept.filter((c) => c !== worst);
  }
  const widths = kept.map((c) => c.min);
  let spare = width - needed(kept);
  // Share spare width by `grow`, a column at a time, until nobody can take more.
  while (spare > 0) {
    const growing = kept
      .map((c, i) => ({ c, i }))
      .filter(({ c, i }) => (c.grow ?? 0) > 0 && widths[i]! < (c.max ?? Number.POSITIVE_INFINITY));
    if (growing.length === 0) break;
    const total = growing.reduce((s, { c }) => s + (c.grow ?? 0), 0);
    let given = 0;
    for (const { c, i } of growing) {
      const share = Math.max(1, Math.floor((spare * (c.grow ?? 0)) / total));
      const room = (c.max ?? Number.POSITIVE_INFINITY) - widths[i]!;
      const add = Math.min(share, room, spare - given);
      widths[i]! += add;
      given += add;
      if (given >= spare) break;
    }
    if (given === 0) break;
    spare -= given;
  }
  const placed = kept.map((column, i) => ({ column, width: widths[i]! }));
  // Whatever is still spare pads the last column so every line is exactly `width`.
  const last = placed[placed.length - 1];
  if (last && spare > 0) last.width += spare;
  return { columns: placed, shown: new Set(kept.map((c) => c.id)), width, gap };
}

function asSegments(cell: Cell): readonly Segment[] {
  if (typeof cell === 'string') return [{ text: cell }];
  if ('text' in cell) return [cell as Segment];
  return cell as readonly Segment[];
}

/** Segments cut and padded to exactly `width` columns. */
export function fitSegments(
  segments: readonly Segment[],
  width: number,
  align: 'left' | 'right' = 'left',
  ellipsis = '…',
): Segment[] {
  const total = segments.reduce((s, seg) => s + textWidth(seg.text), 0);
  if (total <= width) {
    const pad = { text: ' '.repeat(width - total) };
    const out = segments.filter((s) => s.text !== '');
    if (pad.text === '') return out;
    return align === 'left' ? [...out, pad] : [pad, ...out];
  }
  const out: Segment[] = [];
  let used = 0;
  const room = width - textWidth(ellipsis);
  for (const seg of segments) {
    const w = textWidth(seg.text);
    if (used + w <= room) {
      out.push(seg);
      used += w;
      continue;
    }
    const cut = truncate(seg.text, room - used + textWidth(ellipsis), ellipsis);
    out.push({ ...seg, text: cut });
    used += textWidth(cut);
    break;
  }
  if (used < width) out.push({ text: ' '.repeat(width - used) });
  return out;
}

export function headerSegments<Row, Ctx>(layout: TableLayout<Row, Ctx>): Segment[] {
  const gap = ' '.repeat(layout.gap);
  const text = layout.columns
    .map(({ column, width }) => fitText(column.header, width, column.align ?? 'left'))
    .join(gap);
  return [{ text, tone: 'heading' }];
}

export function rowSegments<Row, Ctx>(
  layout: TableLayout<Row, Ctx>,
  row: Row,
  ctx: Ctx,
  ellipsis = '…',
): Segment[] {
  const out: Segment[] = [];
  layout.columns.forEach(({ column, width }, i) => {
    if (i > 0 && layout.gap > 0) out.push({ text: ' '.repeat(layout.gap) });
    out.push(...fitSegments(asSegments(column.cell(row, ctx)), width, column.align ?? 'left', ellipsis));
  });
  return out;
}

/** Two segment lists look the same (for memoised rows). */
export function sameSegments(a: readonly Segment[], b: readonly Segment[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.text !== y.text || x.tone !== y.tone || !sameStyle(x.style, y.style)) return false;
  }
  return true;
}

function sameStyle(a: Style | undefined, b: Style | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.color === b.color && a.bold === b.bold && a.dim === b.dim && a.inverse === b.inverse;
}

/** The style a segment gets from the theme (explicit style on top of its tone). */
export function segmentStyle(theme: Theme, segment: Segment): Style {
  const base = segment.tone ? theme.style(segment.tone) : {};
  if (!segment.style) return base;
  const style = { ...base, ...segment.style };
  if (!theme.color) delete style.color;
  return style;
}
