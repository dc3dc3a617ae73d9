/**
 * The hub's limits on what one client may cost it: a token bucket per connection for commands
 * and queries, a coarser one for frames of any kind, and how many connections a user (and
 * everyone together) may hold. Every limit hit is answered with a typed error or a close code
 * and recorded in the audit log (once per burst, so that a flood cannot flood the log too).
 */

export interface Limits {
  /** Commands and queries a connection may send per second, on average… */
  commandsPerSecond: number;
  /** …and in one burst. Beyond: `rate_limited` acks. */
  commandBurst: number;
  /** Frames of any kind per second on one connection, on average… */
  framesPerSecond: number;
  /** …and in one burst. Beyond: the connection is closed with 1008. */
  frameBurst: number;
  /** Open connections one user may hold; beyond, the upgrade is answered 429. */
  maxConnectionsPerUser: number;
  /** Open connections in all; beyond, the upgrade is answered 503. */
  maxConnections: number;
  /** Failed sign-ins one address may make per minute; beyond, 429 without checking the token. */
  authFailuresPerMinute: number;
}

export const DEFAULT_LIMITS: Limits = {
  commandsPerSecond: 20,
  commandBurst: 40,
  framesPerSecond: 200,
  frameBurst: 400,
  maxConnectionsPerUser: 20,
  maxConnections: 2000,
  authFailuresPerMinute: 30,
};

/** A token bucket: `rate` tokens a second, `burst` at most; `take` spends one if there is one. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  take(now: number): boolean {
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.rate);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * A bucket that also says when a run of refusals starts (to audit it once) and how many
 * were refused in the previous run (to say so when the next one starts).
 */
export class LimitedStream {
  private readonly bucket: TokenBucket;
  private refusedInRun = 0;

  constructor(rate: number, burst: number, now: number) {
    this.bucket = new TokenBucket(rate, burst, now);
  }

  /** 'ok'; 'first' for the first refusal of a run; 'again' for the next ones. */
  take(now: number): 'ok' | 'first' | 'again' {
    if (this.bucket.take(now)) {
      this.refusedInRun = 0;
      return 'ok';
    }
    this.refusedInRun += 1;
    return this.refusedInRun === 1 ? 'first' : 'again';
  }
}

/** Failed sign-ins per address in a sliding minute, to slow down guessing (and log flooding). */
export class FailureWindow {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly perMinute: number) {}

  /** Whether `address` has used up its failures for the last minute. */
  blocked(address: string, now: number): boolean {
    return this.recent(address, now).length >= this.perMinute;
  }

  /** Records a failure; true when it is the one that reaches the limit. */
  record(address: string, now: number): boolean {
    const recent = this.recent(address, now);
    recent.push(now);
    this.failures.set(address, recent);
    if (this.failures.size > 10_000) this.prune(now);
    return recent.length === this.perMinute;
  }

  private recent(address: string, now: number): number[] {
    return (this.failures.get(address) ?? []).filter((at) => now - at < 60_000);
  }

  private prune(now: number): void {
    for (const [address, times] of this.failures) {
      if (times.every((at) => now - at >= 60_000)) this.failures.delete(address);
    }
  }
}
