// Cheaper stand-ins for the text work Ink does on every line of every frame: bounded memos for its
// pure text functions (measuring a string's width, cleaning its control characters, tokenising its
// styles), which Ink keeps for one frame only though a wallboard draws mostly the same lines frame
// after frame; a frame's rows kept with the cells they were made from; and fast paths, checked
// against what they stand in for, for narrow texts and ignorable characters. bin/lean-imports.js
// wires them in (and scripts/bundle.mjs, through it, into the bundle).
import { simpleCodePoint } from './simple-text.js';

/**
 * A map that forgets what was not used lately: entries live in a young generation; when it is
 * full it becomes the old one (the previous old one is dropped), and an old entry read again
 * moves back. At most 2 × `size` entries, each lookup O(1).
 */
export class GenerationMap {
  #young = new Map();
  #old = new Map();
  #size;

  constructor(size) {
    this.#size = size;
  }

  get(key) {
    const young = this.#young.get(key);
    if (young !== undefined) return young;
    const old = this.#old.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key, value) {
    if (this.#young.size >= this.#size) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(key, value);
    return this;
  }
}

/** `fn` (a pure function of one string) with its answers kept in a GenerationMap of `size`. */
export function memoText(fn, size) {
  const answers = new GenerationMap(size);
  return (text) => {
    let answer = answers.get(text);
    if (answer === undefined) {
      answer = fn(text);
      answers.set(text, answer);
    }
    return answer;
  };
}

/**
 * The text of each row of Ink's last frame, with the cells it was made from. Ink builds its
 * frame as a grid of cell objects, and the cells of an unchanged line are the very objects of
 * the frame before (its styled characters are kept, above): a row of the same cells is the
 * same text, and turning the row back into text (a style diff per cell) is skipped.
 */
export class RowTexts {
  #cells = [];
  #texts = [];

  text(y, cells, toText) {
    const last = this.#cells[y];
    if (last !== undefined && sameCells(last, cells)) return this.#texts[y];
    const text = toText(cells);
    this.#cells[y] = cells;
    this.#texts[y] = text;
    return text;
  }
}

/** Cell by cell, places never written (a text written past the row's end leaves some) included. */
function sameCells(a, b) {
  if (a.length !== b.length) return false;
  for (let x = 0; x < a.length; x++) if (a[x] !== b[x]) return false;
  return true;
}

const IGNORABLE = /^\p{Default_Ignorable_Code_Point}+$/u;

/**
 * Whether a styled character takes a cell: Ink drops characters that are only
 * Default_Ignorable_Code_Point. The same test, without its regular expression (a new one per
 * character in Ink) for the characters below U+00AD, the first ignorable one.
 */
export function visibleCharacter(character) {
  const { value } = character;
  return (value.length === 1 && value.charCodeAt(0) < 0xad) || !IGNORABLE.test(value);
}

/**
 * Blocks of characters that never join a neighbour into one grapheme (no spacing marks, joiners,
 * selectors, Hangul or regional indicators in them; the only combining marks, Cyrillic's
 * U+0483–U+0489, take no cell) and mostly take one cell: Latin, Greek, Cyrillic, punctuation,
 * arrows, symbols, box drawing and shapes. Each character still counts as narrow only once the
 * full measure says one cell for it alone (here; ansi-tokens.js asks its library, alone and
 * beside others).
 */
export const SIMPLE_BLOCKS = [
  [0xa0, 0x2ff],
  [0x370, 0x52f],
  [0x2010, 0x205e],
  [0x2070, 0x20cf],
  [0x2100, 0x27bf],
  [0x2900, 0x2bff],
];

/**
 * `width` (string-width) with a fast path: a text of narrow characters, each its own grapheme,
 * between plain colour codes, is as wide as it has characters. Anything else (other escapes,
 * marks, joiners, emoji, wide characters) is measured by `width`, which also decides, once per
 * character, which characters are narrow.
 */
export function narrowFirst(width) {
  const narrow = new Map();
  const isNarrow = (code) => {
    let known = narrow.get(code);
    if (known === undefined) {
      known =
        SIMPLE_BLOCKS.some(([from, to]) => code >= from && code <= to) &&
        width(String.fromCharCode(code)) === 1;
      narrow.set(code, known);
    }
    return known;
  };
  return (text) => {
    let cells = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x20 && code <= 0x7e) cells += 1;
      else if (code === 0x1b) {
        // ESC [ digits and semicolons m: a colour code, no cell.
        let end = i + 1;
        if (text.charCodeAt(end) !== 0x5b) return width(text);
        end += 1;
        for (let c = text.charCodeAt(end); (c >= 0x30 && c <= 0x39) || c === 0x3b; c = text.charCodeAt(end))
          end += 1;
        if (text.charCodeAt(end) !== 0x6d) return width(text);
        i = end;
      } else if (code >= 0xa0 && isNarrow(code)) cells += 1;
      else return width(text);
    }
    return cells;
  };
}

const LAST_SIMPLE = SIMPLE_BLOCKS.at(-1)[1];

/**
 * A test of a text (colour codes already removed) for characters that each take one cell and make
 * one grapheme, whatever is around them: printable ASCII, and the characters of SIMPLE_BLOCKS
 * that `width` (string-width) measures as one cell and Intl.Segmenter never joins to a
 * neighbour (each checked once, alone and between letters and twice in a row, which a mark, a
 * joiner or a Hangul jamo would join). In such a text, the n-th character is the n-th grapheme
 * and ends at column n: what Ink's line-update counts with its segmenter for other texts.
 */
export function singleCellText(width) {
  // Made for the first character that is not simple (simple-text.js): a simple character is its
  // own grapheme beside any other (test/bin/simple-text.test.ts), the segmenter's answer for it.
  let segmenter;
  const graphemes = (text) => {
    segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    return [...segmenter.segment(text)].map(({ segment }) => segment);
  };
  /** Per character up to the last simple block: 0 not asked yet, 1 one cell and one grapheme, -1 not. */
  const single = new Int8Array(LAST_SIMPLE + 1);
  const isSingle = (code) => {
    if (single[code] === 0) {
      const value = String.fromCharCode(code);
      const alone = () => {
        const around = graphemes(`a${value}${value}a`);
        return around.length === 4 && around[1] === value && around[2] === value;
      };
      single[code] =
        SIMPLE_BLOCKS.some(([from, to]) => code >= from && code <= to) &&
        width(value) === 1 &&
        (simpleCodePoint(code) || alone())
          ? 1
          : -1;
    }
    return single[code] === 1;
  };
  return (text) => {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x20 && code <= 0x7e) continue;
      if (code > LAST_SIMPLE || !isSingle(code)) return false;
    }
    return true;
  };
}
