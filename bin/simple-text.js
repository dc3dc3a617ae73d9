// Which characters are "simple": each is a grapheme of its own in a text made of such characters,
// takes cells, and is not shown as an emoji. Latin (accents included), Greek, Cyrillic,
// punctuation, arrows, box drawing, shapes such as ● ○ ▲, the pictographs shown as text (✖ ⚠,
// which the wallboard draws), CJK ideographs... For a text of them, string-width's answer
// is the sum of each character's East Asian Width, and a grapheme segmenter's answer is one
// segment per character: what the wallboard draws is measured, cut and tokenised without
// compiling string-width's emoji expression (\p{RGI_Emoji}, ~20 ms and ~1.4 MB at start) or
// making an Intl.Segmenter (~4 ms and ~1.8 MB of break data). test/bin/simple-text.test.ts
// checks every code point against the libraries; bin/lean-imports.js wires it in.

/**
 * What joins a neighbour into one grapheme, takes no cell or is shown as an emoji: marks,
 * formats, surrogates, private use and unassigned code points, line and paragraph separators,
 * default ignorables, the characters shown as emoji by default (Emoji_Presentation) and the emoji
 * modifiers, regional indicators, Hangul (its jamo join into syllables), the Halfwidth and
 * Fullwidth Forms (string-width adds them to the cluster before them), the Prepend letters (they
 * join the next character), the two letters that are spacing marks for the segmenter (U+0E33,
 * U+0EB3) and the Kirat Rai letters it joins (U+16D63, U+16D67–U+16D6A, and the Prepend U+113D1:
 * found by the exhaustive test). Controls are not simple either (no cell), but each is a grapheme
 * of its own, but for a carriage return (it joins a line feed). A pictograph shown as text (✖,
 * U+2716) is simple: alone it is no RGI emoji, and what would make one of it (a variation
 * selector, a joiner, a keycap mark) is not simple; string-width gives it its East Asian Width.
 */
const JOINING =
  '\\p{M}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}\\p{Zl}\\p{Zp}\\p{Default_Ignorable_Code_Point}\\p{Emoji_Presentation}\\p{Emoji_Modifier}\\p{Regional_Indicator}\\p{Script=Hangul}\\uFF00-\\uFFEF\\u0D4E\\u{111C2}\\u{111C3}\\u{1193F}\\u{11941}\\u{11A3A}\\u{11A84}-\\u{11A89}\\u{11D46}\\u{11F02}\\u{113D1}\\u0E33\\u0EB3\\u{16D63}\\u{16D67}-\\u{16D6A}';
/** One /u expression of property escapes: ~2-3 ms to compile and tier up, when first used (bench/README.md 52). */
const JOINS = new RegExp(`[${JOINING}]`, 'u');

/** Whether `text` holds a control character (C0, DEL or C1), which takes no cell. */
function hasControl(text) {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/** Whether every code point of `text` is simple (true for ''). */
export function simpleText(text) {
  return !hasControl(text) && !JOINS.test(text);
}

/** Whether the code point `code` is simple. */
export function simpleCodePoint(code) {
  return simpleText(String.fromCodePoint(code));
}

/** `text`'s graphemes as Intl.Segmenter gives them ({ segment, index }): one per code point for a simple text. */
export function* codePointSegments(text) {
  for (let index = 0; index < text.length; ) {
    const code = text.codePointAt(index);
    const segment = code > 0xffff ? text.slice(index, index + 2) : text[index];
    yield { segment, index };
    index += segment.length;
  }
}

/**
 * A stand-in for an Intl.Segmenter (made by `make`, when first needed) whose `segment` is only
 * iterated: a text whose code points are each simple or a control other than a carriage return
 * is cut one code point a segment, as the segmenter cuts it (test/bin/simple-text.test.ts).
 */
export function graphemeSegmenter(make) {
  let segmenter;
  return {
    segment(text) {
      if (!text.includes('\r') && !JOINS.test(text)) return codePointSegments(text);
      segmenter ??= make();
      return segmenter.segment(text);
    },
  };
}
