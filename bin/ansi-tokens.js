// Cheaper stand-ins for the two functions of @alcalzone/ansi-tokenize that Ink's Output calls on
// every new line: `tokenize` (a text to its characters and colour codes) and `styledCharsToString`
// (a row of styled characters back to a text). Each gives what the library's gives, for every
// input: the texts it cannot answer alone go to the library's function, and what it does answer
// is built from the library's own answers for single characters and single colour codes.
// bin/lean-imports.js wires them into Ink's output.js.
import { GenerationMap, SIMPLE_BLOCKS } from './text-memo.js';

const LAST_SIMPLE = SIMPLE_BLOCKS.at(-1)[1];
const ESC = 0x1b;

/** A char token of `value`, as the library makes it (same properties, same order). */
const charToken = (value, fullWidth) => ({ type: 'char', value, fullWidth });

/**
 * What the library's `tokenize` makes of single characters and single colour codes, asked once
 * each: `isSimple(code)` (a character up to the last simple block is its own narrow token, as
 * below) and `colourTokens(sequence)` (a colour code's tokens as [code, endCode] pairs, or null
 * when the library makes other tokens of it).
 */
function plainReader(tokenize) {
  /**
   * Per character up to the last simple block: 0 not asked yet, 1 its own narrow token, -1 not.
   * The blocks hold a few marks that do join (Cyrillic's U+0483–U+0489): each character is read
   * by the library alone, and between letters and twice in a row (which a mark, a prefix, a
   * regional indicator or a Hangul jamo would join), once.
   */
  const simple = new Int8Array(LAST_SIMPLE + 1);
  const isSimple = (code) => {
    if (simple[code] === 0) {
      const value = String.fromCharCode(code);
      const inBlocks = code === 0x0a || SIMPLE_BLOCKS.some(([from, to]) => code >= from && code <= to);
      const narrow = (tokens, values) =>
        tokens.length === values.length &&
        tokens.every(
          (token, i) => token.type === 'char' && token.value === values[i] && token.fullWidth === false,
        );
      simple[code] =
        inBlocks &&
        narrow(tokenize(value), [value]) &&
        narrow(tokenize(`a${value}${value}a`), ['a', value, value, 'a'])
          ? 1
          : -1;
    }
    return simple[code] === 1;
  };
  const sgrTokens = new GenerationMap(256);
  const colourTokens = (sequence) => {
    let pairs = sgrTokens.get(sequence);
    if (pairs === undefined) {
      const tokens = tokenize(sequence);
      pairs = tokens.every((token) => token.type === 'ansi')
        ? tokens.map((token) => [token.code, token.endCode])
        : null;
      sgrTokens.set(sequence, pairs);
    }
    return pairs;
  };
  return { isSimple, colourTokens };
}

/** Where the plain colour code (ESC [ digits and semicolons m) starting at `i` ends, or -1. */
function colourCodeEnd(str, i) {
  let end = i + 1;
  if (str.charCodeAt(end) !== 0x5b) return -1;
  end += 1;
  for (let c = str.charCodeAt(end); (c >= 0x30 && c <= 0x39) || c === 0x3b; c = str.charCodeAt(end)) end += 1;
  return str.charCodeAt(end) === 0x6d ? end : -1;
}

/**
 * `tokenize` with a fast path, no `Intl.Segmenter`: a text of printable ASCII, newlines, the
 * characters of SIMPLE_BLOCKS that the library reads as one narrow character on their own, and
 * plain colour codes (ESC [ digits and semicolons m). None of these characters joins a neighbour
 * into one grapheme (a newline only joins a carriage return before it, which is not among them),
 * so each is its own token, as the library's segmenter makes it; each colour code's tokens are
 * the library's for that code alone, which do not depend on what is around it. Anything else
 * (other escapes, marks, joiners, emoji, wide characters, a carriage return) is the library's.
 */
export function plainTokensFirst(tokenize) {
  const { isSimple, colourTokens } = plainReader(tokenize);

  return function tokenizePlainFirst(str, endChar) {
    if (typeof str !== 'string') return tokenize(str, endChar);
    const limit = endChar === undefined ? Number.POSITIVE_INFINITY : endChar;
    const tokens = [];
    let visible = 0;
    // The library stops after the character that reaches `endChar`; the rest is still read, to
    // tell whether the library's segmenter would have joined that character to the next.
    let done = false;
    for (let i = 0; i < str.length; i++) {
      const code = str.charCodeAt(i);
      if ((code >= 0x20 && code <= 0x7e) || (code <= LAST_SIMPLE && code !== ESC && isSimple(code))) {
        if (done) continue;
        tokens.push(charToken(str[i], false));
        visible += 1;
        if (visible >= limit) done = true;
      } else if (code === ESC) {
        const end = colourCodeEnd(str, i);
        if (end < 0) return tokenize(str, endChar);
        const pairs = colourTokens(str.slice(i, end + 1));
        if (pairs === null) return tokenize(str, endChar);
        if (!done) for (const [sgr, endCode] of pairs) tokens.push({ type: 'ansi', code: sgr, endCode });
        i = end;
      } else return tokenize(str, endChar);
    }
    return tokens;
  };
}

/**
 * `styledCharsToString` with the style changes kept: the library works out each change of style
 * between neighbouring characters (and the opening and closing codes) with a diff of their style
 * lists, a few Sets each time. That text depends only on the two lists' codes and end codes, in
 * order, so it is kept by them (in a tree of maps, one level per code or end code: their strings
 * are those of kept tokens, hashed once); the rest (the characters' values, and telling a change
 * of style from none, as the library tells it) is the library's loop. `ansiTokenize` is the
 * library's module: without the functions this needs, its own `styledCharsToString` is used.
 */
export function stylesKeptToString(ansiTokenize) {
  const { styledCharsToString, diffAnsiCodes, ansiCodesToString } = ansiTokenize;
  if (typeof diffAnsiCodes !== 'function' || typeof ansiCodesToString !== 'function')
    return styledCharsToString;
  // Between the two lists' codes, and before the text: keys no code can be.
  const TO = {};
  const TEXT = {};
  /** At most this many texts kept; then all are forgotten (a wallboard uses a few dozen). */
  const MOST = 4096;
  let opens = new Map();
  let changes = new Map();
  let kept = 0;
  const child = (node, key) => {
    let next = node.get(key);
    if (next === undefined) {
      next = new Map();
      node.set(key, next);
    }
    return next;
  };
  const path = (node, styles) => {
    let at = node;
    for (let i = 0; i < styles.length; i++) at = child(child(at, styles[i].code), styles[i].endCode);
    return at;
  };
  /** The library's text for the start of `to` (from null), or for going from `from` to `to`. */
  const change = (from, to) => {
    const node = from === null ? path(opens, to) : path(child(path(changes, from), TO), to);
    let text = node.get(TEXT);
    if (text === undefined) {
      text = from === null ? ansiCodesToString(to) : ansiCodesToString(diffAnsiCodes(from, to));
      if (++kept > MOST) {
        opens = new Map();
        changes = new Map();
        kept = 0;
      } else node.set(TEXT, text);
    }
    return text;
  };
  const NO_STYLES = [];
  return function styledCharsToStringKept(chars) {
    const last = chars.length - 1;
    if (last < 0) return '';
    let previous = chars[0].styles;
    let text = previous.length === 0 ? '' : change(null, previous);
    text += chars[0].value;
    for (let i = 1; i <= last; i++) {
      const char = chars[i];
      const { styles } = char;
      if (!sameStyle(previous, styles)) text += change(previous, styles);
      text += char.value;
      previous = styles;
    }
    return previous.length === 0 ? text : text + change(previous, NO_STYLES);
  };
}

/** The library's test for no change of style between neighbours (an empty diff). */
function sameStyle(from, to) {
  if (from === to) return true;
  if (from.length !== to.length) return false;
  for (let i = 0; i < from.length; i++) {
    if (from[i].code !== to[i].code || from[i].endCode !== to[i].endCode) return false;
  }
  return true;
}

/**
 * Ink's Output's work on lines of plain characters and colour codes, done from the text itself
 * with no object per character. `ansiTokenize` is the library's module, `width` Ink's measure of
 * a character, `visible` its test of one that takes a place. Two functions:
 *
 * - `line(text)`: for a line `plainTokensFirst` reads alone (printable ASCII, simple characters,
 *   plain colour codes) with no newline, `text` is the library's `styledCharsToString` over its
 *   styled characters (`styledCharsFromTokens(tokenize(text))`, the ignorable ones dropped),
 *   `columns` the columns Ink moves through writing them (one per character, or its `width`
 *   when wider); with `first` and `last`, the styles of its first and last characters, and
 *   `inner`, the text between the opening change of style and the closing one. Undefined for
 *   any other line, and when the library lacks a function this needs.
 * - `row(writes, width)`: a row of the grid of `width` columns on which Ink writes these lines
 *   (`[line, x, line, x…]`, in order, each as it is), turned into text as Ink turns a row (the
 *   library's `styledCharsToString` over its cells, blanks included, end trimmed). Undefined
 *   unless each is such a line, at a whole column, after the one before and inside the row.
 *
 * Each style a line passes through is the library's reduction of the codes so far
 * (`reduceAnsiCodesIncremental`, one colour code's tokens at a time), kept once per list of
 * codes and end codes, so that telling a change of style from none (the library compares the
 * lists) is telling two kept styles apart; each change is the library's text for it.
 */
export function plainLines(ansiTokenize, width, visible) {
  const { tokenize, reduceAnsiCodesIncremental, diffAnsiCodes, ansiCodesToString } = ansiTokenize;
  if (
    typeof tokenize !== 'function' ||
    typeof reduceAnsiCodesIncremental !== 'function' ||
    typeof diffAnsiCodes !== 'function' ||
    typeof ansiCodesToString !== 'function'
  )
    return { line: () => undefined, row: () => undefined };
  const { isSimple, colourTokens } = plainReader(tokenize);
  /** Per character up to the last simple block: 0 not asked yet, else its columns, -1 ignorable. */
  const columnsOf = new Int8Array(LAST_SIMPLE + 1);
  const columnsOfCode = (code) => {
    if (columnsOf[code] === 0) {
      const value = String.fromCharCode(code);
      columnsOf[code] = visible({ type: 'char', value, fullWidth: false, styles: [] })
        ? Math.max(1, width(value))
        : -1;
    }
    return columnsOf[code];
  };
  /** At most this many styles kept; then all are forgotten (a wallboard uses a few dozen). */
  const MOST = 1024;
  const style = (codes) => ({ codes, after: new Map(), changes: new Map() });
  // The style of a blank cell, and of text before any colour code.
  let none = style([]);
  let styles = new Map([['', none]]);
  const keyOf = (codes) => codes.map(({ code, endCode }) => `${code}\u0000${endCode}`).join('\u0001');
  /** The style after `sequence` (a plain colour code) from `from`, or null when the library reads it otherwise. */
  const after = (from, sequence) => {
    let next = from.after.get(sequence);
    if (next === undefined) {
      const pairs = colourTokens(sequence);
      if (pairs === null) return null;
      let codes = from.codes;
      for (const [code, endCode] of pairs)
        codes = reduceAnsiCodesIncremental(codes, [{ type: 'ansi', code, endCode }]);
      const key = keyOf(codes);
      next = styles.get(key);
      if (next === undefined) {
        if (styles.size >= MOST) {
          none = style([]);
          styles = new Map([['', none]]);
        }
        next = style(codes);
        styles.set(key, next);
      }
      from.after.set(sequence, next);
    }
    return next;
  };
  /**
   * The library's text going from `from` to `to` (from null: the first character's). Two kept
   * styles alike are the same object, but for one kept before they were forgotten: their change
   * is then the library's empty diff.
   */
  const change = (from, to) => {
    if (from === null) return ansiCodesToString(to.codes);
    let text = from.changes.get(to);
    if (text === undefined) {
      text = ansiCodesToString(diffAnsiCodes(from.codes, to.codes));
      from.changes.set(to, text);
    }
    return text;
  };
  const line = (text) => {
    let out = '';
    let columns = 0;
    let current = none;
    let first = null;
    let written = null;
    let innerFrom = 0;
    // Characters of `text` from here on not yet added to `out` (-1: none).
    let pending = -1;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let wide = 1;
      if (code === ESC) {
        const end = colourCodeEnd(text, i);
        if (end < 0) return undefined;
        const next = after(current, text.slice(i, end + 1));
        if (next === null) return undefined;
        if (pending >= 0) out += text.slice(pending, i);
        pending = -1;
        current = next;
        i = end;
        continue;
      }
      if (code < 0x20 || code > 0x7e) {
        if (code > LAST_SIMPLE || code === 0x0a || !isSimple(code)) return undefined;
        wide = columnsOfCode(code);
        if (wide < 0) {
          if (pending >= 0) out += text.slice(pending, i);
          pending = -1;
          continue;
        }
      }
      if (written !== current) {
        if (pending >= 0) out += text.slice(pending, i);
        pending = -1;
        out += change(written, current);
        if (written === null) innerFrom = out.length;
      }
      first ??= current;
      written = current;
      if (pending < 0) pending = i;
      columns += wide;
    }
    if (pending >= 0) out += text.slice(pending);
    const inner = out.slice(innerFrom);
    if (written !== null) out += change(written, none);
    return { text: out, columns, first, last: written, inner };
  };
  const lines = new GenerationMap(512);
  const lineOf = (text) => {
    let known = lines.get(text);
    if (known === undefined) {
      known = line(text) ?? null;
      lines.set(text, known);
    }
    return known;
  };
  const row = (writes, width) => {
    let out = '';
    let column = 0;
    // The style of the last cell so far (null: none yet).
    let previous = null;
    for (let i = 0; i < writes.length; i += 2) {
      const written = writes[i];
      const x = writes[i + 1];
      if (typeof written !== 'string' || !Number.isInteger(x) || x < column) return undefined;
      const placed = lineOf(written);
      if (placed === null) return undefined;
      if (placed.columns === 0) continue;
      if (x + placed.columns > width) return undefined;
      if (x > column) {
        if (previous !== null && previous !== none) out += change(previous, none);
        out += ' '.repeat(x - column);
        previous = none;
      }
      if (previous !== placed.first) out += change(previous, placed.first);
      out += placed.inner;
      previous = placed.last;
      column = x + placed.columns;
    }
    // Blanks to the row's end (trimmed), or its last character: both close what is open.
    if (previous !== null && previous !== none) out += change(previous, none);
    return out.trimEnd();
  };
  return { line, row };
}
