/**
 * The remote-source protocol: how a process anywhere (a bridge to GoTo Connect, Genesys Cloud,
 * Amazon Connect, Twilio Flex, a home-made ACD…) becomes the hub's source. JSON text frames on a
 * WebSocket to the hub's `/source` path, signed in with a source token (`ccwall token create
 * --source NAME`). See docs/sources.md.
 *
 * source → hub: hello, then resync (the whole live picture), then events (each with an id: a
 *   replayed id is applied once), health, answers to the hub's execute requests, heartbeats.
 * hub → source: welcome (with the directory), directory (when it changes), execute, result (of a
 *   resync or a batch of events), resync_request, error, heartbeat.
 */
import { z } from 'zod';
import { Command } from './commands.js';
import { AgentSession, Interaction, MonitorSession } from './entities.js';
import { ProtocolError } from './errors.js';
import { CenterEvent } from './events.js';
import { SnapshotData } from './messages.js';
import { SourceCapabilities } from './sources.js';

export const SOURCE_PROTOCOL_VERSION = 1;
/** The largest frame either end accepts on a source's connection (a resync of a large center). */
export const MAX_SOURCE_FRAME_BYTES = 16 * 1024 * 1024;
/** At most this many events in one `events` frame. */
export const MAX_EVENTS_PER_FRAME = 10_000;

/** A source-chosen id: of an event (for idempotent replays), a resync, or a hub request. */
const MessageId = z.string().min(1).max(128);

// ---------------------------------------------------------------- source → hub

export const SourceHello = z.strictObject({
  type: z.literal('hello'),
  protocol: z.number().int(),
  /** The system's name for people: "not possible on {label}" ("GoTo Connect"). */
  label: z.string().min(1).max(80),
  /** Per kind of channel, the actions this source carries out (absent kind: no such channels). */
  capabilities: SourceCapabilities,
});

/** The whole live picture: after hello, and after the source lost its own system and got it back. */
export const SourceResync = z.strictObject({
  type: z.literal('resync'),
  id: MessageId,
  sessions: z.array(AgentSession),
  interactions: z.array(Interaction),
  /** Ids of the active devices; every other device is inactive. */
  activeDevices: z.array(z.string().max(64)),
  /** Monitors going on now; omitted: the hub keeps its own. */
  monitors: z.array(MonitorSession).optional(),
});

export const SourceEventItem = z.strictObject({
  /** Unique per event and stable across replays: a repeated id is not applied again. */
  id: MessageId,
  event: CenterEvent,
});

export const SourceEvents = z.strictObject({
  type: z.literal('events'),
  /** Echoed in the hub's `result`. */
  id: MessageId,
  events: z.array(SourceEventItem).min(1).max(MAX_EVENTS_PER_FRAME),
});

/** The source's own link to its system: down makes every wallboard show "telephony down". */
export const SourceHealth = z.strictObject({
  type: z.literal('health'),
  up: z.boolean(),
  detail: z.string().max(200).optional(),
});

/** The answer to an `execute` request. */
export const SourceAnswerMessage = z.strictObject({
  type: z.literal('answer'),
  /** The request's id. */
  id: MessageId,
  outcome: z.enum(['done', 'refused', 'failed']),
  /** Why it was refused or failed, in the system's own words (shown to the supervisor). */
  reason: z.string().max(300).optional(),
  /**
   * With `done`: the hub applies the command's effect itself instead of waiting for the source's
   * events (for a source that is its own system of record).
   */
  apply: z.boolean().optional(),
});

export const SourceHeartbeat = z.strictObject({ type: z.literal('heartbeat') });

export const SourceMessage = z.discriminatedUnion('type', [
  SourceHello,
  SourceResync,
  SourceEvents,
  SourceHealth,
  SourceAnswerMessage,
  SourceHeartbeat,
]);
export type SourceMessage = z.infer<typeof SourceMessage>;

// ---------------------------------------------------------------- hub → source

/** The directory a source maps its system onto: devices by `address`, channels by id (and `asterisk`). */
export const SourceDirectory = SnapshotData.pick({
  users: true,
  devices: true,
  channels: true,
  assignments: true,
  pauseReasons: true,
  org: true,
});
export type SourceDirectory = z.infer<typeof SourceDirectory>;

export const SourceWelcome = z.strictObject({
  type: z.literal('welcome'),
  protocol: z.number().int(),
  /** The source's name (from its token). */
  name: z.string().max(64),
  directory: SourceDirectory,
  /** Milliseconds between the hub's heartbeats. */
  heartbeatMs: z.number().int().positive(),
});

/** The directory changed (the organisation's file was applied again): the whole of it. */
export const SourceDirectoryMessage = z.strictObject({
  type: z.literal('directory'),
  directory: SourceDirectory,
});

/** Carry this out on the real system, then `answer` with the same id (within 5 s). */
export const SourceExecute = z.strictObject({
  type: z.literal('execute'),
  id: MessageId,
  command: Command,
  /** Who asked: a user id, or `system`. */
  actorId: z.string().max(64),
  /** `command`: a user's, now; `pending`: a pending logout or pause the hub applied as an interaction ended. */
  why: z.enum(['command', 'pending']),
  /** The events the hub's rules expect the command to cause (empty for `pending`). */
  expected: z.array(CenterEvent),
});

/** What became of a resync or a batch of events. */
export const SourceResult = z.strictObject({
  type: z.literal('result'),
  /** The resync's or the batch's id. */
  id: MessageId,
  /** Events (or resync changes) applied. */
  applied: z.number().int().nonnegative(),
  /** Events whose id was already applied (replays): skipped. */
  duplicates: z.number().int().nonnegative(),
  /** Events refused, each with the reason; they changed nothing. */
  refused: z.array(z.strictObject({ id: z.string(), reason: z.string().max(300) })),
});

/** The hub lost live events (it could not save them for a while): send a `resync` again. */
export const SourceResyncRequest = z.strictObject({ type: z.literal('resync_request') });

export const SourceError = z.strictObject({
  type: z.literal('error'),
  error: ProtocolError,
});

export const HubSourceHeartbeat = z.strictObject({ type: z.literal('heartbeat'), at: z.number().int() });

export const HubToSourceMessage = z.discriminatedUnion('type', [
  SourceWelcome,
  SourceDirectoryMessage,
  SourceExecute,
  SourceResult,
  SourceResyncRequest,
  SourceError,
  HubSourceHeartbeat,
]);
export type HubToSourceMessage = z.infer<typeof HubToSourceMessage>;
