/**
 * A directory applied to a hub's database: the plan is worked out and carried out as directory
 * events in one transaction (so no one ever sees half of it), and recorded as one admin action
 * in the audit log. The CLI (`ccwall center apply`) and a hub serving `--directory` both use it.
 */
import { type Directory, type DirectoryPlan, diffDirectory, summarisePlan } from '../directory/index.js';
import { SYSTEM_ACTOR } from '../protocol/index.js';
import type { Engine } from './engine.js';
import type { Storage } from './storage.js';

export interface ApplyDirectoryOptions {
  /** The file, for the audit log. */
  file: string;
  /** Where the apply comes from, for the audit log: `cli (alice@host)`, `hub start`, `SIGHUP`. */
  remote: string;
  now: number;
  /** Work out the plan, change nothing. */
  dryRun?: boolean;
}

export type DirectoryApplied =
  | { ok: true; plan: DirectoryPlan }
  | { ok: false; plan: DirectoryPlan; error: string };

/** The database notes which directory it holds: the demo's, or an organisation's file. */
export const DIRECTORY_META = 'directory';

export function applyDirectory(
  engine: Engine,
  storage: Storage,
  wanted: Directory,
  options: ApplyDirectoryOptions,
): DirectoryApplied {
  if (options.dryRun) return { ok: true, plan: diffDirectory(engine.state, wanted, { at: options.now }) };
  let plan: DirectoryPlan | undefined;
  const applied = engine.system((batch) => {
    plan = diffDirectory(batch.state, wanted, { at: batch.now });
    batch.run({ ok: true, events: plan.events });
  }, options.now);
  if (!plan) throw new Error('the directory was not diffed');
  if (applied !== plan.events.length)
    return { ok: false, plan, error: `${storage.path} could not save the changes: nothing was changed` };
  storage.setMeta(DIRECTORY_META, 'file');
  engine.recordAudit({
    at: options.now,
    actorId: SYSTEM_ACTOR,
    remote: options.remote,
    action: 'directory_apply',
    target: options.file,
    result: 'ok',
    detail: summarisePlan(plan),
  });
  return { ok: true, plan };
}
