/**
 * Large figures for the kiosk, three rows high, drawn like a seven-segment display with
 * ASCII only (`_` and `|`), so they read across a room on any terminal, in any font.
 */

const GLYPHS: Record<string, readonly [string, string, string]> = {
  '0': [' _ ', '| |', '|_|'],
  '1': ['   ', '  |', '  |'],
  '2': [' _ ', ' _|', '|_ '],
  '3': [' _ ', ' _|', ' _|'],
  '4': ['   ', '|_|', '  |'],
  '5': [' _ ', '|_ ', ' _|'],
  '6': [' _ ', '|_ ', '|_|'],
  '7': [' _ ', '  |', '  |'],
  '8': [' _ ', '|_|', '|_|'],
  '9': [' _ ', '|_|', ' _|'],
  ':': [' ', '.', '.'],
  '%': ['   ', 'o/ ', '/o '],
  '-': ['   ', ' _ ', '   '],
  ' ': [' ', ' ', ' '],
  h: ['   ', '|_ ', '| |'],
};

/** Three lines drawing `text` (characters it cannot draw become blanks), one column apart. */
export function bigText(text: string): [string, string, string] {
  const rows: [string, string, string] = ['', '', ''];
  let first = true;
  for (const ch of text) {
    const glyph = GLYPHS[ch] ?? GLYPHS[' ']!;
    for (let r = 0; r < 3; r += 1) rows[r] += (first ? '' : ' ') + glyph[r as 0 | 1 | 2];
    first = false;
  }
  return rows;
}

/** The width `bigText(text)` takes. */
export function bigWidth(text: string): number {
  return bigText(text)[0].length;
}
