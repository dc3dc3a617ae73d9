/**
 * What the audit log records: an action and its result, as closed sets. The hub writes only
 * these, and the wallboard's catalogue has words for each (a Record over them: an action added
 * here without words fails the typecheck, instead of showing its id on screen).
 */
import { z } from 'zod';
import { ErrorCode } from './errors.js';

export const AuditAction = z.enum([
  // A client's command (every command type: the hub records `command.type`).
  'login',
  'logout',
  'pause',
  'resume',
  'end_wrap_up',
  'monitor_start',
  'monitor_mode',
  'monitor_stop',
  'set_org_settings',
  'set_channel_settings',
  'add_pause_reason',
  'rename_pause_reason',
  'retire_pause_reason',
  'restore_pause_reason',
  /** A sign-in (a wallboard's token, or a remote source's). */
  'authenticate',
  /** A connection closed by the hub (the token revoked, the user removed, no hello). */
  'session',
  /** A connection limit reached (frames, connections, a slow consumer, bad frames). */
  'limit',
  /** Too many commands and queries a second. */
  'rate_limit',
  /** A directory file applied (`ccwall center apply`, or the hub's watched file). */
  'directory_apply',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/** Results that are not a refusal's error code. */
export const AuditOutcome = z.enum([
  'ok',
  /** A command id seen before, for the same command: answered again, not applied twice. */
  'duplicate',
  'denied',
  'closed',
  'origin_refused',
  'hello_timeout',
  'auth_throttled',
  'too_many_connections',
  'too_many_frames',
  'bad_frames',
  'slow_consumer',
  'frame_too_large',
  'invalid_utf8',
  'bad_frame',
]);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

/** An outcome, or the error code a command was refused with. */
export const AuditResult = z.enum([...AuditOutcome.options, ...ErrorCode.options]);
export type AuditResult = z.infer<typeof AuditResult>;
