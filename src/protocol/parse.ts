/** Parsing frames off the wire: never cast, always parse, always a readable error. */
import { type ZodType, z } from 'zod';
import { type ProtocolError, protocolError } from './errors.js';
import { ClientMessage, HubMessage } from './messages.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };

/** Parses a JSON text frame with a schema; a bad frame yields a `bad_message` error saying what is wrong. */
export function parseFrame<T>(schema: ZodType<T>, frame: string): Parsed<T> {
  let json: unknown;
  try {
    json = JSON.parse(frame);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return { ok: false, error: protocolError('bad_message', `not JSON: ${reason}`.slice(0, 500)) };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: protocolError('bad_message', z.prettifyError(result.error).slice(0, 500)) };
}

export const parseClientMessage = (frame: string): Parsed<ClientMessage> => parseFrame(ClientMessage, frame);
export const parseHubMessage = (frame: string): Parsed<HubMessage> => parseFrame(HubMessage, frame);
