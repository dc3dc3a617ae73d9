/** What `decide` answers: the events that carry out a command, or the typed error that refuses it. */
import { type CenterEvent, type ErrorCode, type ProtocolError, protocolError } from '../protocol/index.js';

export type Decision = { ok: true; events: CenterEvent[] } | { ok: false; error: ProtocolError };

export const refuse = (code: ErrorCode, message: string): Decision => ({
  ok: false,
  error: protocolError(code, message),
});

/** Accepted: these events carry it out (none: what was asked for already holds). */
export const accept = (...events: CenterEvent[]): Decision => ({ ok: true, events });
