/**
 * Reconnect delays: capped exponential backoff with jitter, so a restarted peer is not hit by
 * every link at once. Wallboards use it towards the hub (see close-codes.ts for when), the
 * hub towards a telephony system (Asterisk AMI).
 */

export interface BackoffPolicy {
  /** Delay before the first retry, ms. */
  initialMs: number;
  /** No delay is longer than this, ms. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 250, maxMs: 10_000 };

/**
 * The delay before retry number `attempt` (0 = the first retry): the exponential step,
 * capped, then jittered down to between half and all of it ("equal jitter").
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const step = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(step / 2 + (random() * step) / 2);
}
