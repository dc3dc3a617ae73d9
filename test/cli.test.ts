import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}, tty = true) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => {
    out += chunk;
  });
  stderr.on('data', (chunk) => {
    err += chunk;
  });
  const code = await main(argv, {
    stdout: Object.assign(stdout, { isTTY: tty }),
    stderr,
    env,
    stdin: { isTTY: tty },
  });
  return { code, out, err };
}

describe('ccwall arguments', () => {
  it('prints usage with --help and exits 0', async () => {
    const { code, out } = await cli(['--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/Usage:/);
    expect(out).toMatch(/ccwall serve/);
  });

  it('prints its version', async () => {
    const { code, out } = await cli(['--version']);
    expect(code).toBe(0);
    expect(out).toMatch(/^ccwall \d+\.\d+\.\d+\n$/);
  });

  it('answers a bad flag with one line on stderr pointing to --help, and exit code 2', async () => {
    const { code, err } = await cli(['--colour']);
    expect(code).toBe(2);
    expect(err).toMatch(/^ccwall: .*--colour.* \(see ccwall --help\)\n$/);
    expect(err).not.toMatch(/Usage:/);
  });

  it('answers help and version as commands too', async () => {
    const help = await cli(['help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Usage:/);
    const version = await cli(['version']);
    expect(version.code).toBe(0);
    expect(version.out).toMatch(/^ccwall \d+\.\d+\.\d+\n$/);
  });

  it('suggests the command a typo was meant to be', async () => {
    const typo = await cli(['serv']);
    expect(typo.code).toBe(2);
    expect(typo.err).toBe('ccwall: unknown command "serv": did you mean "serve"? (see ccwall --help)\n');
    expect((await cli(['tokn'])).err).toContain('did you mean "token"?');
    expect((await cli(['wallboard'])).err).toBe('ccwall: unknown command "wallboard" (see ccwall --help)\n');
  });

  it('lists every flag and environment variable in --help', async () => {
    const { out } = await cli(['--help']);
    for (const name of [
      '--url',
      '--token-file',
      '--ca',
      '--as',
      '--seed',
      '--demo-size',
      '--kiosk',
      '--rotate',
      '--channels',
      '--bell',
      '--lang',
      '--ascii',
      '--help',
      '--version',
      'CCWALL_TOKEN',
      'CCWALL_LOG',
      'NO_COLOR',
      'LC_ALL',
      'LANG',
      'TERM',
      'XDG_DATA_HOME',
      'CCWALL_NO_V8_FLAGS',
      'CCWALL_CONFIG',
      'CCWALL_AMI_SECRET',
      'NODE_OPTIONS',
      'MALLOC_ARENA_MAX',
    ])
      expect(out, name).toContain(name);
  });

  it('needs a terminal: one line and exit 1, before anything starts', async () => {
    const demo = await cli([], {}, false);
    expect(demo).toEqual({ code: 1, out: '', err: 'ccwall needs a terminal (stdin is not a TTY)\n' });
    const remote = await cli(['--url', 'ws://127.0.0.1:1'], { CCWALL_TOKEN: 'ccw_x' }, false);
    expect(remote.code).toBe(1);
    expect(remote.err).toBe('ccwall needs a terminal (stdin is not a TTY)\n');
  });

  it('refuses a URL that is not a WebSocket one', async () => {
    const { code, err } = await cli(['--url', 'http://hub:7600'], { CCWALL_TOKEN: 'ccw_x' });
    expect(code).toBe(2);
    expect(err).toMatch(/ws:\/\//);
  });

  it('needs a token for a remote hub and never takes one from the arguments', async () => {
    const missing = await cli(['--url', 'ws://127.0.0.1:1']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/CCWALL_TOKEN/);
    const asFlag = await cli(['--url', 'ws://127.0.0.1:1', '--token', 'ccw_secret']);
    expect(asFlag.code).toBe(2);
  });

  it('says clearly when the token file cannot be read or is empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccwall-cli-'));
    const absent = await cli(['--url', 'ws://127.0.0.1:1', '--token-file', join(dir, 'nope')]);
    expect(absent.code).toBe(1);
    expect(absent.err).toMatch(/cannot read the token file .*ENOENT/);
    const empty = join(dir, 'empty');
    writeFileSync(empty, '\n');
    const blank = await cli(['--url', 'ws://127.0.0.1:1', '--token-file', empty]);
    expect(blank.code).toBe(1);
    expect(blank.err).toMatch(/empty/);
  });

  it('answers bad screen options with usage and exit code 2, before connecting', async () => {
    const env = { CCWALL_TOKEN: 'x' };
    const cases: [string[], RegExp][] = [
      [['--kiosk', '--rotate', 'soon'], /--rotate takes whole seconds/],
      [['--kiosk', '--rotate', '-5'], /--rotate/],
      [['--kiosk', '--rotate', '1.5'], /--rotate takes whole seconds/],
      [['--kiosk', '--channels', 'q-sales,,c-web'], /--channels takes channel ids/],
      [['--rotate', '15'], /--rotate goes with --kiosk/],
      [['--channels', 'q-sales'], /--channels goes with --kiosk/],
      [['--bell'], /--bell goes with --kiosk/],
      [['--lang', 'de'], /--lang takes en or fr, not "de"/],
      [['--url', 'ws://127.0.0.1:1', '--lang', 'klingon'], /--lang takes en or fr/],
      [['--url', 'ws://127.0.0.1:1', '--kiosk', '--rotate', 'x'], /--rotate/],
    ];
    for (const [argv, message] of cases) {
      const { code, err } = await cli(argv, env);
      expect(code, argv.join(' ')).toBe(2);
      expect(err, argv.join(' ')).toMatch(message);
      expect(err).toMatch(/ \(see ccwall --help\)\n$/);
    }
  });

  it('documents the kiosk, language and ASCII options in --help', async () => {
    const { out } = await cli(['--help']);
    for (const flag of ['--kiosk', '--rotate', '--channels', '--bell', '--lang en|fr', '--ascii', 'NO_COLOR'])
      expect(out).toContain(flag);
  });

  it('refuses demo-only flags with a remote hub', async () => {
    const { code, err } = await cli(['--url', 'ws://127.0.0.1:1', '--as', 'sam'], { CCWALL_TOKEN: 'ccw_x' });
    expect(code).toBe(2);
    expect(err).toMatch(/--as/);
  });
});
