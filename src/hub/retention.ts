/**
 * What the hub forgets as time passes: command ids past their retry window, audit entries past
 * their retention, so that neither table grows for ever.
 */
import type { HubLog } from './log.js';
import type { Storage } from './storage.js';

/** Transactions per prune of the audit table (each deletes at most `pruneAudit`'s limit). */
const AUDIT_SLICES = 20;

/** Forgets what is older than its time to live; a failed write throws (the engine is then degraded). */
export function pruneExpired(
  storage: Storage,
  now: number,
  limits: { commandIdTtlMs: number; auditRetentionMs: number },
  log: HubLog,
): void {
  const pruned = storage.pruneCommands(now - limits.commandIdTtlMs);
  if (pruned > 0) log(`forgot ${pruned} command ids older than their retry window`);
  const retention = limits.auditRetentionMs;
  if (retention <= 0) return;
  // In slices: a first prune of a large table must not stop the hub for long.
  let deleted = 0;
  for (let slice = 0; slice < AUDIT_SLICES; slice += 1) {
    const n = storage.pruneAudit(now - retention);
    deleted += n;
    if (n === 0) break;
  }
  if (deleted > 0) log(`deleted ${deleted} audit entries older than ${retention / 86_400_000} days`);
}
