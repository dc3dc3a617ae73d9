/** `ccwall serve --source asterisk`: its flags, the secret kept off the command line, a refused login at start. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../../src/commands/command-io.js';
import { serveCommand } from '../../../../src/commands/serve-command.js';
import { SourceConfigError, sourceFromFlags } from '../../../../src/commands/source-flags.js';
import { AsteriskSource } from '../../../../src/hub/sources/asterisk/asterisk-source.js';
import { FakeAmi } from './fake-ami.js';

const dir = mkdtempSync(join(tmpdir(), 'ccwall-ami-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function serve(argv: string[]): Promise<{ code: number; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (chunk) => {
    err += chunk;
  });
  stdout.resume();
  const code = await serveCommand(argv, { stdout, stderr });
  return { code, err };
}

describe('ccwall serve --source asterisk', () => {
  it('needs --ami and --ami-user, and takes no secret on the command line', async () => {
    expect(await serve(['--source', 'asterisk', '--db', ':memory:'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^ccwall serve: --source asterisk needs --ami HOST:PORT\n/),
    });
    expect(await serve(['--source', 'asterisk', '--ami', 'pbx:5038'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/needs --ami-user NAME/),
    });
    expect(
      await serve(['--source', 'asterisk', '--ami', 'pbx', '--ami-user', 'u', '--ami-secret', 'x']),
    ).toMatchObject({
      code: 2,
      err: expect.stringMatching(/Unknown option '--ami-secret'/),
    });
    expect(await serve(['--ami', 'pbx:5038'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--ami goes with --source asterisk/),
    });
    expect(await serve(['--source', 'freeswitch'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/takes demo, remote or asterisk/),
    });
  });

  it('reads the secret from the file or CCWALL_AMI_SECRET, and says which file it cannot read', () => {
    const file = join(dir, 'secret');
    writeFileSync(file, 'from-file\n');
    const flags = { source: 'asterisk', ami: '[::1]:5039', 'ami-user': 'ccwall' };
    expect(sourceFromFlags({ ...flags, 'ami-secret-file': file }, {})).toBeInstanceOf(AsteriskSource);
    expect(sourceFromFlags(flags, { CCWALL_AMI_SECRET: 'from-env' })).toBeInstanceOf(AsteriskSource);
    expect(() => sourceFromFlags(flags, {})).toThrow(UsageError);
    expect(() => sourceFromFlags({ ...flags, 'ami-secret-file': join(dir, 'none') }, {})).toThrow(
      new SourceConfigError(`--ami-secret-file ${join(dir, 'none')}: no such file`),
    );
    expect(() => sourceFromFlags({ ...flags, ami: 'pbx:99999' }, {})).toThrow(/not a port number/);
    expect(sourceFromFlags({ source: 'remote' }, {})?.kind).toBe('remote');
    expect(sourceFromFlags({}, {})).toBeUndefined();
    expect(() => sourceFromFlags({ source: 'remote', 'ami-user': 'x' }, {})).toThrow(
      '--ami-user goes with --source asterisk',
    );
  });

  it('exits 1 with one line when Asterisk refuses the login at start', async () => {
    const fake = await FakeAmi.start();
    const file = join(dir, 'wrong');
    writeFileSync(file, 'not-the-secret\n');
    try {
      const { code, err } = await serve([
        ...['--port', '0', '--db', ':memory:', '--source', 'asterisk'],
        ...['--ami', fake.address, '--ami-user', 'ccwall', '--ami-secret-file', file],
      ]);
      expect(code).toBe(1);
      expect(err.trimEnd().split('\n').at(-1)).toBe(
        `ccwall serve: Asterisk at ${fake.address} refused the login of ccwall: Authentication failed`,
      );
      expect(err).not.toContain('not-the-secret');
    } finally {
      await fake.close();
    }
  });
});
