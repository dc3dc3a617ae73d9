/**
 * The hub's network side: an HTTP server whose `upgrade` requests are authenticated
 * (`Authorization: Bearer <token>`) before a WebSocket exists, then one Connection per
 * wallboard, fed by the engine. Frames are limited to 64 KiB, without compression.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { CloseCode, MAX_FRAME_BYTES } from '../protocol/index.js';
import { Connection, type ConnectionContext, type Identity } from './connection.js';
import type { Delivery, Engine } from './engine.js';
import { reasonOf } from './storage-error.js';
import type { Tokens } from './tokens.js';

export interface ServerOptions {
  host: string;
  port: number;
  engine: Engine;
  tokens: Tokens;
  hub: { name: string; version: string };
  heartbeatMs: number;
  /** A connection that has not said hello by then is closed (4001). */
  helloTimeoutMs: number;
  now: () => number;
  log: (line: string) => void;
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
  const connections = new Set<Connection>();
  const context: ConnectionContext = {
    engine,
    hub: options.hub,
    heartbeatMs: options.heartbeatMs,
    now: options.now,
    log,
  };

  const http = createServer((_request, response) => {
    response.writeHead(426, { 'content-type': 'text/plain; charset=utf-8', upgrade: 'websocket' });
    response.end('ccwall hub: connect with a WebSocket client (see docs/protocol.md)\n');
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const remote = remoteOf(request);
    const identity = authenticate(request, remote);
    if (!identity) return refuse(socket);
    wss.handleUpgrade(request, socket, head, (ws) => attach(ws, identity));
  });

  function authenticate(request: IncomingMessage, remote: string): Identity | undefined {
    const now = options.now();
    try {
      const check = tokens.verify(bearerToken(request.headers.authorization), now);
      const audit = (actorId: string, result: string, detail: string) =>
        engine.recordAudit({
          at: now,
          actorId,
          remote,
          action: 'authenticate',
          target: 'hub',
          result,
          detail,
        });
      if (!check.ok) {
        audit('-', 'denied', check.id ? `token ${check.id}: ${check.reason}` : `token ${check.reason}`);
        return undefined;
      }
      if (!engine.state.users.has(check.userId)) {
        audit(check.userId, 'denied', `token ${check.id}: unknown user`);
        return undefined;
      }
      return { userId: check.userId, readOnly: check.readOnly, remote };
    } catch (cause) {
      log(`cannot check a token: ${reasonOf(cause)}`);
      return undefined;
    }
  }

  function attach(ws: WebSocket, identity: Identity): void {
    const connection = new Connection(ws, identity, context);
    connections.add(connection);
    const helloTimer = setTimeout(() => {
      if (!connection.ready) connection.close(CloseCode.helloTimeout, 'no hello received');
    }, options.helloTimeoutMs);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      try {
        connection.receive(isBinary ? undefined : textOf(data));
      } catch (cause) {
        log(`${identity.remote}: frame handling failed: ${reasonOf(cause)}`);
      }
    });
    ws.on('pong', () => connection.pong());
    ws.on('error', (error) => log(`${identity.remote}: ${error.message}`));
    ws.on('close', () => {
      clearTimeout(helloTimer);
      connection.closed();
      connections.delete(connection);
    });
  }

  const unsubscribe = engine.subscribe({
    deliver(delivery: Delivery) {
      let json: string | undefined;
      const eventJson = () => {
        json ??= JSON.stringify(delivery.event);
        return json;
      };
      for (const connection of connections) connection.deliver(delivery, eventJson);
    },
    reset() {
      for (const connection of connections) connection.resync();
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
    url: `ws://${host}:${port}`,
    connections: () => connections.size,
    async close() {
      clearInterval(heartbeat);
      unsubscribe();
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

function refuse(socket: Duplex): void {
  socket.once('finish', () => socket.destroy());
  socket.end(
    'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm="ccwall"\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
  );
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
