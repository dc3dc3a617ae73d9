/**
 * Source tokens from the command line: `ccwall token create --source NAME` makes one that signs
 * in on /source only; revoking it closes the source process's connection (1008) and the source
 * goes down for every wallboard.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHub } from '../../../src/hub/index.js';
import { RemoteSource } from '../../../src/hub/sources/remote/remote-source.js';
import { tokenCommand } from '../../../src/hub/token-command.js';

const dir = mkdtempSync(join(tmpdir(), 'ccwall-source-token-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}
const io = () => ({ stdout: new Capture(), stderr: new Capture() });

describe('source tokens', () => {
  it('are made with token create --source, refused with --user or --read-only, and revocable live', async () => {
    const db = join(dir, 'hub.db');
    const hub = await startHub({
      port: 0,
      dbPath: db,
      demo: true,
      source: new RemoteSource(),
      tokenCheckMs: 50,
    });
    try {
      const both = io();
      expect(await tokenCommand(['create', '--db', db, '--source', 'pbx', '--user', 'x'], both)).toBe(2);
      expect(both.stderr.text).toMatch(/not both/);
      expect(await tokenCommand(['create', '--db', db, '--source', 'pbx', '--read-only'], io())).toBe(2);
      expect(await tokenCommand(['create', '--db', db, '--source', 'bad name'], io())).toBe(2);

      const created = io();
      expect(await tokenCommand(['create', '--db', db, '--source', 'pbx'], created)).toBe(0);
      const token = created.stdout.text.trim();
      expect(created.stderr.text).toMatch(
        /token [0-9a-f]{12} for source pbx, never expires: it is shown only this once/,
      );

      const ws = new WebSocket(`${hub.url}/source`, { headers: { authorization: `Bearer ${token}` } });
      const frames: unknown[] = [];
      ws.on('message', (data) => frames.push(JSON.parse(String(data))));
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      ws.send(
        JSON.stringify({ type: 'hello', protocol: 1, label: 'PBX', capabilities: { queue: ['login'] } }),
      );
      ws.send(
        JSON.stringify({ type: 'resync', id: 'r1', sessions: [], interactions: [], activeDevices: [] }),
      );
      await expect.poll(() => hub.source().up).toBe(true);
      expect(frames.map((f) => (f as { type: string }).type)).toEqual(['welcome', 'result']);

      const listed = io();
      expect(await tokenCommand(['list', '--db', db], listed)).toBe(0);
      const line = listed.stdout.text.split('\n').find((l) => l.includes('source/pbx')) ?? '';
      const id = line.split(/\s+/)[0] ?? '';
      const closed = new Promise<number>((resolve) => ws.once('close', resolve));
      expect(await tokenCommand(['revoke', '--db', db, '--id', id], io())).toBe(0);
      expect(await closed).toBe(1008);
      await expect.poll(() => hub.source().up).toBe(false);
    } finally {
      await hub.close();
    }
  });
});
