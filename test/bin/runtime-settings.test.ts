/**
 * ccwall starts again with its memory settings: only Node options this Node documents go on
 * the command line (an unknown one would stop Node: "bad option"); V8's own are set while
 * running; the user's flags win.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: bin/ is plain JavaScript without type declarations
import * as settings from '../../bin/runtime-settings.js';

const { NODE_FLAGS, V8_RUNTIME_FLAGS, flagName, startFlags } = settings as {
  NODE_FLAGS: string[];
  V8_RUNTIME_FLAGS: string[];
  flagName(arg: string): string;
  startFlags(flags: string[], allowed: ReadonlySet<string>, given: string[]): string[];
};

describe('the start-up flags', () => {
  it('puts on the command line only options this Node documents', () => {
    for (const flag of NODE_FLAGS)
      expect(process.allowedNodeEnvironmentFlags.has(flagName(flag)), flag).toBe(true);
    for (const flag of V8_RUNTIME_FLAGS) expect(NODE_FLAGS).not.toContain(flag);
  });

  it('leaves out an option this Node does not know, and the ones the user set', () => {
    const allowed = new Set(['--max-semi-space-size']);
    expect(startFlags(['--max-semi-space-size=8', '--gone-in-a-later-v8=1'], allowed, [])).toEqual([
      '--max-semi-space-size=8',
    ]);
    expect(startFlags(['--max-semi-space-size=8'], allowed, ['--max-semi-space-size'])).toEqual([]);
  });

  it('starts on this Node with them (the --version answer comes from the restarted process)', () => {
    const cli = fileURLToPath(new URL('../../bin/ccwall.js', import.meta.url));
    const env = { ...process.env };
    delete env.CCWALL_NO_V8_FLAGS;
    const run = spawnSync(process.execPath, [cli, '--version'], { env, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^ccwall \d+\.\d+\.\d+\n$/);
    expect(run.status).toBe(0);
  });
});
