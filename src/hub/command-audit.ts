/** How a command is described in the audit log: what it acted on, in a few words. Never a token. */
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
  }
}

export function commandDetail(command: Command): string {
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
    default:
      return '';
  }
}
