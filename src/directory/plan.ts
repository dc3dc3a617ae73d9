/** A directory plan: what applying a file changes, and its lines for people (CLI, hub log). */
import type { Assignment, CenterEvent } from '../protocol/index.js';
import type { SessionRef, WaitingRemoval } from './removals.js';

export interface EntityChanges {
  added: string[];
  changed: { id: string; fields: string[] }[];
  removed: string[];
}

export interface AssignmentChange {
  /** null: a new assignment. */
  before: Assignment | null;
  /** Both flags false: the assignment is removed. */
  after: Assignment;
}

export interface SettingChange {
  field: string;
  from: boolean;
  to: boolean;
}

export interface DirectoryPlan {
  users: EntityChanges;
  channels: EntityChanges;
  devices: EntityChanges;
  pauseReasons: EntityChanges & {
    /** Dropped by the file but still in use: kept, retired, until no one is paused with them. */
    keptRetired: string[];
    /** The same reasons in another order. */
    reordered: boolean;
  };
  assignments: AssignmentChange[];
  settings: SettingChange[];
  sessions: {
    /** Idle sessions of leaving users and channels, logged out now. */
    loggedOut: SessionRef[];
    /** Sessions on a live interaction: they log out when it ends. */
    pending: SessionRef[];
  };
  /** Supervisors whose monitor the new directory no longer allows. */
  monitorsStopped: string[];
  /** Removals that wait for live interactions to end. */
  waiting: { users: WaitingRemoval[]; channels: WaitingRemoval[] };
  /** The events that carry the plan out, in order, for one transaction. */
  events: CenterEvent[];
}

/** Nothing to do and nothing waiting: applying the file again changes nothing. */
export function planIsEmpty(plan: DirectoryPlan): boolean {
  return plan.events.length === 0 && plan.waiting.users.length === 0 && plan.waiting.channels.length === 0;
}

/** The plan in lines for people: a summary line, then one line per change. */
export function formatPlan(plan: DirectoryPlan): string[] {
  if (planIsEmpty(plan)) return ['no changes: the directory is already as the file says'];
  const lines: string[] = [];
  entitySection(lines, 'users', plan.users);
  entitySection(lines, 'channels', plan.channels);
  entitySection(lines, 'devices', plan.devices);
  assignmentSection(lines, plan.assignments);
  reasonSection(lines, plan.pauseReasons);
  if (plan.settings.length > 0) {
    lines.push(`settings: ${plan.settings.length} changed`);
    for (const s of plan.settings) lines.push(`  ~ ${s.field}: ${s.from} → ${s.to}`);
  }
  const { loggedOut, pending } = plan.sessions;
  if (loggedOut.length + pending.length > 0) {
    lines.push(
      `sessions: ${count(loggedOut.length, 'logged out now')}, ${count(pending.length, 'after the interaction')}`,
    );
    for (const s of loggedOut) lines.push(`  - ${s.userId} logged out of ${s.channelId}`);
    for (const s of pending)
      lines.push(`  … ${s.userId} logs out of ${s.channelId} when the interaction ends`);
  }
  if (plan.monitorsStopped.length > 0) {
    lines.push(`monitors: ${plan.monitorsStopped.length} stopped (no longer allowed)`);
    for (const id of plan.monitorsStopped) lines.push(`  - ${id} stops monitoring`);
  }
  const waiting = [
    ...plan.waiting.users.map((w) => ({ what: 'user', ...w })),
    ...plan.waiting.channels.map((w) => ({ what: 'channel', ...w })),
  ];
  if (waiting.length > 0) {
    lines.push(
      `waiting: ${waiting.length} removal(s) kept until live interactions end (applying the file again then finishes them)`,
    );
    for (const w of waiting)
      lines.push(
        `  … ${w.what} ${w.id} stays until ${w.busy.map((s) => `${s.userId}'s interaction in ${s.channelId}`).join(', ')} ends`,
      );
  }
  lines.push(`${plan.events.length} event(s)`);
  return lines;
}

/** The plan in one line, for the audit log: `2 users added, 1 channel changed, 1 logged out`. */
export function summarisePlan(plan: DirectoryPlan): string {
  if (planIsEmpty(plan)) return 'no changes';
  const parts: string[] = [];
  const entity = (what: string, c: EntityChanges) => {
    if (c.added.length) parts.push(`${what} +${c.added.length}`);
    if (c.changed.length) parts.push(`${what} ~${c.changed.length}`);
    if (c.removed.length) parts.push(`${what} -${c.removed.length}`);
  };
  entity('users', plan.users);
  entity('channels', plan.channels);
  entity('devices', plan.devices);
  const removed = plan.assignments.filter((c) => !c.after.asAgent && !c.after.asSupervisor).length;
  const added = plan.assignments.filter((c) => c.before === null).length;
  if (added) parts.push(`assignments +${added}`);
  if (plan.assignments.length - added - removed)
    parts.push(`assignments ~${plan.assignments.length - added - removed}`);
  if (removed) parts.push(`assignments -${removed}`);
  entity('pause reasons', plan.pauseReasons);
  if (plan.settings.length) parts.push(`settings ~${plan.settings.length}`);
  if (plan.sessions.loggedOut.length) parts.push(`logged out ${plan.sessions.loggedOut.length}`);
  if (plan.sessions.pending.length) parts.push(`logout pending ${plan.sessions.pending.length}`);
  const waiting = [...plan.waiting.users, ...plan.waiting.channels].map((w) => w.id);
  if (waiting.length) parts.push(`waiting: ${waiting.join(', ')}`);
  return parts.join(', ');
}

function entitySection(lines: string[], title: string, changes: EntityChanges): void {
  const { added, changed, removed } = changes;
  if (added.length + changed.length + removed.length === 0) return;
  lines.push(`${title}: ${added.length} added, ${changed.length} changed, ${removed.length} removed`);
  for (const id of added) lines.push(`  + ${id}`);
  for (const { id, fields } of changed) lines.push(`  ~ ${id}: ${fields.join(', ')}`);
  for (const id of removed) lines.push(`  - ${id}`);
}

function assignmentSection(lines: string[], changes: readonly AssignmentChange[]): void {
  if (changes.length === 0) return;
  const removed = changes.filter((c) => !c.after.asAgent && !c.after.asSupervisor);
  const added = changes.filter((c) => c.before === null);
  lines.push(
    `assignments: ${added.length} added, ${changes.length - added.length - removed.length} changed, ${removed.length} removed`,
  );
  for (const { before, after } of changes) {
    const mark = before === null ? '+' : after.asAgent || after.asSupervisor ? '~' : '-';
    const as = mark === '-' && before ? roleWords(before) : roleWords(after);
    lines.push(`  ${mark} ${after.userId} in ${after.channelId}: ${as}`);
  }
}

function roleWords(a: Assignment): string {
  return [a.asAgent ? 'member' : '', a.asSupervisor ? 'supervisor' : ''].filter(Boolean).join(' and ');
}

function reasonSection(lines: string[], changes: DirectoryPlan['pauseReasons']): void {
  const kept = new Set(changes.keptRetired);
  const changed = changes.changed.filter((c) => !kept.has(c.id));
  const total = changes.added.length + changed.length + changes.removed.length + kept.size;
  if (total === 0 && !changes.reordered) return;
  lines.push(
    `pause reasons: ${changes.added.length} added, ${changed.length} changed, ${changes.removed.length} removed` +
      (kept.size > 0 ? `, ${kept.size} kept retired while in use` : '') +
      (changes.reordered ? ', reordered' : ''),
  );
  for (const id of changes.added) lines.push(`  + ${id}`);
  for (const { id, fields } of changed) lines.push(`  ~ ${id}: ${fields.join(', ')}`);
  for (const id of changes.removed) lines.push(`  - ${id}`);
  for (const id of kept)
    lines.push(`  … ${id} retired: agents are paused with it (the next apply removes it)`);
}

function count(n: number, what: string): string {
  return `${n} ${what}`;
}
