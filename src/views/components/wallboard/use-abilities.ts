import { useMemo } from 'react';
import { isManager } from '../../../domain/index.js';
import type { MonitorSession, Welcome } from '../../../protocol/index.js';
import { type Ability, monitorAbilities } from '../../keymap.js';

/**
 * What this user may do here, as the key table reads it: nothing on a board that only watches
 * (no commands, or a read-only user); otherwise what the hub's permissions grant, and what a
 * running monitor adds (stopping it, switching modes on a call).
 */
export function useAbilities(
  canAct: boolean,
  welcome: Welcome | null,
  monitor: MonitorSession | undefined,
): ReadonlySet<Ability> {
  return useMemo(() => {
    const set = new Set<Ability>();
    if (!canAct || !welcome || welcome.permissions.readOnly) return set;
    if (welcome.permissions.manageAgents) set.add('manage');
    if (welcome.permissions.changeOrgSettings) set.add('admin');
    if (isManager(welcome.user)) set.add('audit');
    if (monitor) for (const ability of monitorAbilities(monitor)) set.add(ability);
    return set;
  }, [canAct, welcome, monitor]);
}
