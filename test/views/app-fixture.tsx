import { createStore, type WallboardStore } from '../../src/client/store.js';
import { stateFromSnapshot } from '../../src/domain/index.js';
import type { ExitReason } from '../../src/views/components/screen-props.js';
import { WallboardApp } from '../../src/views/components/wallboard/WallboardApp.js';
import { createTheme, type Theme } from '../../src/views/theme.js';
import { type CenterOptions, centerSnapshot, T0 } from '../fixtures/center-snapshot.js';
import { SUPERVISING, welcomeOf } from '../fixtures/welcome.js';
import { type Rendered, renderAt } from './render-at.js';

export const WELCOME = welcomeOf(SUPERVISING);

export interface AppHarness extends Rendered {
  store: WallboardStore;
  exits: ExitReason[];
  clock: { now: number };
}

export function renderApp(
  options: CenterOptions & { columns?: number; rows?: number; theme?: Theme; tickMs?: number } = {},
): AppHarness {
  const store = createStore({ intervalMs: 0 });
  store.setWelcome(WELCOME);
  store.setConnection({ status: 'live', staleSince: null, lastError: null, attempts: 0 });
  store.setState(stateFromSnapshot(centerSnapshot(options)));
  store.flush();
  const clock = { now: options.now ?? T0 };
  const exits: ExitReason[] = [];
  const rendered = renderAt(
    <WallboardApp
      store={store}
      hubLabel="test-hub:1234"
      theme={options.theme ?? createTheme()}
      clock={() => clock.now}
      tickMs={options.tickMs ?? 1000}
      onExit={(reason) => exits.push(reason)}
    />,
    options.columns ?? 100,
    options.rows ?? 30,
  );
  return { ...rendered, store, exits, clock };
}
