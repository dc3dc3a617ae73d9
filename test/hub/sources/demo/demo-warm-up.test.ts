/**
 * The demo's warm-up (a center in full swing at start): coarse steps for speed, then its last two
 * minutes second by second, so that what happened within one coarse step (calls ending, then
 * their wrap-ups) does not go on happening all at once in the live traffic.
 */
import { describe, expect, it } from 'vitest';
import { emptyState } from '../../../../src/domain/index.js';
import { DemoSource } from '../../../../src/hub/sources/demo/demo-source.js';
import type { SourceSink } from '../../../../src/hub/sources/source.js';

const NOW = Date.UTC(2026, 11, 3, 10, 0, 0);

/** A sink that only records the instants the source runs the hub's clock at. */
function recordingSink(): { sink: SourceSink; clockAt: number[] } {
  const clockAt: number[] = [];
  const sink: SourceSink = {
    state: emptyState(),
    now: () => NOW,
    emit: () => [],
    resync: () => ({ changed: 0 }) as unknown as ReturnType<SourceSink['resync']>,
    health: () => {},
    batch: () => 0,
    clock: (at) => {
      clockAt.push(at);
      return 0;
    },
    log: () => {},
    onDirectoryChange: () => () => {},
  };
  return { sink, clockAt };
}

describe('the demo source’s warm-up', () => {
  it('steps coarsely, then second by second over its last two minutes, up to now', async () => {
    const { sink, clockAt } = recordingSink();
    const source = new DemoSource({
      simulate: true,
      warmUpFrom: NOW - 10 * 60_000,
      warmUpStepMs: 5000,
      now: () => NOW,
    });
    await source.start(sink);
    await source.stop();
    const warmUp = clockAt.filter((at) => at < NOW);
    const gaps = warmUp.slice(1).map((at, i) => at - (warmUp[i] as number));
    const fineFrom = NOW - 2 * 60_000;
    expect(warmUp[0]).toBe(NOW - 10 * 60_000);
    expect(new Set(gaps.filter((_, i) => (warmUp[i + 1] as number) <= fineFrom))).toEqual(new Set([5000]));
    expect(new Set(gaps.filter((_, i) => (warmUp[i] as number) >= fineFrom))).toEqual(new Set([1000]));
    expect(warmUp.at(-1)).toBe(NOW - 1000);
  });
});
