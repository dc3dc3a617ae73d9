/**
 * One table model for every list on the wallboard (channels, agents, the Log agents dialog,
 * the activity log, the agent dashboard, the kiosk): columns with a header, a width range, a share of spare
 * width, a drop order for narrow screens, and a cell formatter. The layout turns columns
 * and a width into exact widths; rows become pre-padded segments, one line each.
 */
import { fitText, textWidth, truncate } from './format.js';
import { displayText } from './text.js';
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
  /** Comfortable width: spare room brings columns up to it first (in `fill` order). */
  ideal?: number;
  /** Order in which columns are brought up to their ideal width (lower first; default: table order). */
  fill?: number;
  /** Widest it grows to once every column has its ideal width; defaults to `ideal` ?? `min`. */
  max?: number;
  /** Its share of the room left after ideals, relative to the other growing columns. */
  grow?: number;
  /**
   * Optional columns: shown only when every column shown can have its ideal width; with
   * too little room, the highest number goes first. 0 (the default): always shown.
   */
  drop?: number;
  align?: 'left' | 'right';
  /**
   * Its cell never reads the context's clock (`now`): a table keeps it while the row and the
   * rest of the context are the same, and works out again only the other cells when the clock
   * alone moves. Unset: the cell is worked out again at every tick.
   */
  timeless?: boolean;
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

const idealOf = <Row, Ctx>(c: Column<Row, Ctx>): number => Math.max(c.min, c.ideal ?? c.min);
const maxOf = <Row, Ctx>(c: Column<Row, Ctx>): number => Math.max(idealOf(c), c.max ?? idealOf(c));

/**
 * Fits columns into `width`: optional columns only while every column can have its ideal
 * width; then minimums, then ideals (in `fill` order), then the rest shared by `grow` up to
 * `max`. The line is exactly `width` (the last column takes what nobody else can).
 */
export function layoutTable<Row, Ctx>(
  columns: readonly Column<Row, Ctx>[],
  width: number,
  gap = 1,
): TableLayout<Row, Ctx> {
  const total = (cols: readonly Column<Row, Ctx>[], size: (c: Column<Row, Ctx>) => number) =>
    cols.reduce((sum, c) => sum + size(c), 0) + gap * Math.max(0, cols.length - 1);
  let kept = [...columns];
  for (;;) {
    const optional = kept.filter((c) => (c.drop ?? 0) > 0);
    if (optional.length === 0 || total(kept, idealOf) <= width) break;
    const worst = optional.reduce((a, b) => ((b.drop ?? 0) >= (a.drop ?? 0) ? b : a));
    kept = kept.filter((c) => c !== worst);
  }
  const widths = kept.map((c) => c.min);
  let spare = width - total(kept, (c) => c.min);
  const order = kept.map((c, i) => ({ c, i })).sort((a, b) => (a.c.fill ?? a.i) - (b.c.fill ?? b.i));
  for (const { c, i } of order) {
    if (spare <= 0) break;
    const add = Math.min(spare, idealOf(c) - widths[i]!);
    widths[i]! += add;
    spare -= add;
  }
  while (spare > 0) {
    const growing = kept
      .map((c, i) => ({ c, i }))
      .filter(({ c, i }) => (c.grow ?? 0) > 0 && widths[i]! < maxOf(c));
    if (growing.length === 0) break;
    const shares = growing.reduce((s, { c }) => s + (c.grow ?? 0), 0);
    let given = 0;
    for (const { c, i } of growing) {
      const share = Math.max(1, Math.floor((spare * (c.grow ?? 0)) / shares));
      const add = Math.min(share, maxOf(c) - widths[i]!, spare - given);
      widths[i]! += add;
      given += add;
      if (given >= spare) break;
    }
    if (given === 0) break;
    spare -= given;
  }
  const placed = kept.map((column, i) => ({ column, width: widths[i]! }));
  const last = placed[placed.length - 1];
  if (last && spare > 0) last.width += spare;
  return { columns: placed, shown: new Set(kept.map((c) => c.id)), width, gap };
}

function asSegments(cell: Cell): readonly Segment[] {
  if (typeof cell === 'string') return [{ text: cell }];
  if ('text' in cell) return [cell as Segment];
  return cell as readonly Segment[];
}

/** Segments with their text made safe for a terminal (see `displayText`). */
export function safeSegments(segments: readonly Segment[]): readonly Segment[] {
  let out: Segment[] | null = null;
  for (let i = 0; i < segments.length; i += 1) {
    const seg = segments[i]!;
    const text = displayText(seg.text);
    if (text === seg.text && out === null) continue;
    out ??= segments.slice(0, i);
    out.push(text === seg.text ? seg : { ...seg, text });
  }
  return out ?? segments;
}

/**
 * Segments cut and padded to exactly `width` columns. Every line of every table and panel
 * passes here: the text is made safe for a terminal first (control characters dropped).
 */
export function fitSegments(
  unsafe: readonly Segment[],
  width: number,
  align: 'left' | 'right' = 'left',
  ellipsis = '…',
): Segment[] {
  const segments = safeSegments(unsafe);
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
    .map(({ column, width }) => fitText(displayText(column.header), width, column.align ?? 'left'))
    .join(gap);
  return [{ text, tone: 'heading' }];
}

/**
 * A row's cells, each fitted to its column's width, one list per column shown; with `kept` (the
 * same row's cells for the same layout and context, but for the clock), only the cells of the
 * columns that are not `timeless` are worked out again.
 */
export function rowCells<Row, Ctx>(
  layout: TableLayout<Row, Ctx>,
  row: Row,
  ctx: Ctx,
  ellipsis = '…',
  kept?: readonly (readonly Segment[])[],
): (readonly Segment[])[] {
  return layout.columns.map(({ column, width }, i) =>
    kept && column.timeless
      ? kept[i]!
      : fitSegments(asSegments(column.cell(row, ctx)), width, column.align ?? 'left', ellipsis),
  );
}

/** A row's line: its cells with the layout's gap between them. */
export function joinCells<Row, Ctx>(
  layout: TableLayout<Row, Ctx>,
  cells: readonly (readonly Segment[])[],
): Segment[] {
  const out: Segment[] = [];
  const gap = layout.gap > 0 ? ' '.repeat(layout.gap) : '';
  cells.forEach((cell, i) => {
    if (i > 0 && gap !== '') out.push({ text: gap });
    out.push(...cell);
  });
  return out;
}

/**
 * A row whose data is no longer live (the link is down): the same text, all dim, so that a
 * stale screen never reads as a live one (the words and symbols keep their meaning).
 */
export function staleSegments(segments: readonly Segment[]): Segment[] {
  return segments.map(({ text }) => ({ text, tone: 'muted' }));
}

/**
 * The same line in as few segments as it takes: neighbours styled alike (a cell, its padding,
 * the gap after it) become one. A row of nine columns drops from ~27 nested texts to ~10, which
 * Ink would otherwise style and measure one by one on every frame.
 */
export function mergeSegments(segments: readonly Segment[]): readonly Segment[] {
  let out: Segment[] | null = null;
  for (let i = 1; i < segments.length; i += 1) {
    const previous = out ? out[out.length - 1]! : segments[i - 1]!;
    const seg = segments[i]!;
    if ((previous.tone ?? 'plain') === (seg.tone ?? 'plain') && sameStyle(previous.style, seg.style)) {
      out ??= segments.slice(0, i);
      out[out.length - 1] = { ...previous, text: previous.text + seg.text };
    } else if (out) out.push(seg);
  }
  return out ?? segments;
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
