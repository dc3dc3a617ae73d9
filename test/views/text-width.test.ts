import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { textWidth, truncate } from '../../src/views/format.js';

describe('textWidth', () => {
  it('counts every printable ASCII character as string-width does', () => {
    for (let code = 0x20; code <= 0x7e; code += 1) {
      const char = String.fromCharCode(code);
      expect(textWidth(char), `U+${code.toString(16)}`).toBe(stringWidth(char));
      expect(textWidth(char.repeat(7))).toBe(stringWidth(char.repeat(7)));
    }
  });

  it('measures any text as string-width does, ASCII or not', () => {
    const pieces = fc.constantFrom(
      'a',
      'Z',
      ' ',
      '9',
      ':',
      '~',
      'é',
      '…',
      '●',
      '👩‍👩‍👧',
      '日本',
      '\t',
      '\u0007',
      '\u001b[31m',
      '\u0301',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(textWidth(text)).toBe(stringWidth(text));
      }),
    );
  });

  it('cuts an ASCII text to the columns asked for', () => {
    expect(truncate('00:12:05 ready', 8)).toBe('00:12:0…');
    expect(textWidth(truncate('00:12:05 ready', 8))).toBe(8);
  });

  it('cuts any text as string-width measures its graphemes, ASCII or not, never inside one', () => {
    const graphemes = new Intl.Segmenter();
    const byGraphemes = (text: string, width: number, ellipsis: string) => {
      if (stringWidth(text) <= width) return text;
      const room = width - stringWidth(ellipsis);
      let out = '';
      let used = 0;
      for (const { segment } of graphemes.segment(text)) {
        if (used + stringWidth(segment) > room) break;
        out += segment;
        used += stringWidth(segment);
      }
      return room > 0 ? out + ellipsis : out;
    };
    const pieces = fc.constantFrom('a', 'Z', ' ', '9', '~', 'é', 'e\u0301', '…', '●', '👩‍👩‍👧', '日本');
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 12 }),
        fc.integer({ min: 1, max: 14 }),
        fc.constantFrom('…', '', '...'),
        (parts, width, ellipsis) => {
          const text = parts.join('');
          expect(truncate(text, width, ellipsis)).toBe(byGraphemes(text, width, ellipsis));
        },
      ),
    );
  });
});
