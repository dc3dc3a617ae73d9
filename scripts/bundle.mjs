// Bundles what bin/ccwall.js runs (dist/cli.js, as tsc compiles it, and the libraries it
// imports) into dist/bundle/: a start-up then reads and links a few files instead of ~450
// modules (bench/README.md). `npm run build` runs it after tsc.
//
// The dynamic imports of src/cli.ts (a command, the wallboard, the hub) become chunks of their
// own: the wallboard does not load the hub's code, nor the hub the wallboard's.
//
// The narrower imports of bin/lean-imports.js are applied here too, to the files the bundle is
// made of, by the same function its module hooks apply to separate modules (`leanSource`): one
// list of rewrites, two ways to apply it. React's index modules pick their build by NODE_ENV
// when the rewrite reads them: the bundle takes the production build, which bin/ccwall.js
// always runs (it sets NODE_ENV to production unless it is set).
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

process.env.NODE_ENV = 'production';
const { leanSource } = await import('../bin/lean-imports.js');

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = 'dist/bundle';

/** Every file the bundle is made of, read through leanSource; text-memo.js, which its rewrites import by URL. */
const leanImports = {
  name: 'lean-imports',
  setup(bundle) {
    bundle.onResolve({ filter: /^file:/ }, ({ path }) => ({ path: fileURLToPath(path) }));
    bundle.onLoad({ filter: /\.[cm]?js$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const lean = leanSource(pathToFileURL(path).href, source);
      return { contents: lean ?? source, loader: 'js' };
    });
  },
};

await rm(new URL(`../${OUT}`, import.meta.url), { recursive: true, force: true });
await build({
  absWorkingDir: ROOT,
  entryPoints: ['dist/cli.js'],
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  // Optional packages, not installed with ccwall, that a library loads only when they are there:
  // ws's native helpers (required in a try) and React's devtools (Ink imports them when DEV=true
  // and the package resolves).
  external: ['bufferutil', 'utf-8-validate', 'react-devtools-core'],
  // The libraries published as CommonJS (ws, yaml, pino, prom-client, signal-exit) require
  // Node's own modules, and ws its optional helpers, when they run: an ES module has no
  // `require`, so each file of the bundle makes one. All of them are bundled: pino writes to a
  // plain stream (src/hub/log-sink.ts), never through the worker-thread transports that would
  // need its files on disk.
  banner: {
    js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);",
  },
  // Names kept as written, for stack traces; whitespace and syntax minified: a quarter less to
  // read and compile, a few milliseconds less at start.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  plugins: [leanImports],
});
