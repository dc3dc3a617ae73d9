/**
 * What a connection writes to its wallboard: text frames, and the deltas of a step batched into
 * one frame. A wallboard that lets too much pile up unread (a slow consumer) is closed with 1013
 * and must resume.
 */
import type { WebSocket } from 'ws';
import type { AuditAction, AuditResult } from '../protocol/index.js';
import { CloseCode, MAX_FRAME_BYTES } from '../protocol/index.js';
import { deltaFrame, deltasFrame, type EncodedEvent } from './encoded-event.js';
import type { Identity } from './identity.js';
import type { HubLog } from './log.js';
import type { HubMetrics } from './metrics.js';

/** What the outbox needs of its connection's context. */
export interface OutboxContext {
  log: HubLog;
  metrics?: HubMetrics | undefined;
  /** The slow-consumer bound: SEND_BUFFER_LIMIT by default. */
  sendBufferBytes?: number | undefined;
  audit?:
    | ((identity: Identity, action: AuditAction, result: AuditResult, detail: string) => void)
    | undefined;
}

/** What a `delta` or `deltas` frame adds to its items, at the most. */
const DELTAS_FRAME_BYTES = 80;

/**
 * A client that lets this much pile up unread is closed (1013) and must resume. Counted is what
 * waits in this process (ws's queue and the socket's); the kernel's buffers fill first.
 */
const SEND_BUFFER_LIMIT = 8 * 1024 * 1024;
/**
 * A slow consumer closed with 1013 has this long to read up to the close frame; then its socket
 * is destroyed, and with it what the hub still holds for it (ws would wait 30 s).
 */
const SLOW_CONSUMER_GRACE_MS = 5_000;

export class ConnectionOutbox {
  /** The position of the last event sent (in a snapshot, a resume or a delta, queued or not). */
  lastSent = 0;
  /** Deltas not yet written, sent as one frame by `flushDeltas` (after each step of the engine). */
  private batch: EncodedEvent[] = [];
  /** What the first delta of `batch` follows. */
  private batchPrev = 0;
  /** The UTF-8 size of the batch's items, their separators included. */
  private batchBytes = 0;

  constructor(
    private readonly ws: WebSocket,
    private readonly identity: Identity,
    private readonly ctx: OutboxContext,
    /** Closes the connection (a slow consumer). */
    private readonly close: (code: number, reason: string) => void,
  ) {}

  /** Forgets the queued deltas (a snapshot that includes them is being sent). */
  dropQueued(): void {
    this.batch = [];
  }

  /**
   * Queues one delta (the event serialised once for every connection); `flushDeltas` writes
   * what is queued as one frame. A run that would not fit in a frame is split. False for an
   * event too large for any frame: the connection sends a fresh snapshot instead.
   */
  queueDelta(event: EncodedEvent): boolean {
    const bytes = event.item.length + 1;
    if (bytes + DELTAS_FRAME_BYTES > MAX_FRAME_BYTES) return false;
    if (this.batchBytes + bytes + DELTAS_FRAME_BYTES > MAX_FRAME_BYTES) this.flushDeltas();
    if (this.batch.length === 0) {
      this.batchPrev = this.lastSent;
      this.batchBytes = 0;
    }
    this.batch.push(event);
    this.batchBytes += bytes;
    this.lastSent = event.seq;
    return true;
  }

  /**
   * Writes the queued deltas: `{"type":"delta",…}` for one, `{"type":"deltas",…}` for more (one
   * frame for a whole step of traffic instead of one per event: a tenth of the frames at 2,000
   * events a second). Called after every step of the engine and before any other message, so
   * the order on the wire is the order of the events, acks and heartbeats.
   */
  flushDeltas(): void {
    const batch = this.batch;
    if (batch.length === 0) return;
    this.batch = [];
    const [first] = batch;
    this.sendText(
      batch.length === 1 && first ? deltaFrame(this.batchPrev, first) : deltasFrame(this.batchPrev, batch),
    );
  }

  /** A text frame (a string, or its UTF-8 bytes). */
  sendText(frame: string | Buffer): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    const buffered = this.ws.bufferedAmount;
    if (buffered > (this.ctx.sendBufferBytes ?? SEND_BUFFER_LIMIT)) {
      this.ctx.log(
        `${this.identity.remote}: too far behind (${buffered} bytes unread), closed with 1013`,
        'warn',
      );
      this.ctx.metrics?.slowConsumer();
      this.ctx.audit?.(this.identity, 'limit', 'slow_consumer', `${buffered} bytes unread: closed 1013`);
      this.close(CloseCode.tryAgainLater, 'too far behind: reconnect and resume');
      const ws = this.ws;
      setTimeout(() => {
        if (ws.readyState !== ws.CLOSED) ws.terminate();
      }, SLOW_CONSUMER_GRACE_MS).unref();
      return;
    }
    this.ctx.metrics?.sent(typeof frame === 'string' ? Buffer.byteLength(frame) : frame.length);
    this.ws.send(frame, { binary: false });
  }
}
