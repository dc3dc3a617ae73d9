/**
 * TLS: `ccwall serve --tls-cert --tls-key` serves wss:// (TLS 1.2 at least); the wallboard's
 * connection trusts a private certificate given with `ca` (--ca) and refuses an untrusted one
 * with a clear message. The certificates are made at test time with the system's openssl.
 */
import { rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { main } from '../../src/cli.js';
import { Connection, type ConnectionInfo } from '../../src/client/connection.js';
import { serveCommand } from '../../src/commands/serve-command.js';
import { DEMO_SUPERVISOR_ID, type RunningHub, startHub } from '../../src/hub/index.js';
import { loadTls, TlsConfigError } from '../../src/hub/tls.js';
import { wordProblem } from '../../src/views/problem-words.js';
import { hasOpenssl, selfSignedCertificate, type TestCertificate } from './security-fixtures.js';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}
const io = () => ({ stdout: new Capture(), stderr: new Capture(), env: {} });

describe('TLS', () => {
  it('has openssl to make its certificates (a machine without it fails here, it does not skip)', () => {
    expect(hasOpenssl(), 'install openssl: the TLS tests make their certificates with it').toBe(true);
  });

  let cert: TestCertificate;
  let stranger: TestCertificate;
  let hub: RunningHub;

  beforeAll(async () => {
    cert = selfSignedCertificate('hub');
    stranger = selfSignedCertificate('stranger');
    hub = await startHub({ port: 0, demo: true, tls: loadTls(cert.certPath, cert.keyPath) });
  });
  afterAll(async () => {
    await hub?.close();
    for (const c of [cert, stranger]) if (c) rmSync(c.dir, { recursive: true, force: true });
  });

  /** Runs the wallboard's connection until it is live or reports an error. */
  async function attempt(ca: Buffer | undefined): Promise<{ live: boolean; error: string | null }> {
    const connection = new Connection({
      url: hub.url,
      token: hub.createToken(DEMO_SUPERVISOR_ID),
      ...(ca ? { ca } : {}),
    });
    try {
      return await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('neither live nor an error in 5 s')), 5000);
        connection.on('live', () => {
          clearTimeout(timer);
          resolve({ live: true, error: null });
        });
        connection.on('status', (info: ConnectionInfo) => {
          if (!info.lastError) return;
          clearTimeout(timer);
          resolve({ live: false, error: wordProblem(info.lastError) });
        });
        connection.start();
      });
    } finally {
      connection.close();
    }
  }

  it('serves wss:// and the wallboard connects when given the certificate as its CA', async () => {
    expect(hub.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/);
    expect(await attempt(cert.cert)).toEqual({ live: true, error: null });
  });

  it('refuses an untrusted certificate with a message that says what to do', async () => {
    const untrusted = await attempt(undefined);
    expect(untrusted.live).toBe(false);
    expect(untrusted.error).toBe('hub certificate not trusted (self-signed): start with --ca FILE');
    const wrong = await attempt(stranger.cert);
    expect(wrong.live).toBe(false);
    expect(wrong.error).toMatch(/^hub certificate not trusted \(.*\): start with --ca FILE$/);
  });

  it('speaks TLS 1.2 or 1.3 and refuses TLS 1.1', async () => {
    const port = hub.port;
    const modern = await new Promise<string | null>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, ca: cert.cert, servername: 'localhost' }, () => {
        resolve(socket.getProtocol());
        socket.end();
      });
      socket.on('error', reject);
    });
    expect(['TLSv1.2', 'TLSv1.3']).toContain(modern);
    const old = await new Promise<string>((resolve) => {
      const socket = connect(
        {
          host: '127.0.0.1',
          port,
          ca: cert.cert,
          minVersion: 'TLSv1',
          maxVersion: 'TLSv1.1',
          ciphers: 'DEFAULT@SECLEVEL=0',
        },
        () => {
          resolve(`connected with ${socket.getProtocol()}`);
          socket.end();
        },
      );
      socket.on('error', (error) => resolve(error.message));
    });
    expect(old).not.toMatch(/^connected/);
    expect(old).toMatch(/protocol|version/i);
  });

  it('does not answer plain ws:// on the TLS port', async () => {
    const result = await new Promise<string>((resolve) => {
      const ws = new WebSocket(hub.url.replace('wss:', 'ws:'));
      ws.on('open', () => {
        resolve('open');
        ws.terminate();
      });
      ws.on('error', () => resolve('error'));
      ws.on('unexpected-response', () => resolve('refused'));
    });
    expect(result).not.toBe('open');
  });

  it('is turned on by `ccwall serve --tls-cert --tls-key`, which says clearly what is wrong with the files', async () => {
    const out = io();
    const stop = new AbortController();
    const running = serveCommand(
      [
        '--host',
        '127.0.0.1',
        '--port',
        '0',
        '--db',
        ':memory:',
        '--no-simulate',
        '--tls-cert',
        cert.certPath,
        '--tls-key',
        cert.keyPath,
      ],
      { ...out, signal: stop.signal },
    );
    const deadline = Date.now() + 5000;
    while (!/listening on wss:\/\//.test(out.stdout.text) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(out.stdout.text).toMatch(/listening on wss:\/\/127\.0\.0\.1:\d+/);
    stop.abort();
    expect(await running).toBe(0);

    const missing = io();
    expect(
      await serveCommand(
        ['--port', '0', '--tls-cert', cert.certPath, '--tls-key', `${cert.keyPath}.nope`],
        missing,
      ),
    ).toBe(1);
    expect(missing.stderr.text).toMatch(/cannot read the TLS key .*\.nope: ENOENT/);
    const swapped = io();
    expect(
      await serveCommand(['--port', '0', '--tls-cert', cert.keyPath, '--tls-key', cert.certPath], swapped),
    ).toBe(1);
    expect(swapped.stderr.text).toMatch(/ccwall serve: .*TLS/);
    expect(() => loadTls(cert.certPath, stranger.keyPath)).toThrow(TlsConfigError);
    expect(() => loadTls(cert.certPath, stranger.keyPath)).toThrow(/does not belong to the certificate/);
  });

  it('takes --ca only with a wss:// --url', async () => {
    const out = io();
    expect(await main(['--url', 'ws://127.0.0.1:7600', '--ca', cert.certPath], out)).toBe(2);
    expect(out.stderr.text).toMatch(/--ca goes with a wss:\/\/ --url/);
    expect(await main(['--ca', cert.certPath], io())).toBe(2);
    const notPem = io();
    expect(
      await main(['--url', 'wss://127.0.0.1:7600', '--ca', cert.keyPath], {
        ...notPem,
        env: { CCWALL_TOKEN: 'x' },
      }),
    ).toBe(1);
    expect(notPem.stderr.text).toMatch(/holds no PEM certificate/);
  });
});
