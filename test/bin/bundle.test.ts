/**
 * bin/ccwall.js runs ccwall bundled (scripts/bundle.mjs, run by `npm run build`): a few files
 * of dist/bundle/ rather than ~450 modules, and each command loads its own part of it: the
 * wallboard none of the hub's code, the hub none of the wallboard's. Which modules a process
 * loads is read with a module hook preloaded in it (test/fixtures/log-loaded-modules.mjs).
 * Needs `npm run build` (npm test's pretest does it).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, spawnCli } from '../e2e/pty-session.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLE = pathToFileURL(join(ROOT, 'dist', 'bundle')).href;
const PRELOAD = fileURLToPath(new URL('../fixtures/log-loaded-modules.mjs', import.meta.url));

let dir: string;
let log: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ccwall-bundle-'));
  log = join(dir, 'loaded.txt');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What the process (and the one bin/ccwall.js restarts itself as) loaded, in order. */
const loaded = () => readFileSync(log, 'utf8').split('\n').filter(Boolean);
const env = () => ({ NODE_OPTIONS: `--import=${PRELOAD}`, CCWALL_TEST_LOADED_LOG: log });
/** The files of ccwall it loaded, bin/ aside: the bundle's, or modules that escaped it. */
const ccwallFiles = (urls: string[]) =>
  urls.filter((url) => url.startsWith('file:') && !url.startsWith(pathToFileURL(join(ROOT, 'bin')).href));
const chunkNamed = (prefix: string) => (url: string) => url.startsWith(`${BUNDLE}/${prefix}-`);

describe('the bundle bin/ccwall.js runs', () => {
  it('is built, and "ccwall --version" answers from it', async () => {
    expect(existsSync(join(ROOT, 'dist', 'bundle', 'cli.js'))).toBe(true);
    const child = spawn(process.execPath, [CLI, '--version'], { env: { ...process.env, ...env() } });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect({ code, out }).toEqual({ code: 0, out: expect.stringMatching(/^ccwall \d+\.\d+\.\d+\n$/) });
    const files = ccwallFiles(loaded());
    expect(files).toContain(`${BUNDLE}/cli.js`);
    expect(files.filter((url) => !url.startsWith(`${BUNDLE}/`))).toEqual([]);
  });

  it('opens the wallboard without loading the hub: no database, no hub or serve chunk', async () => {
    const wallboard = spawnCli(['--url', 'ws://127.0.0.1:1'], { env: { ...env(), CCWALL_TOKEN: 'test' } });
    try {
      await wallboard.waitFor('no hub answers at 127.0.0.1:1');
    } finally {
      wallboard.kill();
    }
    const urls = loaded();
    expect(urls.some(chunkNamed('run-wallboard'))).toBe(true);
    expect(ccwallFiles(urls).filter((url) => !url.startsWith(`${BUNDLE}/`))).toEqual([]);
    expect(urls).not.toContain('node:sqlite');
    expect(urls.filter((url) => chunkNamed('hub')(url) || chunkNamed('serve-command')(url))).toEqual([]);
  });

  it('runs a hub without loading the wallboard', async () => {
    const hub = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--db', join(dir, 'hub.db')], {
      env: { ...process.env, ...env() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const closed = new Promise((resolve) => hub.on('close', resolve));
    let out = '';
    await new Promise<void>((resolve, reject) => {
      hub.stdout.on('data', (chunk) => {
        out += chunk;
        if (out.includes('ccwall hub listening on')) resolve();
      });
      hub.on('close', () => reject(new Error(`the hub stopped before listening:\n${out}`)));
    });
    hub.kill('SIGTERM');
    await closed;
    const urls = loaded();
    expect(urls.some(chunkNamed('serve-command'))).toBe(true);
    expect(urls).toContain('node:sqlite');
    expect(ccwallFiles(urls).filter((url) => !url.startsWith(`${BUNDLE}/`))).toEqual([]);
    expect(urls.filter(chunkNamed('run-wallboard'))).toEqual([]);
  });
});
