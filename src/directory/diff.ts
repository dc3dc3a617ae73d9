/**
 * What it takes to turn the directory a state holds into the one wanted: the plan (added,
 * changed, removed users, channels, devices, assignments, pause reasons, settings; sessions
 * logged out; removals waiting for live interactions) and the events that carry it out, in
 * order, to apply in one transaction. Applying the plan's events and diffing again gives an
 * empty plan (but for removals still waiting).
 */
import {
  apply,
  type CenterState,
  managesChannel,
  monitorModesFor,
  pairKey,
  stateFromSnapshot,
  toSnapshotData,
} from '../domain/index.js';
import { type CenterEvent, type PauseReason, SYSTEM_ACTOR } from '../protocol/index.js';
import { type Directory, type DirectoryDevice, directoryOfState } from './model.js';
import type { AssignmentChange, DirectoryPlan, EntityChanges, SettingChange } from './plan.js';
import { removeLeaving } from './removals.js';

export interface DiffOptions {
  /** When the events happen. */
  at: number;
  /** Who the logouts are by (`system` by default). */
  by?: string;
}

export function diffDirectory(state: CenterState, wanted: Directory, options: DiffOptions): DirectoryPlan {
  const { at } = options;
  const by = options.by ?? SYSTEM_ACTOR;
  const current = directoryOfState(state);
  const events: CenterEvent[] = [];

  const settings: SettingChange[] = [];
  for (const field of ['agentsMayLogInToUnassigned', 'supervisorsLimitedToAssigned'] as const)
    if (current.org[field] !== wanted.org[field])
      settings.push({ field, from: current.org[field], to: wanted.org[field] });
  if (settings.length > 0) events.push({ type: 'org_settings_changed', at, settings: { ...wanted.org }, by });

  const reasons = pauseReasonsFor(state, wanted.pauseReasons);
  if (!same(reasons.list, current.pauseReasons))
    events.push({ type: 'pause_reasons_set', at, reasons: reasons.list });

  const channels = compare(current.channels, wanted.channels, channelFields);
  for (const channel of wanted.channels)
    if (isListed(channels, channel.id)) events.push({ type: 'channel_upserted', at, channel });

  const users = compare(current.users, wanted.users, userFields);
  for (const user of wanted.users)
    if (isListed(users, user.id)) events.push({ type: 'user_upserted', at, user });

  const devices = compare(current.devices, wanted.devices, deviceFields);
  for (const device of wanted.devices)
    if (isListed(devices, device.id))
      events.push({
        type: 'device_upserted',
        at,
        device: { ...device, active: state.devices.get(device.id)?.active ?? false },
      });

  const leaving = { users: new Set(users.removed), channels: new Set(channels.removed) };
  const assignments = compareAssignments(current, wanted, leaving);
  for (const change of assignments) events.push({ type: 'assignment_set', at, assignment: change.after });

  // Devices of users who stay; those of a leaving user go with them.
  const devicesGone = devices.removed.filter((id) => !leaving.users.has(state.devices.get(id)?.userId ?? ''));
  for (const deviceId of devicesGone) events.push({ type: 'device_removed', at, deviceId });

  const removals = removeLeaving(state, leaving, at, by);
  events.push(...removals.events);
  const monitorsStopped = monitorsToStop(state, events, at);
  events.push(...monitorsStopped.events);

  return {
    users,
    channels,
    devices: { ...devices, removed: devicesGone },
    pauseReasons: reasons.changes,
    assignments,
    settings,
    sessions: { loggedOut: removals.loggedOut, pending: removals.pending },
    monitorsStopped: monitorsStopped.supervisors,
    waiting: { users: removals.waitingUsers, channels: removals.waitingChannels },
    events,
  };
}

interface Entity {
  id: string;
}

/** Added, changed (with the fields that differ) and removed, by id; removed ones are those of `current` missing from `wanted`. */
function compare<T extends Entity>(
  current: readonly T[],
  wanted: readonly T[],
  fields: (before: T, after: T) => string[],
): EntityChanges {
  const before = new Map(current.map((entity) => [entity.id, entity]));
  const changes: EntityChanges = { added: [], changed: [], removed: [] };
  const wantedIds = new Set<string>();
  for (const entity of wanted) {
    wantedIds.add(entity.id);
    const old = before.get(entity.id);
    if (!old) changes.added.push(entity.id);
    else {
      const differ = fields(old, entity);
      if (differ.length > 0) changes.changed.push({ id: entity.id, fields: differ });
    }
  }
  for (const entity of current) if (!wantedIds.has(entity.id)) changes.removed.push(entity.id);
  return changes;
}

function isListed(changes: EntityChanges, id: string): boolean {
  return changes.added.includes(id) || changes.changed.some((change) => change.id === id);
}

function differing<T>(before: T, after: T, keys: readonly (keyof T & string)[]): string[] {
  return keys.filter((key) => !same(before[key], after[key]));
}

const userFields = (a: Directory['users'][number], b: Directory['users'][number]) => {
  const fields = differing(a, b, ['name', 'extension']);
  if (!same([...a.roles].sort(), [...b.roles].sort())) fields.push('roles');
  return fields;
};

const channelFields = (a: Directory['channels'][number], b: Directory['channels'][number]) => {
  const fields = differing(a, b, ['kind', 'name', 'asterisk']);
  const settings = differing(a.settings, b.settings, [
    'serviceLevelSeconds',
    'wrapUpSeconds',
    'supervisorsMayEndWrapUp',
    'waitingAlert',
    'longestWaitAlert',
    'serviceLevelAlert',
  ]);
  return [...fields, ...settings];
};

const deviceFields = (a: DirectoryDevice, b: DirectoryDevice) => {
  const fields = differing(a, b, ['kind', 'label', 'address']);
  if (a.userId !== b.userId) fields.unshift('owner');
  return fields;
};

/**
 * Assignments to add, change or remove. Those of a leaving user or channel are left to the
 * removal (which takes them, or keeps them while it waits).
 */
function compareAssignments(
  current: Directory,
  wanted: Directory,
  leaving: { users: ReadonlySet<string>; channels: ReadonlySet<string> },
): AssignmentChange[] {
  const before = new Map(current.assignments.map((a) => [pairKey(a.channelId, a.userId), a]));
  const after = new Map(wanted.assignments.map((a) => [pairKey(a.channelId, a.userId), a]));
  const changes: AssignmentChange[] = [];
  for (const [key, a] of after) {
    const old = before.get(key);
    if (!old) changes.push({ before: null, after: a });
    else if (old.asAgent !== a.asAgent || old.asSupervisor !== a.asSupervisor)
      changes.push({ before: old, after: a });
  }
  for (const [key, old] of before) {
    if (after.has(key) || leaving.users.has(old.userId) || leaving.channels.has(old.channelId)) continue;
    changes.push({ before: old, after: { ...old, asAgent: false, asSupervisor: false } });
  }
  return changes;
}

/**
 * The reasons as the file lists them; a reason the file drops while agents are paused with it
 * (or about to be) is kept, retired, until no one uses it (the next apply removes it).
 */
function pauseReasonsFor(state: CenterState, wanted: PauseReason[]) {
  const inUse = new Set<string>();
  for (const session of state.sessions.values()) {
    if (session.pauseReasonId !== null) inUse.add(session.pauseReasonId);
    if (session.pending?.kind === 'pause') inUse.add(session.pending.reasonId);
  }
  const listed = new Set(wanted.map((reason) => reason.id));
  const kept = state.pauseReasons
    .filter((reason) => !listed.has(reason.id) && inUse.has(reason.id))
    .map((reason): PauseReason => ({ id: reason.id, label: reason.label, retired: true }));
  const current = state.pauseReasons;
  const changes = compare(
    current.map((r) => ({ ...r, retired: r.retired === true })),
    [...wanted, ...kept].map((r) => ({ ...r, retired: r.retired === true })),
    (a, b) => differing(a, b, ['label', 'retired']),
  );
  const list = [...wanted, ...kept];
  const ids = (reasons: readonly PauseReason[]) => new Set(reasons.map((reason) => reason.id));
  const [before, after] = [ids(current), ids(list)];
  const both = (reasons: readonly PauseReason[]) =>
    reasons.map((reason) => reason.id).filter((id) => before.has(id) && after.has(id));
  return {
    list,
    changes: {
      ...changes,
      keptRetired: kept.map((reason) => reason.id),
      reordered: !same(both(current), both(list)),
    },
  };
}

/**
 * Monitors that the new directory no longer allows (their supervisor no longer manages the
 * channel, or the channel's new kind has no such mode): stopped, judged on the state the
 * other events leave.
 */
function monitorsToStop(state: CenterState, events: readonly CenterEvent[], at: number) {
  const result = { events: [] as CenterEvent[], supervisors: [] as string[] };
  if (state.monitors.size === 0) return result;
  const after = stateFromSnapshot(toSnapshotData(state));
  for (const event of events) apply(after, event);
  for (const monitor of after.monitors.values()) {
    const supervisor = after.users.get(monitor.supervisorId);
    const kind = after.channels.get(monitor.channelId)?.kind;
    const allowed =
      supervisor !== undefined &&
      kind !== undefined &&
      managesChannel(after, supervisor, monitor.channelId) &&
      monitorModesFor(kind).includes(monitor.mode);
    if (allowed) continue;
    result.events.push({
      type: 'monitor_stopped',
      at,
      supervisorId: monitor.supervisorId,
      reason: 'stopped',
    });
    result.supervisors.push(monitor.supervisorId);
  }
  return result;
}

/** Equal as data (key order and absent-versus-undefined do not matter). */
function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}
