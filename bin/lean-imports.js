// What ccwall's process loads, trimmed where a library loads far more than it uses, and made
// cheaper where Ink redoes the same text work on every frame (text-memo.js), remakes the rows
// that did not change (frame-rows.js) and tokenises plain texts as it would any (ansi-tokens.js),
// and where the text libraries pay at start for what a wallboard of simple characters never
// needs (simple-text.js): string-width measures such a text without its emoji expression, and
// the grapheme segmenters of string-width, Ink's line update, slice-ansi, wrap-ansi and the
// tokeniser are made when first needed (all but slice-ansi cut a simple text without one).
// bin/ccwall.js imports this first, the benchmarks preload it with --import: Node's module hooks
// read a library's module with these rewrites; scripts/bundle.mjs applies the same rewrites to
// the bundle. Each rewrite matches an exact text: a library whose module reads otherwise (another
// version) is loaded as it is, slower but never broken.
import module from 'node:module';

const TEXT_MEMO = new URL('./text-memo.js', import.meta.url).href;
const FRAME_ROWS = new URL('./frame-rows.js', import.meta.url).href;
const ANSI_TOKENS = new URL('./ansi-tokens.js', import.meta.url).href;
const SIMPLE_TEXT = new URL('./simple-text.js', import.meta.url).href;
const KEPT_LAYOUT = new URL('./kept-layout.js', import.meta.url).href;

/**
 * The edit making a module-level `const name = new Intl.Segmenter(args);` made when first used:
 * the first segmenter of a process loads ICU's break data (~4 ms, ~1.8 MB), which a wallboard of
 * simple texts (simple-text.js) never needs. With `simple`, for modules that only iterate the
 * segments, a text of simple characters (and controls other than a carriage return) is cut one
 * code point a segment, as the segmenter cuts it, without one.
 */
function lazySegmenter(name, args, simple = false) {
  const make = `new Intl.Segmenter(${args})`;
  return [
    `const ${name} = ${make};`,
    simple
      ? `import { graphemeSegmenter as ${name}Simple } from ${JSON.stringify(SIMPLE_TEXT)}; const ${name} = ${name}Simple(() => ${make});`
      : `let ${name}Made; const ${name} = { segment: (text) => (${name}Made ??= ${make}).segment(text) };`,
  ];
}

/**
 * An import of `name` from `from`, read through a memo of `size` answers (text-memo.js), and
 * through `wrap` (a function of text-memo.js taking the library's function) when given.
 */
function memoImport(name, from, size, wrap) {
  const inner = wrap ? `${wrap}(${name}Unkept)` : `${name}Unkept`;
  return [
    `import ${name}Unkept from ${from};`,
    `import { GenerationMap, RowTexts, memoText, narrowFirst, visibleCharacter } from ${JSON.stringify(TEXT_MEMO)};`,
    `const ${name} = memoText(${inner}, ${size});`,
  ].join(' ');
}

/**
 * Ink takes one function, `throttle`, from es-toolkit's lodash-compatible entry, which loads all
 * ~400 of its modules: a fifth of the wallboard's start (bench/README.md). es-toolkit publishes
 * that same function as a module of its own.
 */
const REWRITES = [
  {
    module: /\/node_modules\/ink\/build\/ink\.js$/,
    edits: [
      ["import { throttle } from 'es-toolkit/compat';", "import throttle from 'es-toolkit/compat/throttle';"],
    ],
    /** What the edits import, which the library must be able to resolve for them to apply. */
    needs: 'es-toolkit/compat/throttle',
  },
  /**
   * Yoga (Ink's layout engine) carries its WebAssembly inline, as a data: URL, and its loader
   * reads it with fetch() when there is one: that loads Node's whole fetch implementation (~45 ms)
   * to decode base64. The loader decodes it itself, as it does where fetch is missing.
   */
  {
    module: /\/node_modules\/yoga-layout\/dist\/binaries\/yoga-wasm-base64-esm\.js$/,
    edits: [
      [
        'function ya(){return w||"function"!=typeof fetch?',
        'function ya(){return w||ua(H)||"function"!=typeof fetch?',
      ],
    ],
  },
  /**
   * Ink measures, cleans and tokenises every line of the screen on every frame, with caches that
   * last one frame: most of a frame's cost (bench/README.md). The same pure functions, with their
   * answers kept across frames (text-memo.js, bounded).
   */
  {
    module: /\/node_modules\/ink\/build\/output\.js$/,
    edits: [
      [
        "import stringWidth from 'string-width';",
        memoImport('stringWidth', "'string-width'", 8192, 'narrowFirst'),
      ],
      // The tokeniser's two functions Ink calls on every new line, with fast paths for plain
      // texts and kept style changes (ansi-tokens.js); the library's module is handed over whole,
      // so that a version without a function they need loads all the same.
      [
        "import { styledCharsFromTokens, styledCharsToString, tokenize, } from '@alcalzone/ansi-tokenize';",
        [
          "import * as ansiTokenize from '@alcalzone/ansi-tokenize';",
          `import { plainLines, plainTokensFirst, stylesKeptToString } from ${JSON.stringify(ANSI_TOKENS)};`,
          'const { styledCharsFromTokens } = ansiTokenize;',
          'const tokenize = plainTokensFirst(ansiTokenize.tokenize);',
          'const styledCharsToString = stylesKeptToString(ansiTokenize);',
        ].join(' '),
      ],
      [
        'widths = new Map();\n    blockWidths = new Map();\n    styledChars = new Map();',
        'widths = sharedWidths;\n    blockWidths = sharedBlockWidths;\n    styledChars = sharedStyledChars;',
      ],
      [
        'export default class Output {',
        [
          'const sharedWidths = new GenerationMap(8192);',
          'const sharedBlockWidths = new GenerationMap(2048);',
          // A line's styled characters take ~10 KB (a cell object each): 128 lines a generation
          // (~6 screens of them, both generations) rather than 512, which a wallboard at rest
          // filled in two minutes (~10 MB of its heap, bench/README.md 38).
          'const sharedStyledChars = new GenerationMap(128);',
          'const sharedRowTexts = new RowTexts();',
          'const sharedLines = new GenerationMap(512);',
          // A written text's lines as Ink makes them (styles carried across its newlines).
          'function textLines(caches, text) {',
          '    let lines = sharedLines.get(text);',
          '    if (lines === undefined) {',
          // A line of plain characters and colour codes is read without a cell per character.
          "        const line = text.includes('\\n') ? undefined : plain.line(text);",
          '        if (line !== undefined) lines = [line.text];',
          '        else {',
          '            const characterLines = [[]];',
          '            for (const character of caches.getStyledChars(text)) {',
          "                if (character.value === '\\n') characterLines.push([]);",
          '                else characterLines.at(-1).push(character);',
          '            }',
          '            lines = characterLines.map(line => styledCharsToString(line));',
          '        }',
          '        sharedLines.set(text, lines);',
          '    }',
          '    return lines;',
          '}',
          'const sharedCaches = new OutputCaches();',
          'const plain = plainLines(ansiTokenize, (value) => sharedCaches.getStringWidth(value), visibleCharacter);',
          // One blank cell for every empty place of the grid (cells are never changed, only
          // replaced), so that a row left blank is the same cells frame after frame.
          "const BLANK_CELL = { type: 'char', value: ' ', fullWidth: false, styles: [] };",
          // A row's text as Ink makes it (https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742),
          // kept with the cells it was made from.
          'const rowText = (cells) => styledCharsToString(cells.filter(item => item !== undefined)).trimEnd();',
          `import { FrameRows } from ${JSON.stringify(FRAME_ROWS)};`,
          [
            'const sharedFrameRows = new FrameRows({',
            '    intersect: intersectClips,',
            '    lines: (text) => textLines(sharedCaches, text),',
            '    blank: BLANK_CELL,',
            '    text: (cells, y) => sharedRowTexts.text(y, cells, rowText),',
            '    row: plain.row,',
            '});',
          ].join('\n'),
          'export default class Output {',
        ].join('\n'),
      ],
      [
        '.filter(character => !/^\\p{Default_Ignorable_Code_Point}+$/u.test(character.value));',
        '.filter(visibleCharacter);',
      ],
      // A written text's lines (textLines, above), made once per text rather than once per frame.
      [
        `        // Preserve styles across explicit newlines before clipping individual rows.
        const characterLines = [[]];
        for (const character of this.caches.getStyledChars(text)) {
            if (character.value === '\\n') {
                characterLines.push([]);
            }
            else {
                characterLines.at(-1).push(character);
            }
        }
        let lines = characterLines.map(line => styledCharsToString(line));`,
        '        let lines = textLines(this.caches, text);',
      ],
      // The frame made row by row (frame-rows.js): a row whose writes are those of the frame before
      // keeps its text, and only the rows that changed are built, by Ink's own cell logic. The
      // whole of Ink's get() is matched, as frame-rows.js does what it did (the grid, the nested
      // clips, the rows' texts).
      [
        `    get() {
        // Initialize output array with a specific set of rows, so that margin/padding at the bottom is preserved
        const output = [];
        for (let y = 0; y < this.height; y++) {
            const row = [];
            for (let x = 0; x < this.width; x++) {
                row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });
            }
            output.push(row);
        }
        const clips = [];
        for (const operation of this.operations) {
            if (operation.type === 'clip') {
                // Nested clips must intersect, not replace, otherwise an inner \`overflow="hidden"\` box lets content escape the outer clip and overwrite surrounding UI.
                clips.push(intersectClips(clips.at(-1), operation.clip));
            }
            else if (operation.type === 'unclip') {
                clips.pop();
            }
            else {
                this.applyWriteOperation(output, operation, clips.at(-1));
            }
        }
        const generatedOutput = output
            .map(line => {
            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
            const lineWithoutEmptyItems = line.filter(item => item !== undefined);
            return styledCharsToString(lineWithoutEmptyItems).trimEnd();
        })
            .join('\\n');
        return {
            output: generatedOutput,
            height: output.length,
        };
    }`,
        '    get() {\n        return sharedFrameRows.frame(this.operations, this.width, this.height, (grid, operation, clip) => this.applyWriteOperation(grid, operation, clip));\n    }',
      ],
    ],
  },
  /**
   * A text whose new content takes the place its old one took (truncated, one line, as wide) is
   * not measured and laid out again (kept-layout.js).
   */
  {
    module: /\/node_modules\/ink\/build\/dom\.js$/,
    edits: [
      [
        "import squashTextNodes from './squash-text-nodes.js';",
        `import squashTextNodes from './squash-text-nodes.js'; import { measuredNode, sameTruncatedMeasure, truncates } from ${JSON.stringify(KEPT_LAYOUT)};`,
      ],
      [
        '    node.nodeValue = text;\n    markNodeAsDirty(node);\n};',
        [
          '    const measured = measuredNode(node);',
          '    const before = truncates(measured) ? squashTextNodes(measured) : undefined;',
          '    node.nodeValue = text;',
          '    if (before !== undefined && sameTruncatedMeasure(before, squashTextNodes(measured), measureText)) return;',
          '    markNodeAsDirty(node);',
          '};',
        ].join('\n'),
      ],
    ],
  },
  {
    module: /\/node_modules\/ink\/build\/squash-text-nodes\.js$/,
    edits: [
      [
        "import sanitizeAnsi from './sanitize-ansi.js';",
        memoImport('sanitizeAnsi', "'./sanitize-ansi.js'", 2048),
      ],
    ],
  },
  {
    module: /\/node_modules\/ink\/build\/line-update\.js$/,
    edits: [
      [
        "import stringWidth from 'string-width';",
        [
          memoImport('stringWidth', "'string-width'", 2048, 'narrowFirst'),
          `import { singleCellText } from ${JSON.stringify(TEXT_MEMO)};`,
          'const singleCells = singleCellText(stringWidth);',
        ].join(' '),
      ],
      // A changed line's unchanged start is counted without the grapheme segmenter when both
      // lines are characters of one cell and one grapheme each, as it already is for ASCII.
      [
        'if (printableAscii.test(previousText) && printableAscii.test(nextText)) {',
        'if (singleCells(previousText) && singleCells(nextText)) {',
      ],
      lazySegmenter('segmenter', "undefined, { granularity: 'grapheme' }", true),
    ],
  },
  {
    module: /\/node_modules\/widest-line\/index\.js$/,
    edits: [
      [
        "import stringWidth from 'string-width';",
        memoImport('stringWidth', "'string-width'", 8192, 'narrowFirst'),
      ],
    ],
  },
  /**
   * string-width measures any text but printable ASCII by grapheme, each tested against
   * \p{RGI_Emoji}: compiling that expression takes ~20 ms and ~1.4 MB at the first accent or
   * bullet, and the segmenter ~4 ms and ~1.8 MB more. A text of simple characters (simple-text.js:
   * each its own grapheme, visible, no emoji, no Hangul) is as wide as the sum of its characters'
   * East Asian Widths, which is what the library's loop adds up for it; any other text takes
   * that loop, its segmenter made when first needed.
   */
  {
    module: /\/node_modules\/string-width\/index\.js$/,
    edits: [
      [
        'const segmenter = new Intl.Segmenter();',
        `import { simpleText } from ${JSON.stringify(SIMPLE_TEXT)}; let segmenter;`,
      ],
      [
        '\tconst eastAsianWidthOptions = {ambiguousAsWide: !ambiguousIsNarrow};\n\n\tfor (const {segment} of segmenter.segment(string)) {',
        [
          '\tconst eastAsianWidthOptions = {ambiguousAsWide: !ambiguousIsNarrow};',
          '\tif (simpleText(string)) {',
          '\t\tfor (const character of string) width += eastAsianWidth(character.codePointAt(0), eastAsianWidthOptions);',
          '\t\treturn width;',
          '\t}',
          '\tsegmenter ??= new Intl.Segmenter();',
          '\tfor (const {segment} of segmenter.segment(string)) {',
        ].join('\n'),
      ],
    ],
  },
  // The other libraries' module-level segmenters, made when first needed (lazySegmenter):
  // slice-ansi's (Ink's truncation; it asks `containing` of its segments), wrap-ansi's (Ink's
  // wrapping) and the tokeniser's (Ink's Output, and bin/ansi-tokens.js for each new character).
  {
    module: /\/node_modules\/slice-ansi\/tokenize-ansi\.js$/,
    edits: [lazySegmenter('GRAPHEME_SEGMENTER', "undefined, {granularity: 'grapheme'}")],
  },
  {
    module: /\/node_modules\/wrap-ansi\/index\.js$/,
    edits: [lazySegmenter('segmenter', '', true)],
  },
  {
    module: /\/node_modules\/@alcalzone\/ansi-tokenize\/build\/tokenize\.js$/,
    edits: [lazySegmenter('segmenter', 'undefined, { granularity: "grapheme" }', true)],
  },
];

/**
 * React's packages pick their build in an index that requires one of two files by NODE_ENV. An
 * ESM import of such an index (Ink's) makes Node read and scan both files for the names it
 * exports: the development build of React's reconciler and runtime (~1 MB) is read at every start
 * and its source kept in memory, though ccwall runs the production build. The index is read with
 * the one require NODE_ENV picks, the very choice it makes itself when it runs.
 */
const REACT_INDEX = /\/node_modules\/(react|react-reconciler|scheduler)\/[\w-]+\.js$/;
const BUILD_BY_ENV =
  /^'use strict';\s*if \(process\.env\.NODE_ENV === 'production'\) \{\s*module\.exports = require\(('[^']+')\);\s*\} else \{\s*module\.exports = require\(('[^']+')\);\s*\}\s*$/;

function oneBuild(source) {
  const choice = BUILD_BY_ENV.exec(source);
  if (!choice) return undefined;
  const build = process.env.NODE_ENV === 'production' ? choice[1] : choice[2];
  return `'use strict';\nmodule.exports = require(${build});\n`;
}

/** The module's source with its rewrites applied, or undefined when none applies. */
export function leanSource(url, source) {
  if (REACT_INDEX.test(url)) return oneBuild(source);
  const rewrite = REWRITES.find((candidate) => candidate.module.test(url));
  if (!rewrite?.edits.every(([from]) => source.includes(from))) return undefined;
  try {
    if (rewrite.needs) module.createRequire(url).resolve(rewrite.needs);
  } catch {
    return undefined;
  }
  return rewrite.edits.reduce((text, [from, to]) => text.replace(from, to), source);
}

// Synchronous hooks arrived in Node 22.15 and 23.5: on an older Node everything loads as it is.
if (typeof module.registerHooks === 'function') {
  module.registerHooks({
    load(url, context, nextLoad) {
      const loaded = nextLoad(url, context);
      if (!url.startsWith('file:') || loaded.source == null) return loaded;
      if (!REACT_INDEX.test(url) && !REWRITES.some((rewrite) => rewrite.module.test(url))) return loaded;
      const source = leanSource(url, Buffer.from(loaded.source).toString('utf8'));
      return source === undefined ? loaded : { ...loaded, source };
    },
  });
}
