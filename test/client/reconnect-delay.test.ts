import { describe, expect, it } from 'vitest';
import { ReconnectDelay } from '../../src/client/reconnect-delay.js';

const policy = { initialMs: 100, maxMs: 10_000 };
/** random() = 1: the backoff delay is the whole step (100 ms for the first retry). */
const delay = () => new ReconnectDelay(policy, 60_000, () => 1);

describe('the delay before the next reconnect', () => {
  it('backs off when nothing was asked, and forgets what was asked once taken', () => {
    const next = delay();
    expect(next.take(0)).toBe(100);
    next.ask('after the longest delay');
    expect(next.take(0)).toBe(10_000);
    expect(next.take(1)).toBe(200);
  });

  it('goes at once for a resync, before a refusal’s minute, before the longest delay', () => {
    const next = delay();
    next.ask('after the longest delay');
    next.ask('after a refusal');
    next.ask('at once');
    expect(next.take(3)).toBe(0);
    next.ask('after the longest delay');
    next.ask('after a refusal');
    expect(next.take(3)).toBe(60_000);
  });
});
