/**
 * The gate of the hub's WebSockets: every `upgrade` request is checked before a WebSocket
 * exists — sign-in failures per address, the Origin allowlist, the sign-in itself, connection
 * limits — then routed by path: `/source` to the remote source, any other path to a wallboard
 * connection. A refusal is an HTTP answer (401, 403, 409, 429, 503) and a closed socket.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { AuditAction, AuditResult } from '../protocol/index.js';
import type { SignIn } from './identity.js';
import { checkOrigin } from './origin.js';
import type { ServerScope } from './server-scope.js';
import { signInSource, signInWallboard } from './sign-in.js';

/** Where remote sources connect; wallboards use any other path. */
const SOURCE_PATH = '/source';

/** The two WebSocket servers requests are upgraded to, and what takes a new wallboard. */
export interface UpgradeTargets {
  wallboards: WebSocketServer;
  sources: WebSocketServer;
  attach(ws: WebSocket, signIn: SignIn): void;
}

type Refusal = { actorId: string; remote: string; action: AuditAction; result: AuditResult; detail: string };

export function upgradeHandler(
  scope: ServerScope,
  targets: UpgradeTargets,
): (request: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const { options, limits, metrics, open, authFailures, refusals } = scope;
  const allowOrigins = options.allowOrigins ?? [];
  const refuseCounted = (
    socket: Duplex,
    key: string,
    refusal: Refusal,
    answer: [status: number, text: string, header?: string],
  ) => {
    metrics.refused(refusal.result);
    refusals.note({ key, ...refusal }, options.now());
    refuse(socket, ...answer);
  };

  return (request, socket, head) => {
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
    const signIn = signInWallboard(scope, request, remote, address, now);
    if (!signIn) {
      authFailures.record(address, now);
      return refuse(socket, 401, 'Unauthorized', 'www-authenticate: Bearer realm="ccwall"');
    }
    const { userId } = signIn.identity;
    if (open.size >= limits.maxConnections)
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
    const held = open.heldBy(userId);
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
    targets.wallboards.handleUpgrade(request, socket, head, (ws) => targets.attach(ws, signIn));
  };

  /** A source process signing in on `/source`: only with a source token, only on a hub with a remote source. */
  function upgradeSource(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    remote: string,
    address: string,
    now: number,
  ): void {
    const signIn = signInSource(scope, request, remote, address, now);
    if (!signIn) {
      authFailures.record(address, now);
      return refuse(socket, 401, 'Unauthorized', 'www-authenticate: Bearer realm="ccwall source"');
    }
    const { name, tokenHash } = signIn;
    const remoteSource = options.remoteSource;
    if (!remoteSource) {
      scope.audit(`source/${name}`, remote, 'authenticate', 'denied', 'this hub takes no remote source');
      return refuse(socket, 409, 'Conflict');
    }
    scope.audit(`source/${name}`, remote, 'authenticate', 'ok', `source ${name}`);
    targets.sources.handleUpgrade(request, socket, head, (ws) =>
      remoteSource.attach(ws, { name, remote, tokenHash }),
    );
  }
}

/** Answers an upgrade with an HTTP error and closes the socket: no WebSocket is ever opened. */
function refuse(socket: Duplex, status: number, text: string, header?: string): void {
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\n${header ? `${header}\r\n` : ''}Connection: close\r\nContent-Length: 0\r\n\r\n`,
  );
}

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
