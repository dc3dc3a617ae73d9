/**
 * `startHub`: storage + engine + server + clock + source (+ the directory file, or the demo
 * center), the one entry point the CLI and the wallboard's embedded mode use.
 */
import type { CenterState } from '../domain/index.js';
import type { SourceInfo } from '../protocol/index.js';
import { DIRECTORY_META } from './apply-directory.js';
import { CommandRunner } from './command-runner.js';
import { Engine } from './engine.js';
import { closeServer, type HealthReport, listenForMetrics } from './http-endpoints.js';
import { DirectoryRefused, type DirectoryReload, HubDirectory } from './hub-directory.js';
import { HubLock } from './hub-lock.js';
import type { Limits } from './limits.js';
import type { HubLog } from './log.js';
import { HubMetrics } from './metrics.js';
import { followOfflineLogouts } from './offline-logouts.js';
import { clearServed, markServed } from './served-by.js';
import { startServer } from './server.js';
import { DEMO_DEFAULT_SEED, demoInLanguage } from './sources/demo/demo-center.js';
import { demoEvents } from './sources/demo/demo-center-large.js';
import type { DemoSize } from './sources/demo/demo-size.js';
import { DemoSource } from './sources/demo/demo-source.js';
import type { SimulatorOptions } from './sources/demo/simulator.js';
import { RemoteSource } from './sources/remote/remote-source.js';
import type { Source } from './sources/source.js';
import { SourceLink } from './sources/source-link.js';
import { Storage } from './storage.js';
import { reasonOf, StorageError } from './storage-error.js';
import type { TlsFiles } from './tls.js';
import { Tokens } from './tokens.js';
import { HUB_NAME, HUB_VERSION } from './version.js';

export interface HubOptions {
  /** Where to listen; 127.0.0.1 by default. */
  host?: string;
  /** 7600 by default; 0 = any free port. */
  port?: number;
  /** A database file; ':memory:' by default (nothing survives the process). */
  dbPath?: string;
  /**
   * Seed the demo contact center into an empty database. Refused (rejects) on a database that
   * holds another directory: the demo's traffic has no place in a real center's data.
   */
  demo?: boolean;
  /**
   * The organisation's directory file (docs/directory.md): applied at start — one that fails its
   * check rejects with a DirectoryRefused listing the problems — and again on `reloadDirectory()`.
   * Does not go with `demo`.
   */
  directory?: string;
  demoSeed?: number;
  /** The standard demo (64 users, 11 channels) or the large one (5,000 agents, 300 channels). */
  demoSize?: DemoSize;
  /** The language of the demo's data words (its pause reasons); English by default. */
  demoLanguage?: 'en' | 'fr';
  /**
   * The system that owns the calls (src/hub/sources/source.ts). By default the `demo` source:
   * commands take effect at once, and traffic is simulated when `simulate` says so.
   */
  source?: Source;
  /** How long a command waits for the source's answer before `source_timeout`; 5000 ms by default. */
  sourceTimeoutMs?: number;
  /** With the default `demo` source: run the traffic simulator (off by default); an object sets its options. */
  simulate?: boolean | Partial<SimulatorOptions>;
  /**
   * With `demo` and `simulate`, a freshly seeded center starts this many minutes in the past
   * and is simulated up to now before the hub opens, so the first screen shows a center in
   * full swing (calls waiting, agents busy, the day's figures). 30 by default; 0 starts empty.
   */
  demoWarmUpMinutes?: number;
  /** Milliseconds between heartbeats (and pings); 5000 by default. */
  heartbeatMs?: number;
  /** The hub's clock; Date.now by default. */
  now?: () => number;
  /** Where the hub reports what it does; silent by default. Never receives a token. */
  log?: HubLog;
  /** Serve wss:// with this certificate and key (see loadTls in tls.ts). */
  tls?: TlsFiles;
  /** Origins a browser may connect from; by default a request with an Origin header is refused. */
  allowOrigins?: readonly string[];
  /** Rate and connection limits (see limits.ts for the defaults). */
  limits?: Partial<Limits>;
  /** How often live connections' tokens are checked again for revocation and expiry; 1000 ms by default. */
  tokenCheckMs?: number;
  /** The resume history: at most this many of the latest events (10,000 by default)… */
  historyEvents?: number;
  /** …and none older than this many minutes (60 by default; 0: no age limit). It survives a restart. */
  historyMinutes?: number;
  /** Bytes a client may leave unread before it is closed with 1013 (8 MiB by default). */
  sendBufferBytes?: number;
  /** Audit entries are deleted after this many days (90 by default; 0: kept for ever). */
  auditRetentionDays?: number;
  /** A connection that sends no whole HTTP request in this long is closed (10 s by default). */
  headersTimeoutMs?: number;
  /** Serve `GET /metrics` on this port (of `metricsHost`) instead of the hub's own; 0 picks a free one. */
  metricsPort?: number;
  /** Where the metrics port listens (the hub's host by default). */
  metricsHost?: string;
  /**
   * Node's own figures in /metrics (CPU, memory, event-loop delay, GC): on by default; the
   * embedded demo hub turns them off (its process is the wallboard's, and nobody scrapes it).
   */
  processMetrics?: boolean;
}

export interface RunningHub {
  /** ws://host:port, or wss://host:port with TLS */
  url: string;
  port: number;
  /** A new token for `userId` (shown once, stored hashed). Throws for an unknown user. */
  createToken(userId: string, options?: { readOnly?: boolean; expiresAt?: number; label?: string }): string;
  /** A new token for the remote source process `name` (shown once, stored hashed). */
  createSourceToken(name: string): string;
  /** The hub's live state: read it, never change it. */
  state(): CenterState;
  /** Whether this start created the database file. */
  databaseCreated: boolean;
  /** What `GET /healthz` answers. */
  health(): HealthReport;
  /** http://host:port/metrics when the metrics have a port of their own. */
  metricsUrl: string | undefined;
  /** Serves new connections with this certificate and key; throws a TlsConfigError if they do not work. */
  reloadTls(files: TlsFiles): void;
  /** The source's status: up or down since when, what it can do. */
  source(): SourceInfo;
  /**
   * Applies the directory file again (SIGHUP): a file that fails its check changes nothing.
   * The plan applied, or the problems; a hub started without `directory` has nothing to reload.
   */
  reloadDirectory(): DirectoryReload;
  /** Stops the simulator, closes every client with 1001 (going away), saves, closes the database. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 7600;
const DEFAULT_HEARTBEAT_MS = 5000;
const DEFAULT_WARM_UP_MINUTES = 30;
const HELLO_TIMEOUT_MS = 5000;
const CLOCK_MS = 1000;

/**
 * Takes the database's lock, opens it and starts serving. A database in use by another hub, a
 * bad one, or one that takes no writes (a full disk, a read-only file) rejects with a
 * StorageError saying why, before anything listens.
 */
export async function startHub(options: HubOptions = {}): Promise<RunningHub> {
  const now = options.now ?? Date.now;
  const hubLog = options.log ?? (() => {});
  // Until it listens, a failure to start is reported by the start itself (one line, exit 1):
  // the engine's errors on the way there would say it twice.
  let started = false;
  const log: HubLog = (line, level, fields) => {
    if (started || level !== 'error') hubLog(line, level, fields);
  };
  if (options.demo && options.directory !== undefined)
    throw new Error('the demo center and a directory file do not go together: choose one');
  const dbPath = options.dbPath ?? ':memory:';
  const lock = dbPath === ':memory:' ? undefined : HubLock.acquire(dbPath);
  let storage: Storage;
  try {
    storage = Storage.open(dbPath);
  } catch (cause) {
    lock?.release();
    throw cause;
  }
  const metrics = new HubMetrics(options.processMetrics ?? true);
  storage.onWrite = (seconds, ok) => metrics.storageWrite(seconds, ok);
  /** Lets the database go: the served-by mark (when it can still be written), the file, the lock. */
  const closeStorage = () => {
    try {
      clearServed(storage);
    } catch {
      // A database that takes no writes keeps the mark; the lock says the truth.
    }
    storage.close();
    lock?.release();
  };
  let engine: Engine;
  let warmUpFrom: number | undefined;
  let directory: HubDirectory | undefined;
  try {
    try {
      storage.probe(now());
    } catch (cause) {
      throw new StorageError(`cannot write to ${dbPath}: ${reasonOf(cause)}`);
    }
    engine = Engine.open(storage, {
      now,
      log,
      ...(options.historyEvents === undefined ? {} : { historyEvents: options.historyEvents }),
      ...(options.historyMinutes === undefined ? {} : { historyMs: options.historyMinutes * 60_000 }),
      ...(options.auditRetentionDays === undefined
        ? {}
        : { auditRetentionMs: options.auditRetentionDays * 86_400_000 }),
    });
    if (options.demo && engine.state.users.size > 0 && storage.meta(DIRECTORY_META) !== 'demo') {
      throw new Error(
        `${storage.path} already holds a directory that is not the demo's (${engine.state.users.size} users): ` +
          'serve it without --demo, or give the demo a database of its own (--db)',
      );
    }
    if (options.demo && engine.state.users.size === 0) {
      storage.setMeta(DIRECTORY_META, 'demo');
      const simulated = options.simulate && !options.source;
      const warmUpMs = simulated ? (options.demoWarmUpMinutes ?? DEFAULT_WARM_UP_MINUTES) * 60_000 : 0;
      const seededAt = now() - warmUpMs;
      const events = demoEvents(options.demoSize, options.demoSeed ?? DEMO_DEFAULT_SEED, seededAt);
      engine.seed(demoInLanguage(events, options.demoLanguage ?? 'en'));
      if (engine.health.degraded)
        throw new StorageError(`cannot write to ${dbPath}: ${engine.health.detail}`);
      if (warmUpMs > 0) warmUpFrom = seededAt;
      log(
        `seeded the demo contact center (${engine.state.users.size} users, ${engine.state.channels.size} channels)` +
          (warmUpMs > 0 ? `, simulated from ${warmUpMs / 60_000} minutes ago` : ''),
      );
    }
    // Before the source starts: it reads the directory from the hub's state.
    if (options.directory !== undefined) {
      directory = new HubDirectory(options.directory, engine, storage, now, log);
      const applied = directory.apply('hub start');
      if (!applied.ok) throw new DirectoryRefused(applied.problems);
    }
    try {
      markServed(storage);
    } catch (cause) {
      throw new StorageError(`cannot write to ${dbPath}: ${reasonOf(cause)}`);
    }
    if (engine.health.degraded) throw new StorageError(`cannot write to ${dbPath}: ${engine.health.detail}`);
  } catch (cause) {
    closeStorage();
    throw cause;
  }
  const source =
    options.source ??
    new DemoSource({
      now,
      ...(options.simulate ? { simulate: options.simulate } : {}),
      ...(warmUpFrom === undefined ? {} : { warmUpFrom }),
      // The large center warms up in 5-second steps: the same traffic, a fifth of the steps.
      ...(options.demoSize === 'large' ? { warmUpStepMs: 5 * CLOCK_MS } : {}),
    });
  const link = new SourceLink(engine, source, {
    now,
    log,
    ...(options.sourceTimeoutMs === undefined ? {} : { timeoutMs: options.sourceTimeoutMs }),
  });
  const commands = new CommandRunner(engine, link);
  if (directory) engine.subscribe(directory);
  try {
    await link.start();
    directory?.follow(link);
    // Logouts `ccwall center apply` made while no hub ran: the telephony system hears of them now.
    void followOfflineLogouts(link, storage, log);
    // The demo's warm-up is traffic too: a disk that filled on the way is a start failure.
    if (engine.health.degraded) throw new StorageError(`cannot write to ${dbPath}: ${engine.health.detail}`);
  } catch (cause) {
    await link.stop().catch(() => {});
    directory?.stop();
    engine.checkpoint();
    closeStorage();
    throw cause;
  }
  const tokens = new Tokens(storage);
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      host: options.host ?? '127.0.0.1',
      port: options.port ?? DEFAULT_PORT,
      engine,
      commands,
      source: link,
      ...(source instanceof RemoteSource ? { remoteSource: source } : {}),
      tokens,
      hub: { name: HUB_NAME, version: HUB_VERSION },
      heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
      helloTimeoutMs: HELLO_TIMEOUT_MS,
      now,
      log,
      ...(options.tls ? { tls: options.tls } : {}),
      ...(options.allowOrigins ? { allowOrigins: options.allowOrigins } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.tokenCheckMs === undefined ? {} : { tokenCheckMs: options.tokenCheckMs }),
      ...(options.sendBufferBytes === undefined ? {} : { sendBufferBytes: options.sendBufferBytes }),
      ...(options.headersTimeoutMs === undefined ? {} : { headersTimeoutMs: options.headersTimeoutMs }),
      metrics,
      metricsHere: options.metricsPort === undefined,
    });
  } catch (cause) {
    await link.stop().catch(() => {});
    directory?.stop();
    engine.checkpoint();
    closeStorage();
    throw cause;
  }
  let metricsServer: Awaited<ReturnType<typeof listenForMetrics>> | undefined;
  if (options.metricsPort !== undefined) {
    try {
      metricsServer = await listenForMetrics(
        metrics,
        options.metricsHost ?? options.host ?? '127.0.0.1',
        options.metricsPort,
      );
    } catch (cause) {
      await server.close();
      await link.stop().catch(() => {});
      directory?.stop();
      engine.checkpoint();
      closeStorage();
      throw cause;
    }
  }
  started = true;
  const clock = setInterval(() => engine.tick(now()), CLOCK_MS);
  if (!options.source && options.simulate)
    log('simulating traffic: these calls, chats and dials are not real');
  log(`hub listening on ${server.url}`, 'info', { event: 'listening', url: server.url });

  let closing: Promise<void> | undefined;
  return {
    url: server.url,
    port: server.port,
    createToken(userId, tokenOptions) {
      if (!engine.state.users.has(userId)) throw new Error(`no user ${userId} on this hub`);
      return tokens.create(userId, now(), tokenOptions);
    },
    createSourceToken: (name) => tokens.createForSource(name, now()),
    state: () => engine.state,
    databaseCreated: storage.created,
    health: () => server.health(),
    metricsUrl: metricsServer?.url,
    reloadTls: (files) => server.reloadTls(files),
    source: () => link.info,
    reloadDirectory() {
      if (!directory)
        return {
          ok: false,
          problems: ['this hub serves no directory file (start it with --directory FILE)'],
        };
      return directory.reload('SIGHUP');
    },
    close() {
      closing ??= (async () => {
        clearInterval(clock);
        directory?.stop();
        await link.stop().catch((cause: unknown) => log(`the source did not stop cleanly: ${String(cause)}`));
        await server.close();
        if (metricsServer) await closeServer(metricsServer.server);
        engine.checkpoint();
        closeStorage();
        log('hub stopped', 'info', { event: 'stopped' });
      })();
      return closing;
    },
  };
}
