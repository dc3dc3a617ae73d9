/**
 * Ink's frame, made row by row (bin/frame-rows.js, wired into Ink's Output by
 * bin/lean-imports.js): the rows whose writes did not change keep their text, and must be what
 * Ink's own Output makes, byte for byte, whatever the frames. Both Outputs are loaded from Ink's
 * installed output.js (as it is, and as lean-imports rewrites it), copied to a temporary folder
 * with their imports resolved from Ink's.
 */
import { stripVTControlCharacters } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inkModule, type PlainAndLean } from './ink-module.js';

type Transformer = (line: string, index: number) => string;
interface Clip {
  x1?: number;
  x2?: number;
  y1?: number;
  y2?: number;
}
interface OutputLike {
  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void;
  clip(clip: Clip): void;
  unclip(): void;
  get(): { output: string; height: number };
}
type OutputClass = new (size: { width: number; height: number }) => OutputLike;

let ink: PlainAndLean<OutputClass>;
let PlainOutput: OutputClass;
let LeanOutput: OutputClass;

beforeAll(async () => {
  ink = await inkModule<OutputClass>('output.js');
  PlainOutput = ink.plain;
  LeanOutput = ink.lean;
});
afterAll(() => ink.dispose());

type Op =
  | { type: 'write'; x: number; y: number; text: string; transformers: number[] }
  | { type: 'clip'; clip: Clip }
  | { type: 'unclip' };

/** Pure transformers, the same functions frame after frame (as a <Text> that did not re-render). */
const TRANSFORMERS: Transformer[] = [
  (line) => `\u001b[31m${line}\u001b[39m`,
  (line, index) => (index % 2 === 0 ? line.toUpperCase() : line),
  (line) => line.replaceAll(' ', '·'),
  (line, index) => `${index}${line}`,
];

/** Drawn on a new Output of each kind, as Ink draws a frame: new operations, new arrays. */
function draw(Output: OutputClass, width: number, height: number, ops: readonly Op[]) {
  const output = new Output({ width, height });
  for (const op of ops) {
    if (op.type === 'write')
      output.write(op.x, op.y, op.text, { transformers: op.transformers.map((i) => TRANSFORMERS[i]!) });
    else if (op.type === 'clip') output.clip({ ...op.clip });
    else output.unclip();
  }
  return output.get();
}

const PIECES = [
  'a',
  'Zoë',
  ' ',
  '  ',
  '│',
  '漢',
  '字',
  'ｱ',
  '👩‍👩‍👧',
  '😀',
  'e\u0301',
  '\u200b',
  '\n',
  '\n',
  '\u001b[31m',
  '\u001b[39m',
  '\u001b[1m',
  '\u001b[22m',
  '\u001b[44m',
  '\u001b[49m',
  '\u001b[0m',
];
/** Whole numbers mostly (Yoga's are), halves at times (Ink rounds nothing). */
const number = (min: number, max: number) =>
  fc.oneof(
    { arbitrary: fc.integer({ min, max }), weight: 9 },
    { arbitrary: fc.integer({ min, max }).map((n) => n + 0.5), weight: 1 },
  );
const place = number(-3, 14);
const edge = fc.option(number(-2, 14), { nil: undefined });
const transformers = fc.array(fc.nat({ max: TRANSFORMERS.length - 1 }), { maxLength: 2 });
const write = fc.record({
  type: fc.constant('write' as const),
  x: place,
  y: place,
  text: fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 8 }).map((parts) => parts.join('')),
  transformers,
});
const clip = fc.record({
  type: fc.constant('clip' as const),
  clip: fc.record({ x1: edge, x2: edge, y1: edge, y2: edge }),
});
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: write, weight: 4 },
  { arbitrary: clip, weight: 1 },
  { arbitrary: fc.constant({ type: 'unclip' as const }), weight: 1 },
);
const size = fc.record({ width: fc.integer({ min: 0, max: 12 }), height: fc.integer({ min: 0, max: 9 }) });
/** What changes from one frame to the next: most operations stay as they were. */
const change = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), op }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), op }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('move' as const),
    at: fc.nat(),
    dx: fc.integer({ min: -1, max: 1 }),
    dy: fc.integer({ min: -1, max: 1 }),
  }),
  fc.record({ kind: fc.constant('resize' as const), size }),
  // Only a write's transformers, or one edge of a clip.
  fc.record({
    kind: fc.constant('tweak' as const),
    at: fc.nat(),
    transformers,
    edge: fc.constantFrom('x1' as const, 'x2' as const, 'y1' as const, 'y2' as const),
    by: fc.constantFrom(-1, 1),
  }),
);
type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;

function next(frame: { width: number; height: number; ops: Op[] }, c: Change) {
  const ops = [...frame.ops];
  const at = ops.length === 0 ? 0 : 'at' in c ? c.at % ops.length : 0;
  switch (c.kind) {
    case 'replace':
      if (ops.length > 0) ops[at] = c.op;
      break;
    case 'insert':
      ops.splice(at, 0, c.op);
      break;
    case 'remove':
      ops.splice(at, 1);
      break;
    case 'swap':
      if (at + 1 < ops.length) [ops[at], ops[at + 1]] = [ops[at + 1]!, ops[at]!];
      break;
    case 'move': {
      const moved = ops[at];
      if (moved?.type === 'write') ops[at] = { ...moved, x: moved.x + c.dx, y: moved.y + c.dy };
      break;
    }
    case 'tweak': {
      const tweaked = ops[at];
      if (tweaked?.type === 'write') ops[at] = { ...tweaked, transformers: c.transformers };
      if (tweaked?.type === 'clip') {
        const edge = tweaked.clip[c.edge];
        ops[at] = { ...tweaked, clip: { ...tweaked.clip, [c.edge]: edge === undefined ? 5 : edge + c.by } };
      }
      break;
    }
    case 'resize':
      return { ...c.size, ops };
  }
  return { ...frame, ops };
}

describe('Ink’s Output, made row by row', () => {
  it('gives what Ink’s own gives, frame after frame, whatever the writes, clips and transformers', () => {
    fc.assert(
      fc.property(
        size,
        fc.array(op, { maxLength: 14 }),
        fc.array(fc.array(change, { maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        (first, ops, changes) => {
          let frame = { ...first, ops };
          const frames = [frame];
          for (const step of changes) {
            for (const c of step) frame = next(frame, c);
            frames.push(frame);
          }
          for (const { width, height, ops: drawn } of frames) {
            expect(draw(LeanOutput, width, height, drawn)).toEqual(draw(PlainOutput, width, height, drawn));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('gives what Ink’s own gives when only a clip’s edge or a write’s transformers change, clips nested or not', () => {
    const bound = number(-1, 12);
    const box = fc.record({ x1: bound, x2: bound, y1: bound, y2: bound });
    const step = fc.oneof(
      fc.record({
        inner: fc.boolean(),
        edge: fc.constantFrom('x1' as const, 'x2' as const, 'y1' as const, 'y2' as const),
        to: bound,
      }),
      fc.record({ write: fc.nat(), transformers }),
    );
    fc.assert(
      fc.property(
        size,
        fc.array(write, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        box,
        fc.option(box, { nil: undefined }),
        fc.array(step, { minLength: 1, maxLength: 8 }),
        ({ width, height }, first, split, firstOuter, firstInner, steps) => {
          const at = split % (first.length + 1);
          let [writes, outer, inner] = [first, firstOuter, firstInner];
          const frame = () => {
            const ops: Op[] = [{ type: 'clip', clip: outer }, ...writes.slice(0, at)];
            if (inner) ops.push({ type: 'clip', clip: inner });
            ops.push(...writes.slice(at));
            if (inner) ops.push({ type: 'unclip' });
            ops.push({ type: 'unclip' }, writes[0]!);
            expect(draw(LeanOutput, width, height, ops)).toEqual(draw(PlainOutput, width, height, ops));
          };
          frame();
          for (const change of steps) {
            if ('write' in change) {
              const which = change.write % writes.length;
              writes = writes.map((w, i) => (i === which ? { ...w, transformers: change.transformers } : w));
            } else if (change.inner && inner) inner = { ...inner, [change.edge]: change.to };
            else outer = { ...outer, [change.edge]: change.to };
            frame();
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives what Ink’s own gives for rows of lines side by side, touching or apart, styled or not', () => {
    // A wallboard's row: a few lines left to right, each styled as a whole or in part, some
    // touching the one before (where the two share a change of style in Ink's row), some apart.
    const styled = fc
      .tuple(
        fc.constantFrom('', '\u001b[31m', '\u001b[1m', '\u001b[7m', '\u001b[31m\u001b[44m'),
        fc.array(fc.constantFrom('a', 'Zoë', ' ', '漢', '●', '\u001b[39m', '\u001b[32m', '\u001b[22m'), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.constantFrom('', '\u001b[0m', '\u001b[39m', '\u001b[27m'),
      )
      .map(([open, parts, close]) => `${open}${parts.join('')}${close}`);
    const row = fc.array(fc.record({ gap: fc.constantFrom(0, 0, 1, 2), text: styled, dim: fc.boolean() }), {
      minLength: 1,
      maxLength: 4,
    });
    const dim: Transformer = (line) => `\u001b[2m${line}\u001b[22m`;
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 4, max: 30 }),
        (rows, width) => {
          const ops: Op[] = [];
          rows.forEach((lines, y) => {
            let x = 0;
            for (const { gap, text, dim: dimmed } of lines) {
              x += gap;
              ops.push({ type: 'write', x, y, text, transformers: dimmed ? [0] : [] });
              x += [...stripVTControlCharacters(text)].reduce((n, c) => n + (c === '漢' ? 2 : 1), 0);
            }
          });
          const lean = new LeanOutput({ width, height: rows.length });
          const plain = new PlainOutput({ width, height: rows.length });
          for (const op of ops) {
            if (op.type !== 'write') continue;
            const options = { transformers: op.transformers.map(() => dim) };
            lean.write(op.x, op.y, op.text, options);
            plain.write(op.x, op.y, op.text, options);
          }
          expect(lean.get()).toEqual(plain.get());
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('builds on a grid only the changed rows whose lines overlap, with only the writes that land on them', () => {
    type Apply = (grid: unknown[], operation: { text: string }, clip: Clip | undefined) => void;
    const prototype = LeanOutput.prototype as unknown as { applyWriteOperation: Apply };
    const apply = prototype.applyWriteOperation;
    // Each write Ink applies, by its first line, and the rows of the grid it was given.
    const applied: string[] = [];
    prototype.applyWriteOperation = function (this: unknown, grid, operation, clip) {
      applied.push(`${operation.text.split('\n')[0]} → ${Object.keys(grid).join(',')}`);
      apply.call(this, grid, operation, clip);
    };
    // A <Text> that renders again makes its transformer anew: the same function, not the same
    // object. Rows 1 and 3 are a border and a text apart; row 2's text is written over the border.
    const frame = (middle: string, first = 'row 1', width = 23) => {
      const dim: Transformer = (line) => `\u001b[2m${line}\u001b[22m`;
      const output = new LeanOutput({ width, height: 5 });
      output.write(0, 0, '╭──╮\n│\n│\n│\n╰──╯', { transformers: [dim] });
      output.write(2, 1, first, { transformers: [] });
      output.write(0, 2, middle, { transformers: [] });
      output.write(2, 3, 'row 3', { transformers: [] });
      return output.get().output.replaceAll('\u001b[2m', '').replaceAll('\u001b[22m', '');
    };
    try {
      // A size of its own first: nothing of another test's frames to keep.
      frame('agent 1', 'row 1', 22);
      applied.length = 0;
      expect(frame('agent 1')).toBe('╭──╮\n│ row 1\nagent 1\n│ row 3\n╰──╯');
      // A new size makes every row again, and only row 2 needs the grid.
      expect(applied).toEqual(['╭──╮ → 2', 'agent 1 → 2']);
      applied.length = 0;
      expect(frame('agent 1')).toBe('╭──╮\n│ row 1\nagent 1\n│ row 3\n╰──╯');
      expect(applied).toEqual([]);
      expect(frame('agent 2')).toBe('╭──╮\n│ row 1\nagent 2\n│ row 3\n╰──╯');
      // The border, for that row alone, and the new text; nothing else.
      expect(applied).toEqual(['╭──╮ → 2', 'agent 2 → 2']);
      applied.length = 0;
      // Row 1 changed, its lines apart: made of them, without the grid.
      expect(frame('agent 2', 'row one')).toBe('╭──╮\n│ row one\nagent 2\n│ row 3\n╰──╯');
      expect(applied).toEqual([]);
    } finally {
      prototype.applyWriteOperation = apply;
    }
  });
});
