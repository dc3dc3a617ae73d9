/**
 * The hub's network side: an HTTP (or HTTPS) server whose `upgrade` requests are checked
 * before a WebSocket exists — Origin allowlist, `Authorization: Bearer <token>`, connection
 * limits — then one Connection per wallboard, fed by the engine. Frames are limited to 64 KiB,
 * without compression; commands and frames are rate limited per connection; the tokens of live
 * connections are checked again every second or so (a revoked or expired token is closed 1008).
 * Every refusal is counted and recorded in the audit log, with the remote address, never a
 * token; those before a sign-in once per address and minute (refusal-log.ts). Plain HTTP
 * requests get `/healthz` and `/metrics` (http-endpoints.ts); a connection that sends no
 * complete request within 10 s is closed, like nginx's `client_header_timeout`.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { CloseCode, MAX_FRAME_BYTES, MAX_SOURCE_FRAME_BYTES } from '../protocol/index.js';
import type { CommandRunner } from './command-runner.js';
import { Connection, type ConnectionContext, type Identity } from './connection.js';
import type { Delivery } from './delivery.js';
import { EncodedEvent } from './encoded-event.js';
import type { Engine } from './engine.js';
import { answerHttp, type HealthReport } from './http-endpoints.js';
import type { HubHealth } from './hub-health.js';
import { DEFAULT_LIMITS, FailureWindow, LimitedStream, type Limits } from './limits.js';
import type { HubLog } from './log.js';
import { connectionRole, HubMetrics } from './metrics.js';
import { checkOrigin } from './origin.js';
import { RefusalLog, type RefusalRecord } from './refusal-log.js';
import type { RemoteSource } from './sources/remote/remote-source.js';
import type { SourceLink } from './sources/source-link.js';
import { reasonOf } from './storage-error.js';
import { checkTls, TLS_MIN_VERSION, type TlsFiles } from './tls.js';
import { type Tokens, tokenHolder } from './tokens.js';

/** A connection that has not sent a whole request (headers) by then is closed. */
export const HEADERS_TIMEOUT_MS = 10_000;

export interface ServerOptions {
  host: string;
  port: number;
  engine: Engine;
  /** Runs commands: the hub's rules, then the source. */
  commands: CommandRunner;
  /** The source's end of the seam: its status goes to every wallboard. */
  source: SourceLink;
  /** A remote source: processes signed in with a source token on `/source` feed it. */
  remoteSource?: RemoteSource;
  tokens: Tokens;
  hub: { name: string; version: string };
  heartbeatMs: number;
  /** A connection that has not said hello by then is closed (4001). */
  helloTimeoutMs: number;
  now: () => number;
  log: HubLog;
  /** Serve wss:// with this certificate and key (TLS 1.2 at least). */
  tls?: TlsFiles;
  /** Origins a browser may connect from; a request with any other Origin header gets 403. */
  allowOrigins?: readonly string[];
  limits?: Partial<Limits>;
  /** How often the tokens of live connections are checked again (revocation, expiry); 1000 ms by default. */
  tokenCheckMs?: number;
  /** Bytes a client may leave unread before it is closed with 1013 (connection.ts has the default). */
  sendBufferBytes?: number;
  /** A connection that sends no whole request in this long is closed (10 s by default). */
  headersTimeoutMs?: number;
  /** The hub's figures (a new registry by default). */
  metrics?: HubMetrics;
  /** Answer `GET /metrics` on this port (true by default; false when it has a port of its own). */
  metricsHere?: boolean;
}

/** What the server keeps about a connection's sign-in: the token's hash and public id, never the token. */
interface SignIn {
  identity: Identity;
  tokenHash: string;
  tokenId: string;
}

export interface HubServer {
  port: number;
  url: string;
  /** How many WebSocket connections are open. */
  connections(): number;
  /** What `/healthz` answers. */
  health(): HealthReport;
  /** Serves new TLS connections with this certificate and key (SIGHUP); throws a TlsConfigError if they do not work. */
  reloadTls(files: TlsFiles): void;
  /** Closes every connection with 1001 (going away) and stops listening. */
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<HubServer> {
  const { engine, tokens, log } = options;
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const allowOrigins = options.allowOrigins ?? [];
  const connections = new Set<Connection>();
  const signIns = new Map<Connection, SignIn>();
  const perUser = new Map<string, number>();
  const commandStreams = new WeakMap<Connection, LimitedStream>();
  const authFailures = new FailureWindow(limits.authFailuresPerMinute);
  const metrics = options.metrics ?? new HubMetrics();
  const audit = (actorId: string, remote: string, action: string, result: string, detail: string) =>
    engine.recordAudit({ at: options.now(), actorId, remote, action, target: 'hub', result, detail });
  // Refusals before a sign-in (and per-user connection limits) cost the refused nothing: each is
  // counted, and written (log line, audit row) once per address and reason a minute.
  const refusals = new RefusalLog((record: RefusalRecord) => {
    audit(record.actorId, record.remote, record.action, record.result, record.detail);
    log(`${record.remote}: ${record.action} refused (${record.result}): ${record.detail}`, 'warn', {
      event: 'refused',
      remote: record.remote,
      result: record.result,
      more: record.suppressed,
    });
  });
  const refuseCounted = (
    socket: Duplex,
    key: string,
    refusal: { actorId: string; remote: string; action: string; result: string; detail: string },
    answer: [status: number, text: string, header?: string],
  ) => {
    metrics.refused(refusal.result);
    refusals.note({ key, ...refusal }, options.now());
    refuse(socket, ...answer);
  };

  const context: ConnectionContext = {
    engine,
    commands: options.commands,
    sourceInfo: () => options.source.info,
    hub: options.hub,
    heartbeatMs: options.heartbeatMs,
    now: options.now,
    log,
    metrics,
    ...(options.sendBufferBytes === undefined ? {} : { sendBufferBytes: options.sendBufferBytes }),
    audit: (identity, action, result, detail) => {
      if (action === 'limit' || result === 'hello_timeout') metrics.refused(result);
      audit(identity.userId, identity.remote, action, result, detail);
    },
    admit(connection, kind) {
      const stream = commandStreams.get(connection);
      if (!stream) return true;
      const verdict = stream.take(options.now());
      if (verdict !== 'ok') metrics.refused('rate_limited');
      if (verdict === 'first') {
        const { userId, remote } = connection.identity;
        audit(
          userId,
          remote,
          'rate_limit',
          'rate_limited',
          `more than ${limits.commandsPerSecond} commands and queries a second (burst ${limits.commandBurst}), at a ${kind}`,
        );
      }
      return verdict === 'ok';
    },
  };

  const health = (): HealthReport => {
    const storage: HubHealth = engine.health;
    const source = options.source.info;
    return {
      status: storage.degraded || !source.up ? 'degraded' : 'ok',
      storage: storage.degraded
        ? { ok: false, since: new Date(storage.since).toISOString(), detail: storage.detail }
        : { ok: true },
      source: {
        kind: source.kind,
        up: source.up,
        since: new Date(source.since).toISOString(),
        detail: source.detail,
      },
      connections: connections.size,
    };
  };
  const onRequest = (request: IncomingMessage, response: ServerResponse) =>
    answerHttp(request, response, { health, metrics: options.metricsHere === false ? undefined : metrics });
  const headersTimeout = options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  const http: Server = options.tls
    ? createHttpsServer(
        {
          cert: options.tls.cert,
          key: options.tls.key,
          minVersion: TLS_MIN_VERSION,
          handshakeTimeout: headersTimeout,
        },
        onRequest,
      )
    : createHttpServer(onRequest);
  // Node's own headers timeout starts at a request's first byte (a connection that sends nothing
  // was kept for ever: 16,000 were) and, checked often, destroyed sockets without closing them
  // here. So every connection gets this long to send a whole request, on a timer of its own.
  const untilRequest = new WeakMap<Duplex, NodeJS.Timeout>();
  http.on(options.tls ? 'secureConnection' : 'connection', (socket: Duplex) => {
    const timer = setTimeout(() => socket.destroy(), headersTimeout);
    untilRequest.set(socket, timer);
    socket.once('close', () => clearTimeout(timer));
  });
  const requestArrived = (request: IncomingMessage) => clearTimeout(untilRequest.get(request.socket));
  http.on('request', requestArrived);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const sourceServer = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_SOURCE_FRAME_BYTES,
    perMessageDeflate: false,
  });

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    requestArrived(request);
    socket.on('error', () => socket.destroy());
    const remote = remoteOf(request);
    const address = request.socket.remoteAddress ?? '?';
    const now = options.now();
    if (authFailures.blocked(address, now))
      return refuseCounted(
        socket,
        address,
        {
          actorId: '-',
          remote,
          action: 'limit',
          result: 'auth_throttled',
          detail: `${limits.authFailuresPerMinute} failed sign-ins in a minute: refused for a minute`,
        },
        [429, 'Too Many Requests', 'retry-after: 60'],
      );
    for (const header of [request.headers.origin, request.headers['sec-websocket-origin']]) {
      const origin = checkOrigin(header, allowOrigins);
      if (!origin.ok)
        return refuseCounted(
          socket,
          address,
          { actorId: '-', remote, action: 'authenticate', result: 'origin_refused', detail: origin.reason },
          [403, 'Forbidden'],
        );
    }
    if (pathOf(request) === SOURCE_PATH) return upgradeSource(request, socket, head, remote, address, now);
    const signIn = authenticate(request, remote, address, now);
    if (!signIn) {
      authFailures.record(address, now);
      return refuse(socket, 401, 'Unauthorized', 'www-authenticate: Bearer realm="ccwall"');
    }
    const { userId } = signIn.identity;
    if (connections.size >= limits.maxConnections)
      return refuseCounted(
        socket,
        'hub',
        {
          actorId: userId,
          remote,
          action: 'limit',
          result: 'too_many_connections',
          detail: `the hub holds ${limits.maxConnections} connections`,
        },
        [503, 'Service Unavailable', 'retry-after: 30'],
      );
    const held = perUser.get(userId) ?? 0;
    if (held >= limits.maxConnectionsPerUser)
      return refuseCounted(
        socket,
        `user ${userId}`,
        {
          actorId: userId,
          remote,
          action: 'limit',
          result: 'too_many_connections',
          detail: `${userId} already holds ${held} connections (at most ${limits.maxConnectionsPerUser})`,
        },
        [429, 'Too Many Requests', 'retry-after: 30'],
      );
    wss.handleUpgrade(request, socket, head, (ws) => attach(ws, signIn));
  });

  /** A source process signing in on `/source`: only with a source token, only on a hub with a remote source. */
  function upgradeSource(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    remote: string,
    address: string,
    now: number,
  ): void {
    let name: string | undefined;
    let tokenHash = '';
    try {
      const check = tokens.verify(bearerToken(request.headers.authorization), now);
      const holder = check.ok ? tokenHolder(check.userId) : undefined;
      if (check.ok && holder?.kind === 'source') {
        name = holder.name;
        tokenHash = check.hash;
      } else {
        metrics.refused('denied');
        refusals.note(
          {
            key: address,
            actorId: check.ok ? check.userId : '-',
            remote,
            action: 'authenticate',
            result: 'denied',
            detail: check.ok ? `token ${check.id}: not a source token` : `source token ${check.reason}`,
          },
          now,
        );
      }
    } catch (cause) {
      log(`cannot check a token: ${reasonOf(cause)}`, 'error');
    }
    if (name === undefined) {
      authFailures.record(address, now);
      return refuse(socket, 401, 'Unauthorized', 'www-authenticate: Bearer realm="ccwall source"');
    }
    const remoteSource = options.remoteSource;
    if (!remoteSource) {
      audit(`source/${name}`, remote, 'authenticate', 'denied', 'this hub takes no remote source');
      return refuse(socket, 409, 'Conflict');
    }
    audit(`source/${name}`, remote, 'authenticate', 'ok', `source ${name}`);
    sourceServer.handleUpgrade(request, socket, head, (ws) =>
      remoteSource.attach(ws, { name, remote, tokenHash }),
    );
  }

  function authenticate(
    request: IncomingMessage,
    remote: string,
    address: string,
    now: number,
  ): SignIn | undefined {
    const denied = (actorId: string, detail: string) => {
      metrics.refused('denied');
      refusals.note({ key: address, actorId, remote, action: 'authenticate', result: 'denied', detail }, now);
    };
    try {
      const check = tokens.verify(bearerToken(request.headers.authorization), now);
      if (!check.ok) {
        denied('-', check.id ? `token ${check.id}: ${check.reason}` : `token ${check.reason}`);
        return undefined;
      }
      if (!engine.state.users.has(check.userId)) {
        denied(check.userId, `token ${check.id}: unknown user`);
        return undefined;
      }
      audit(
        check.userId,
        remote,
        'authenticate',
        'ok',
        `token ${check.id}${check.readOnly ? ' (read-only)' : ''}`,
      );
      return {
        identity: { userId: check.userId, readOnly: check.readOnly, remote },
        tokenHash: check.hash,
        tokenId: check.id,
      };
    } catch (cause) {
      log(`cannot check a token: ${reasonOf(cause)}`, 'error');
      return undefined;
    }
  }

  function attach(ws: WebSocket, signIn: SignIn): void {
    const { identity } = signIn;
    const connection = new Connection(ws, identity, context);
    const role = connectionRole(engine.state.users.get(identity.userId)?.roles ?? []);
    metrics.connectionOpened(role);
    log(
      `${identity.remote}: ${identity.userId} connected (${role}${identity.readOnly ? ', read-only' : ''})`,
      'info',
      {
        event: 'connection_opened',
        user: identity.userId,
        role,
        remote: identity.remote,
        readOnly: identity.readOnly,
      },
    );
    connections.add(connection);
    signIns.set(connection, signIn);
    perUser.set(identity.userId, (perUser.get(identity.userId) ?? 0) + 1);
    const now = options.now();
    commandStreams.set(connection, new LimitedStream(limits.commandsPerSecond, limits.commandBurst, now));
    const frames = new LimitedStream(limits.framesPerSecond, limits.frameBurst, now);
    const helloTimer = setTimeout(() => {
      if (connection.ready) return;
      audit(identity.userId, identity.remote, 'session', 'hello_timeout', 'no hello received: closed 4001');
      connection.close(CloseCode.helloTimeout, 'no hello received');
    }, options.helloTimeoutMs);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      metrics.received(byteLength(data));
      const verdict = frames.take(options.now());
      if (verdict !== 'ok') {
        if (verdict === 'first') {
          audit(
            identity.userId,
            identity.remote,
            'limit',
            'too_many_frames',
            `more than ${limits.framesPerSecond} frames a second (burst ${limits.frameBurst}): closed 1008`,
          );
          connection.close(CloseCode.policyViolation, 'too many frames');
        }
        return;
      }
      try {
        connection.receive(isBinary ? undefined : textOf(data));
      } catch (cause) {
        log(`${identity.remote}: frame handling failed: ${reasonOf(cause)}`, 'error');
      }
    });
    ws.on('pong', () => connection.pong());
    // ws closes the connection itself on a frame over maxPayload (1009) or invalid UTF-8 (1007).
    ws.on('error', (error) => {
      log(`${identity.remote}: ${error.message}`, 'warn');
      const code = (error as { code?: unknown }).code;
      const result =
        code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
          ? 'frame_too_large'
          : code === 'WS_ERR_INVALID_UTF8'
            ? 'invalid_utf8'
            : 'bad_frame';
      audit(identity.userId, identity.remote, 'limit', result, error.message.slice(0, 200));
    });
    ws.on('close', (code: number) => {
      clearTimeout(helloTimer);
      connection.closed();
      if (connections.has(connection)) {
        metrics.connectionClosed(role);
        log(`${identity.remote}: ${identity.userId} disconnected (${code})`, 'info', {
          event: 'connection_closed',
          user: identity.userId,
          role,
          remote: identity.remote,
          code,
        });
      }
      if (connections.delete(connection)) {
        signIns.delete(connection);
        const left = (perUser.get(identity.userId) ?? 1) - 1;
        if (left > 0) perUser.set(identity.userId, left);
        else perUser.delete(identity.userId);
      }
    });
  }

  /** Closes (1008) the connections whose token was revoked or expired since they signed in. */
  function checkTokens(): void {
    checkSourceToken();
    if (signIns.size === 0) return;
    const now = options.now();
    const verdicts = new Map<string, ReturnType<Tokens['verifyHash']>>();
    for (const [connection, signIn] of signIns) {
      let check = verdicts.get(signIn.tokenHash);
      if (!check) {
        try {
          check = tokens.verifyHash(signIn.tokenHash, now);
        } catch (cause) {
          log(`cannot check the tokens of live connections: ${reasonOf(cause)}`, 'error');
          return;
        }
        verdicts.set(signIn.tokenHash, check);
      }
      if (check.ok) continue;
      signIns.delete(connection);
      const { userId, remote } = signIn.identity;
      audit(userId, remote, 'session', 'closed', `token ${signIn.tokenId} ${check.reason}: closed 1008`);
      connection.close(CloseCode.policyViolation, `token ${check.reason}`);
    }
  }
  /** A revoked or expired source token closes its source process (1008), as for wallboards. */
  function checkSourceToken(): void {
    const signedIn = options.remoteSource?.signedIn();
    if (!signedIn) return;
    let check: ReturnType<Tokens['verifyHash']>;
    try {
      check = tokens.verifyHash(signedIn.tokenHash, options.now());
    } catch (cause) {
      log(`cannot check the source's token: ${reasonOf(cause)}`);
      return;
    }
    if (check.ok) return;
    audit(
      `source/${signedIn.name}`,
      signedIn.remote,
      'session',
      'closed',
      `source token ${check.reason}: closed 1008`,
    );
    options.remoteSource?.disconnect(CloseCode.policyViolation, `token ${check.reason}`);
  }

  // Nothing runs before the server listens: a port in use must leave nothing behind (no timer,
  // no subscription) so that the process can exit at once.
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  http.on('error', (error) => log(`http server: ${error.message}`, 'error'));

  const unsubscribeSource = options.source.onStatus(() => {
    for (const connection of connections) connection.sendSourceStatus();
  });
  const tokenCheck = setInterval(() => {
    checkTokens();
    checkSourceToken();
    refusals.flush(options.now());
  }, options.tokenCheckMs ?? 1000);

  let stepStarted: number | undefined;
  let stepEvents = 0;
  const unsubscribe = engine.subscribe({
    deliver(delivery: Delivery) {
      stepStarted ??= performance.now();
      stepEvents += 1;
      const encoded = new EncodedEvent(delivery.seq, delivery.event);
      for (const connection of connections) connection.deliver(delivery, encoded);
    },
    reset() {
      for (const connection of connections) connection.resync();
    },
    settled() {
      for (const connection of connections) connection.flushDeltas();
      if (stepStarted !== undefined) metrics.fannedOut((performance.now() - stepStarted) / 1000, stepEvents);
      stepStarted = undefined;
      stepEvents = 0;
    },
    status(status: HubHealth) {
      metrics.setDegraded(status.degraded);
      for (const connection of connections) connection.hubStatus(status);
    },
  });
  metrics.setDegraded(engine.health.degraded);

  const heartbeat = setInterval(() => {
    for (const connection of connections) connection.heartbeat();
  }, options.heartbeatMs);
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    port,
    url: `${options.tls ? 'wss' : 'ws'}://${host}:${port}`,
    connections: () => connections.size,
    health,
    reloadTls(files: TlsFiles) {
      if (!options.tls)
        throw new Error('this hub serves ws://, not wss://: there is no certificate to reload');
      checkTls(files);
      (http as HttpsServer).setSecureContext({
        cert: files.cert,
        key: files.key,
        minVersion: TLS_MIN_VERSION,
      });
    },
    async close() {
      clearInterval(heartbeat);
      clearInterval(tokenCheck);
      refusals.flush(options.now(), true);
      unsubscribe();
      unsubscribeSource();
      const closing = [...wss.clients].map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === ws.CLOSED) return resolve();
            const timer = setTimeout(() => {
              ws.terminate();
              resolve();
            }, 1000);
            ws.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
          }),
      );
      for (const connection of connections) connection.close(CloseCode.goingAway, 'hub shutting down');
      await Promise.all(closing);
      wss.close();
      for (const client of sourceServer.clients) client.terminate();
      sourceServer.close();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}

/** The token of an `Authorization: Bearer <token>` header. Tokens are never read from the URL. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/** Answers an upgrade with an HTTP error and closes the socket: no WebSocket is ever opened. */
function refuse(socket: Duplex, status: number, text: string, header?: string): void {
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\n${header ? `${header}\r\n` : ''}Connection: close\r\nContent-Length: 0\r\n\r\n`,
  );
}

/** Where remote sources connect; wallboards use any other path. */
export const SOURCE_PATH = '/source';

function pathOf(request: IncomingMessage): string {
  try {
    return new URL(request.url ?? '/', 'http://hub').pathname;
  } catch {
    return '/';
  }
}

function remoteOf(request: IncomingMessage): string {
  const { remoteAddress, remotePort } = request.socket;
  return `${remoteAddress ?? '?'}:${remotePort ?? '?'}`;
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
