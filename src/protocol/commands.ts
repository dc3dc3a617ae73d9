/**
 * Commands a wallboard sends to the hub. Each is authorised by the domain rules
 * (src/domain/permissions.ts) and turned into events (src/domain/decide.ts). Strict: a
 * property that is not in the schema is refused (`bad_message`), never silently dropped.
 */
import { z } from 'zod';
import { Id, MonitorMode } from './entities.js';

const target = { channelId: Id, userId: Id };

export const Command = z.discriminatedUnion('type', [
  /** Log a user in to a queue, chat or campaign: a session, never an assignment. */
  z.strictObject({ type: z.literal('login'), ...target }),
  /** Log out; on a busy agent this becomes pending until the interaction ends. */
  z.strictObject({ type: z.literal('logout'), ...target }),
  /** Pause with a reason; on a busy agent this becomes pending until the interaction ends. */
  z.strictObject({ type: z.literal('pause'), ...target, reasonId: Id }),
  /** Make a paused agent available again, or cancel a pending pause. */
  z.strictObject({ type: z.literal('resume'), ...target }),
  z.strictObject({ type: z.literal('end_wrap_up'), ...target }),
  z.strictObject({ type: z.literal('monitor_start'), channelId: Id, agentId: Id, mode: MonitorMode }),
  z.strictObject({ type: z.literal('monitor_mode'), mode: MonitorMode }),
  z.strictObject({ type: z.literal('monitor_stop') }),
  z.strictObject({
    type: z.literal('set_org_settings'),
    agentsMayLogInToUnassigned: z.boolean().optional(),
    supervisorsLimitedToAssigned: z.boolean().optional(),
  }),
  /** Admins: a channel's settings (today: whether supervisors may end a wrap-up early there). */
  z.object({
    type: z.literal('set_channel_settings'),
    channelId: Id,
    supervisorsMayEndWrapUp: z.boolean(),
  }),
  /** Admins: a new pause reason agents can be paused with. */
  z.object({ type: z.literal('add_pause_reason'), reasonId: Id, label: z.string().trim().min(1).max(40) }),
  /** Admins: a new label for a pause reason (agents paused with it show the new one). */
  z.object({ type: z.literal('rename_pause_reason'), reasonId: Id, label: z.string().trim().min(1).max(40) }),
  /** Admins: no one may be paused with this reason any more; agents paused with it keep it. */
  z.object({ type: z.literal('retire_pause_reason'), reasonId: Id }),
  /** Admins: a retired reason may be used again. */
  z.object({ type: z.literal('restore_pause_reason'), reasonId: Id }),
]);
export type Command = z.infer<typeof Command>;
export type CommandType = Command['type'];
