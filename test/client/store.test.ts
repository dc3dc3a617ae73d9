import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from '../../src/client/store.js';
import { SyncMachine } from '../../src/client/sync.js';
import { pairKey, stateFromSnapshot } from '../../src/domain/index.js';
import { centerSnapshot, T0 } from '../fixtures/center-snapshot.js';

describe('store', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('publishes at most ten times a second however fast deltas arrive, and ends on the right state', () => {
    const store = createStore();
    const sync = new SyncMachine();
    sync.connectionOpened('test');
    sync.receive({ type: 'snapshot', epoch: 'e', seq: 0, part: 0, parts: 1, data: centerSnapshot() });
    store.setState(sync.state!);
    let publishes = 0;
    store.subscribe(() => {
      publishes += 1;
    });
    // 2,000 deltas over one second: a pause and a resume of the same agent, one every 0.5 ms.
    let seq = 0;
    for (let i = 0; i < 2000; i += 1) {
      const paused = i % 2 === 0;
      const at = T0 + i;
      for (const effect of sync.receive({
        type: 'delta',
        seq: seq + 1,
        prev: seq,
        event: paused
          ? { type: 'agent_paused', at, channelId: 'q-sales', userId: 'a01', reasonId: 'lunch', by: 'sup' }
          : { type: 'agent_resumed', at, channelId: 'q-sales', userId: 'a01', by: 'sup' },
      })) {
        if (effect.type === 'state') store.stateChanged(effect.event);
      }
      seq += 1;
      if (i % 2 === 1) vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(200);
    expect(publishes).toBeGreaterThan(0);
    expect(publishes).toBeLessThanOrEqual(12);
    const session = store.getSnapshot().state?.sessions.get(pairKey('q-sales', 'a01'));
    expect(session?.status).toBe('available');
    expect(session?.since).toBe(T0 + 1999);
  });

  it('publishes a new immutable snapshot with a higher version; old snapshots do not change', () => {
    const store = createStore();
    const state = stateFromSnapshot(centerSnapshot());
    store.setState(state);
    store.flush();
    const first = store.getSnapshot();
    expect(first.version).toBe(1);
    state.sessions.delete(pairKey('q-sales', 'a01'));
    store.stateChanged();
    vi.advanceTimersByTime(100);
    const second = store.getSnapshot();
    expect(second.version).toBe(2);
    expect(second).not.toBe(first);
    expect(first.state?.sessions.has(pairKey('q-sales', 'a01'))).toBe(true);
    expect(second.state?.sessions.has(pairKey('q-sales', 'a01'))).toBe(false);
    // Nothing changed: no new snapshot.
    vi.advanceTimersByTime(1000);
    expect(store.getSnapshot()).toBe(second);
  });

  it('keeps the last error lines, bounded', () => {
    const store = createStore({ maxErrors: 3 });
    for (let i = 0; i < 5; i += 1) store.addError(`problem ${i}`);
    store.flush();
    expect(store.getSnapshot().errors.map((e) => e.problem)).toEqual(['problem 2', 'problem 3', 'problem 4']);
  });
});
