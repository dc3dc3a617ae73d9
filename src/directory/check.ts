/**
 * What the schema alone cannot see: ids used twice, channels named in `memberOf` / `supervises`
 * that the file does not define, an extension, a device address or an Asterisk queue used twice,
 * roles that do not go with the assignments, thresholds in the wrong order.
 */
import { SYSTEM_ACTOR } from '../protocol/index.js';
import { type DocPath, type Finding, finding } from './problems.js';
import type { DirectoryFileData } from './schema.js';

export function checkDirectory(file: DirectoryFileData): Finding[] {
  const findings: Finding[] = [];
  const report = (path: DocPath, message: string) => findings.push(finding(path, message));

  /** Reports a value seen before (under `what`), naming where it was first. */
  const unique = (what: string) => {
    const first = new Map<string, string>();
    return (value: string, path: DocPath, owner: string) => {
      const before = first.get(value);
      if (before === undefined) first.set(value, owner);
      else report(path, `${what} "${value}" is already used by ${before}`);
    };
  };

  const reasonId = unique('pause reason id');
  file.pauseReasons.forEach((reason, i) => {
    reasonId(reason.id, ['pauseReasons', i, 'id'], `pauseReasons[${i}]`);
  });

  const channelId = unique('channel id');
  const asteriskQueue = unique('Asterisk queue');
  file.channels.forEach((channel, i) => {
    const at = ['channels', i] as const;
    channelId(channel.id, [...at, 'id'], `channels[${i}]`);
    if (channel.asterisk) asteriskQueue(channel.asterisk.queue, [...at, 'asterisk', 'queue'], channel.id);
    const t = channel.thresholds;
    if (t?.waiting && t.waiting[1] < t.waiting[0])
      report(
        [...at, 'thresholds', 'waiting'],
        'critical (the second) is below warning: more waiting is worse',
      );
    if (t?.longestWait && t.longestWait[1] < t.longestWait[0])
      report(
        [...at, 'thresholds', 'longestWait'],
        'critical (the second) is below warning: a longer wait is worse',
      );
    if (t?.serviceLevel && t.serviceLevel[1] > t.serviceLevel[0])
      report(
        [...at, 'thresholds', 'serviceLevel'],
        'critical (the second) is above warning: a lower service level is worse',
      );
    const target = channel.serviceLevel?.targetPercent;
    if (target !== undefined && t?.serviceLevel && t.serviceLevel[0] !== target)
      report(
        [...at, 'serviceLevel', 'targetPercent'],
        `the target (${target}) is the warning threshold, but thresholds.serviceLevel warns at ${t.serviceLevel[0]}: give one, or the same value`,
      );
  });
  const channels = new Set(file.channels.map((channel) => channel.id));

  const userId = unique('user id');
  const extension = unique('extension');
  const deviceId = unique('device id');
  const address = unique('device address');
  file.users.forEach((user, i) => {
    const at = ['users', i] as const;
    userId(user.id, [...at, 'id'], `users[${i}]`);
    if (user.id === SYSTEM_ACTOR) report([...at, 'id'], `"${SYSTEM_ACTOR}" is reserved for the hub itself`);
    if (user.extension !== undefined) extension(user.extension, [...at, 'extension'], user.id);
    const roles = new Set<string>();
    user.roles.forEach((role, r) => {
      if (roles.has(role)) report([...at, 'roles', r], `${role} is listed twice`);
      roles.add(role);
    });
    for (const list of ['memberOf', 'supervises'] as const) {
      const listed = new Set<string>();
      user[list].forEach((id, c) => {
        const path = [...at, list, c];
        if (!channels.has(id)) report(path, `no channel "${id}" in channels`);
        else if (listed.has(id)) report(path, `${id} is listed twice`);
        listed.add(id);
      });
    }
    if (user.memberOf.length > 0 && !roles.has('agent'))
      report([...at, 'memberOf'], `${user.id} is a member of channels but not an agent: add agent to roles`);
    if (user.supervises.length > 0 && !roles.has('supervisor'))
      report(
        [...at, 'supervises'],
        `${user.id} supervises channels but is not a supervisor: add supervisor to roles`,
      );
    user.devices.forEach((device, d) => {
      const path = [...at, 'devices', d] as const;
      deviceId(device.id, [...path, 'id'], `${user.id}'s devices`);
      if (device.address !== undefined)
        address(device.address, [...path, 'address'], `${user.id}'s ${device.id}`);
    });
  });
  return findings;
}
