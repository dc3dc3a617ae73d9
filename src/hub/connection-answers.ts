/**
 * Answers a connection shapes before sending: a nack for a command frame that did not parse
 * (when enough of it says which command), and an audit page fitted to one frame.
 */
import { z } from 'zod';
import {
  type Ack,
  type ErrorCode,
  MAX_FRAME_BYTES,
  protocolError,
  type QueryResult,
} from '../protocol/index.js';

/** Enough of a command frame to answer it with an ack even when its command is invalid. */
const CommandEnvelope = z.object({ type: z.literal('command'), id: z.string().min(8).max(64) });

/** The id of a command frame whose command is invalid, if the frame is a command at all. */
export function commandEnvelope(text: string): { id: string } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = CommandEnvelope.safeParse(json);
  return parsed.success ? { id: parsed.data.id } : undefined;
}

export function nack(command: { id: string }, seq: number, code: ErrorCode, message: string): Ack {
  return { type: 'ack', id: command.id, ok: false, seq, error: protocolError(code, message) };
}

type QueryAuditEntry = Extract<QueryResult, { ok: true }>['audit'][number];

/**
 * An audit answer that fits in one frame: as many of the entries (newest first) as fit, with
 * `more: true` when some had to be left for the next page (a full page of long entries is
 * ~190 KB: the wallboard closed with 1009 and reconnected for ever).
 */
export function fittedAudit(id: string, entries: readonly QueryAuditEntry[]): QueryResult {
  const envelope = Buffer.byteLength(
    JSON.stringify({ type: 'query_result', id, ok: true, audit: [], more: true }),
  );
  let bytes = envelope;
  let count = 0;
  for (const entry of entries) {
    const size = Buffer.byteLength(JSON.stringify(entry)) + 1;
    if (bytes + size > MAX_FRAME_BYTES) break;
    bytes += size;
    count += 1;
  }
  const audit = entries.slice(0, count);
  return count < entries.length
    ? { type: 'query_result', id, ok: true, audit, more: true }
    : { type: 'query_result', id, ok: true, audit };
}
