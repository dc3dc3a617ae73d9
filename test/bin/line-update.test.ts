/**
 * Ink's line update (a changed line rewritten from its first changed column) counts the columns of
 * the unchanged start with a grapheme segmenter unless both lines are printable ASCII;
 * bin/lean-imports.js widens that fast path to texts whose characters each take one cell and
 * make one grapheme (text-memo.js's singleCellText). The bytes written must be Ink's own, for
 * every line: both versions are loaded from Ink's installed line-update.js (as it is, and as
 * lean-imports rewrites it) and compared.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: bin/ is plain JavaScript without type declarations
import * as lean from '../../bin/lean-imports.js';

const { leanSource } = lean as { leanSource(url: string, source: string): string | undefined };
type LineUpdate = (previous: string, next: string, columns?: number) => string;

const inkLineUpdate = new URL('line-update.js', import.meta.resolve('ink')).href;
let dir: string;
let plain: LineUpdate;
let leaner: LineUpdate;

/** Ink's line-update.js from `source`, its package imports resolved from Ink's folder. */
async function load(name: string, source: string): Promise<LineUpdate> {
  const resolved = source
    .replace(
      /from '([^'.][^']*)'/g,
      (_, specifier: string) => `from ${JSON.stringify(import.meta.resolve(specifier, inkLineUpdate))}`,
    )
    .replace(/^\/\/# sourceMappingURL=.*$/m, '');
  const file = join(dir, name);
  writeFileSync(file, resolved);
  return ((await import(pathToFileURL(file).href)) as { default: LineUpdate }).default;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ccwall-line-update-'));
  const source = readFileSync(fileURLToPath(inkLineUpdate), 'utf8');
  const rewritten = leanSource(inkLineUpdate, source);
  if (rewritten === undefined) throw new Error('lean-imports does not apply to the installed Ink');
  expect(rewritten).toContain('if (singleCells(previousText) && singleCells(nextText)) {');
  plain = await load('plain-line-update.mjs', source);
  leaner = await load('lean-line-update.mjs', rewritten);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
