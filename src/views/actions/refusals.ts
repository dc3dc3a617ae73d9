/**
 * Refusals in plain words: why an action is dimmed in a menu (short), and what a refused
 * command's ack means (a sentence). The codes come from the hub and from `decide`.
 */
import type { ErrorCode, ProtocolError } from '../../protocol/index.js';

/** A few words, for a dimmed menu entry. */
export const REFUSAL_WORDS: Record<ErrorCode, string> = {
  bad_message: 'the hub did not understand',
  unsupported_protocol: 'the hub speaks another protocol',
  not_ready: 'the hub is not ready',
  unauthorized: 'not signed in',
  rate_limited: 'too many commands at once',
  read_only: 'read-only sign-in',
  idempotency_conflict: 'sent twice with different content',
  internal: 'the hub failed',
  forbidden: 'not permitted',
  unknown_user: 'unknown user',
  unknown_channel: 'unknown channel',
  unknown_reason: 'unknown pause reason',
  unknown_interaction: 'the interaction is over',
  not_logged_in: 'not logged in here',
  already_logged_in: 'already logged in',
  unassigned_not_allowed: 'unassigned logins are off',
  not_paused: 'not paused',
  already_paused: 'already paused for this reason',
  already_pending: 'already pending',
  not_in_wrap_up: 'not in wrap-up',
  wrap_up_end_not_enabled: 'early end not enabled here',
  not_busy: 'agent not busy',
  not_available: 'agent not available',
  invalid_mode: 'not for this kind of channel',
  not_monitoring: 'not monitoring anyone',
  cannot_monitor_self: 'that is you',
};

/** Codes whose hub message is about the contact center (names, channels): shown as the hub words it. */
const DOMAIN_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'forbidden',
  'unknown_user',
  'unknown_channel',
  'unknown_reason',
  'unknown_interaction',
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
]);

/** A refused command, in a sentence a supervisor understands. */
export function refusalText(error: ProtocolError): string {
  if (DOMAIN_CODES.has(error.code) && error.message.trim() !== '') return error.message;
  return REFUSAL_WORDS[error.code];
}

/** A command that got no answer at all (timeout, closing). */
export function failureText(error: unknown): string {
  return error instanceof Error ? error.message : 'no answer from the hub';
}
