/**
 * Admin commands → events: a channel's settings and the pause reasons. Only admins may run
 * them. Same order of checks as `decide`: the targets exist, then the actor may, then the
 * state allows it. Asking for what already holds is accepted and changes nothing.
 */
import type { Command, PauseReason } from '../protocol/index.js';
import { accept, type Decision, refuse } from './decision.js';
import { type Actor, hasRole } from './permissions.js';
import type { CenterState } from './state.js';

export type AdminCommand = Extract<
  Command,
  {
    type:
      | 'set_channel_settings'
      | 'add_pause_reason'
      | 'rename_pause_reason'
      | 'retire_pause_reason'
      | 'restore_pause_reason';
  }
>;

export function decideAdmin(state: CenterState, actor: Actor, command: AdminCommand, now: number): Decision {
  const admin = hasRole(actor.user, 'admin');
  if (command.type === 'set_channel_settings') {
    const channel = state.channels.get(command.channelId);
    if (!channel) return refuse('unknown_channel', `no channel ${command.channelId}`);
    if (!admin) return refuse('forbidden', `only an admin may change the settings of ${channel.name}`);
    if (channel.settings.supervisorsMayEndWrapUp === command.supervisorsMayEndWrapUp) return accept();
    const settings = { ...channel.settings, supervisorsMayEndWrapUp: command.supervisorsMayEndWrapUp };
    return accept({ type: 'channel_upserted', at: now, channel: { ...channel, settings } });
  }
  const reasons = state.pauseReasons;
  const setReasons = (next: PauseReason[]) => accept({ type: 'pause_reasons_set', at: now, reasons: next });
  const change = (id: string, to: (reason: PauseReason) => PauseReason) =>
    setReasons(reasons.map((r) => (r.id === id ? to(r) : r)));
  const { reasonId } = command;
  const reason = reasons.find((r) => r.id === reasonId);
  if (command.type === 'add_pause_reason') {
    if (!admin) return refuse('forbidden', 'only an admin may add a pause reason');
    if (reason) {
      return refuse(
        'already_exists',
        reason.retired
          ? `pause reason ${reasonId} exists (${reason.label}, retired): restore it instead`
          : `pause reason ${reasonId} already exists (${reason.label})`,
      );
    }
    const clash = namedLike(reasons, command.label, reasonId);
    if (clash) return refuse('already_exists', `a pause reason is already named ${clash.label}`);
    return setReasons([...reasons, { id: reasonId, label: command.label }]);
  }
  if (!reason) return refuse('unknown_reason', `no pause reason ${reasonId}`);
  switch (command.type) {
    case 'rename_pause_reason': {
      if (!admin) return refuse('forbidden', 'only an admin may rename a pause reason');
      if (reason.label === command.label) return accept();
      const clash = namedLike(reasons, command.label, reasonId);
      if (clash) return refuse('already_exists', `a pause reason is already named ${clash.label}`);
      return change(reasonId, (r) => ({ ...r, label: command.label }));
    }
    case 'retire_pause_reason':
      if (!admin) return refuse('forbidden', 'only an admin may retire a pause reason');
      if (reason.retired) return accept();
      return change(reasonId, (r) => ({ ...r, retired: true }));
    case 'restore_pause_reason':
      if (!admin) return refuse('forbidden', 'only an admin may restore a pause reason');
      if (!reason.retired) return accept();
      return change(reasonId, ({ id, label }) => ({ id, label }));
  }
}

/** Another reason whose label reads the same (case and accents aside): two "Break" would confuse. */
function namedLike(
  reasons: readonly PauseReason[],
  label: string,
  exceptId: string,
): PauseReason | undefined {
  const key = comparable(label);
  return reasons.find((r) => r.id !== exceptId && comparable(r.label) === key);
}

const comparable = (label: string) =>
  label.normalize('NFD').replace(/\p{M}/gu, '').trim().toLocaleLowerCase('en');
