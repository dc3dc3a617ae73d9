/**
 * What the hub answers to plain HTTP (everything else is a WebSocket upgrade):
 *
 * - `GET /healthz`: 200 when the hub can save and its source (if any) is up, 503 otherwise,
 *   with a small JSON body: `{status, storage, source, connections}`. For a load balancer, a
 *   systemd watchdog script or a monitoring probe.
 * - `GET /metrics`: the Prometheus text format (metrics.ts), unless it has a port of its own.
 * - anything else: 426, "connect with a WebSocket client".
 *
 * Neither reveals any user data: no names, ids, addresses or tokens, only counts and states.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { SourceInfo } from '../protocol/index.js';
import type { HubHealth } from './hub-health.js';
import type { HubMetrics } from './metrics.js';
import { reasonOf } from './storage-error.js';

export interface HealthReport {
  status: 'ok' | 'degraded';
  storage: { ok: true } | { ok: false; since: string; detail: string };
  /** The telephony system the hub mirrors (`demo`, `asterisk`, `remote`): up, since when, why not. */
  source: { kind: string; up: boolean; since: string; detail: string };
  connections: number;
}

/** What `/healthz` says of the hub's storage, its source and its connections. */
export function healthReport(storage: HubHealth, source: SourceInfo, connections: number): HealthReport {
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
    connections,
  };
}

interface HttpEndpoints {
  health: () => HealthReport;
  /** Absent: `/metrics` is served elsewhere (`--metrics-port`). */
  metrics: HubMetrics | undefined;
}

export function answerHttp(
  request: IncomingMessage,
  response: ServerResponse,
  endpoints: HttpEndpoints,
): void {
  const path = (request.url ?? '/').split('?')[0];
  const readOnly = request.method === 'GET' || request.method === 'HEAD';
  if (path === '/healthz' && readOnly) {
    const report = endpoints.health();
    const body = `${JSON.stringify(report)}\n`;
    response.writeHead(report.status === 'ok' ? 200 : 503, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
    return;
  }
  if (path === '/metrics' && readOnly && endpoints.metrics) {
    serveMetrics(request, response, endpoints.metrics);
    return;
  }
  response.writeHead(426, { 'content-type': 'text/plain; charset=utf-8', upgrade: 'websocket' });
  response.end('ccwall hub: connect with a WebSocket client (see docs/protocol.md)\n');
}

/** `GET /metrics` (on the hub's port, or on a server of its own). */
function serveMetrics(request: IncomingMessage, response: ServerResponse, metrics: HubMetrics): void {
  metrics.text().then(
    (text) => {
      response.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : text);
    },
    (cause: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`cannot collect the metrics: ${reasonOf(cause)}\n`);
    },
  );
}

/** `GET /metrics` on a port of its own (`--metrics-port`), plain HTTP. */
export async function listenForMetrics(
  metrics: HubMetrics,
  host: string,
  port: number,
): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    if ((request.url ?? '/').split('?')[0] === '/metrics') return serveMetrics(request, response, metrics);
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('only /metrics here\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return { server, url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}/metrics` };
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
