/**
 * Sources: the telephony or contact-center system that owns the calls, seen by the hub. What
 * crosses the wire about them: what a source can carry out per kind of channel, and whether it
 * is connected right now (a wallboard marks the data stale while it is not).
 */
import { z } from 'zod';
import { ChannelKind, Instant } from './entities.js';

/** The supervisor actions a source may or may not be able to carry out. */
export const SourceAction = z.enum(['login', 'logout', 'pause', 'resume', 'end_wrap_up', 'monitor']);
export type SourceAction = z.infer<typeof SourceAction>;

/** Per kind of channel, the actions the source carries out; a kind that is absent has no channels on this source. */
export const SourceCapabilities = z.partialRecord(ChannelKind, z.array(SourceAction));
export type SourceCapabilities = z.infer<typeof SourceCapabilities>;

export const SourceInfo = z.object({
  /** What kind of source: `demo`, `asterisk`, `remote`. */
  kind: z.string().min(1).max(40),
  /** Its name for people ("Asterisk", "GoTo Connect"): the wallboard says "not possible on {label}". */
  label: z.string().min(1).max(80),
  /** Connected to the real system and in sync: the live data is live. */
  up: z.boolean(),
  /** Since when `up` has had its value. */
  since: Instant,
  /** Why it is down, in words for an operator (empty when up). */
  detail: z.string().max(200),
  capabilities: SourceCapabilities,
});
export type SourceInfo = z.infer<typeof SourceInfo>;

/** The hub → wallboard notice of the source's state: after the welcome, and on every change. */
export const SourceStatus = z.object({
  type: z.literal('source_status'),
  source: SourceInfo,
});
export type SourceStatus = z.infer<typeof SourceStatus>;

/** What a command needs of the source, by command type; undefined: the hub alone carries it out. */
export function sourceActionOf(commandType: string): SourceAction | undefined {
  switch (commandType) {
    case 'login':
    case 'logout':
    case 'pause':
    case 'resume':
    case 'end_wrap_up':
      return commandType;
    case 'monitor_start':
    case 'monitor_mode':
    case 'monitor_stop':
      return 'monitor';
    default:
      return undefined;
  }
}

/** May `source` carry out `action` on a channel of `kind`? */
export function sourceCan(
  source: Pick<SourceInfo, 'capabilities'>,
  kind: ChannelKind,
  action: SourceAction,
): boolean {
  return source.capabilities[kind]?.includes(action) ?? false;
}
