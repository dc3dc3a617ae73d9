import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: bin/ is plain JavaScript without type declarations
import * as textMemo from '../../bin/text-memo.js';

interface Kept<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}
const { GenerationMap, memoText } = textMemo as {
  GenerationMap: new <K, V>(size: number) => Kept<K, V>;
  memoText: <T>(fn: (text: string) => T, size: number) => (text: string) => T;
};

describe('GenerationMap', () => {
  it('keeps what was used lately and forgets the rest, two generations of `size` at most', () => {
    const map = new GenerationMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('c', 3); // a and b become the old generation
    expect(map.get('a')).toBe(1); // read again: back in the young one, with c
    map.set('d', 4); // young (c, a) becomes old; b is forgotten
    expect(map.get('b')).toBeUndefined();
    expect([map.get('a'), map.get('c'), map.get('d')]).toEqual([1, 3, 4]);
  });
});

describe('memoText', () => {
  it('answers as the function does, calling it once per text it still holds', () => {
    const calls: string[] = [];
    const width = memoText((text) => {
      calls.push(text);
      return text.length;
    }, 8);
    expect([width('abc'), width('abc'), width(''), width('')]).toEqual([3, 3, 0, 0]);
    expect(calls).toEqual(['abc', '']);
  });

  it('does not grow with the texts it is given', () => {
    let calls = 0;
    const width = memoText((text) => {
      calls += 1;
      return text.length;
    }, 4);
    for (let i = 0; i < 1000; i++) width(`line ${i}`);
    width('line 0');
    expect(calls).toBe(1001); // line 0 was forgotten long ago: worked out again
  });
});

describe('RowTexts', () => {
  const { RowTexts } = textMemo as {
    RowTexts: new () => { text(y: number, cells: unknown[], toText: (cells: unknown[]) => string): string };
  };

  it('makes a row’s text again only when its cells are not the same objects', () => {
    const rows = new RowTexts();
    const a = { value: 'a' };
    const b = { value: 'b' };
    let made = 0;
    const toText = (cells: unknown[]) => {
      made += 1;
      return (cells as { value: string }[]).map((cell) => cell.value).join('');
    };
    expect(rows.text(0, [a, b], toText)).toBe('ab');
    expect(rows.text(0, [a, b], toText)).toBe('ab');
    expect(rows.text(1, [a, b], toText)).toBe('ab');
    expect(rows.text(0, [a, { value: 'b' }], toText)).toBe('ab');
    expect(rows.text(0, [b, a], toText)).toBe('ba');
    expect(made).toBe(4);
  });

  it('tells a place never written from a written one (a text written past the row’s end leaves some)', () => {
    const rows = new RowTexts();
    const a = { value: 'a' };
    const toText = (cells: unknown[]) =>
      (cells.filter(Boolean) as { value: string }[]).map((cell) => cell.value).join('');
    const holed: unknown[] = [];
    holed[1] = a;
    expect(rows.text(0, holed, toText)).toBe('a');
    expect(rows.text(0, [{ value: ' ' }, a], toText)).toBe(' a');
  });
});

describe('visibleCharacter', () => {
  const { visibleCharacter } = textMemo as { visibleCharacter: (character: { value: string }) => boolean };
  const ignorable = /^\p{Default_Ignorable_Code_Point}+$/u;

  it('answers as Ink’s test does, for every character of the first plane and a few beyond', () => {
    const differ: number[] = [];
    const check = (value: string, code: number) => {
      if (visibleCharacter({ value }) !== !ignorable.test(value)) differ.push(code);
    };
    for (let code = 0; code <= 0xffff; code++) check(String.fromCharCode(code), code);
    for (const code of [0x1f600, 0x1bca0, 0xe0001, 0xe0100]) check(String.fromCodePoint(code), code);
    check('e\u0301', -1);
    check('\u200b\u200d', -2);
    expect(differ).toEqual([]);
    expect(visibleCharacter({ value: '\u00ad' })).toBe(false);
    expect(visibleCharacter({ value: 'a' })).toBe(true);
  });
});

describe('narrowFirst', () => {
  const { narrowFirst } = textMemo as {
    narrowFirst: (width: (text: string) => number) => (text: string) => number;
  };
  const fast = narrowFirst(stringWidth);

  it('measures every character as string-width does', () => {
    const differ: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const text = String.fromCharCode(code);
      if (fast(text) !== stringWidth(text)) differ.push(code);
    }
    expect(differ).toEqual([]);
  });

  it('measures any text as string-width does: marks, joiners, emoji, wide characters and escapes included', () => {
    const pieces = [
      'a',
      'Zoë',
      ' ',
      '│',
      '●',
      '✓',
      '…',
      '→',
      '⚠',
      '漢',
      'ｱ',
      'e\u0301',
      '\u0301',
      '\u200d',
      '\ufe0f',
      '\u00ad',
      '\u200b',
      '👩‍👩‍👧',
      '🇫🇷',
      '\u1100\u1161',
      '\u0915\u0903',
      '\t',
      '\u0007',
      '\u001b[31m',
      '\u001b[1;7m',
      '\u001b[0m',
      '\u001b[m',
      '\u001b]8;;x\u0007',
      '\u009b31m',
      '\u001b[',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(fast(text)).toBe(stringWidth(text));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('singleCellText', () => {
  const { singleCellText, SIMPLE_BLOCKS } = textMemo as {
    singleCellText: (width: (text: string) => number) => (text: string) => boolean;
    SIMPLE_BLOCKS: [number, number][];
  };

  it('takes printable ASCII and the characters of the simple blocks of one cell that are a grapheme of their own', () => {
    const single = singleCellText(stringWidth);
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const graphemes = (text: string) => [...segmenter.segment(text)].map(({ segment }) => segment);
    const differ: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      const around = graphemes(`a${c}${c}a`);
      const expected =
        (code >= 0x20 && code <= 0x7e) ||
        (SIMPLE_BLOCKS.some(([from, to]) => code >= from && code <= to) &&
          stringWidth(c) === 1 &&
          around.length === 4 &&
          around[1] === c &&
          around[2] === c);
      if (single(c) !== expected) differ.push(code);
    }
    expect(differ).toEqual([]);
    expect(single('Zoé ● … → │')).toBe(true);
    expect(single('e\u0301')).toBe(false);
    expect(single('漢')).toBe(false);
  });
});
