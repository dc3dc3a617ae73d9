/**
 * The hub's HTTP (or HTTPS) server, before any route: plain requests go to the endpoints
 * (http-endpoints.ts), upgrades to the WebSocket gate (upgrade.ts), and a connection that sends
 * no complete request within 10 s is closed, like nginx's `client_header_timeout`.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { TLS_MIN_VERSION, type TlsFiles } from './tls.js';

/** A connection that has not sent a whole request (headers) by then is closed. */
const HEADERS_TIMEOUT_MS = 10_000;

export interface HttpListener {
  http: Server;
  /** A whole request arrived on its connection: its timer stops (upgrades call this themselves). */
  requestArrived(request: IncomingMessage): void;
}

export function createListener(
  tls: TlsFiles | undefined,
  headersTimeoutMs: number | undefined,
  onRequest: (request: IncomingMessage, response: ServerResponse) => void,
): HttpListener {
  const headersTimeout = headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  const http: Server = tls
    ? createHttpsServer(
        { cert: tls.cert, key: tls.key, minVersion: TLS_MIN_VERSION, handshakeTimeout: headersTimeout },
        onRequest,
      )
    : createHttpServer(onRequest);
  // Node's own headers timeout starts at a request's first byte (a connection that sends nothing
  // was kept for ever: 16,000 were) and, checked often, destroyed sockets without closing them
  // here. So every connection gets this long to send a whole request, on a timer of its own.
  const untilRequest = new WeakMap<Duplex, NodeJS.Timeout>();
  http.on(tls ? 'secureConnection' : 'connection', (socket: Duplex) => {
    const timer = setTimeout(() => socket.destroy(), headersTimeout);
    untilRequest.set(socket, timer);
    socket.once('close', () => clearTimeout(timer));
  });
  const requestArrived = (request: IncomingMessage) => clearTimeout(untilRequest.get(request.socket));
  http.on('request', requestArrived);
  return { http, requestArrived };
}
