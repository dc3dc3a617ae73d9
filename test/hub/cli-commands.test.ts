/** `ccwall serve` and `ccwall token`, called as functions with captured output. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_SUPERVISOR_ID } from '../../src/hub/index.js';
import { serveCommand } from '../../src/hub/serve-command.js';
import { Storage } from '../../src/hub/storage.js';
import { tokenCommand } from '../../src/hub/token-command.js';
import { HubClient, upgradeStatus } from './hub-client.js';

const dir = mkdtempSync(join(tmpdir(), 'ccwall-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

class Capture extends Writable {
  text = '';
  private wakers: (() => void)[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    for (const wake of this.wakers.splice(0)) wake();
    done();
  }
  /** Waits until the captured text matches. */
  async waitFor(pattern: RegExp, timeoutMs = 5000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.text.match(pattern);
      if (match) return match;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; got: ${this.text}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.wakers.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

const io = () => ({ stdout: new Capture(), stderr: new Capture() });

describe('ccwall serve', () => {
  it('answers a bad flag with one line pointing to --help, and exit code 2', async () => {
    const out = io();
    expect(await serveCommand(['--bogus'], out)).toBe(2);
    expect(out.stderr.text).toMatch(
      /^ccwall serve: Unknown option '--bogus'.* \(see ccwall serve --help\)\n$/,
    );
    expect(await serveCommand(['--port', 'seventy'], out)).toBe(2);
    expect(await serveCommand(['extra'], io())).toBe(2);
  });

  it('refuses a database that is not a ccwall one with exit code 1 and a clear message', async () => {
    const out = io();
    const path = join(dir, 'not-a-db.txt');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, 'hello '.repeat(2000));
    expect(await serveCommand(['--port', '0', '--db', path], out)).toBe(1);
    expect(out.stderr.text).toBe(`ccwall serve: ${path} is not a ccwall database (file is not a database)\n`);
  });

  it('serves, accepts tokens made by `ccwall token`, and stops cleanly with 1001 for clients', async () => {
    const db = join(dir, 'hub.db');
    const out = io();
    const stop = new AbortController();
    const running = serveCommand(['--port', '0', '--db', db, '--demo', '--no-simulate'], {
      ...out,
      signal: stop.signal,
    });
    const [, url] = await out.stdout.waitFor(/listening on (ws:\/\/127\.0\.0\.1:\d+)\n/);

    const created = io();
    expect(
      await tokenCommand(
        ['create', '--db', db, '--user', DEMO_SUPERVISOR_ID, '--label', 'wall 1', '--expires', '30d'],
        created,
      ),
    ).toBe(0);
    const token = created.stdout.text.trim();
    expect(token).toMatch(/^ccw_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr.text).toMatch(/shown only this once/);

    const client = await HubClient.connect(url ?? '', token);
    expect(client.snapshot().data.channels.length).toBeGreaterThan(0);

    const listed = io();
    expect(await tokenCommand(['list', '--db', db], listed)).toBe(0);
    expect(listed.stdout.text).toMatch(/claire\.dubois/);
    expect(listed.stdout.text).toMatch(/wall 1/);
    expect(listed.stdout.text).not.toContain(token);
    const id = listed.stdout.text.split('\n')[1]?.split(/\s+/)[0] ?? '';

    expect(await tokenCommand(['revoke', '--db', db, '--id', id.slice(0, 8)], io())).toBe(0);
    expect(await upgradeStatus(url ?? '', { authorization: `Bearer ${token}` })).toBe(401);
    // The running hub notices the revocation and closes the token's live connection (1008).
    expect((await client.waitClosed()).code).toBe(1008);

    const second = io();
    expect(await tokenCommand(['create', '--db', db, '--user', DEMO_SUPERVISOR_ID], second)).toBe(0);
    const other = await HubClient.connect(url ?? '', second.stdout.text.trim());
    stop.abort();
    expect(await running).toBe(0);
    expect((await other.waitClosed()).code).toBe(1001);
    expect(out.stdout.text).toMatch(/stopped/);
  });
});

describe('ccwall token', () => {
  it('answers mistakes with the usage and exit code 2, and unknown users with 1', async () => {
    const db = join(dir, 'tokens.db');
    Storage.open(db).close();
    expect(await tokenCommand(['create', '--db', db], io())).toBe(2);
    expect(await tokenCommand(['create', '--db', db, '--user', 'x', '--expires', 'soon'], io())).toBe(2);
    expect(await tokenCommand(['frobnicate'], io())).toBe(2);
    expect(await tokenCommand(['list', '--token', 'ccw_x'], io())).toBe(2);
    const out = io();
    expect(await tokenCommand(['create', '--db', db, '--user', 'nobody'], out)).toBe(1);
    expect(out.stderr.text).toMatch(/no user nobody/);
    const revoke = io();
    expect(await tokenCommand(['revoke', '--db', db, '--id', 'abcdef'], revoke)).toBe(1);
    expect(revoke.stderr.text).toMatch(/no token abcdef/);
  });
});
