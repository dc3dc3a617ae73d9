/**
 * Entities of the contact center as they cross the wire (hub ↔ wallboard).
 * Every schema here is the single source of truth: the hub and the client both
 * parse with them, and the TypeScript types are inferred from them.
 * Times are milliseconds since the Unix epoch; durations are whole seconds.
 */
import { z } from 'zod';

/** Identifiers: short, printable, safe to show in a terminal and to use in keys. */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:@-]+$/, 'ids use letters, digits and . _ : @ - only');
/** A point in time, in milliseconds since the Unix epoch. */
export const Instant = z.number().int().nonnegative();

export const Role = z.enum(['admin', 'supervisor', 'agent']);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: Id,
  name: z.string().min(1).max(120),
  extension: z.string().max(20),
  roles: z.array(Role).max(3),
});
export type User = z.infer<typeof User>;

export const DeviceKind = z.enum(['desk_phone', 'softphone', 'mobile', 'web']);
export type DeviceKind = z.infer<typeof DeviceKind>;

export const Device = z.object({
  id: Id,
  userId: Id,
  kind: DeviceKind,
  label: z.string().max(80),
  /** Registered / online right now (the green dot). */
  active: z.boolean(),
  /**
   * The device's address on the telephony system (an Asterisk interface such as `PJSIP/6941`),
   * from the directory: sources map their events to devices by it. Absent: no address.
   */
  address: z.string().min(1).max(120).optional(),
});
export type Device = z.infer<typeof Device>;

export const ChannelKind = z.enum(['queue', 'chat', 'campaign']);
export type ChannelKind = z.infer<typeof ChannelKind>;

/** Two alert levels; a value past `warning` is a warning, past `critical` is critical. */
export const AlertThresholds = z.object({
  warning: z.number().nonnegative(),
  critical: z.number().nonnegative(),
});
export type AlertThresholds = z.infer<typeof AlertThresholds>;

export const ChannelSettings = z.object({
  /** After-interaction work time; 0 means the agent is available again at once. */
  wrapUpSeconds: z.number().int().min(0).max(3600),
  /** Whether supervisors may end an agent's wrap-up early in this channel (an admin setting). */
  supervisorsMayEndWrapUp: z.boolean(),
  /** Answered within this many seconds counts towards the service level. */
  serviceLevelSeconds: z.number().int().min(1).max(3600),
  /** Longest wait, in seconds: at or above `warning` / `critical`. */
  longestWaitAlert: AlertThresholds,
  /** Interactions waiting, a count: at or above `warning` / `critical`. Absent: the count is not judged. */
  waitingAlert: AlertThresholds.optional(),
  /** Service level, in percent: at or below `warning` / `critical`. */
  serviceLevelAlert: AlertThresholds,
});
export type ChannelSettings = z.infer<typeof ChannelSettings>;

export const Channel = z.object({
  id: Id,
  kind: ChannelKind,
  name: z.string().min(1).max(80),
  settings: ChannelSettings,
  /** Where the channel lives on Asterisk (from the directory); absent on other systems. */
  asterisk: z.object({ queue: z.string().min(1).max(80) }).optional(),
});
export type Channel = z.infer<typeof Channel>;

/** Permanent membership set by admins: distinct from a session (being logged in now). */
export const Assignment = z.object({
  userId: Id,
  channelId: Id,
  asAgent: z.boolean(),
  asSupervisor: z.boolean(),
});
export type Assignment = z.infer<typeof Assignment>;

export const OrgSettings = z.object({
  /** Agents may log themselves in to channels they are not assigned to. */
  agentsMayLogInToUnassigned: z.boolean(),
  /** Supervisors see and manage only the channels they are assigned to supervise. */
  supervisorsLimitedToAssigned: z.boolean(),
});
export type OrgSettings = z.infer<typeof OrgSettings>;

export const PauseReason = z.object({
  id: Id,
  label: z.string().min(1).max(40),
  /**
   * Retired by an admin: no one may be paused with it any more, but agents already paused with
   * it keep it (and its label) until they resume. Absent means false.
   */
  retired: z.boolean().optional(),
});
export type PauseReason = z.infer<typeof PauseReason>;

export const AgentStatus = z.enum(['available', 'busy', 'wrap_up', 'paused']);
export type AgentStatus = z.infer<typeof AgentStatus>;

/** A logout or pause asked for while the agent was on a live interaction: applies when it ends. */
export const PendingAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('logout'), requestedBy: Id, requestedAt: Instant }),
  z.object({ kind: z.literal('pause'), reasonId: Id, requestedBy: Id, requestedAt: Instant }),
]);
export type PendingAction = z.infer<typeof PendingAction>;

/** An agent logged in to one channel right now. Never an assignment, never a role. */
export const AgentSession = z.object({
  channelId: Id,
  userId: Id,
  status: AgentStatus,
  /** When the current status began. */
  since: Instant,
  pauseReasonId: Id.nullable(),
  wrapUpEndsAt: Instant.nullable(),
  pending: PendingAction.nullable(),
  /** The live interaction this agent handles in this channel, if busy. */
  interactionId: Id.nullable(),
  loggedInBy: Id,
  loggedInAt: Instant,
  /** The agent is assigned to this channel (as an agent). */
  assigned: z.boolean(),
  /** Still permitted: assigned, or the org allows unassigned sessions. False sessions stay logged in, flagged. */
  allowed: z.boolean(),
  /**
   * The agent is on an interaction in another channel (its id, and when it was answered): set by
   * the hub, so that every wallboard showing this session shows the agent busy, even one whose
   * user may not see that channel. Absent: not busy elsewhere.
   */
  elsewhere: z.object({ interactionId: Id, since: Instant }).optional(),
});
export type AgentSession = z.infer<typeof AgentSession>;

export const InteractionKind = z.enum(['call', 'chat', 'dial']);
export type InteractionKind = z.infer<typeof InteractionKind>;

export const ChatMessage = z.object({
  from: z.enum(['customer', 'agent']),
  text: z.string().max(2000),
  at: Instant,
});
export type ChatMessage = z.infer<typeof ChatMessage>;

/** A call, chat or campaign dial that is waiting or being handled right now. */
export const Interaction = z.object({
  id: Id,
  channelId: Id,
  kind: InteractionKind,
  customer: z.object({ name: z.string().max(120), address: z.string().max(120) }),
  /** When it entered the channel (started waiting). */
  queuedAt: Instant,
  answeredAt: Instant.nullable(),
  agentId: Id.nullable(),
  /** Chats only: the last messages, oldest first (bounded). */
  transcript: z.array(ChatMessage).max(200),
});
export type Interaction = z.infer<typeof Interaction>;

export const MonitorMode = z.enum(['listen', 'whisper', 'barge', 'read']);
export type MonitorMode = z.infer<typeof MonitorMode>;

export const MonitorSession = z.object({
  supervisorId: Id,
  agentId: Id,
  channelId: Id,
  interactionId: Id,
  mode: MonitorMode,
  since: Instant,
});
export type MonitorSession = z.infer<typeof MonitorSession>;

/** Counters of one channel since local midnight; the KPIs are computed from them. */
export const ChannelStats = z.object({
  channelId: Id,
  /** Local midnight the counters started from. */
  since: Instant,
  answered: z.number().int().nonnegative(),
  abandoned: z.number().int().nonnegative(),
  answeredWithinThreshold: z.number().int().nonnegative(),
  /** Sum of the waits of answered interactions, ms. */
  answeredWaitMs: z.number().nonnegative(),
  /** Interactions that ended after being handled. */
  handled: z.number().int().nonnegative(),
  talkMs: z.number().nonnegative(),
  wrapUpMs: z.number().nonnegative(),
});
export type ChannelStats = z.infer<typeof ChannelStats>;
