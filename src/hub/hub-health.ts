/**
 * Whether the hub can save. A write that fails (a full disk, a read-only file) makes the hub
 * degraded; a small write tried every second while degraded brings it back once one succeeds.
 */
import type { HubLog } from './log.js';
import type { Storage } from './storage.js';
import { reasonOf } from './storage-error.js';

/**
 * Degraded: every write failed since `since`; the hub's traffic stops (nothing it cannot save is
 * shown as live), commands are refused with `storage_failed`, and a write is tried every second
 * until one succeeds.
 */
export interface HubHealth {
  degraded: boolean;
  since: number;
  /** Why, for an operator (empty when not degraded). */
  detail: string;
}

export class SaveHealth {
  private value: HubHealth;

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number,
    private readonly log: HubLog,
    /** Told of every change (degraded, or able to save again). */
    private readonly changed: (health: HubHealth) => void,
  ) {
    this.value = { degraded: false, since: now(), detail: '' };
  }

  get current(): HubHealth {
    return this.value;
  }

  get degraded(): boolean {
    return this.value.degraded;
  }

  /**
   * While degraded: tries a small write; once one succeeds the hub saves again, says so to its
   * log and its wallboards, and its traffic resumes.
   */
  probe(now: number): void {
    try {
      this.storage.probe(now);
    } catch {
      return;
    }
    const since = this.value.since;
    this.set({ degraded: false, since: now, detail: '' });
    this.log(
      `the database takes writes again (it did not for ${Math.round((now - since) / 1000)} s): changes accepted`,
      'warn',
      { event: 'storage_recovered' },
    );
  }

  /**
   * A write failed: the hub is degraded until a write succeeds again. Logged at error level once
   * per change of state, not once per failed write.
   */
  failed(cause: unknown, what: string): void {
    const reason = reasonOf(cause);
    if (this.value.degraded) return;
    this.set({ degraded: true, since: this.now(), detail: reason.slice(0, 200) });
    this.log(
      `cannot save ${what} to ${this.storage.path} (${reason}): changes refused until it can; wallboards are told`,
      'error',
      { event: 'storage_degraded' },
    );
  }

  private set(health: HubHealth): void {
    this.value = health;
    this.changed(health);
  }
}
