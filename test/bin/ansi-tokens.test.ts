/**
 * Ink tokenises every new line with @alcalzone/ansi-tokenize and turns rows of styled characters
 * back into text with it; bin/ansi-tokens.js stands in for both with fast paths, which must give
 * what the library gives, object for object, for any text.
 */

import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: bin/ is plain JavaScript without type declarations
import * as ansiTokens from '../../bin/ansi-tokens.js';

/** The library's tokens and styled characters (its declarations, build/tokenize.d.ts and styledChars.d.ts). */
interface AnsiCode {
  type: 'ansi';
  code: string;
  endCode: string;
}
type Token =
  | AnsiCode
  | { type: 'control'; code: string }
  | { type: 'char'; value: string; fullWidth: boolean };
interface StyledChar {
  type: 'char';
  value: string;
  fullWidth: boolean;
  styles: AnsiCode[];
}
type Tokenize = (text: string, endChar?: number) => Token[];
interface AnsiTokenize {
  tokenize: Tokenize;
  styledCharsFromTokens(tokens: Token[]): StyledChar[];
  styledCharsToString(chars: StyledChar[]): string;
  diffAnsiCodes?: unknown;
  ansiCodesToString?: unknown;
}

/** Ink's tokeniser: Ink's dependency, not ccwall's (hence resolved from Ink, not imported). */
const ANSI_TOKENIZE = '@alcalzone/ansi-tokenize';
const ansiTokenize = (await import(
  import.meta.resolve(ANSI_TOKENIZE, import.meta.resolve('ink'))
)) as AnsiTokenize;
interface PlainLine {
  text: string;
  columns: number;
  inner: string;
  first: { codes: AnsiCode[] } | null;
  last: { codes: AnsiCode[] } | null;
}
interface Plain {
  line(text: string): PlainLine | undefined;
  row(writes: unknown[], width: number): string | undefined;
}
const { plainTokensFirst, stylesKeptToString, plainLines } = ansiTokens as {
  plainTokensFirst: (tokenize: Tokenize) => Tokenize;
  stylesKeptToString: (library: Partial<AnsiTokenize>) => (chars: StyledChar[]) => string;
  plainLines: (
    library: Partial<AnsiTokenize>,
    width: (text: string) => number,
    visible: (char: StyledChar) => boolean,
  ) => Plain;
};
const { tokenize, styledCharsFromTokens, styledCharsToString } = ansiTokenize;
/** Ink's measure of a character and its test of one that takes no place (Ink's own expressions). */
const INK_STRING_WIDTH = 'string-width';
const { default: stringWidth } = (await import(
  import.meta.resolve(INK_STRING_WIDTH, import.meta.resolve('ink'))
)) as { default: (text: string) => number };
const inkVisible = (char: StyledChar) => !/^\p{Default_Ignorable_Code_Point}+$/u.test(char.value);

/** The library's tokenize, counting the texts it is asked about. */
function counted() {
  const asked: string[] = [];
  const library: Tokenize = (text, endChar) => {
    asked.push(text);
    return tokenize(text, endChar);
  };
  return { asked, library };
}

const PIECES = [
  'a',
  'Agent 12 ',
  ' ',
  'Zoë',
  'Ωμέγα',
  'Жанна',
  '│',
  '─',
  '●',
  '✓',
  '…',
  '→',
  '©',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '\u0007',
  '\u007f',
  '漢字',
  'ｱ',
  '😀',
  '👩‍👩‍👧',
  '🇫🇷',
  '❤️',
  'e\u0301',
  '\u0301',
  'д\u0483',
  '\u200d',
  '\u200b',
  '\ufe0f',
  '\u00ad',
  '\u1100\u1161',
  '\u0915\u094d\u0937',
  '\u0600a',
  // Colour codes: 16, 256 and true colours, resets, bold, dim, inverse, compound and empty.
  '\u001b[31m',
  '\u001b[39m',
  '\u001b[44m',
  '\u001b[49m',
  '\u001b[38;5;208m',
  '\u001b[48;5;17m',
  '\u001b[38;2;255;136;0m',
  '\u001b[48;2;0;0;0m',
  '\u001b[58;5;1m',
  '\u001b[1m',
  '\u001b[2m',
  '\u001b[22m',
  '\u001b[7m',
  '\u001b[27m',
  '\u001b[1;7;31m',
  '\u001b[0m',
  '\u001b[m',
  '\u001b[;m',
  '\u001b[38;5m',
  // Other escapes: links, cursor moves, a title, broken or cut codes, C1 controls.
  '\u001b]8;;https://example.com\u0007',
  '\u001b]8;;\u0007',
  '\u001b]8;id=1;https://example.com\u001b\\',
  '\u001b]8;;\u001b\\',
  '\u001b]0;title\u0007',
  '\u001b[2A',
  '\u001b[10;5H',
  '\u001b[?25l',
  '\u001b[31',
  '\u001b[',
  '\u001b',
  '\u009b31m',
  '\u009c',
];

/** The same tokens, their properties in the same order (tokens hold strings and booleans only). */
const same = (a: Token[], b: Token[]) => JSON.stringify(a) === JSON.stringify(b);

const text = fc.array(
  fc.oneof(
    { arbitrary: fc.constantFrom(...PIECES), weight: 8 },
    { arbitrary: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), weight: 1 },
  ),
  { maxLength: 14 },
);
const endChar = fc.option(fc.integer({ min: -1, max: 16 }), { nil: undefined });

describe('plainTokensFirst', () => {
  const fast = plainTokensFirst(tokenize);

  it('tokenises every character of the first plane as the library does, alone and among others', () => {
    const differ: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      // Alone, between letters, twice (and cut after the first), after and before colour codes and newlines.
      const samples: [string, number?][] = [
        [c],
        [`a${c}b`],
        [`${c}${c}`],
        [`${c}${c}`, 1],
        [`\u001b[1;31m${c}\u001b[0m${c}\n─`],
      ];
      for (const [sample, end] of samples) {
        if (!same(fast(sample, end), tokenize(sample, end)))
          differ.push(`U+${code.toString(16)} in ${JSON.stringify(sample)}, ${end}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it('tokenises any text as the library does: colours, other escapes, wide characters, emoji, joiners and marks', () => {
    fc.assert(
      fc.property(text, endChar, (parts, end) => {
        const sample = parts.join('');
        expect(fast(sample, end)).toStrictEqual(tokenize(sample, end));
        expect(same(fast(sample, end), tokenize(sample, end))).toBe(true);
        expect(isDeepStrictEqual(fast(sample, end), tokenize(sample, end))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('answers a text of plain characters and colour codes without the library, once each is known', () => {
    const { asked, library } = counted();
    const tokens = plainTokensFirst(library);
    const row =
      '\u001b[2m│\u001b[22m Zoë  \u001b[32mAvailable\u001b[39m  ● 12 → \u001b[1;7m14\u001b[22;27m\n─';
    expect(tokens(row)).toStrictEqual(tokenize(row));
    asked.length = 0;
    const next = row.replace('12', '13');
    expect(tokens(next)).toStrictEqual(tokenize(next));
    expect(asked).toEqual([]);
    // Anything else is the library's, whole.
    const wide = `${row} 漢字`;
    expect(tokens(wide)).toStrictEqual(tokenize(wide));
    expect(asked).toEqual([wide]);
  });

  it('makes new tokens for every text, as the library does', () => {
    const first = fast('\u001b[31mab');
    const second = fast('\u001b[31mab');
    expect(second).toStrictEqual(first);
    expect(second[0]).not.toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
  });
});

describe('stylesKeptToString', () => {
  const kept = stylesKeptToString(ansiTokenize);
  const charsOf = (parts: string[]) => styledCharsFromTokens(tokenize(parts.join('')));

  it('turns any row of styled characters into the text the library makes', () => {
    // A row as Ink's grid makes it: pieces of several texts' characters, blank cells (one shared,
    // or copies with a character's styles), in any order.
    const blank: StyledChar = { type: 'char', value: ' ', fullWidth: false, styles: [] };
    const cell = fc.oneof(
      { arbitrary: fc.constant([blank]), weight: 1 },
      { arbitrary: text.map(charsOf), weight: 4 },
      {
        arbitrary: text.map((parts) =>
          charsOf(parts).map((char) => ({ ...char, value: '', fullWidth: false })),
        ),
        weight: 1,
      },
    );
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 6 }), (pieces) => {
        const row = pieces.flat();
        expect(kept(row)).toBe(styledCharsToString(row));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives the library’s text while it keeps many changes of style, and after it forgets them', () => {
    for (let i = 0; i < 6000; i++) {
      const row = charsOf([`\u001b[38;2;${i % 256};${i >> 8};7ma\u001b[1mb`, '\u001b[48;5;3mc\u001b[0md']);
      expect(kept(row)).toBe(styledCharsToString(row));
    }
  });

  it('is the library’s own function when the library lacks what it needs', () => {
    expect(stylesKeptToString({ styledCharsToString })).toBe(styledCharsToString);
  });
});

/** Printable ASCII, characters of the simple blocks and plain colour codes, nothing else. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes start with ESC
const PLAIN_PIECE = /^(?:[\x20-\x7e]|[\u00a0-\u02ff\u2010-\u27bf]|\u001b\[[\d;]*m)+$/u;

describe('plainLines', () => {
  const plain = plainLines(ansiTokenize, stringWidth, inkVisible);
  const charsOf = (line: string) => styledCharsFromTokens(tokenize(line)).filter(inkVisible);
  /** What a line read alone tells, from Ink's styled characters (a cell object per character). */
  const inks = (line: string) => {
    const chars = charsOf(line);
    return {
      text: styledCharsToString(chars),
      columns: chars.reduce((sum, char) => sum + Math.max(1, stringWidth(char.value)), 0),
      first: chars[0]?.styles ?? null,
      last: chars.at(-1)?.styles ?? null,
    };
  };
  const told = (line: PlainLine) => ({
    text: line.text,
    columns: line.columns,
    first: line.first?.codes ?? null,
    last: line.last?.codes ?? null,
  });
  /** The text of a row of `width` blank cells with these lines' characters put at their x, as Ink's grid does. */
  const inkRow = (writes: [string, number][], width: number) => {
    const blank: StyledChar = { type: 'char', value: ' ', fullWidth: false, styles: [] };
    const cells: StyledChar[] = Array.from({ length: width }, () => blank);
    for (const [line, x] of writes) {
      let at = x;
      for (const char of charsOf(line)) {
        cells[at] = char;
        const wide = Math.max(1, stringWidth(char.value));
        for (let i = 1; i < wide; i++) cells[at + i] = { ...char, value: '', fullWidth: false };
        at += wide;
      }
    }
    return styledCharsToString(cells).trimEnd();
  };

  it('reads any line of plain characters and colour codes as Ink does, and no other', () => {
    let read = 0;
    fc.assert(
      fc.property(text, (parts) => {
        const line = parts.join('');
        const read1 = plain.line(line);
        if (read1 === undefined) return;
        read += 1;
        expect(line).not.toContain('\n');
        expect(told(read1)).toEqual(inks(line));
      }),
      { numRuns: 5000 },
    );
    // Most random lines hold something it leaves to the library; still, many are read.
    expect(read).toBeGreaterThan(200);
  });

  const simple = fc.constantFrom(
    ...PIECES.filter((piece) => PLAIN_PIECE.test(piece)),
    '\u231a',
    '\u2614',
    '\u00ad',
    '\u00a0',
  );

  it('reads every line of printable ASCII, simple characters and colour codes, as Ink does', () => {
    fc.assert(
      fc.property(fc.array(simple, { maxLength: 20 }), (parts) => {
        const line = parts.join('');
        const read1 = plain.line(line);
        // Only characters the library joins to a neighbour (Cyrillic's combining marks) or reads
        // as wide (emoji of the symbol blocks) are left to it.
        if (!/[\u0483-\u0489\u231a\u2614]/u.test(line)) expect(read1).toBeDefined();
        if (read1 !== undefined) expect(told(read1)).toEqual(inks(line));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads every character of the simple blocks as Ink does, alone and styled among others', () => {
    const differ: string[] = [];
    for (let code = 0x20; code <= 0x2bff; code++) {
      const c = String.fromCharCode(code);
      for (const line of [c, `a${c}b`, `\u001b[1;31m${c}\u001b[0m${c}─`, `\u001b[7m${c}`]) {
        const read1 = plain.line(line);
        if (read1 !== undefined && JSON.stringify(told(read1)) !== JSON.stringify(inks(line)))
          differ.push(`U+${code.toString(16)} in ${JSON.stringify(line)}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it('makes a row of lines side by side as Ink’s grid makes it, touching or apart, styled or not', () => {
    const placed = fc.record({
      gap: fc.constantFrom(0, 0, 1, 3),
      parts: fc.array(simple, { minLength: 1, maxLength: 5 }),
    });
    let made = 0;
    fc.assert(
      fc.property(fc.array(placed, { maxLength: 5 }), fc.integer({ min: 0, max: 40 }), (lines, width) => {
        const writes: [string, number][] = [];
        let x = 0;
        for (const { gap, parts } of lines) {
          const line = parts.join('');
          x += gap;
          writes.push([line, x]);
          x += inks(line).columns;
        }
        const row = plain.row(writes.flat(), width);
        if (x <= width && !writes.some(([line]) => plain.line(line) === undefined)) {
          expect(row).toBeDefined();
          made += 1;
        }
        if (row !== undefined) expect(row).toBe(inkRow(writes, width));
      }),
      { numRuns: 5000 },
    );
    expect(made).toBeGreaterThan(1000);
  });

  it('leaves to the grid the rows whose lines overlap, run past the row or sit between columns', () => {
    expect(plain.row(['abc', 0, 'de', 2], 10)).toBeUndefined();
    expect(plain.row(['abc', 8], 10)).toBeUndefined();
    expect(plain.row(['abc', 0.5], 10)).toBeUndefined();
    expect(plain.row(['abc', 0, { text: 'de' }, 5], 10)).toBeUndefined();
    expect(plain.row(['a\u0301', 0], 10)).toBeUndefined();
    expect(plain.row(['abc', 0, 'de', 4], 10)).toBe('abc de');
  });

  it('keeps giving Ink’s text past the styles it keeps, once it forgets them', () => {
    for (let i = 0; i < 3000; i++) {
      const line = `\u001b[38;2;${i % 256};${i >> 8};7ma\u001b[1mb\u001b[48;5;3mc\u001b[0md`;
      expect(told(plain.line(line)!)).toEqual(inks(line));
      expect(plain.row(['\u001b[1mx', 0, line, 1], 8)).toBe(
        inkRow(
          [
            ['\u001b[1mx', 0],
            [line, 1],
          ],
          8,
        ),
      );
    }
  });

  it('reads nothing when the library lacks what it needs', () => {
    const lacking = plainLines({ tokenize }, stringWidth, inkVisible);
    expect(lacking.line('abc')).toBeUndefined();
    expect(lacking.row(['abc', 0], 10)).toBeUndefined();
  });
});
