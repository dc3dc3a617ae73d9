/**
 * A text's new content is not measured and laid out again when it takes the place the old one
 * took (bin/kept-layout.js, wired into Ink's dom.js by bin/lean-imports.js). The layout Yoga then
 * holds must be the one Ink's own dom.js gets by measuring every change: both are loaded from
 * Ink's installed dom.js (as it is, and as lean-imports rewrites it), given the same trees and
 * the same changes of text, and every node's computed place and size compared after each.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryModule, type PlainAndLean } from './ink-module.js';

interface DomNode {
  nodeName: string;
  nodeValue?: string;
  childNodes?: DomNode[];
  yogaNode?: {
    setWidth(width: number): void;
    setFlexDirection(direction: number): void;
    setFlexShrink(shrink: number): void;
    calculateLayout(width: undefined, height: undefined, direction: number): void;
    getComputedLeft(): number;
    getComputedTop(): number;
    getComputedWidth(): number;
    getComputedHeight(): number;
    isDirty(): boolean;
  };
}
interface Dom {
  createNode(name: string): DomNode;
  createTextNode(text: string): DomNode;
  appendChildNode(node: DomNode, child: DomNode): void;
  setTextNodeValue(node: DomNode, text: string): void;
  setStyle(node: DomNode, style: Record<string, unknown>): void;
  setTransform(node: DomNode, transform: (line: string, index: number) => string): void;
}

let dom: PlainAndLean<Dom>;
/** Yoga's constants, from the Yoga Ink loads: Ink's dependency, not ccwall's (hence named, not imported). */
const YOGA = 'yoga-layout';
let Yoga: { FLEX_DIRECTION_COLUMN: number; FLEX_DIRECTION_ROW: number; DIRECTION_LTR: number };

beforeAll(async () => {
  const url = new URL('dom.js', import.meta.resolve('ink')).href;
  dom = await libraryModule<Dom>(url, '*');
  Yoga = ((await import(import.meta.resolve(YOGA, url))) as { default: typeof Yoga }).default;
  expect(dom.rewritten).toContain('sameTruncatedMeasure');
});
afterAll(() => dom.dispose());

const WRAPS = ['wrap', 'truncate', 'truncate-end', 'truncate-middle', 'truncate-start'] as const;
const TRANSFORMS = [(line: string) => line.toUpperCase(), (line: string) => `>${line}`] as const;

/** A text of a row: its wrap, its pieces (each a text node, or a nested text with a transform). */
interface TextSpec {
  wrap: (typeof WRAPS)[number];
  /** The width of the box the text is in; none: the text alone in its row. */
  cell?: number;
  pieces: { text: string; nested?: number }[];
}
interface TreeSpec {
  width: number;
  rows: TextSpec[][];
}

/** Texts that keep or change their width, their lines, their characters' widths. */
const text = fc.oneof(
  fc.constantFrom('', 'a', '00:05', '00:06', '10:59', 'ab cd', 'a b c', 'abcde', 'abc', 'Zoë', '漢字'),
  fc.constantFrom('ab\ncd', 'x\n', '\t1', '👍', 'e\u0301', 'a  ', '  a'),
  fc.stringMatching(/^[a-z0-9 :]{0,24}$/),
  fc.string({ maxLength: 12 }),
);

const piece = fc.record(
  { text, nested: fc.option(fc.integer({ min: 0, max: TRANSFORMS.length - 1 }), { nil: undefined }) },
  { requiredKeys: ['text'] },
);
const textSpec = fc.record(
  {
    wrap: fc.constantFrom(...WRAPS),
    cell: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
    pieces: fc.array(piece, { minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: ['wrap', 'pieces'] },
);
/**
 * Rows of texts, as Ink's screens are made: texts in boxes of a width (a table's cells) or alone,
 * in a screen wider than any row. (Where a row's texts overflow it, Yoga's layout can depend on
 * which nodes were marked dirty before, and on the layouts of other trees in between: Ink's own
 * dom.js then differs from itself, and there is no one layout to compare with.)
 */
const treeSpec = fc.record({
  width: fc.constant(240),
  rows: fc.array(fc.array(textSpec, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
});

/** Builds the tree with `impl`: a column of rows of texts; returns the root and its text nodes. */
function build(impl: Dom, spec: TreeSpec): { root: DomNode; texts: DomNode[] } {
  const root = impl.createNode('ink-root');
  root.yogaNode?.setWidth(spec.width);
  root.yogaNode?.setFlexDirection(Yoga.FLEX_DIRECTION_COLUMN);
  const texts: DomNode[] = [];
  for (const rowSpec of spec.rows) {
    const row = impl.createNode('ink-box');
    row.yogaNode?.setFlexDirection(Yoga.FLEX_DIRECTION_ROW);
    impl.appendChildNode(root, row);
    for (const textSpec of rowSpec) {
      const node = impl.createNode('ink-text');
      impl.setStyle(node, { textWrap: textSpec.wrap });
      node.yogaNode?.setFlexShrink(1);
      if (textSpec.cell === undefined) impl.appendChildNode(row, node);
      else {
        const cell = impl.createNode('ink-box');
        cell.yogaNode?.setWidth(textSpec.cell);
        impl.appendChildNode(row, cell);
        impl.appendChildNode(cell, node);
      }
      for (const { text, nested } of textSpec.pieces) {
        const leaf = impl.createTextNode(text);
        if (nested === undefined) impl.appendChildNode(node, leaf);
        else {
          const virtual = impl.createNode('ink-virtual-text');
          impl.setTransform(virtual, TRANSFORMS[nested] ?? ((line) => line));
          impl.appendChildNode(virtual, leaf);
          impl.appendChildNode(node, virtual);
        }
        texts.push(leaf);
      }
    }
  }
  return { root, texts };
}

/** Every laid-out node's place and size, in tree order. */
function layout(root: DomNode): number[][] {
  root.yogaNode?.calculateLayout(undefined, undefined, Yoga.DIRECTION_LTR);
  const boxes: number[][] = [];
  const visit = (node: DomNode) => {
    const y = node.yogaNode;
    if (y) boxes.push([y.getComputedLeft(), y.getComputedTop(), y.getComputedWidth(), y.getComputedHeight()]);
    for (const child of node.childNodes ?? []) visit(child);
  };
  visit(root);
  return boxes;
}

describe('a text laid out again only when its place may change', () => {
  it("gives the layout of Ink's own dom.js, change after change, whatever the texts and cells", () => {
    let truncated = 0;
    fc.assert(
      fc.property(
        treeSpec,
        fc.array(fc.tuple(fc.nat(), text), { minLength: 1, maxLength: 12 }),
        (spec, changes) => {
          const plain = build(dom.plain, spec);
          const lean = build(dom.lean, spec);
          expect(layout(lean.root)).toEqual(layout(plain.root));
          for (const [which, value] of changes) {
            const i = which % plain.texts.length;
            dom.plain.setTextNodeValue(plain.texts[i] as DomNode, value);
            dom.lean.setTextNodeValue(lean.texts[i] as DomNode, value);
            expect(layout(lean.root)).toEqual(layout(plain.root));
          }
          truncated += spec.rows.flat().filter((t) => t.wrap !== 'wrap' && t.cell !== undefined).length;
        },
      ),
      { numRuns: 500 },
    );
    // Many truncating texts were in cells, cut where narrower, not only alone in a wide row.
    expect(truncated).toBeGreaterThan(500);
  });

  it("gives the layout of Ink's own dom.js when a text in a cell changes for another as wide", () => {
    const sameWidth = fc.constantFrom('ab cd', 'a b c', 'abcde', '00:05', '  a  ', 'a    ', '漢字a', 'Zoë 1');
    fc.assert(
      fc.property(
        fc.constantFrom(...WRAPS),
        fc.integer({ min: 0, max: 7 }),
        sameWidth,
        fc.array(sameWidth, { minLength: 1, maxLength: 6 }),
        (wrap, cell, first, changes) => {
          const spec: TreeSpec = { width: 240, rows: [[{ wrap, cell, pieces: [{ text: first }] }]] };
          const plain = build(dom.plain, spec);
          const lean = build(dom.lean, spec);
          expect(layout(lean.root)).toEqual(layout(plain.root));
          for (const value of changes) {
            dom.plain.setTextNodeValue(plain.texts[0] as DomNode, value);
            dom.lean.setTextNodeValue(lean.texts[0] as DomNode, value);
            expect(layout(lean.root)).toEqual(layout(plain.root));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves a truncated clock that keeps its width unmeasured, and measures one that grows', () => {
    const { root, texts } = build(dom.lean, {
      width: 20,
      rows: [[{ wrap: 'truncate', pieces: [{ text: 'Sarah  00:59' }] }]],
    });
    layout(root);
    const clock = texts[0] as DomNode;
    dom.lean.setTextNodeValue(clock, 'Sarah  01:00');
    expect(root.yogaNode?.isDirty()).toBe(false);
    dom.lean.setTextNodeValue(clock, 'Sarah  1:00:00');
    expect(root.yogaNode?.isDirty()).toBe(true);
    expect(layout(root)[2]).toEqual([0, 0, 14, 1]);
  });
});
