import { afterEach, describe, expect, it } from 'vitest';
import { localClock, localPercent, setLocale } from '../../src/i18n/index.js';
import { clockText, percentText } from '../../src/i18n/local-formats.js';

/** Every tag ccwall can run with: English and French, alone, in each region, and a few others. */
function tags(): string[] {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const out: string[] = [];
  for (const language of ['en', 'fr']) {
    out.push(language, `${language}-001`, `${language}-150`, `${language}-419`, `${language}-Latn-CA`);
    for (const a of letters) for (const b of letters) out.push(`${language}-${a}${b}`);
  }
  return out;
}

/** Instants over a day, in the process's time zone as Intl's default reads it. */
const INSTANTS = [
  0,
  Date.UTC(2026, 11, 3, 3, 4, 5),
  Date.UTC(2026, 6, 14, 23, 59, 59, 999),
  Date.UTC(2026, 2, 29, 12, 0, 0),
];

describe('times and percentages written as Intl writes them, without its formatters', () => {
  afterEach(() => setLocale('en'));

  it('writes the time of day as Intl.DateTimeFormat does, for English and French in every region', () => {
    const differ: string[] = [];
    for (const tag of tags()) {
      const intl = new Intl.DateTimeFormat(tag, {
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
      for (const ms of INSTANTS) {
        if (clockText(tag, ms) !== intl.format(ms))
          differ.push(`${tag}: ${clockText(tag, ms)} ≠ ${intl.format(ms)}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it('writes a whole percentage as Intl.NumberFormat does, for English and French in every region', () => {
    const differ: string[] = [];
    for (const tag of tags()) {
      const intl = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
      for (const value of [0, 7, 78, 100, 999, -5]) {
        if (percentText(tag, value) !== intl.format(value / 100))
          differ.push(`${tag}: ${percentText(tag, value)} ≠ ${intl.format(value / 100)}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it('follows the language in use, and leaves the rare large or fractional percentage to Intl', () => {
    const at = Date.UTC(2026, 11, 3, 13, 30, 7);
    setLocale({ language: 'fr', tag: 'fr-CA' });
    expect(localClock(at)).toMatch(/^\d\d h \d\d min 07 s$/);
    expect(localPercent(78)).toBe('78\u00a0%');
    setLocale({ language: 'en', tag: 'en-US' });
    expect(localClock(at)).toMatch(/^\d\d:30:07$/);
    expect(localPercent(78)).toBe('78%');
    expect(localPercent(1250)).toBe('1,250%');
    expect(localPercent(12.5)).toBe(
      new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 }).format(0.125),
    );
  });
});
