/**
 * The wire protocol between a wallboard (client) and a hub: JSON text frames,
 * one message per frame, each parsed with these schemas on arrival.
 *
 * A connection: hello → welcome → snapshot (one or more parts) or resumed →
 * deltas, heartbeats, and an ack for every command; or, in the figures view (figures.ts),
 * hello → welcome → figures about once a second. See docs/protocol.md.
 */
import { z } from 'zod';
import { AuditAction, AuditResult } from './audit.js';
import { Command } from './commands.js';
import {
  AgentSession,
  Assignment,
  Channel,
  ChannelStats,
  Device,
  Instant,
  Interaction,
  MonitorSession,
  OrgSettings,
  PauseReason,
  User,
} from './entities.js';
import { ProtocolError } from './errors.js';
import { CenterEvent } from './events.js';
import { Feature, Figures, View } from './figures.js';
import { SourceStatus } from './sources.js';

export const PROTOCOL_VERSION = 1;
/** The largest frame either end accepts. */
export const MAX_FRAME_BYTES = 64 * 1024;

/** Where a client is in the hub's event stream: the hub's epoch and the last applied sequence number. */
export const Position = z.strictObject({
  epoch: z.string().min(1).max(64),
  seq: z.number().int().nonnegative(),
});
export type Position = z.infer<typeof Position>;

export const Seq = z.number().int().nonnegative();

// ---------------------------------------------------------------- client → hub
// Strict: a property that is not in a schema is refused (`bad_message`), never dropped, so a
// client that misspells `reasonId` learns it at once.

export const Hello = z.strictObject({
  type: z.literal('hello'),
  protocol: z.number().int(),
  /** Resume from here instead of taking a fresh snapshot, if the hub still can. */
  resume: Position.optional(),
  client: z.string().max(80).optional(),
  /** `figures`: no snapshot or deltas, but `figures` messages (figures.ts); `events` (the default) otherwise. */
  view: View.optional(),
});

/** A command with a client-chosen id: the idempotency key, echoed in its ack. */
export const CommandMessage = z.strictObject({
  type: z.literal('command'),
  id: z.string().min(8).max(64),
  command: Command,
});

export const ClientHeartbeat = z.strictObject({
  type: z.literal('heartbeat'),
  /** The last sequence number this client applied. */
  seq: Seq,
});

export const AuditQuery = z.strictObject({
  kind: z.literal('audit'),
  limit: z.number().int().min(1).max(1000),
  /** Only entries older than this audit id (paging backwards). */
  before: z.number().int().positive().optional(),
});

export const QueryMessage = z.strictObject({
  type: z.literal('query'),
  id: z.string().min(1).max(64),
  query: AuditQuery,
});

export const ClientMessage = z.discriminatedUnion('type', [
  Hello,
  CommandMessage,
  ClientHeartbeat,
  QueryMessage,
  Feature,
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

// ---------------------------------------------------------------- hub → client

/** What the signed-in user may do, for the wallboard to show (the hub still checks every command). */
export const Permissions = z.object({
  manageAgents: z.boolean(),
  monitor: z.boolean(),
  changeOrgSettings: z.boolean(),
  readOnly: z.boolean(),
});
export type Permissions = z.infer<typeof Permissions>;

export const Welcome = z.object({
  type: z.literal('welcome'),
  protocol: z.number().int(),
  user: User,
  permissions: Permissions,
  hub: z.object({ name: z.string().max(120), version: z.string().max(40) }),
  epoch: z.string().min(1).max(64),
  /** Milliseconds between heartbeats the hub sends; a client may call the link dead after two missed. */
  heartbeatMs: z.number().int().positive(),
});

export const SnapshotData = z.object({
  users: z.array(User),
  devices: z.array(Device),
  channels: z.array(Channel),
  assignments: z.array(Assignment),
  org: OrgSettings,
  pauseReasons: z.array(PauseReason),
  sessions: z.array(AgentSession),
  interactions: z.array(Interaction),
  monitors: z.array(MonitorSession),
  stats: z.array(ChannelStats),
});
export type SnapshotData = z.infer<typeof SnapshotData>;

/**
 * The state this user may see, as of `seq`. Large snapshots come in `parts` frames
 * (`part` counts from 0); the arrays of all parts concatenate, `org` and
 * `pauseReasons` are the same in each. Deltas follow with `prev` = `seq`.
 */
export const Snapshot = z.object({
  type: z.literal('snapshot'),
  epoch: z.string().min(1).max(64),
  seq: Seq,
  part: z.number().int().nonnegative(),
  parts: z.number().int().positive(),
  data: SnapshotData,
});
export type Snapshot = z.infer<typeof Snapshot>;

/** The hub kept the history after the client's position: deltas follow from `seq` on, no snapshot. */
export const Resumed = z.object({
  type: z.literal('resumed'),
  epoch: z.string().min(1).max(64),
  seq: Seq,
});

/**
 * One event. `seq` is the hub's sequence number; `prev` the sequence number of the
 * previous delta (or snapshot/resume position) sent on this connection. A client whose
 * last applied position is not `prev` has missed something and must resync.
 */
export const Delta = z.object({
  type: z.literal('delta'),
  seq: Seq,
  prev: Seq,
  event: CenterEvent,
});
export type Delta = z.infer<typeof Delta>;

/** One event of a `deltas` batch: its `prev` is the previous item's `seq` (the batch's `prev` for the first). */
export const BatchedDelta = z.object({
  seq: Seq,
  event: CenterEvent,
});
export type BatchedDelta = z.infer<typeof BatchedDelta>;

/**
 * Several deltas in one frame, in order: what the hub sends when one step of traffic (or a
 * resume's replay) makes more than one event for this connection. It means exactly the
 * deltas `{seq: d[0].seq, prev}`, `{seq: d[1].seq, prev: d[0].seq}`, … and is never larger
 * than a frame may be (the hub splits a longer run over several batches).
 */
export const Deltas = z
  .object({
    type: z.literal('deltas'),
    prev: Seq,
    deltas: z.array(BatchedDelta).min(1),
  })
  .refine(
    (batch) =>
      batch.deltas.every((delta, i) => delta.seq > (i === 0 ? batch.prev : (batch.deltas[i - 1]?.seq ?? 0))),
    { message: 'the sequence numbers of a batch must increase, from after prev' },
  );
export type Deltas = z.infer<typeof Deltas>;

/** The single deltas a batch stands for, each with its `prev`. */
export function unbatch(batch: Deltas): Delta[] {
  let prev = batch.prev;
  return batch.deltas.map(({ seq, event }) => {
    const delta: Delta = { type: 'delta', seq, prev, event };
    prev = seq;
    return delta;
  });
}

export const HubHeartbeat = z.object({
  type: z.literal('heartbeat'),
  epoch: z.string().min(1).max(64),
  /** The sequence number of the last delta sent on this connection. */
  seq: Seq,
  at: Instant,
});

export const Ack = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('ack'), id: z.string(), ok: z.literal(true), seq: Seq }),
  z.object({ type: z.literal('ack'), id: z.string(), ok: z.literal(false), seq: Seq, error: ProtocolError }),
]);
export type Ack = z.infer<typeof Ack>;

export const AuditEntry = z.object({
  id: z.number().int().positive(),
  at: Instant,
  actorId: z.string().max(64),
  remote: z.string().max(80),
  action: AuditAction,
  target: z.string().max(200),
  result: AuditResult,
  detail: z.string().max(500),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const QueryResult = z.discriminatedUnion('ok', [
  z.object({
    type: z.literal('query_result'),
    id: z.string(),
    ok: z.literal(true),
    /** Newest first; fewer than asked for when the answer had to fit in one frame (see `more`). */
    audit: z.array(AuditEntry),
    /**
     * true: the answer was cut to fit in one frame (64 KiB) and older entries remain: ask again
     * with `before` = the id of the last entry. Absent or false: this is all there was.
     */
    more: z.boolean().optional(),
  }),
  z.object({ type: z.literal('query_result'), id: z.string(), ok: z.literal(false), error: ProtocolError }),
]);

/**
 * Whether the hub can save. `degraded`: since `since` every write fails (a full disk, a
 * read-only file): the hub refuses commands (`storage_failed`) and its traffic stops, so what a
 * wallboard shows is frozen, not live. Sent after the welcome while degraded, and to every
 * connection on each change; `degraded: false` (with the time it recovered) ends it.
 */
export const HubStatus = z.object({
  type: z.literal('hub_status'),
  degraded: z.boolean(),
  /** Since when `degraded` has had its value. */
  since: Instant,
  /** Why, in words for an operator (empty when not degraded). */
  detail: z.string().max(200),
});
export type HubStatus = z.infer<typeof HubStatus>;

/** A problem with a frame that is not a command (those get an ack); the connection stays open unless closed. */
export const ErrorMessage = z.object({
  type: z.literal('error'),
  error: ProtocolError,
});

export const HubMessage = z.discriminatedUnion('type', [
  Welcome,
  Snapshot,
  Resumed,
  Delta,
  Deltas,
  HubHeartbeat,
  Ack,
  QueryResult,
  ErrorMessage,
  SourceStatus,
  HubStatus,
  Figures,
]);
export type HubMessage = z.infer<typeof HubMessage>;
export type Welcome = z.infer<typeof Welcome>;
export type Resumed = z.infer<typeof Resumed>;
export type HubHeartbeat = z.infer<typeof HubHeartbeat>;
export type QueryResult = z.infer<typeof QueryResult>;
export type ErrorMessage = z.infer<typeof ErrorMessage>;
export type Hello = z.infer<typeof Hello>;
export type CommandMessage = z.infer<typeof CommandMessage>;
export type QueryMessage = z.infer<typeof QueryMessage>;
