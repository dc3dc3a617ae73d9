/**
 * How long the next reconnect waits. Several things may ask for a delay before it happens
 * (a resync, a refused token, a close by policy); the first in this order wins: at once (a
 * resync), a minute (a refusal that retrying soon cannot fix), the longest backoff delay (the
 * hub closed the link on purpose), else the usual capped backoff with jitter.
 */
import { type BackoffPolicy, backoffDelay } from '../protocol/reconnect-backoff.js';

export type AskedDelay = 'at once' | 'after a refusal' | 'after the longest delay';

const ORDER: readonly AskedDelay[] = ['at once', 'after a refusal', 'after the longest delay'];

export class ReconnectDelay {
  readonly #asked = new Set<AskedDelay>();

  constructor(
    private readonly backoff: BackoffPolicy,
    /** The wait after a refusal that retrying soon cannot fix (a minute by default). */
    private readonly refusedRetryMs: number,
    private readonly random: () => number,
  ) {}

  ask(delay: AskedDelay): void {
    this.#asked.add(delay);
  }

  /** The delay before retry number `attempt` (0: the first), forgetting what was asked. */
  take(attempt: number): number {
    const asked = ORDER.find((delay) => this.#asked.has(delay));
    this.#asked.clear();
    switch (asked) {
      case 'at once':
        return 0;
      case 'after a refusal':
        return this.refusedRetryMs;
      case 'after the longest delay':
        return this.backoff.maxMs;
      case undefined:
        return backoffDelay(attempt, this.backoff, this.random);
    }
  }
}
