/**
 * The kiosk fed the hub's figures (the figures view) draws what it draws from the whole scope
 * (the events view): the same KPIs, table and agents, through a rotation; it asks for the
 * featured channel's agents, and says nothing about them until they come.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { receivedFigures } from '../../src/client/figures-state.js';
import { createStore, type WallboardStore } from '../../src/client/store.js';
import {
  type CenterState,
  scopedSnapshot,
  stateFromSnapshot,
  tallyChannels,
  viewScope,
} from '../../src/domain/index.js';
import { figuresData } from '../../src/hub/figures.js';
import { KioskApp } from '../../src/views/components/kiosk/KioskApp.js';
import { createTheme } from '../../src/views/theme.js';
import { centerSnapshot, SUPERVISOR, T0 } from '../fixtures/center-snapshot.js';
import { WATCH_ONLY, welcomeOf } from '../fixtures/welcome.js';
import { type Rendered, renderAt } from './render-at.js';

const READ_ONLY = welcomeOf(WATCH_ONLY);

/** The hub's whole state, and the supervisor's view of it. */
const hubState = (): CenterState => stateFromSnapshot(centerSnapshot());

interface Kiosk extends Rendered {
  clock: { now: number };
  featured: (string | null)[];
}

const rendered: Rendered[] = [];
afterEach(() => {
  for (const r of rendered.splice(0)) r.unmount();
});

function renderKiosk(store: WallboardStore, onFeature?: (channelId: string | null) => void): Kiosk {
  const clock = { now: T0 };
  const featured: (string | null)[] = [];
  const kiosk = renderAt(
    <KioskApp
      store={store}
      hubLabel="wall-hub:8080"
      theme={createTheme()}
      clock={() => clock.now}
      tickMs={20}
      kiosk={{ rotateSeconds: 10 }}
      onExit={() => {}}
      onFeature={(channelId) => {
        featured.push(channelId);
        onFeature?.(channelId);
      }}
    />,
    100,
    30,
  );
  rendered.push(kiosk);
  return Object.assign(kiosk, { clock, featured });
}

function liveStore(): WallboardStore {
  const store = createStore({ intervalMs: 0 });
  store.setWelcome(READ_ONLY);
  store.setConnection({ status: 'live', staleSince: null, lastError: null, attempts: 0 });
  return store;
}

describe('the kiosk on figures', () => {
  it('draws what it draws from the whole scope, and asks for each featured channel in turn', async () => {
    const hub = hubState();
    const scope = viewScope(hub, SUPERVISOR);
    const events = liveStore();
    events.setState(stateFromSnapshot(scopedSnapshot(hub, scope)));
    events.flush();
    const figures = liveStore();
    const send = (featured: string | null) => {
      figures.setFigures(receivedFigures(figuresData(hub, tallyChannels(hub), scope, featured), 1, T0));
      figures.flush();
    };
    let answer = true;
    send(null);
    const fromEvents = renderKiosk(events);
    const fromFigures = renderKiosk(figures, (channelId) => {
      if (answer) send(channelId);
    });

    const expected = await fromEvents.waitFor((f) => f.includes('› Billing · queue'), 'Billing');
    await fromFigures.waitFor((f) => f === expected, 'the same screen from figures');
    expect(fromFigures.featured.at(-1)).toBe('q-billing');

    for (const now of [T0 + 10_000, T0 + 20_000]) {
      fromEvents.clock.now = now;
      fromFigures.clock.now = now;
      const name = now === T0 + 10_000 ? 'Sales' : 'Support';
      const next = await fromEvents.waitFor((f) => f.includes(`› ${name} · queue`), name);
      await fromFigures.waitFor((f) => f === next, `the same screen with ${name} featured`);
      // The agents' rows too (Bruno Diaz is busy in Sales; Chloe Petit ready in Support).
      expect(next).toContain(name === 'Sales' ? 'Bruno Diaz' : 'Chloe Petit');
    }
    expect(fromFigures.featured).toEqual(['q-billing', 'q-sales', 'q-support']);

    // Until the hub sends the next channel's agents, the pane says nothing about them.
    answer = false;
    fromFigures.clock.now = T0 + 30_000;
    const waiting = await fromFigures.waitFor((f) => f.includes('4/6'), 'the fourth channel');
    expect(waiting).not.toMatch(/no agent/i);
  });
});
