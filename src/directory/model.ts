/**
 * The directory as the center's entities: what a checked file describes, what a state holds
 * (the same shape, so that the two can be compared), and the file that writes a directory back.
 */
import { type CenterState, pairKey } from '../domain/index.js';
import type {
  Assignment,
  Channel,
  ChannelSettings,
  Device,
  OrgSettings,
  PauseReason,
  User,
} from '../protocol/index.js';
import type { DirectoryFileData, DirectoryFileInput } from './schema.js';

/** A device as the directory knows it: everything but whether it is online now. */
export type DirectoryDevice = Omit<Device, 'active'>;

export interface Directory {
  org: OrgSettings;
  /** In the file's order; a retired reason has `retired: true`, others no `retired` at all. */
  pauseReasons: PauseReason[];
  channels: Channel[];
  users: User[];
  devices: DirectoryDevice[];
  /** One per (channel, user) with at least one flag set. */
  assignments: Assignment[];
}

const DEFAULT_SERVICE_LEVEL_SECONDS = 20;
const DEFAULT_LONGEST_WAIT: readonly [number, number] = [60, 120];
const DEFAULT_SERVICE_LEVEL: readonly [number, number] = [80, 65];
/** With only a target, critical is this many points below it. */
const CRITICAL_BELOW_TARGET = 15;

/** A checked file (see check.ts) as the center's entities. */
export function directoryFromFile(file: DirectoryFileData): Directory {
  const assignments = new Map<string, Assignment>();
  const assign = (userId: string, channelId: string, flag: 'asAgent' | 'asSupervisor') => {
    const key = pairKey(channelId, userId);
    const current = assignments.get(key) ?? { userId, channelId, asAgent: false, asSupervisor: false };
    assignments.set(key, { ...current, [flag]: true });
  };
  const devices: DirectoryDevice[] = [];
  const users = file.users.map((user): User => {
    for (const channelId of user.memberOf) assign(user.id, channelId, 'asAgent');
    for (const channelId of user.supervises) assign(user.id, channelId, 'asSupervisor');
    for (const device of user.devices)
      devices.push({
        id: device.id,
        userId: user.id,
        kind: device.kind,
        label: device.label ?? device.address ?? device.id,
        ...(device.address === undefined ? {} : { address: device.address }),
      });
    return { id: user.id, name: user.name, extension: user.extension ?? '', roles: [...new Set(user.roles)] };
  });
  return {
    org: { ...file.settings },
    pauseReasons: file.pauseReasons.map((reason) => pauseReason(reason.id, reason.name, reason.retired)),
    channels: file.channels.map(
      (channel): Channel => ({
        id: channel.id,
        kind: channel.kind,
        name: channel.name,
        settings: channelSettings(channel),
        ...(channel.asterisk ? { asterisk: { queue: channel.asterisk.queue } } : {}),
      }),
    ),
    users,
    devices,
    assignments: [...assignments.values()],
  };
}

function channelSettings(channel: DirectoryFileData['channels'][number]): ChannelSettings {
  const thresholds = channel.thresholds;
  const target = channel.serviceLevel?.targetPercent;
  const [slWarning, slCritical] =
    thresholds?.serviceLevel ??
    (target === undefined ? DEFAULT_SERVICE_LEVEL : [target, Math.max(0, target - CRITICAL_BELOW_TARGET)]);
  const [waitWarning, waitCritical] = thresholds?.longestWait ?? DEFAULT_LONGEST_WAIT;
  return {
    wrapUpSeconds: channel.wrapUpSeconds,
    supervisorsMayEndWrapUp: channel.endWrapUpEarly,
    serviceLevelSeconds: channel.serviceLevel?.seconds ?? DEFAULT_SERVICE_LEVEL_SECONDS,
    longestWaitAlert: { warning: waitWarning, critical: waitCritical },
    serviceLevelAlert: { warning: slWarning, critical: slCritical },
    ...(thresholds?.waiting
      ? { waitingAlert: { warning: thresholds.waiting[0], critical: thresholds.waiting[1] } }
      : {}),
  };
}

function pauseReason(id: string, label: string, retired: boolean | undefined): PauseReason {
  return retired ? { id, label, retired: true } : { id, label };
}

/** The directory a state holds (its live parts left out). */
export function directoryOfState(state: CenterState): Directory {
  return {
    org: { ...state.org },
    pauseReasons: state.pauseReasons.map((reason) => pauseReason(reason.id, reason.label, reason.retired)),
    channels: [...state.channels.values()],
    users: [...state.users.values()],
    devices: [...state.devices.values()].map(({ active: _active, ...device }) => device),
    assignments: [...state.assignments.values()].filter((a) => a.asAgent || a.asSupervisor),
  };
}

/** The file that describes `directory`: every setting written out, nothing left to a default. */
export function directoryToFile(directory: Directory): DirectoryFileInput {
  const memberOf = new Map<string, string[]>();
  const supervises = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, userId: string, channelId: string) =>
    map.set(userId, [...(map.get(userId) ?? []), channelId]);
  for (const a of directory.assignments) {
    if (a.asAgent) add(memberOf, a.userId, a.channelId);
    if (a.asSupervisor) add(supervises, a.userId, a.channelId);
  }
  const devicesOf = new Map<string, DirectoryDevice[]>();
  for (const device of directory.devices)
    devicesOf.set(device.userId, [...(devicesOf.get(device.userId) ?? []), device]);
  return {
    settings: { ...directory.org },
    pauseReasons: directory.pauseReasons.map((r) => ({
      id: r.id,
      name: r.label,
      ...(r.retired ? { retired: true } : {}),
    })),
    channels: directory.channels.map((c) => {
      const s = c.settings;
      return {
        id: c.id,
        kind: c.kind,
        name: c.name,
        serviceLevel: { seconds: s.serviceLevelSeconds },
        wrapUpSeconds: s.wrapUpSeconds,
        endWrapUpEarly: s.supervisorsMayEndWrapUp,
        thresholds: {
          ...(s.waitingAlert ? { waiting: [s.waitingAlert.warning, s.waitingAlert.critical] } : {}),
          longestWait: [s.longestWaitAlert.warning, s.longestWaitAlert.critical],
          serviceLevel: [s.serviceLevelAlert.warning, s.serviceLevelAlert.critical],
        },
        ...(c.asterisk ? { asterisk: { queue: c.asterisk.queue } } : {}),
      };
    }),
    users: directory.users.map((u) => ({
      id: u.id,
      name: u.name,
      ...(u.extension ? { extension: u.extension } : {}),
      roles: [...u.roles],
      ...(memberOf.has(u.id) ? { memberOf: memberOf.get(u.id) } : {}),
      ...(supervises.has(u.id) ? { supervises: supervises.get(u.id) } : {}),
      ...(devicesOf.has(u.id)
        ? {
            devices: (devicesOf.get(u.id) ?? []).map((d) => ({
              id: d.id,
              kind: d.kind,
              label: d.label,
              ...(d.address === undefined ? {} : { address: d.address }),
            })),
          }
        : {}),
    })),
  };
}
