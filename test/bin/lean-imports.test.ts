/**
 * ccwall's process reads Ink and Yoga with narrower imports than they have (bin/lean-imports.js):
 * the start-up saving holds only while the installed versions read as expected, so a library
 * update that ends it fails here rather than silently costing every start.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: bin/ is plain JavaScript without type declarations
import * as lean from '../../bin/lean-imports.js';

const { leanSource } = lean as { leanSource(url: string, source: string): string | undefined };

const inkModule = new URL('ink.js', import.meta.resolve('ink')).href;
/** Ink's layout engine: Ink's dependency, not ccwall's (hence named, not imported). */
const YOGA = 'yoga-layout';
/** React's reconciler, Ink's dependency too. */
const RECONCILER = 'react-reconciler';
const yogaLoader = new URL('../binaries/yoga-wasm-base64-esm.js', import.meta.resolve(YOGA)).href;
const sourceOf = (url: string) => readFileSync(fileURLToPath(url), 'utf8');
/** Ink's modules that measure, clean and tokenise text, and widest-line (Ink's dependency too). */
const inkBuild = (file: string) => new URL(file, inkModule).href;
const WIDEST_LINE = 'widest-line';
const widestLine = new URL('index.js', import.meta.resolve(WIDEST_LINE, inkModule)).href;

describe('the narrower imports', () => {
  it('apply to the installed Ink and Yoga', () => {
    expect(leanSource(inkModule, sourceOf(inkModule))).toContain("from 'es-toolkit/compat/throttle'");
    expect(leanSource(yogaLoader, sourceOf(yogaLoader))).toContain('return w||ua(H)||');
  });

  it('keep the answers of Ink’s text functions across frames, in the installed Ink', () => {
    for (const url of [inkBuild('output.js'), inkBuild('line-update.js'), widestLine]) {
      expect(leanSource(url, sourceOf(url)), url).toContain(
        'const stringWidth = memoText(narrowFirst(stringWidthUnkept)',
      );
    }
    const output = leanSource(inkBuild('output.js'), sourceOf(inkBuild('output.js')));
    expect(output).toContain('styledChars = sharedStyledChars;');
    expect(output).toContain('sharedRowTexts.text(y, cells, rowText)');
    // The whole of get() replaced: the frame made row by row (bin/frame-rows.js).
    expect(output).toContain('return sharedFrameRows.frame(this.operations, this.width, this.height,');
    expect(output).not.toContain('const output = [];');
    expect(output).toContain('sharedLines.set(text, lines);');
    expect(output).toContain('let lines = textLines(this.caches, text);');
    expect(output).toContain('.filter(visibleCharacter);');
    // The tokeniser's functions with their fast paths (bin/ansi-tokens.js), the library handed over whole.
    expect(output).toContain("import * as ansiTokenize from '@alcalzone/ansi-tokenize';");
    expect(output).toContain('const tokenize = plainTokensFirst(ansiTokenize.tokenize);');
    expect(output).toContain('const styledCharsToString = stylesKeptToString(ansiTokenize);');
    expect(output).not.toContain('import { styledCharsFromTokens, styledCharsToString, tokenize, }');
    const squash = inkBuild('squash-text-nodes.js');
    expect(leanSource(squash, sourceOf(squash))).toContain(
      'const sanitizeAnsi = memoText(sanitizeAnsiUnkept',
    );
  });

  it('make the text libraries’ segmenters when first needed, and string-width measure simple texts without its emoji expression', () => {
    const library = (specifier: string, file: string) =>
      new URL(file, import.meta.resolve(specifier, inkModule)).href;
    const stringWidth = import.meta.resolve('string-width');
    const widths = leanSource(stringWidth, sourceOf(stringWidth));
    expect(widths).toContain('if (simpleText(string)) {');
    expect(widths).toContain('segmenter ??= new Intl.Segmenter();');
    const modules = [
      inkBuild('line-update.js'),
      library('slice-ansi', 'tokenize-ansi.js'),
      library('wrap-ansi', 'index.js'),
      library('@alcalzone/ansi-tokenize', 'tokenize.js'),
    ];
    for (const url of [stringWidth, ...modules]) {
      const source = leanSource(url, sourceOf(url));
      expect(source, url).toBeDefined();
      // No segmenter made as the module loads.
      expect(source, url).not.toMatch(/^const \w+ = new Intl\.Segmenter\(/m);
    }
  });

  it('read React’s indexes with the one build NODE_ENV picks, as they pick it themselves', () => {
    const reconciler = import.meta.resolve(RECONCILER);
    const source = sourceOf(reconciler);
    const env = process.env.NODE_ENV;
    try {
      process.env.NODE_ENV = 'production';
      expect(leanSource(reconciler, source)).toBe(
        "'use strict';\nmodule.exports = require('./cjs/react-reconciler.production.js');\n",
      );
      process.env.NODE_ENV = 'test';
      expect(leanSource(reconciler, source)).toContain("require('./cjs/react-reconciler.development.js')");
    } finally {
      process.env.NODE_ENV = env;
    }
    expect(leanSource(reconciler, `${source}\nmodule.exports.extra = 1;\n`)).toBeUndefined();
  });

  it('leave a module that reads otherwise, or any other module, as it is', () => {
    expect(leanSource(inkModule, "import { throttle, debounce } from 'es-toolkit/compat';")).toBeUndefined();
    // Every edit of a module applies, or none: half an edited Output would not run.
    const output = sourceOf(inkBuild('output.js')).replace('styledChars = new Map();', 'glyphs = new Map();');
    expect(leanSource(inkBuild('output.js'), output)).toBeUndefined();
    expect(leanSource('file:///app/node_modules/other/index.js', sourceOf(inkModule))).toBeUndefined();
  });

  it('load Ink without es-toolkit’s whole compat entry, Node’s fetch or React’s development builds, and it still draws', () => {
    const bin = new URL('../../bin/lean-imports.js', import.meta.url).href;
    const script = `
      import module from 'node:module';
      const loaded = [];
      module.registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
      await import(${JSON.stringify(bin)});
      const { renderToString, Text } = await import('ink');
      const { createElement } = await import('react');
      console.log(JSON.stringify({
        compat: loaded.some((url) => url.endsWith('/es-toolkit/dist/compat/index.mjs')),
        development: loaded.some((url) => url.endsWith('.development.js')),
        fetch: process.moduleLoadList.some((name) => name.includes('undici')),
        drawn: renderToString(createElement(Text, null, 'ready')),
      }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      compat: false,
      development: false,
      fetch: false,
      drawn: 'ready',
    });
  });
});

describe('Ink with its text answers kept across frames', () => {
  it('draws the same frames as without, frame after frame', () => {
    const bin = new URL('../../bin/lean-imports.js', import.meta.url).href;
    // Styles (16, 256 and true colours), wide and combining characters, an emoji, a link, a
    // clipped box and a truncated line, drawn
    // four times (rows and lines kept from the frames before), with and without the hooks.
    const draw = (lean: boolean) => `
      ${lean ? `await import(${JSON.stringify(bin)});` : ''}
      const { renderToString, Box, Text } = await import('ink');
      const { createElement: h } = await import('react');
      const frame = (tick) => h(Box, { flexDirection: 'column', width: 24 },
        h(Text, { color: 'green' }, 'Zoë ● 漢字 e\\u0301 👩‍👩‍👧 ', h(Text, { bold: true, inverse: true }, String(tick))),
        h(Box, { width: 10, overflow: 'hidden' }, h(Text, null, 'clipped: ', h(Text, { color: 'red' }, '漢字漢字漢字'))),
        h(Text, { wrap: 'truncate' }, 'a line far too long for the box it is in, cut'),
        h(Text, { dimColor: true }, 'tab\\tand \\u0007bell soft\\u00adhy\\u200bphen'),
        h(Text, { color: '#ff8800', backgroundColor: 'ansi256(17)' }, 'Жанна → ', h(Text, { underline: true }, '\\u001b]8;;https://example.com\\u0007link\\u001b]8;;\\u0007'), ' ok'));
      console.log(JSON.stringify([1, 2, 2, 1].map((tick) => renderToString(frame(tick), { columns: 30 }))));`;
    const run = (lean: boolean) =>
      spawnSync(process.execPath, ['--input-type=module', '-e', draw(lean)], {
        encoding: 'utf8',
        env: { ...process.env, FORCE_COLOR: '3', NODE_ENV: 'production' },
      });
    const lean = run(true);
    const plain = run(false);
    expect(lean.stderr).toBe('');
    expect(plain.stderr).toBe('');
    const frames = JSON.parse(lean.stdout) as string[];
    expect(frames).toEqual(JSON.parse(plain.stdout));
    expect(frames[0]).toContain('\u001b[38;2;255;136;0m');
    expect(frames[0]).toContain('\u001b[48;5;17m');
    expect(frames[3]).toBe(frames[0]);
    expect(frames[2]).toBe(frames[1]);
  });
});
