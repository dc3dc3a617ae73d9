/**
 * Domain events: every change to the contact center's state is one of these.
 * The hub appends them to its log and sends them to wallboards as deltas; both
 * ends apply them with the same reducer (src/domain/apply.ts).
 */
import { z } from 'zod';
import {
  AgentSession,
  Assignment,
  Channel,
  ChatMessage,
  Device,
  Id,
  Instant,
  Interaction,
  MonitorMode,
  MonitorSession,
  OrgSettings,
  PauseReason,
  PendingAction,
  User,
} from './entities.js';

/** Who caused an event: a user id, or `SYSTEM_ACTOR` for the hub's own clock and routing. */
export const SYSTEM_ACTOR = 'system';

const at = Instant;
const target = { channelId: Id, userId: Id };

export const CenterEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user_upserted'), at, user: User }),
  z.object({ type: z.literal('device_upserted'), at, device: Device }),
  /** A user left the directory: their devices, assignments and monitors go (sessions were logged out first). */
  z.object({ type: z.literal('user_removed'), at, userId: Id }),
  /** A device left the directory. */
  z.object({ type: z.literal('device_removed'), at, deviceId: Id }),
  /** A channel left the directory: its assignments, stats and waiting interactions go (sessions were logged out first). */
  z.object({ type: z.literal('channel_removed'), at, channelId: Id }),
  z.object({ type: z.literal('device_state_changed'), at, deviceId: Id, active: z.boolean() }),
  z.object({ type: z.literal('channel_upserted'), at, channel: Channel }),
  /** Sets a user's assignment to a channel; both flags false removes it. */
  z.object({ type: z.literal('assignment_set'), at, assignment: Assignment }),
  z.object({ type: z.literal('org_settings_changed'), at, settings: OrgSettings, by: Id }),
  z.object({ type: z.literal('pause_reasons_set'), at, reasons: z.array(PauseReason) }),
  z.object({ type: z.literal('agent_logged_in'), at, session: AgentSession }),
  z.object({ type: z.literal('agent_logged_out'), at, ...target, by: Id }),
  z.object({ type: z.literal('agent_paused'), at, ...target, reasonId: Id, by: Id }),
  z.object({ type: z.literal('agent_resumed'), at, ...target, by: Id }),
  /** A logout or pause recorded on a busy agent (or cleared with null). */
  z.object({ type: z.literal('pending_set'), at, ...target, pending: PendingAction.nullable() }),
  /**
   * The agent is in wrap-up until `endsAt` although no interaction the hub saw has ended: what a
   * telephony system's picture shows after a reconnection, or a source that reports wrap-ups
   * itself. Never on a busy agent (their wrap-up follows the interaction's end).
   */
  z.object({ type: z.literal('wrap_up_started'), at, ...target, endsAt: Instant }),
  z.object({ type: z.literal('wrap_up_ended'), at, ...target, by: Id }),
  z.object({ type: z.literal('interaction_queued'), at, interaction: Interaction }),
  z.object({ type: z.literal('interaction_answered'), at, interactionId: Id, agentId: Id }),
  z.object({ type: z.literal('interaction_abandoned'), at, interactionId: Id }),
  /**
   * The interaction is over: the agent goes to wrap-up, or a pending action applies. An
   * interaction never answered simply leaves (neither answered nor abandoned: a caller who left
   * the queue by a key, for example). `wrapUpSeconds`: this agent's wrap-up when the source
   * knows it (an Asterisk member's own `Wrapuptime`); absent, the channel's.
   */
  z.object({
    type: z.literal('interaction_ended'),
    at,
    interactionId: Id,
    wrapUpSeconds: z.number().int().min(0).max(3600).optional(),
  }),
  z.object({ type: z.literal('chat_message'), at, interactionId: Id, message: ChatMessage }),
  z.object({ type: z.literal('monitor_started'), at, monitor: MonitorSession }),
  z.object({ type: z.literal('monitor_mode_changed'), at, supervisorId: Id, mode: MonitorMode }),
  z.object({
    type: z.literal('monitor_stopped'),
    at,
    supervisorId: Id,
    reason: z.enum(['stopped', 'replaced', 'interaction_ended']),
  }),
  /** Local midnight: the day's counters start again. */
  z.object({ type: z.literal('stats_reset'), at, since: Instant }),
]);
export type CenterEvent = z.infer<typeof CenterEvent>;
export type CenterEventType = CenterEvent['type'];
export type EventOf<T extends CenterEventType> = Extract<CenterEvent, { type: T }>;
