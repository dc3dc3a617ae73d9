import { useSyncExternalStore } from 'react';
import type { WallboardSnapshot, WallboardStore } from '../../client/store.js';

export type StoreSource = Pick<WallboardStore, 'subscribe' | 'getSnapshot'>;

/** The store's latest published snapshot; re-renders on each publish (at most ~10 a second). */
export function useWallboardSnapshot(store: StoreSource): WallboardSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
