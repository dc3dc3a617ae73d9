// Ink's frame made row by row, reusing the rows whose writes did not change. Ink's `Output.get()`
// builds a fresh grid of cells for the whole screen on every frame, applies every write to it and
// turns every row back into text, though a wallboard changes a few rows a frame. A row's text
// depends only on what the writes that land on it put there, in order: Ink writes each line of a
// text into its own row and never reads another row. bin/lean-imports.js wires this in place of
// the body of `get()`, with Ink's own `applyWriteOperation` for the rows that changed.

/**
 * Whether the rows `write`'s lines land on are whole numbers: its y and its clip's rows, when
 * the clip has both (Ink cuts a write to a clip's rows or columns only when it has both).
 * Otherwise (a fractional place, which Ink rounds nowhere) its rows are not told apart.
 */
const wholeRows = (write, clip) =>
  Number.isInteger(write.y) &&
  (clip === undefined ||
    typeof clip.y1 !== 'number' ||
    typeof clip.y2 !== 'number' ||
    (Number.isInteger(clip.y1) && Number.isInteger(clip.y2)));

/**
 * Whether Ink writes `write`'s lines as they are, each into its row (no clip cuts them to
 * columns): it then hands each line that lands on the grid to the write's transformers and puts
 * what they return at the write's x, which is all the write does to its row.
 */
const uncut = (write, clip) =>
  wholeRows(write, clip) &&
  (clip === undefined || typeof clip.x1 !== 'number' || typeof clip.x2 !== 'number');

/** `[from, to)`: the rows of `lines` written from `y`, cut to the clip's rows as Ink cuts them. */
function rowSpan(y, lines, clip, height) {
  let from = y;
  let to = y + lines;
  if (clip !== undefined && typeof clip.y1 === 'number' && typeof clip.y2 === 'number') {
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

/**
 * Whether two rows' writes are the same, in order. Each is two entries: the line written and its
 * x, for a write Ink does not cut (`uncut`); otherwise the write itself and its clip, which
 * decide together what Ink cuts and writes.
 */
function sameWrites(a, b) {
  if (b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 2) {
    const what = a[i];
    const was = b[i];
    if (typeof what === 'string' || typeof was === 'string') {
      if (what !== was || a[i + 1] !== b[i + 1]) return false;
    } else if (!sameWrite(what, was) || !sameClip(a[i + 1], b[i + 1])) return false;
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
  /** Per row of the last frame: its writes, two entries each (`sameWrites`). */
  #writes = [];
  #texts = [];
  #intersect;
  #lines;
  #blank;
  #text;
  #row;

  /**
   * `intersect(outer, inner)`: Ink's nesting of clips; `lines(text)`: a written text's lines as
   * Ink makes them; `blank`: the cell of an empty place; `text(cells, y)`: a row's text from its
   * cells (Ink's: undefined cells dropped, end trimmed); `row(writes, width)`, when given: the
   * text of a row whose writes (two entries each, `sameWrites`) are lines Ink puts as they are,
   * worked out without the grid, or undefined (bin/ansi-tokens.js `plainLines`).
   */
  constructor({ intersect, lines, blank, text, row }) {
    this.#intersect = intersect;
    this.#lines = lines;
    this.#blank = blank;
    this.#text = text;
    this.#row = row;
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
      if (operation.type === 'clip') {
        clips.push(this.#intersect(clips.at(-1), operation.clip));
        continue;
      }
      if (operation.type === 'unclip') {
        clips.pop();
        continue;
      }
      const clip = clips.at(-1);
      const lines = this.#lines(operation.text);
      if (uncut(operation, clip)) {
        const [from, to] = rowSpan(operation.y, lines.length, clip, rows);
        if (from >= to) continue;
        placed.push(operation, clip, from, to);
        for (let y = from; y < to; y++) {
          const index = y - operation.y;
          let line = lines[index];
          for (const transformer of operation.transformers) line = transformer(line, index);
          writes[y].push(line, operation.x);
        }
      } else {
        const [from, to] = wholeRows(operation, clip)
          ? rowSpan(operation.y, lines.length, clip, rows)
          : [0, rows];
        if (from >= to) continue;
        placed.push(operation, clip, from, to);
        for (let y = from; y < to; y++) writes[y].push(operation, clip);
      }
    }
    // The rows that changed: made of their lines' texts when they can be (`row`), otherwise
    // built on a grid, with how many grid rows there are above each row (to tell a write's span
    // at once).
    const grid = new Array(rows);
    const texts = new Array(rows);
    const dirtyAbove = new Int32Array(rows + 1);
    for (let y = 0; y < rows; y++) {
      let built = false;
      if (!fresh && sameWrites(writes[y], this.#writes[y])) texts[y] = this.#texts[y];
      else {
        const joined = this.#row?.(writes[y], width);
        if (joined !== undefined) texts[y] = joined;
        else {
          const row = [];
          for (let x = 0; x < width; x++) row.push(this.#blank);
          grid[y] = row;
          built = true;
        }
      }
      dirtyAbove[y + 1] = dirtyAbove[y] + (built ? 1 : 0);
    }
    for (let i = 0; i < placed.length; i += 4) {
      if (dirtyAbove[placed[i + 3]] > dirtyAbove[placed[i + 2]]) apply(grid, placed[i], placed[i + 1]);
    }
    for (let y = 0; y < rows; y++) if (grid[y] !== undefined) texts[y] = this.#text(grid[y], y);
    this.#width = width;
    this.#height = height;
    this.#writes = writes;
    this.#texts = texts;
    return { output: texts.join('\n'), height: rows };
  }
}
