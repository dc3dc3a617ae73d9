/**
 * ccwall installed as a tool (`npm install -g ccwall`): what `npm pack` ships, and what an old
 * Node says. Needs `npm run build` (npm test's pretest does it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const Pack = z.array(z.object({ files: z.array(z.object({ path: z.string() })) })).length(1);
const SourceMap = z.object({ sources: z.array(z.string()), sourcesContent: z.array(z.string()).optional() });

describe('the npm package', () => {
  it('ships a LICENSE, and no source map that points to a file it does not ship', () => {
    const json = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const files = new Set(Pack.parse(JSON.parse(json))[0]?.files.map((f) => f.path));
    expect(files).toContain('LICENSE');
    expect(files).toContain('bin/ccwall.js');
    expect(files).toContain('dist/cli.js');
    const maps = [...files].filter((path) => path.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0);
    const dangling: string[] = [];
    for (const path of maps) {
      const map = SourceMap.parse(JSON.parse(readFileSync(join(ROOT, path), 'utf8')));
      map.sources.forEach((source, i) => {
        const shipped = files.has(join(dirname(path), source));
        if (!shipped && map.sourcesContent?.[i] === undefined) dangling.push(`${path} → ${source}`);
      });
    }
    expect(dangling).toEqual([]);
  });
});

/** The system's `node` (on PATH, outside node_modules), if it is older than ccwall needs. */
const oldNode = (() => {
  const dirs = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir && !dir.includes('node_modules'));
  const node = dirs.map((dir) => join(dir, 'node')).find((path) => existsSync(path));
  if (!node) return undefined;
  const result = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  const [major = 0, minor = 0] = (result.stdout ?? '').trim().split('.').map(Number);
  return result.status === 0 && (major < 22 || (major === 22 && minor < 13)) ? node : undefined;
})();

describe.skipIf(!oldNode)('on a Node older than 22.13', () => {
  it('says what to install, or how to run it on Node 24 with npx, even without a clone', () => {
    const result = spawnSync(oldNode ?? 'node', [join(ROOT, 'bin', 'ccwall.js'), '--version'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^ccwall needs Node\.js 22\.13 or newer; this is v\d+/);
    expect(result.stderr).toContain('install Node.js 24');
    expect(result.stderr).toContain('npx -p node@24 -p ccwall ccwall');
  });
});
