/**
 * What the parts of the hub's server share: its options and limits, its figures, the open
 * connections, the sign-in failures per address, and the audit of refusals.
 */
import type { AuditAction, AuditResult } from '../protocol/index.js';
import type { CommandRunner } from './command-runner.js';
import type { Engine } from './engine.js';
import { DEFAULT_LIMITS, FailureWindow, type Limits } from './limits.js';
import type { HubLog } from './log.js';
import { HubMetrics } from './metrics.js';
import { OpenConnections } from './open-connections.js';
import { RefusalLog, type RefusalRecord } from './refusal-log.js';
import type { RemoteSource } from './sources/remote/remote-source.js';
import type { SourceLink } from './sources/source-link.js';
import type { TlsFiles } from './tls.js';
import type { Tokens } from './tokens.js';

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
  /** Bytes a client may leave unread before it is closed with 1013 (connection-outbox.ts has the default). */
  sendBufferBytes?: number;
  /** A connection that sends no whole request in this long is closed (10 s by default). */
  headersTimeoutMs?: number;
  /** The hub's figures (a new registry by default). */
  metrics?: HubMetrics;
  /** Answer `GET /metrics` on this port (true by default; false when it has a port of its own). */
  metricsHere?: boolean;
}

/** Records a row of the hub's own in the audit log (its target is the hub). */
type ServerAudit = (
  actorId: string,
  remote: string,
  action: AuditAction,
  result: AuditResult,
  detail: string,
) => void;

export interface ServerScope {
  options: ServerOptions;
  limits: Limits;
  metrics: HubMetrics;
  open: OpenConnections;
  /** Failed sign-ins per address: too many in a minute and the address is refused for a minute. */
  authFailures: FailureWindow;
  /** Refusals before a sign-in, logged and audited once per address, reason and minute. */
  refusals: RefusalLog;
  audit: ServerAudit;
}

export function serverScope(options: ServerOptions): ServerScope {
  const { engine, log } = options;
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const audit: ServerAudit = (actorId, remote, action, result, detail) =>
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
  return {
    options,
    limits,
    metrics: options.metrics ?? new HubMetrics(),
    open: new OpenConnections(),
    authFailures: new FailureWindow(limits.authFailuresPerMinute),
    refusals,
    audit,
  };
}
