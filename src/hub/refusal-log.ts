/**
 * Refusals that cost an attacker nothing (a foreign Origin, a bad token, a throttled address, a
 * user over their connection limit) must not cost the hub a disk write each: 20,000 refused
 * upgrades made 20,000 audit rows and filled a 16 MB disk in 11 s. Each is counted (metrics);
 * only the first of each address and reason in a minute is written (one log line, one audit
 * row), and the ones after it are summed up in one row when the minute is over.
 */
import type { AuditAction, AuditResult } from '../protocol/index.js';

const REFUSAL_WINDOW_MS = 60_000;
/** Addresses (and users) followed in one minute; beyond, refusals are summed up under `others`. */
const REFUSAL_KEYS = 1_000;
/** The key the refusals of addresses beyond `REFUSAL_KEYS` are counted under. */
const OTHER_ADDRESSES = 'others';

/** A refusal as the audit log and the log line describe it. */
export interface Refusal {
  /** Who: the address (`203.0.113.7`) or the user. */
  key: string;
  actorId: string;
  remote: string;
  action: AuditAction;
  result: AuditResult;
  detail: string;
}

/** What to write: the refusal itself, or a summary of those not written. */
export interface RefusalRecord extends Refusal {
  /** How many refusals like this one were not written in the minute this record closes (0: none). */
  suppressed: number;
}

interface Window {
  started: number;
  first: Refusal;
  suppressed: number;
}

export class RefusalLog {
  private windows = new Map<string, Window>();

  constructor(
    private readonly write: (record: RefusalRecord) => void,
    private readonly windowMs = REFUSAL_WINDOW_MS,
    private readonly maxKeys = REFUSAL_KEYS,
  ) {}

  /** Notes one refusal: written at once if it is the first of its key and reason this minute. */
  note(refusal: Refusal, now: number): void {
    let key = `${refusal.key}\u0000${refusal.result}`;
    if (!this.windows.has(key) && this.windows.size >= this.maxKeys) {
      key = `${OTHER_ADDRESSES}\u0000${refusal.result}`;
      refusal = { ...refusal, key: OTHER_ADDRESSES, actorId: '-', remote: OTHER_ADDRESSES };
    }
    const window = this.windows.get(key);
    if (window && now - window.started < this.windowMs) {
      window.suppressed += 1;
      return;
    }
    if (window) this.close(key, window, now);
    this.windows.set(key, { started: now, first: refusal, suppressed: 0 });
    this.write({ ...refusal, suppressed: 0 });
  }

  /**
   * Writes the summary of every window that is over (all of them with `all`, at shutdown) and
   * forgets them: the hub calls it every second or so, so that the end of a flood is written too.
   */
  flush(now: number, all = false): void {
    for (const [key, window] of this.windows)
      if (all || now - window.started >= this.windowMs) this.close(key, window, now);
  }

  private close(key: string, window: Window, now: number): void {
    this.windows.delete(key);
    if (window.suppressed === 0) return;
    const seconds = Math.max(1, Math.round((now - window.started) / 1000));
    this.write({
      ...window.first,
      suppressed: window.suppressed,
      detail: `${window.suppressed} more refused in ${seconds} s after: ${window.first.detail}`,
    });
  }
}
