/**
 * Helpers for the security tests: a hub built from its parts (so a test can apply system
 * events such as a role change or an unassignment), a self-signed certificate made with the
 * system's openssl, and a log that remembers every line (to prove no token is ever in it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../src/hub/engine.js';
import type { Limits } from '../../src/hub/limits.js';
import { type HubServer, startServer } from '../../src/hub/server.js';
import { demoCenterEvents } from '../../src/hub/sources/demo/demo-center.js';
import { Storage } from '../../src/hub/storage.js';
import type { TlsFiles } from '../../src/hub/tls.js';
import { Tokens } from '../../src/hub/tokens.js';
import type { CenterEvent } from '../../src/protocol/index.js';
import { demoSeam } from './demo-seam.js';

export interface PartsHub {
  storage: Storage;
  engine: Engine;
  tokens: Tokens;
  server: HubServer;
  url: string;
  token(userId: string, options?: { readOnly?: boolean; expiresAt?: number }): string;
  /** Applies events as the hub's own traffic (a role change, an unassignment…). */
  system(events: CenterEvent[]): void;
  close(): Promise<void>;
}

export interface PartsHubOptions {
  dbPath?: string;
  events?: CenterEvent[];
  now?: () => number;
  log?: (line: string) => void;
  limits?: Partial<Limits>;
  allowOrigins?: string[];
  tls?: TlsFiles;
  tokenCheckMs?: number;
  helloTimeoutMs?: number;
}

export async function startPartsHub(options: PartsHubOptions = {}): Promise<PartsHub> {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const storage = Storage.open(options.dbPath ?? ':memory:');
  const engine = Engine.open(storage, { now, log });
  if (engine.state.users.size === 0) engine.seed(options.events ?? demoCenterEvents(1, now()));
  const tokens = new Tokens(storage);
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    engine,
    ...(await demoSeam(engine, now, log)),
    tokens,
    hub: { name: 'test hub', version: '0' },
    heartbeatMs: 5000,
    helloTimeoutMs: options.helloTimeoutMs ?? 5000,
    now,
    log,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.allowOrigins ? { allowOrigins: options.allowOrigins } : {}),
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.tokenCheckMs === undefined ? {} : { tokenCheckMs: options.tokenCheckMs }),
  });
  return {
    storage,
    engine,
    tokens,
    server,
    url: server.url,
    token: (userId, tokenOptions) => tokens.create(userId, now(), tokenOptions),
    system: (events) => {
      engine.system((batch) => {
        batch.run({ ok: true, events });
      });
    },
    async close() {
      await server.close();
      storage.close();
    },
  };
}

/** A log that keeps its lines. */
export function recordingLog(): { lines: string[]; log: (line: string) => void } {
  const lines: string[] = [];
  return { lines, log: (line) => lines.push(line) };
}

export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface TestCertificate {
  dir: string;
  certPath: string;
  keyPath: string;
  cert: Buffer;
  key: Buffer;
}

/** A self-signed certificate for 127.0.0.1 and localhost, valid for a day, in a new temp folder. */
export function selfSignedCertificate(name = 'hub'): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'ccwall-tls-'));
  const certPath = join(dir, `${name}.crt`);
  const keyPath = join(dir, `${name}.key`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '1',
      '-subj',
      '/CN=ccwall test hub',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
  if (!existsSync(certPath) || !existsSync(keyPath)) throw new Error('openssl made no certificate');
  return { dir, certPath, keyPath, cert: readFileSync(certPath), key: readFileSync(keyPath) };
}
