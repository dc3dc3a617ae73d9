/** Typed errors: every refusal has a code a program can match and a message a person can read. */
import { z } from 'zod';

/**
 * Refusals about the link and the hub itself (a frame, a token, a rate, the hub's storage): the
 * hub's message says nothing about the contact center, and a client words them itself.
 */
export const TransportErrorCode = z.enum([
  'bad_message',
  'unsupported_protocol',
  'not_ready',
  'unauthorized',
  'rate_limited',
  'read_only',
  'idempotency_conflict',
  'internal',
  /** The hub cannot save right now (a full disk, a read-only database): nothing was changed. */
  'storage_failed',
]);
export type TransportErrorCode = z.infer<typeof TransportErrorCode>;

/**
 * Refusals by the contact center's rules or its telephony system: the hub's message names the
 * people, channels and reasons involved (or, for a source, is the source's own words).
 */
export const DomainErrorCode = z.enum([
  // authorization
  'forbidden',
  // lookups
  'unknown_user',
  'unknown_channel',
  'unknown_reason',
  'unknown_interaction',
  // agent state
  'not_logged_in',
  'already_logged_in',
  'unassigned_not_allowed',
  'not_paused',
  'already_paused',
  'already_pending',
  'not_in_wrap_up',
  'wrap_up_end_not_enabled',
  'not_busy',
  'not_available',
  'invalid_mode',
  'not_monitoring',
  'cannot_monitor_self',
  // directory and admin settings
  'already_exists',
  'reason_retired',
  // sources (the telephony system that carries commands out)
  /** The source cannot do this on this kind of channel (for example: end a wrap-up on Asterisk). */
  'not_supported',
  /** The source is down (not connected): nothing was asked of it. */
  'source_unavailable',
  /** The source did not answer within 5 seconds: it may still carry the command out. */
  'source_timeout',
  /** The source refused the command; the message is its reason. */
  'source_refused',
  /** The source tried and failed; the message says why. */
  'source_failed',
]);
export type DomainErrorCode = z.infer<typeof DomainErrorCode>;

/** The domain refusals whose message is the telephony system's own words. */
export const SourceErrorCode = DomainErrorCode.extract(['source_refused', 'source_failed']);
export type SourceErrorCode = z.infer<typeof SourceErrorCode>;

/** Every code on the wire: the transport codes, then the domain codes. */
export const ErrorCode = z.enum([...TransportErrorCode.options, ...DomainErrorCode.options]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ProtocolError = z.object({
  code: ErrorCode,
  message: z.string().max(500),
});
export type ProtocolError = z.infer<typeof ProtocolError>;

export function protocolError(code: ErrorCode, message: string): ProtocolError {
  return { code, message };
}
