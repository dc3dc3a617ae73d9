// Ink's frame made row by row, reusing the rows whose writes did not change. Ink's `Output.get()`
// builds a fresh grid of cells for the whole screen on every frame, applies every write to it and
// turns every row back into text, though a wallboard changes a few rows a frame. A row's text
// depends only on the writes that land on it, in order (each write's text, place, transformers
// and the clip in force): Ink writes each line of a text into its own row and never reads another
// row. bin/lean-imports.js wires this in place of the body of `get()`, with Ink's own
// `applyWriteOperation` for the rows that changed.

/**
 * The rows `write` (under `clip`) can land on, `[from, to)` within a grid of `height` rows: its
 * lines from its y, cut to the clip's rows when the clip has both (as Ink cuts them). A text has
 * at most as many lines as newlines plus one (an escape or a grapheme may swallow a newline,
 * never make one), so the span is never short of the rows written; off whole rows (a fractional
 * place, which Ink rounds nowhere) it is the whole grid.
 */
function rowSpan(write, clip, height) {
  const { y, text } = write;
  if (!Number.isInteger(y)) return [0, height];
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines += 1;
  let from = y;
  let to = y + lines;
  if (clip !== undefined && typeof clip.y1 === 'number' && typeof clip.y2 === 'number') {
    if (!Number.isInteger(clip.y1) || !Number.isInteger(clip.y2)) return [0, height];
    from = Math.max(from, clip.y1);
    to = Math.min(to, clip.y2);
  }
  return [Math.max(from, 0), Math.min(to, height)];
}

const sameClip = (a, b) =>
  a === b ||
  (a !== undefined && b !== undefined && a.x1 === b.x1 && a.x2 === b.x2 && a.y1 === b.y1 && a.y2 === b.y2);

/** Transformers are compared by identity: Ink's are pure functions of the line and its index. */
function sameTransformers(a, b) {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const sameWrite = (a, b) =>
  a === b ||
  (a.x === b.x && a.y === b.y && a.text === b.text && sameTransformers(a.transformers, b.transformers));

/** Whether two rows' writes (flat lists: write, clip, write, clip…) are the same, in order. */
function sameWrites(a, b) {
  if (b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 2) {
    if (!sameWrite(a[i], b[i]) || !sameClip(a[i + 1], b[i + 1])) return false;
  }
  return true;
}

/**
 * The last frame of one size: the writes that landed on each row and the row's text. A frame of
 * the same size rebuilds only the rows whose writes differ, applying to them (and to them alone:
 * the other rows of the grid it gives Ink are missing, which Ink skips as it skips rows off
 * screen) only the writes that land on them.
 */
export class FrameRows {
  #width = Number.NaN;
  #height = Number.NaN;
  /** Per row of the last frame: its writes and their clips, flat. */
  #writes = [];
  #texts = [];
  #intersect;
  #blank;
  #text;

  /**
   * `intersect(outer, inner)`: Ink's nesting of clips; `blank`: the cell of an empty place;
   * `text(cells, y)`: a row's text from its cells (Ink's, undefined cells dropped, end trimmed).
   */
  constructor({ intersect, blank, text }) {
    this.#intersect = intersect;
    this.#blank = blank;
    this.#text = text;
  }

  /**
   * What Ink's `get()` returns for `operations` on a `width` × `height` grid; `apply(grid,
   * write, clip)` is Ink's `applyWriteOperation`.
   */
  frame(operations, width, height, apply) {
    const fresh = width !== this.#width || height !== this.#height;
    const writes = [];
    for (let y = 0; y < height; y++) writes.push([]);
    const rows = writes.length;
    // Each write that lands on the grid, its clip and its rows: write, clip, from, to…
    const placed = [];
    const clips = [];
    for (const operation of operations) {
      if (operation.type === 'clip') clips.push(this.#intersect(clips.at(-1), operation.clip));
      else if (operation.type === 'unclip') clips.pop();
      else {
        const clip = clips.at(-1);
        const [from, to] = rowSpan(operation, clip, rows);
        if (from >= to) continue;
        placed.push(operation, clip, from, to);
        for (let y = from; y < to; y++) writes[y].push(operation, clip);
      }
    }
    // The rows to build, and how many there are above each row (to tell a write's span at once).
    const grid = new Array(rows);
    const dirtyAbove = new Int32Array(rows + 1);
    for (let y = 0; y < rows; y++) {
      const dirty = fresh || !sameWrites(writes[y], this.#writes[y]);
      if (dirty) {
        const row = [];
        for (let x = 0; x < width; x++) row.push(this.#blank);
        grid[y] = row;
      }
      dirtyAbove[y + 1] = dirtyAbove[y] + (dirty ? 1 : 0);
    }
    for (let i = 0; i < placed.length; i += 4) {
      if (dirtyAbove[placed[i + 3]] > dirtyAbove[placed[i + 2]]) apply(grid, placed[i], placed[i + 1]);
    }
    const texts = [];
    for (let y = 0; y < rows; y++)
      texts.push(grid[y] === undefined ? this.#texts[y] : this.#text(grid[y], y));
    this.#width = width;
    this.#height = height;
    this.#writes = writes;
    this.#texts = texts;
    return { output: texts.join('\n'), height: rows };
  }
}
