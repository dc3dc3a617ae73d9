import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, LANGUAGES, setLocale } from '../../src/i18n/index.js';
import { AGENT_COLUMNS } from '../../src/views/agent-columns.js';
import { CHANNEL_COLUMNS } from '../../src/views/channel-columns.js';
import { formatDuration, formatShortDuration, textWidth } from '../../src/views/format.js';
import { BINDINGS, KEY_CONTEXTS, type KeyState, matchAction } from '../../src/views/keymap.js';
import { moveCursor, scrollOffset } from '../../src/views/scroll.js';
import { fitSegments, layoutTable, mergeSegments, type Segment } from '../../src/views/table-model.js';

const noKey: KeyState = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageUp: false,
  pageDown: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  tab: false,
  ctrl: false,
  shift: false,
  meta: false,
};

describe('table model', () => {
  it('lays every table out to exactly its width, minimums kept, optional columns only with room', () => {
    fc.assert(
      fc.property(fc.integer({ min: 48, max: 300 }), (width) => {
        const layout = layoutTable(AGENT_COLUMNS, width);
        const used =
          layout.columns.reduce((s, c) => s + c.width, 0) + layout.gap * (layout.columns.length - 1);
        expect(used).toBe(width);
        for (const { column, width: w } of layout.columns) expect(w).toBeGreaterThanOrEqual(column.min);
        for (const id of ['flags', 'name', 'extension', 'status', 'time', 'detail', 'devices'])
          expect(layout.shown.has(id)).toBe(true);
      }),
    );
    expect(layoutTable(AGENT_COLUMNS, 49).shown.has('interaction')).toBe(false);
    expect(layoutTable(AGENT_COLUMNS, 100).shown.has('interaction')).toBe(true);
    expect(layoutTable(CHANNEL_COLUMNS, 30).columns.reduce((s, c) => s + c.width, 0) + 4).toBe(30);
  });

  it('cuts and pads segments to an exact width', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 12 }), { maxLength: 4 }),
        fc.integer({ min: 1, max: 40 }),
        (texts, width) => {
          const printable = texts.map((t) => t.replace(/[^\x20-\x7e]/g, 'x'));
          const out = fitSegments(
            printable.map((text) => ({ text })),
            width,
          );
          expect(out.reduce((s, seg) => s + textWidth(seg.text), 0)).toBe(width);
        },
      ),
    );
  });
});

describe('the service level column', () => {
  it('holds "100 %" and a breach symbol in French as "100%" in English', () => {
    try {
      for (const lang of ['en', 'fr'] as const) {
        setLocale(lang);
        const layout = layoutTable(CHANNEL_COLUMNS, 30);
        const width = layout.columns.find((c) => c.column.id === 'serviceLevel')?.width ?? 0;
        const hundred = lang === 'fr' ? '100\u202f%' : '100%';
        expect(width, lang).toBeGreaterThanOrEqual(textWidth(hundred) + 2);
      }
    } finally {
      setLocale('en');
    }
  });
});

describe('mergeSegments', () => {
  it('joins neighbours styled alike and keeps the text and every style', () => {
    const line: Segment[] = [
      { text: 'Alice' },
      { text: '   ' },
      { text: ' ', tone: 'plain' },
      { text: 'busy', tone: 'busy' },
      { text: ' ', tone: 'busy' },
      { text: '●', tone: 'deviceActive' },
      { text: '○', tone: 'deviceInactive' },
      { text: 'x', style: { bold: true } },
      { text: 'y', style: { bold: true } },
    ];
    expect(mergeSegments(line)).toEqual([
      { text: 'Alice    ' },
      { text: 'busy ', tone: 'busy' },
      { text: '●', tone: 'deviceActive' },
      { text: '○', tone: 'deviceInactive' },
      { text: 'xy', style: { bold: true } },
    ]);
  });

  it('never changes what a line shows', () => {
    const tones = [undefined, 'plain', 'busy', 'muted'] as const;
    fc.assert(
      fc.property(
        fc.array(fc.record({ text: fc.string({ maxLength: 4 }), tone: fc.constantFrom(...tones) })),
        (raw) => {
          const line: Segment[] = raw.map(({ text, tone }) => (tone ? { text, tone } : { text }));
          const merged = mergeSegments(line);
          expect(merged.map((s) => s.text).join('')).toBe(line.map((s) => s.text).join(''));
          for (let i = 1; i < merged.length; i += 1)
            expect(merged[i]?.tone ?? 'plain').not.toBe(merged[i - 1]?.tone ?? 'plain');
        },
      ),
    );
  });
});

describe('key map', () => {
  it('binds every action, and no key means two things in one context', () => {
    const bound = new Set(BINDINGS.map((b) => b.action));
    for (const action of Object.keys(CATALOGUES.en.keys)) expect(bound, action).toContain(action);
    for (const context of KEY_CONTEXTS) {
      for (const language of LANGUAGES) {
        const seen = new Map<string, string>();
        for (const binding of BINDINGS.filter((b) => b.contexts.includes(context))) {
          for (const chord of binding.chords) {
            if (chord.language !== undefined && chord.language !== language) continue;
            const { language: _, ...key } = chord;
            const id = JSON.stringify(key);
            expect(seen.get(id), `${id} in ${context} (${language})`).toBeUndefined();
            seen.set(id, binding.action);
          }
        }
      }
    }
  });

  it('never lets a digit act outside the board and the monitor bar', () => {
    for (const binding of BINDINGS)
      for (const chord of binding.chords)
        if (chord.input && /^[0-9]$/.test(chord.input))
          for (const context of binding.contexts)
            expect(['channels', 'agents', 'monitor']).toContain(context);
  });
  it('matches keys the same way everywhere', () => {
    expect(matchAction('channels', 'j', noKey)).toBe('cursor.down');
    expect(matchAction('agents', '', { ...noKey, downArrow: true })).toBe('cursor.down');
    expect(matchAction('agents', 'G', { ...noKey, shift: true })).toBe('cursor.last');
    expect(matchAction('channels', '', { ...noKey, tab: true })).toBe('pane.next');
    expect(matchAction('channels', '', { ...noKey, tab: true, shift: true })).toBe('pane.previous');
    expect(matchAction('agents', 'c', { ...noKey, ctrl: true })).toBe('app.interrupt');
    expect(matchAction('filter', 'q', noKey)).toBeUndefined();
    expect(matchAction('filter', 'c', { ...noKey, ctrl: true })).toBe('app.interrupt');
    expect(matchAction('help', '', { ...noKey, escape: true })).toBe('help.close');
  });
});

describe('scrolling and times', () => {
  it('keeps the cursor on screen and moves it within the list', () => {
    expect(scrollOffset(0, 25, 10, 100)).toBe(16);
    expect(scrollOffset(16, 20, 10, 100)).toBe(16);
    expect(scrollOffset(16, 3, 10, 100)).toBe(3);
    expect(scrollOffset(95, 99, 10, 20)).toBe(10);
    expect(moveCursor(5, 'pageDown', 12, 10)).toBe(11);
    expect(moveCursor(-1, 'down', 12, 10)).toBe(1);
    expect(moveCursor(3, 'first', 12, 10)).toBe(0);
  });

  it('formats durations', () => {
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatShortDuration(3725)).toBe('1h02');
    expect(formatShortDuration(40_000)).toBe('11h');
  });
});
