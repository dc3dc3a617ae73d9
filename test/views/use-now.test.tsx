/**
 * The clocks' tick: on a still screen it draws once per tick; while the store publishes, a due
 * tick rides on the next publish (one frame for both), never a frame of its own.
 */
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WallboardSnapshot } from '../../src/client/store.js';
import { useNow } from '../../src/views/hooks/use-now.js';
import type { StoreSource } from '../../src/views/hooks/use-store.js';

/** A store that publishes when told to, and says whether anyone listens. */
function fakeStore() {
  const listeners = new Set<() => void>();
  const store: StoreSource = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => ({}) as WallboardSnapshot,
  };
  return {
    store,
    publish: () => {
      for (const listener of [...listeners]) listener();
    },
    listening: () => listeners.size,
  };
}

function Probe({ store, seen }: { store?: StoreSource; seen: number[] }) {
  const now = useNow(Date.now, 1000, store);
  seen.push(now);
  return <Text>{now}</Text>;
}

// Only the clock and the hook's timers are fake: React's scheduler (passive effects) runs as usual.
beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
/** Lets React run what it scheduled (effects, renders) on its own scheduler. */
const mounted = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Moves the fake clock on, firing the hook's timers, then lets React draw. */
async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await mounted();
}
afterEach(() => {
  vi.useRealTimers();
});

describe('useNow', () => {
  it('on a still screen, moves on at each tick (a little after the boundary) and not in between', async () => {
    const { store } = fakeStore();
    const seen: number[] = [];
    const app = render(<Probe store={store} seen={seen} />);
    await mounted();
    await advance(50);
    expect(new Set(seen)).toEqual(new Set([1_000_000]));
    await advance(1000);
    expect(new Set(seen)).toEqual(new Set([1_000_000]));
    await advance(60);
    expect(new Set(seen)).toEqual(new Set([1_000_000, 1_001_100]));
    await advance(1000);
    expect(new Set(seen)).toEqual(new Set([1_000_000, 1_001_100, 1_002_100]));
    app.unmount();
  });

  it('while the store publishes, a due tick takes the next publish and draws nothing of its own', async () => {
    const { store, publish, listening } = fakeStore();
    const seen: number[] = [];
    const app = render(<Probe store={store} seen={seen} />);
    await mounted();
    await advance(1030);
    const before = seen.length;
    publish();
    await advance(0);
    expect(seen.at(-1)).toBe(1_001_030);
    const afterPublish = seen.length;
    expect(afterPublish).toBeGreaterThan(before);
    // The 100 ms a due tick waits pass: no second render for the same tick.
    await advance(200);
    expect(seen.length).toBe(afterPublish);
    // A publish when no tick is due changes no time.
    publish();
    await advance(0);
    expect(seen.at(-1)).toBe(1_001_030);
    app.unmount();
    expect(listening()).toBe(0);
  });

  it('without a store, ticks on the boundary itself, as before', async () => {
    const seen: number[] = [];
    const app = render(<Probe seen={seen} />);
    await mounted();
    await advance(1000);
    expect(seen.at(-1)).toBe(1_001_000);
    app.unmount();
  });
});
