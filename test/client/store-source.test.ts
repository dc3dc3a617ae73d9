/** The store never publishes "live" over a picture the telephony source no longer feeds. */
import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/client/store.js';
import type { SourceInfo } from '../../src/protocol/index.js';

const LIVE = { status: 'live', staleSince: null, lastError: null, attempts: 0 } as const;
const source = (up: boolean, since: number, detail = ''): SourceInfo => ({
  kind: 'asterisk',
  label: 'Asterisk',
  up,
  since,
  detail,
  capabilities: { queue: ['login', 'logout', 'pause', 'resume', 'monitor'] },
});

describe('store and source status', () => {
  it('reads stale (cause: source) since the source went down, and live again once it is back', () => {
    const store = createStore({ intervalMs: 0 });
    store.setConnection(LIVE);
    store.setSource(source(true, 1_000));
    store.flush();
    expect(store.getSnapshot().connection).toMatchObject({ status: 'live' });

    store.setSource(source(false, 5_000, 'AMI connection lost'));
    store.flush();
    expect(store.getSnapshot().connection).toMatchObject({
      status: 'stale',
      cause: 'source',
      staleSince: 5_000,
      lastError: 'AMI connection lost',
    });
    expect(store.getSnapshot().source?.up).toBe(false);

    store.setSource(source(true, 9_000));
    store.flush();
    expect(store.getSnapshot().connection).toEqual(LIVE);
  });

  it('keeps the link’s own staleness when the link is down, whatever the source says', () => {
    const store = createStore({ intervalMs: 0 });
    const down = {
      status: 'reconnecting',
      staleSince: 2_000,
      lastError: 'connect refused',
      attempts: 3,
    } as const;
    store.setSource(source(false, 5_000));
    store.setConnection(down);
    store.flush();
    expect(store.getSnapshot().connection).toEqual(down);
  });
});
