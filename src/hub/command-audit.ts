/** How a command is described in the audit log: what it acted on, in a few words. Never a token. */
import type { CenterState } from '../domain/index.js';
import type { Command } from '../protocol/index.js';

export function commandTarget(command: Command): string {
  switch (command.type) {
    case 'login':
    case 'logout':
    case 'pause':
    case 'resume':
    case 'end_wrap_up':
      return `${command.channelId}/${command.userId}`;
    case 'monitor_start':
      return `${command.channelId}/${command.agentId}`;
    case 'monitor_mode':
    case 'monitor_stop':
      return 'own monitor';
    case 'set_org_settings':
      return 'org';
    case 'set_channel_settings':
      return `channel ${command.channelId}`;
    case 'add_pause_reason':
    case 'rename_pause_reason':
    case 'retire_pause_reason':
    case 'restore_pause_reason':
      return `pause reason ${command.reasonId}`;
  }
}

/**
 * What the command asked for, in the hub's words. `before`: the state the command was decided
 * on (a renamed or retired reason's label as it was).
 */
export function commandDetail(command: Command, before?: CenterState): string {
  const labelOf = (reasonId: string) =>
    JSON.stringify(before?.pauseReasons.find((r) => r.id === reasonId)?.label ?? reasonId);
  switch (command.type) {
    case 'pause':
      return `reason ${command.reasonId}`;
    case 'monitor_start':
    case 'monitor_mode':
      return `mode ${command.mode}`;
    case 'set_org_settings': {
      const parts: string[] = [];
      if (command.agentsMayLogInToUnassigned !== undefined)
        parts.push(`agentsMayLogInToUnassigned=${command.agentsMayLogInToUnassigned}`);
      if (command.supervisorsLimitedToAssigned !== undefined)
        parts.push(`supervisorsLimitedToAssigned=${command.supervisorsLimitedToAssigned}`);
      return parts.join(' ');
    }
    case 'set_channel_settings':
      return `supervisorsMayEndWrapUp=${command.supervisorsMayEndWrapUp}`;
    case 'add_pause_reason':
      return `label ${JSON.stringify(command.label)}`;
    case 'rename_pause_reason':
      return `label ${labelOf(command.reasonId)} → ${JSON.stringify(command.label)}`;
    case 'retire_pause_reason':
    case 'restore_pause_reason':
      return `label ${labelOf(command.reasonId)}`;
    default:
      return '';
  }
}
