/**
 * The hub's network side: an HTTP (or HTTPS) server whose `upgrade` requests are checked
 * before a WebSocket exists — Origin allowlist, `Authorization: Bearer <token>`, connection
 * limits — then one Connection per wallboard, fed by the engine. Frames are limited to 64 KiB,
 * without compression; commands and frames are rate limited per connection; the tokens of live
 * connections are checked again every second or so (a revoked or expired token is closed 1008).
 * Every refusal is recorded in the audit log, with the remote address, never a token.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { CloseCode, MAX_FRAME_BYTES, MAX_SOURCE_FRAME_BYTES } from '../protocol/index.js';
import type { CommandRunner } from './command-runner.js';
import { Connection, type ConnectionContext, type Identity } from './connection.js';
import { EncodedEvent } from './encoded-event.js';
import type { Delivery, Engine } from './engine.js';
import { DEFAULT_LIMITS, FailureWindow, LimitedStream, type Limits } from './limits.js';
import { checkOrigin } from './origin.js';
import type { RemoteSource } from './sources/remote/remote-source.js';
import type { SourceLink } from './sources/source-link.js';
import { reasonOf } from './storage-error.js';
import { TLS_MIN_VERSION, type TlsFiles } from './tls.js';
import { type Tokens, tokenHolder } from './tokens.js';

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
  log: (line: string) => void;
  /** Serve wss:// with this certificate and key (TLS 1.2 at least). */
  tls?: TlsFiles;
  /** Origins a browser may connect from; a request with any other Origin header gets 403. */
  allowOrigins?: readonly string[];
  limits?: Partial<Limits>;
  /** How often the tokens of live connections are checked again (revocation, expiry); 1000 ms by default. */
  tokenCheckMs?: number;
  /** Bytes a client may leave unread before it is closed with 1013 (connection.ts has the default). */
  sendBufferBytes?: number;
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
  const audit = (actorId: string, remote: string, action: string, result: string, detail: string) =>
    engine.recordAudit({ at: options.now(), actorId, remote, action, target: 'hub', result, detail });

  const context: ConnectionContext = {
    engine,
    commands: options.commands,
    sourceInfo: () => options.source.info,
    hub: options.hub,
    heartbeatMs: options.heartbeatMs,
    now: options.now,
    log,
    ...(options.sendBufferBytes === undefined ? {} : { sendBufferBytes: options.sendBufferBytes }),
    audit: (identity, action, result, detail) =>
      audit(identity.userId, identity.remote, action, result, detail),
    admit(connection, kind) {
      const stream = commandStreams.get(connection);
      if (!stream) return true;
      const verdict = stream.take(options.now());
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

  const onRequest = (_request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(426, { 'content-type': 'text/plain; charset=utf-8', upgrade: 'websocket' });
    response.end('ccwall hub: connect with a WebSocket client (see docs/protocol.md)\n');
  };
  const http: Server = options.tls
    ? createHttpsServer(
        { cert: options.tls.cert, key: options.tls.key, minVersion: TLS_MIN_VERSION },
        onRequest,
      )
    : createHttpServer(onRequest);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const sourceServer = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_SOURCE_FRAME_BYTES,
    perMessageDeflate: false,
  });

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const remote = remoteOf(request);
    const address = request.socket.remoteAddress ?? '?';
    const now = options.now();
    if (authFailures.blocked(address, now))
      return refuse(socket, 429, 'Too Many Requests', 'retry-after: 60');
    for (const header of [request.headers.origin, request.headers['sec-websocket-origin']]) {
      const origin = checkOrigin(header, allowOrigins);
      if (!origin.ok) {
        audit('-', remote, 'authenticate', 'origin_refused', origin.reason);
        return refuse(socket, 403, 'Forbidden');
      }
    }
    if (pathOf(request) === SOURCE_PATH) return upgradeSource(request, socket, head, remote, address, now);
    const signIn = authenticate(request, remote, now);
    if (!signIn) {
      if (authFailures.record(address, now))
        audit(
          '-',
          remote,
          'limit',
          'auth_throttled',
          `${limits.authFailuresPerMinute} failed sign-ins in a minute: refused for a minute`,
        );
      return refuse(socket, 401, 'Unauthorized', 'www-authenticate: Bearer realm="ccwall"');
    }
    const { userId } = signIn.identity;
    if (connections.size >= limits.maxConnections) {
      audit(
        userId,
        remote,
        'limit',
        'too_many_connections',
        `the hub holds ${limits.maxConnections} connections`,
      );
      return refuse(socket, 503, 'Service Unavailable', 'retry-after: 30');
    }
    const held = perUser.get(userId) ?? 0;
    if (held >= limits.maxConnectionsPerUser) {
      audit(
        userId,
        remote,
        'limit',
        'too_many_connections',
        `${userId} already holds ${held} connections (at most ${limits.maxConnectionsPerUser})`,
      );
      return refuse(socket, 429, 'Too Many Requests', 'retry-after: 30');
    }
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
      } else
        audit(
          check.ok ? check.userId : '-',
          remote,
          'authenticate',
          'denied',
          check.ok ? `token ${check.id}: not a source token` : `source token ${check.reason}`,
        );
    } catch (cause) {
      log(`cannot check a token: ${reasonOf(cause)}`);
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

  function authenticate(request: IncomingMessage, remote: string, now: number): SignIn | undefined {
    try {
      const check = tokens.verify(bearerToken(request.headers.authorization), now);
      if (!check.ok) {
        audit(
          '-',
          remote,
          'authenticate',
          'denied',
          check.id ? `token ${check.id}: ${check.reason}` : `token ${check.reason}`,
        );
        return undefined;
      }
      if (!engine.state.users.has(check.userId)) {
        audit(check.userId, remote, 'authenticate', 'denied', `token ${check.id}: unknown user`);
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
      log(`cannot check a token: ${reasonOf(cause)}`);
      return undefined;
    }
  }

  function attach(ws: WebSocket, signIn: SignIn): void {
    const { identity } = signIn;
    const connection = new Connection(ws, identity, context);
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
        log(`${identity.remote}: frame handling failed: ${reasonOf(cause)}`);
      }
    });
    ws.on('pong', () => connection.pong());
    // ws closes the connection itself on a frame over maxPayload (1009) or invalid UTF-8 (1007).
    ws.on('error', (error) => {
      log(`${identity.remote}: ${error.message}`);
      const code = (error as { code?: unknown }).code;
      const result =
        code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
          ? 'frame_too_large'
          : code === 'WS_ERR_INVALID_UTF8'
            ? 'invalid_utf8'
            : 'bad_frame';
      audit(identity.userId, identity.remote, 'limit', result, error.message.slice(0, 200));
    });
    ws.on('close', () => {
      clearTimeout(helloTimer);
      connection.closed();
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
          log(`cannot check the tokens of live connections: ${reasonOf(cause)}`);
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
  const tokenCheck = setInterval(checkTokens, options.tokenCheckMs ?? 1000);

  const unsubscribeSource = options.source.onStatus(() => {
    for (const connection of connections) connection.sendSourceStatus();
  });
  const unsubscribe = engine.subscribe({
    deliver(delivery: Delivery) {
      const encoded = new EncodedEvent(delivery.seq, delivery.event);
      for (const connection of connections) connection.deliver(delivery, encoded);
    },
    reset() {
      for (const connection of connections) connection.resync();
    },
    settled() {
      for (const connection of connections) connection.flushDeltas();
    },
  });

  const heartbeat = setInterval(() => {
    for (const connection of connections) connection.heartbeat();
  }, options.heartbeatMs);

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  http.on('error', (error) => log(`http server: ${error.message}`));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    port,
    url: `${options.tls ? 'wss' : 'ws'}://${host}:${port}`,
    connections: () => connections.size,
    async close() {
      clearInterval(heartbeat);
      clearInterval(tokenCheck);
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

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
