import { describe, expect, it } from 'vitest';
import { splitKeys } from '../../src/views/key-by-key.js';

describe('splitKeys', () => {
  it('cuts a read into single keys, escape sequences and pastes whole', () => {
    expect(splitKeys('jjj')).toEqual(['j', 'j', 'j']);
    expect(splitKeys('sarah\r')).toEqual(['s', 'a', 'r', 'a', 'h', '\r']);
    expect(splitKeys('\u001b[B\u001b[B\r')).toEqual(['\u001b[B', '\u001b[B', '\r']);
    expect(splitKeys('\u001b[1;5A\u001bOP\u001bx')).toEqual(['\u001b[1;5A', '\u001bOP', '\u001bx']);
    expect(splitKeys('a\u001b[200~pasted\rtext\u001b[201~b')).toEqual([
      'a',
      '\u001b[200~pasted\rtext\u001b[201~',
      'b',
    ]);
    expect(splitKeys('é😀x')).toEqual(['é', '😀', 'x']);
  });

  it('keeps an escape sequence cut across reads as its pieces, in order', () => {
    const pieces = [...splitKeys('j\u001b['), ...splitKeys('A')];
    expect(pieces.join('')).toBe('j\u001b[A');
    expect(pieces[0]).toBe('j');
  });
});
