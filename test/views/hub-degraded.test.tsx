/**
 * A hub that cannot save says so (`hub_status`), and every screen shows it instead of passing
 * frozen data off as live: a banner on the wallboard, over the kiosk's KPIs, on the agent
 * dashboard, in English and in French; it goes when the hub saves again.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/client/store.js';
import { stateFromSnapshot } from '../../src/domain/index.js';
import { setLocale } from '../../src/i18n/index.js';
import type { HubStatus } from '../../src/protocol/index.js';
import { KioskApp } from '../../src/views/components/kiosk/KioskApp.js';
import { createTheme } from '../../src/views/theme.js';
import { centerSnapshot, T0 } from '../fixtures/center-snapshot.js';
import { renderActions } from './actions-fixture.js';
import { renderApp, WELCOME } from './app-fixture.js';
import { type Rendered, renderAt } from './render-at.js';

beforeAll(() => {
  process.env.TZ = 'UTC';
});

let screen: Rendered | undefined;
afterEach(() => {
  screen?.unmount();
  screen = undefined;
  setLocale('en');
});

const degraded = (since: number): HubStatus => ({
  type: 'hub_status',
  degraded: true,
  since,
  detail: 'database or disk is full',
});
const recovered: HubStatus = { type: 'hub_status', degraded: false, since: T0, detail: '' };
const SINCE = T0 - 90_000; // 13:28:30

describe('a hub that cannot save', () => {
  it('puts a banner on the wallboard instead of the KPIs, and takes it away once the hub saves again', async () => {
    const app = renderApp();
    screen = app;
    await app.waitFor((f) => f.includes('● live'), 'the wallboard');
    app.store.setHubStatus(degraded(SINCE));
    app.store.flush();
    const frame = await app.waitFor((f) => f.includes('hub cannot save'), 'the banner');
    expect(frame).toContain('hub cannot save since 13:28:30: changes refused');
    // Not "live": the link is up, the data is frozen.
    expect(frame).not.toContain('● live');
    expect(frame).toContain('⚠ frozen since 13:28:30');
    expect(app.rawFrame()).toContain('\u001b[7m'); // inverse, as well as the words
    app.store.setHubStatus(recovered);
    app.store.flush();
    await app.waitFor((f) => !f.includes('hub cannot save') && f.includes('● live'), 'the banner gone');
  });

  it('says it in French too', async () => {
    setLocale('fr');
    const app = renderApp();
    screen = app;
    app.store.setHubStatus(degraded(SINCE));
    app.store.flush();
    const frame = await app.waitFor((f) => f.includes('enregistrer'), 'the banner');
    expect(frame).toContain('le hub ne peut plus enregistrer depuis 13:28:30 : modifications refusées');
    expect(frame).toContain('figé depuis 13:28:30');
  });

  it('covers the kiosk KPIs with it', async () => {
    const store = createStore({ intervalMs: 0 });
    store.setWelcome({ ...WELCOME, permissions: { ...WELCOME.permissions, readOnly: true } });
    store.setConnection({ status: 'live', staleSince: null, lastError: null, attempts: 0 });
    store.setState(stateFromSnapshot(centerSnapshot()));
    store.setHubStatus(degraded(SINCE));
    store.flush();
    screen = renderAt(
      <KioskApp
        store={store}
        hubLabel="wall-hub:8080"
        theme={createTheme()}
        clock={() => T0}
        tickMs={20}
        kiosk={{ rotateSeconds: 0 }}
        onExit={() => {}}
      />,
      80,
      24,
    );
    const frame = await screen.waitFor((f) => f.includes('hub cannot save'), 'the banner');
    expect(frame).not.toContain('LONGEST WAIT');
    expect(frame).toContain('hub cannot save since 13:28:30: changes refused');
  });

  it('shows it on the agent dashboard', async () => {
    const app = renderActions({ who: 'agent', root: true });
    screen = app;
    await app.waitFor((f) => f.includes('My devices'), 'the dashboard');
    app.store.setHubStatus(degraded(SINCE));
    app.store.flush();
    const frame = await app.waitFor((f) => f.includes('hub cannot save'), 'the banner');
    expect(frame).toContain('hub cannot save since 13:28:30: changes refused');
    expect(frame).toContain('My devices');
  });
});
