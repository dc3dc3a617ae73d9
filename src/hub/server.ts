/**
 * The hub's network side: an HTTP (or HTTPS) server (http-listener.ts) whose `upgrade`
 * requests are checked before a WebSocket exists (upgrade.ts, sign-in.ts), then one Connection
 * per wallboard (wallboard-socket.ts), fed by the engine. Frames are limited to 64 KiB, without
 * compression; commands and frames are rate limited per connection; the tokens of live
 * connections are checked again every second or so (a revoked or expired token is closed 1008).
 * Every refusal is counted and recorded in the audit log, with the remote address, never a
 * token; those before a sign-in once per address and minute (refusal-log.ts). Plain HTTP
 * requests get `/healthz` and `/metrics` (http-endpoints.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import {
  CloseCode,
  FIGURES_INTERVAL_MS,
  MAX_FRAME_BYTES,
  MAX_SOURCE_FRAME_BYTES,
} from '../protocol/index.js';
import { Audience } from './audience.js';
import type { Connection, ConnectionContext } from './connection.js';
import type { Delivery } from './delivery.js';
import { EncodedEvent } from './encoded-event.js';
import { FanOutWriter } from './fan-out-writer.js';
import { FiguresFeed } from './figures-feed.js';
import { answerHttp, type HealthReport, healthReport } from './http-endpoints.js';
import { createListener } from './http-listener.js';
import type { HubHealth } from './hub-health.js';
import { type ServerOptions, type ServerScope, serverScope } from './server-scope.js';
import { recheckTokens } from './sign-in.js';
import { checkTls, TLS_MIN_VERSION, type TlsFiles } from './tls.js';
import { upgradeHandler } from './upgrade.js';
import { attachWallboard } from './wallboard-socket.js';

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
  const { engine, log } = options;
  const scope = serverScope(options);
  const { metrics, open, refusals } = scope;
  const audience = new Audience<Connection>();
  const context = connectionContext(scope, audience);
  const health = (): HealthReport => healthReport(engine.health, options.source.info, open.size);
  const onRequest = (request: IncomingMessage, response: ServerResponse) =>
    answerHttp(request, response, { health, metrics: options.metricsHere === false ? undefined : metrics });
  const { http, requestArrived } = createListener(options.tls, options.headersTimeoutMs, onRequest);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const sourceServer = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_SOURCE_FRAME_BYTES,
    perMessageDeflate: false,
  });
  const onUpgrade = upgradeHandler(scope, {
    wallboards: wss,
    sources: sourceServer,
    attach: (ws, signIn) => attachWallboard(scope, context, ws, signIn),
  });
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    requestArrived(request);
    onUpgrade(request, socket, head);
  });

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
    for (const connection of open) connection.sendSourceStatus();
  });
  const tokenCheck = setInterval(() => {
    recheckTokens(scope);
    refusals.flush(options.now());
  }, options.tokenCheckMs ?? 1000);

  let stepStarted: number | undefined;
  let stepEvents = 0;
  // A step's deltas are queued during the step and written after it, in slices (fan-out-writer.ts).
  const writer = new FanOutWriter(
    () => open,
    () => {
      if (stepStarted !== undefined) metrics.fannedOut((performance.now() - stepStarted) / 1000, stepEvents);
      stepStarted = undefined;
      stepEvents = 0;
    },
  );
  const unsubscribe = engine.subscribe({
    deliver(delivery: Delivery) {
      stepStarted ??= performance.now();
      stepEvents += 1;
      const encoded = new EncodedEvent(delivery.seq, delivery.event);
      // First those whose scope the event may change (a snapshot, a close), then those it reaches.
      const { scopeChanges } = delivery;
      if (scopeChanges === 'all') for (const connection of [...open]) connection.rescope(delivery);
      else
        for (const userId of scopeChanges)
          for (const connection of audience.ofUser(userId)) connection.rescope(delivery);
      audience.reach(delivery.route, (connection) => connection.deliver(delivery, encoded));
    },
    reset() {
      for (const connection of open) connection.resync();
    },
    settled() {
      writer.stepSettled();
    },
    status(status: HubHealth) {
      metrics.setDegraded(status.degraded);
      for (const connection of open) connection.hubStatus(status);
    },
  });
  metrics.setDegraded(engine.health.degraded);

  const heartbeat = setInterval(() => {
    for (const connection of open) connection.heartbeat();
  }, options.heartbeatMs);
  const figuresTick = setInterval(() => {
    for (const connection of open) connection.sendFigures();
  }, FIGURES_INTERVAL_MS);
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    port,
    url: `${options.tls ? 'wss' : 'ws'}://${host}:${port}`,
    connections: () => open.size,
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
      clearInterval(figuresTick);
      clearInterval(tokenCheck);
      refusals.flush(options.now(), true);
      unsubscribe();
      unsubscribeSource();
      writer.writeNow();
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
      for (const connection of open) connection.close(CloseCode.goingAway, 'hub shutting down');
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

/** What every wallboard connection is given: the engine, the commands, and the server's limits and audit. */
function connectionContext(scope: ServerScope, audience: Audience<Connection>): ConnectionContext {
  const { options, limits, metrics, open, audit } = scope;
  return {
    audience,
    engine: options.engine,
    commands: options.commands,
    sourceInfo: () => options.source.info,
    hub: options.hub,
    heartbeatMs: options.heartbeatMs,
    now: options.now,
    log: options.log,
    metrics,
    figures: new FiguresFeed(options.engine, options.now),
    ...(options.sendBufferBytes === undefined ? {} : { sendBufferBytes: options.sendBufferBytes }),
    audit: (identity, action, result, detail) => {
      if (action === 'limit' || result === 'hello_timeout') metrics.refused(result);
      audit(identity.userId, identity.remote, action, result, detail);
    },
    admit(connection, kind) {
      const stream = open.commandStream(connection);
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
}
