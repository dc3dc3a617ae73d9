/**
 * Ink's line update (a changed line rewritten from its first changed column) counts the columns of
 * the unchanged start with a grapheme segmenter unless both lines are printable ASCII;
 * bin/lean-imports.js widens that fast path to texts whose characters each take one cell and
 * make one grapheme (text-memo.js's singleCellText). The bytes written must be Ink's own, for
 * every line: both versions are loaded from Ink's installed line-update.js (as it is, and as
 * lean-imports rewrites it) and compared.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inkModule, type PlainAndLean } from './ink-module.js';

type LineUpdate = (previous: string, next: string, columns?: number) => string;

let ink: PlainAndLean<LineUpdate>;
let plain: LineUpdate;
let leaner: LineUpdate;

beforeAll(async () => {
  ink = await inkModule<LineUpdate>('line-update.js');
  expect(ink.rewritten).toContain('if (singleCells(previousText) && singleCells(nextText)) {');
  plain = ink.plain;
  leaner = ink.lean;
});
afterAll(() => ink.dispose());

const RED = '\u001B[31m';
const BOLD = '\u001B[1m';
const RESET = '\u001B[39m';

describe('the line update with single-cell texts', () => {
  it('writes what Ink writes for every character the fast path may take, in a line that changes after it', () => {
    // Past U+2BFF (the last of text-memo.js's SIMPLE_BLOCKS) both take Ink's own path.
    for (let code = 0xa0; code <= 0x2c00; code++) {
      const c = String.fromCharCode(code);
      for (const [previous, next] of [
        [`ab${c}cd xyz`, `ab${c}ce xyz`],
        [`${RED}ab${c}${RESET} 12`, `${RED}ab${c}${RESET} 13`],
        [`a${c}${c}b`, `a${c}${c}c`],
        [`${c}1`, `${c}2`],
      ] as const)
        expect(leaner(previous, next, 40), `U+${code.toString(16)}`).toBe(plain(previous, next, 40));
    }
  });

  it('writes what Ink writes for random lines of colours, marks, wide characters and emoji', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        'a',
        'Z',
        ' ',
        '9',
        '●',
        '—',
        '…',
        'é',
        '│',
        'Ж',
        '\u0301',
        '\u0483',
        '日',
        '👩‍👩‍👧',
        '🇫🇷',
        '\u200D',
        '\uFE0F',
      ),
      fc.constantFrom(RED, BOLD, RESET, '\u001B[0m', '\u001B[38;5;208m', '\u001B[48;2;1;2;3m'),
      fc.integer({ min: 0x20, max: 0x2bff }).map((code) => String.fromCharCode(code)),
    );
    const line = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(line, line, line, fc.integer({ min: 1, max: 80 }), (start, a, b, columns) => {
        const previous = start + a;
        const next = start + b;
        expect(leaner(previous, next, columns)).toBe(plain(previous, next, columns));
      }),
      { numRuns: 3000 },
    );
  });
});
