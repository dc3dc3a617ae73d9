/** How the engine is tuned: its clock and log, how much history it keeps, how often it checkpoints. */
import type { HubLog } from './log.js';

export interface EngineOptions {
  now: () => number;
  log: HubLog;
  /**
   * The resume history: at most this many of the latest events (10,000 by default), in memory
   * and in the database's log, so that it survives a restart.
   */
  historyEvents?: number;
  /** …and none older than this (60 minutes by default; 0: no age limit). */
  historyMs?: number;
  /**
   * A checkpoint of the whole state is written every this many events (1,000 by default, and
   * at least a sixteenth of `historyEvents`, so the checkpoints kept stay few).
   */
  checkpointEvery?: number;
  /** A command id is remembered (a retry gets the stored ack) for this long: 24 hours by default. */
  commandIdTtlMs?: number;
  /**
   * A checkpoint of a state with at least this many entities (5,000 by default) is serialised in
   * slices between steps instead of in one go, so that traffic and commands do not wait for it.
   */
  backgroundCheckpointEntities?: number;
  /** Audit entries are kept this long (90 days by default; 0: for ever). */
  auditRetentionMs?: number;
}

export const DEFAULT_HISTORY_EVENTS = 10_000;
export const DEFAULT_HISTORY_MS = 60 * 60_000;
export const DEFAULT_COMMAND_ID_TTL_MS = 24 * 60 * 60_000;
export const DEFAULT_AUDIT_RETENTION_MS = 90 * 24 * 60 * 60_000;
export const DEFAULT_BACKGROUND_CHECKPOINT_ENTITIES = 5_000;
