/**
 * A wallboard of simple characters (bin/simple-text.js: Latin, punctuation, arrows, box drawing,
 * shapes, CJK ideographs...) is measured by string-width's fast path and cut into graphemes one
 * code point at a time, without string-width's emoji expression or an Intl.Segmenter. That holds
 * only if every simple character is a grapheme of its own and measures what the library measures:
 * checked here for every code point, against the installed string-width and Node's segmenter.
 */
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: bin/ is plain JavaScript without type declarations
import * as simpleTextModule from '../../bin/simple-text.js';
import { libraryModule, type PlainAndLean } from './ink-module.js';

interface Segments extends Iterable<{ segment: string; index: number }> {}
const { simpleCodePoint, simpleText, graphemeSegmenter } = simpleTextModule as {
  simpleCodePoint(code: number): boolean;
  simpleText(text: string): boolean;
  graphemeSegmenter(make: () => Intl.Segmenter): { segment(text: string): Segments };
};

type StringWidth = (
  text: string,
  options?: { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean },
) => number;

let library: PlainAndLean<StringWidth>;
let plain: StringWidth;
let leaner: StringWidth;

beforeAll(async () => {
  library = await libraryModule<StringWidth>(import.meta.resolve('string-width'));
  expect(library.rewritten).toContain('if (simpleText(string)) {');
  plain = library.plain;
  leaner = library.lean;
});
afterAll(() => library.dispose());

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemes = (text: string) => [...segmenter.segment(text)].map(({ segment }) => segment);
const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Every code point the test reads: all of them, but for planes 2 and 3 (CJK ideographs, blocks
 * of thousands of code points alike), read one in 5 (and each block's first and last), to keep
 * the test within seconds.
 */
function* everyCodePoint(): Generator<number> {
  for (let code = 0; code <= 0x10ffff; code++) {
    if (code >= 0x20000 && code < 0x40000 && code % 5 !== 0) {
      const previous = code - 1;
      const next = code + 1;
      // A change of block shows as a change of being simple; read both sides of it.
      if (
        simpleCodePoint(previous) === simpleCodePoint(code) &&
        simpleCodePoint(next) === simpleCodePoint(code)
      )
        continue;
    }
    yield code;
  }
}

describe('simple characters', () => {
  it('are each a grapheme of their own and measure what string-width measures, alone and among others', () => {
    const differ: string[] = [];
    let simple = 0;
    for (const code of everyCodePoint()) {
      if (!simpleCodePoint(code)) continue;
      simple += 1;
      const c = String.fromCodePoint(code);
      const around = graphemes(`a${c}${c}a`);
      if (around.length !== 4 || around[1] !== c || around[2] !== c) differ.push(`${hex(code)} joins`);
      for (const text of [c, `${c}${c}`, `é${c}x`, `\u001b[31m${c}ab\u001b[39m ${c}`]) {
        if (leaner(text) !== plain(text)) differ.push(`${hex(code)} in ${JSON.stringify(text)}`);
      }
      if (leaner(c, { ambiguousIsNarrow: false }) !== plain(c, { ambiguousIsNarrow: false }))
        differ.push(`${hex(code)} ambiguous as wide`);
    }
    expect(differ).toEqual([]);
    // Most of the assigned code points (the CJK ideographs above all) are simple: ~42,000 of the
    // first plane, ~100,000 beyond (a fifth of planes 2 and 3 read).
    expect(simple).toBeGreaterThan(80_000);
  });

  it('include what the wallboard draws, and none of emoji, marks, joiners, Hangul or controls', () => {
    // Pictographs shown as text by default (✖ ✔ ⚠ ©) are simple: one cell, as string-width counts
    // them, unless a variation selector asks for an emoji (then the text is not simple).
    expect(simpleText('Zoé ● ○ ▲ ✖ ✓ ✔ ⚠ © … → │ ─ 漢字 Жанна « » ±')).toBe(true);
    for (const text of [
      '👩‍👩‍👧',
      '😀',
      '✖\ufe0f',
      '1\u20e3',
      'e\u0301',
      '\u200d',
      '\ufe0f',
      '한',
      '\u1100',
      'ｱ',
      '\t',
      '\u001b',
      '🇫🇷',
      '\u00ad',
    ])
      expect(simpleText(text), JSON.stringify(text)).toBe(false);
  });
});

describe('graphemeSegmenter', () => {
  it('cuts a text of simple characters and controls (but a carriage return) as the segmenter does, without one', () => {
    let made = 0;
    const lazy = graphemeSegmenter(() => {
      made += 1;
      return new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    });
    const cut = (text: string) => [...lazy.segment(text)].map(({ segment, index }) => [segment, index]);
    const cutBySegmenter = (text: string) =>
      [...segmenter.segment(text)].map(({ segment, index }) => [segment, index]);
    const differ: string[] = [];
    for (let code = 0; code < 0x20; code++) {
      if (code === 0x0d) continue;
      const c = String.fromCharCode(code);
      const text = `a${c}${c}a\u001b[31mé${c}𠀀`;
      if (JSON.stringify(cut(text)) !== JSON.stringify(cutBySegmenter(text))) differ.push(hex(code));
    }
    for (const code of [0x7f, 0x85, 0x9b]) {
      const c = String.fromCharCode(code);
      if (JSON.stringify(cut(`a${c}${c}a`)) !== JSON.stringify(cutBySegmenter(`a${c}${c}a`)))
        differ.push(hex(code));
    }
    expect(differ).toEqual([]);
    expect(made).toBe(0);
    // Anything else is the segmenter's: a carriage return and line feed, a mark, an emoji sequence.
    for (const text of ['a\r\nb', 'e\u0301', '👩‍👩‍👧 ok']) expect(cut(text)).toEqual(cutBySegmenter(text));
    expect(made).toBe(1);
  });
});

describe('string-width, rewritten', () => {
  it('measures texts of simple characters with no segmenter made, and any other text as the library does', () => {
    const bin = new URL('../../bin/lean-imports.js', import.meta.url).href;
    // The segmenters made are counted from the start, the library's and the others' made lazy.
    const script = `
      let made = 0;
      const Segmenter = Intl.Segmenter;
      Intl.Segmenter = class extends Segmenter { constructor(...args) { made += 1; super(...args); } };
      await import(${JSON.stringify(bin)});
      const { default: stringWidth } = await import('string-width');
      await import('wrap-ansi');
      await import('slice-ansi');
      const { tokenize } = await import('@alcalzone/ansi-tokenize');
      const simple = ['Zoé ● …', '\\u001b[32m漢字 → ok\\u001b[39m', 'Жанна ▲ ±'].map((text) => stringWidth(text));
      const tokens = tokenize('\\u001b[32mZoé ●\\u001b[39m').length;
      const madeBySimple = made;
      const others = ['👩‍👩‍👧 x', 'e\\u0301', 'a\\u200db', '한국', '😀', '1\\u20e3'].map((text) => stringWidth(text));
      console.log(JSON.stringify({ simple, tokens, madeBySimple, others, made }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout);
    expect(result).toEqual({
      simple: [plain('Zoé ● …'), plain('\u001b[32m漢字 → ok\u001b[39m'), plain('Жанна ▲ ±')],
      tokens: 7,
      madeBySimple: 0,
      others: ['👩‍👩‍👧 x', 'e\u0301', 'a\u200db', '한국', '😀', '1\u20e3'].map((text) => plain(text)),
      made: 1,
    });
    expect(result.simple).toEqual([7, 9, 9]);
  });
});

/** Ink's dependencies, not ccwall's (hence named, not imported). */
const TOKENIZER = '@alcalzone/ansi-tokenize';
const WRAP_ANSI = 'wrap-ansi';

describe('the tokeniser and wrap-ansi, their segmenters made when first needed', () => {
  type Tokenize = (text: string, endChar?: number) => unknown[];
  type WrapAnsi = (text: string, columns: number, options?: { hard?: boolean; trim?: boolean }) => string;
  let tokenizer: PlainAndLean<Tokenize>;
  let wrapper: PlainAndLean<WrapAnsi>;
  beforeAll(async () => {
    const ink = import.meta.resolve('ink');
    tokenizer = await libraryModule<Tokenize>(
      new URL('tokenize.js', import.meta.resolve(TOKENIZER, ink)).href,
      'tokenize',
    );
    wrapper = await libraryModule<WrapAnsi>(import.meta.resolve(WRAP_ANSI, ink));
  });
  afterAll(() => {
    tokenizer.dispose();
    wrapper.dispose();
  });

  it('tokenise and wrap any text as the libraries do: simple characters, controls, marks, joiners, emoji', () => {
    const pieces = [
      'a',
      'Zoé',
      ' ',
      '●',
      '…',
      '漢字',
      '𠀀',
      '\n',
      '\r',
      '\r\n',
      '\t',
      '\u0007',
      'e\u0301',
      '\u200d',
      '\ufe0f',
      '👩‍👩‍👧',
      '🇫🇷',
      '한',
      '\u1100\u1161',
      '\u0915\u094d\u0937',
      '\u001b[31m',
      '\u001b[1;7m',
      '\u001b[39m',
      '\u001b]8;;https://example.com\u0007',
      'ｱﾞ',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 12 }),
        fc.integer({ min: 1, max: 12 }),
        (parts, columns) => {
          const text = parts.join('');
          expect(tokenizer.lean(text)).toEqual(tokenizer.plain(text));
          expect(tokenizer.lean(text, columns)).toEqual(tokenizer.plain(text, columns));
          expect(wrapper.lean(text, columns, { hard: true })).toBe(
            wrapper.plain(text, columns, { hard: true }),
          );
          expect(wrapper.lean(text, columns, { trim: false })).toBe(
            wrapper.plain(text, columns, { trim: false }),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
