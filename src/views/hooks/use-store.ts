import { useSyncExternalStore } from 'react';
import type { WallboardSnapshot, WallboardStore } from '../../client/store.js';

export type StoreSource = Pick<WallboardStore, 'subscribe' | 'getSnapshot'>;

/** The store's latest published snapshot; re-renders on each publish (at most ~10 a second). */
export function useWallboardSnapshot(store: StoreSource): WallboardSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

/**
 * One part of the store's latest snapshot (`select` returns it as the snapshot holds it, not a
 * new object): re-renders only when that part changes.
 */
export function useStoreSelection<T>(store: StoreSource, select: (snapshot: WallboardSnapshot) => T): T {
  const get = () => select(store.getSnapshot());
  return useSyncExternalStore(store.subscribe, get, get);
}
