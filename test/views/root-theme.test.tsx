import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../../src/client/store.js';
import { stateFromSnapshot } from '../../src/domain/index.js';
import { Root } from '../../src/views/components/Root.js';
import { createTheme } from '../../src/views/theme.js';
import { centerSnapshot, T0 } from '../fixtures/center-snapshot.js';
import { WATCH_ONLY, welcomeOf } from '../fixtures/welcome.js';
import { renderActions } from './actions-fixture.js';
import { type Rendered, renderAt } from './render-at.js';

const WELCOME = welcomeOf(WATCH_ONLY);

let app: Rendered | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

const ASCII_ONLY = /^[\x20-\x7e\n]*$/;

describe('the theme given to Root reaches every screen', () => {
  it('the kiosk, whose tables and banner draw in ASCII with an ASCII theme', async () => {
    const store = createStore({ intervalMs: 0 });
    store.setWelcome(WELCOME);
    store.setConnection({ status: 'live', staleSince: null, lastError: null, attempts: 0 });
    store.setState(stateFromSnapshot(centerSnapshot()));
    store.flush();
    app = renderAt(
      <Root
        store={store}
        hubLabel="wall-hub:8080"
        theme={createTheme({ ascii: true })}
        clock={() => T0}
        onExit={() => {}}
        kiosk={{ rotateSeconds: 15 }}
      />,
      80,
      24,
    );
    const frame = await app.waitFor((f) => f.includes('LONGEST WAIT'), 'the kiosk');
    expect(frame).toMatch(ASCII_ONLY);
    expect(frame).toContain('LONGEST WAIT X');
  });

  it('the agent dashboard, its cursor and devices in ASCII', async () => {
    app = renderActions({ who: 'agent', root: true, theme: createTheme({ ascii: true }) });
    const frame = await app.waitFor((f) => f.includes('My devices'), 'the dashboard');
    expect(frame).toMatch(ASCII_ONLY);
    expect(frame).toContain('> ');
  });
});
