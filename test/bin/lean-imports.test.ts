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

describe('the narrower imports', () => {
  it('apply to the installed Ink and Yoga', () => {
    expect(leanSource(inkModule, sourceOf(inkModule))).toContain("from 'es-toolkit/compat/throttle'");
    expect(leanSource(yogaLoader, sourceOf(yogaLoader))).toContain('return w||ua(H)||');
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
