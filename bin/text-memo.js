// Bounded memos for the pure text functions Ink calls on every line of every frame (measuring a
// string's width, cleaning its control characters, tokenising its styles). Ink keeps such caches
// for one frame only; a wallboard draws mostly the same lines frame after frame, so keeping them
// across frames turns most of a frame's text work into lookups. bin/lean-imports.js wires them in.

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
    if (last !== undefined && last.length === cells.length && last.every((cell, x) => cell === cells[x]))
      return this.#texts[y];
    const text = toText(cells);
    this.#cells[y] = cells;
    this.#texts[y] = text;
    return text;
  }
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
