/**
 * The hub's figures for Prometheus (`GET /metrics`, text format, made by prom-client): who is
 * connected, what crosses the wire, commands and how long they take, fan-out, events, refusals,
 * storage writes and the degraded state, plus Node's own (CPU, memory, event-loop delay). Each
 * hub has its own registry. Labels are kinds and outcomes, never a user, an address or an id:
 * the figures reveal no user data.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds: 0.5 ms up to 5 s. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export type ConnectionRole = 'admin' | 'supervisor' | 'agent' | 'none';

export class HubMetrics {
  readonly registry = new Registry();
  private readonly connections = new Gauge({
    name: 'ccwall_connections',
    help: 'Open wallboard connections, by the highest role of the signed-in user',
    labelNames: ['role'] as const,
    registers: [this.registry],
  });
  private readonly framesIn = new Counter({
    name: 'ccwall_frames_received_total',
    help: 'WebSocket frames received from clients',
    registers: [this.registry],
  });
  private readonly bytesIn = new Counter({
    name: 'ccwall_received_bytes_total',
    help: 'Bytes of WebSocket frames received from clients',
    registers: [this.registry],
  });
  private readonly framesOut = new Counter({
    name: 'ccwall_frames_sent_total',
    help: 'WebSocket frames sent to clients',
    registers: [this.registry],
  });
  private readonly bytesOut = new Counter({
    name: 'ccwall_sent_bytes_total',
    help: 'Bytes of WebSocket frames sent to clients',
    registers: [this.registry],
  });
  private readonly commands = new Counter({
    name: 'ccwall_commands_total',
    help: 'Commands answered, by command type and result (ok, or the error code)',
    labelNames: ['type', 'result'] as const,
    registers: [this.registry],
  });
  private readonly commandSeconds = new Histogram({
    name: 'ccwall_command_duration_seconds',
    help: 'From a command frame received to its ack sent',
    labelNames: ['type'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly fanoutSeconds = new Histogram({
    name: 'ccwall_fanout_duration_seconds',
    help: 'Handing one step of events (a command, a batch of traffic, a tick) to every connection, until written',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly events = new Counter({
    name: 'ccwall_events_total',
    help: 'Events applied to the live state (rate() of it: events a second)',
    registers: [this.registry],
  });
  private readonly slowConsumers = new Counter({
    name: 'ccwall_slow_consumers_total',
    help: 'Connections closed (1013) for leaving too much unread',
    registers: [this.registry],
  });
  private readonly refusals = new Counter({
    name: 'ccwall_refusals_total',
    help: 'Connections and frames refused or closed by a check or a limit, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  private readonly storageSeconds = new Histogram({
    name: 'ccwall_storage_write_duration_seconds',
    help: 'One write transaction to the database',
    labelNames: ['result'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly degraded = new Gauge({
    name: 'ccwall_storage_degraded',
    help: '1 while the hub cannot save (it refuses changes), 0 otherwise',
    registers: [this.registry],
  });

  /** `processMetrics`: Node's own figures too (CPU, memory, event-loop delay, GC), on by default. */
  constructor(processMetrics = true) {
    if (processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'ccwall_' });
    this.degraded.set(0);
    for (const role of ['admin', 'supervisor', 'agent', 'none'] as const)
      this.connections.labels(role).set(0);
  }

  connectionOpened(role: ConnectionRole): void {
    this.connections.labels(role).inc();
  }

  connectionClosed(role: ConnectionRole): void {
    this.connections.labels(role).dec();
  }

  received(bytes: number): void {
    this.framesIn.inc();
    this.bytesIn.inc(bytes);
  }

  sent(bytes: number): void {
    this.framesOut.inc();
    this.bytesOut.inc(bytes);
  }

  commandAnswered(type: string, result: string, seconds: number): void {
    this.commands.labels(type, result).inc();
    this.commandSeconds.labels(type).observe(seconds);
  }

  fannedOut(seconds: number, events: number): void {
    this.fanoutSeconds.observe(seconds);
    this.events.inc(events);
  }

  slowConsumer(): void {
    this.slowConsumers.inc();
  }

  refused(reason: string): void {
    this.refusals.labels(reason).inc();
  }

  storageWrite(seconds: number, ok: boolean): void {
    this.storageSeconds.labels(ok ? 'ok' : 'failed').observe(seconds);
  }

  setDegraded(degraded: boolean): void {
    this.degraded.set(degraded ? 1 : 0);
  }

  /** The text exposition (what `GET /metrics` answers). */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** The highest of a user's roles, for the connections gauge. */
export function connectionRole(roles: readonly string[]): ConnectionRole {
  if (roles.includes('admin')) return 'admin';
  if (roles.includes('supervisor')) return 'supervisor';
  if (roles.includes('agent')) return 'agent';
  return 'none';
}
