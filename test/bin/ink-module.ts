/**
 * One of Ink's installed modules (or another library's) loaded twice, as it is and as
 * bin/lean-imports.js rewrites it, for tests that compare the two: each copy is written to a
 * temporary folder with its imports resolved from the module's own folder (its source map left
 * behind).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// @ts-expect-error: bin/ is plain JavaScript without type declarations
import * as lean from '../../bin/lean-imports.js';

const { leanSource } = lean as { leanSource(url: string, source: string): string | undefined };

export interface PlainAndLean<M> {
  plain: M;
  lean: M;
  /** The rewritten source (to check which edits it holds). */
  rewritten: string;
  /** Removes the temporary folder. */
  dispose(): void;
}

/** Ink's build module `file` (e.g. 'output.js'), plain and rewritten; its default export each. */
export async function inkModule<M>(file: string): Promise<PlainAndLean<M>> {
  return libraryModule<M>(new URL(file, import.meta.resolve('ink')).href);
}

/**
 * The installed library module at `url` (a file: URL), plain and rewritten; its export `exported`
 * (the default export unless told; '*' for the whole module) each. Its imports are resolved from
 * its own folder.
 */
export async function libraryModule<M>(url: string, exported = 'default'): Promise<PlainAndLean<M>> {
  const file = url.slice(url.lastIndexOf('/') + 1);
  const dir = mkdtempSync(join(tmpdir(), 'ccwall-ink-module-'));
  const load = async (name: string, source: string): Promise<M> => {
    const resolved = source
      .replace(
        /from (['"])([^'"]+)\1/g,
        (_, _quote: string, specifier: string) =>
          `from ${JSON.stringify(import.meta.resolve(specifier, url))}`,
      )
      .replace(/^\/\/# sourceMappingURL=.*$/m, '');
    const path = join(dir, name);
    writeFileSync(path, resolved);
    const loaded = (await import(pathToFileURL(path).href)) as Record<string, M>;
    return (exported === '*' ? loaded : loaded[exported]) as M;
  };
  const source = readFileSync(fileURLToPath(url), 'utf8');
  const rewritten = leanSource(url, source);
  if (rewritten === undefined) throw new Error(`lean-imports does not apply to the installed ${url}`);
  return {
    plain: await load(`plain-${file.replace(/\.js$/, '.mjs')}`, source),
    lean: await load(`lean-${file.replace(/\.js$/, '.mjs')}`, rewritten),
    rewritten,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
