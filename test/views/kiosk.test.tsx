import { afterEach, describe, expect, it } from 'vitest';
import { createStore, type WallboardStore } from '../../src/client/store.js';
import { stateFromSnapshot } from '../../src/domain/index.js';
import { setLocale } from '../../src/i18n/index.js';
import { KioskApp } from '../../src/views/components/kiosk/KioskApp.js';
import type { KioskOptions } from '../../src/views/components/kiosk/kiosk-state.js';
import { createTheme, type Theme } from '../../src/views/theme.js';
import { type CenterOptions, centerSnapshot, T0 } from '../fixtures/center-snapshot.js';
import { WATCH_ONLY, welcomeOf } from '../fixtures/welcome.js';
import { KEYS, type Rendered, renderAt } from './render-at.js';

const READ_ONLY = welcomeOf(WATCH_ONLY);

interface KioskHarness extends Rendered {
  store: WallboardStore;
  clock: { now: number };
  exits: string[];
  bells: number;
}

let kiosk: KioskHarness | undefined;
afterEach(() => {
  kiosk?.unmount();
  kiosk = undefined;
  setLocale('en');
});

function renderKiosk(
  options: {
    columns?: number;
    rows?: number;
    kiosk?: Partial<KioskOptions>;
    theme?: Theme;
    center?: CenterOptions;
  } = {},
): KioskHarness {
  const store = createStore({ intervalMs: 0 });
  store.setWelcome(READ_ONLY);
  store.setConnection({ status: 'live', staleSince: null, lastError: null, attempts: 0 });
  store.setState(stateFromSnapshot(centerSnapshot(options.center)));
  store.flush();
  const clock = { now: T0 };
  const exits: string[] = [];
  const harness = { bells: 0 } as KioskHarness;
  const rendered = renderAt(
    <KioskApp
      store={store}
      hubLabel="wall-hub:8080"
      theme={options.theme ?? createTheme()}
      clock={() => clock.now}
      tickMs={20}
      kiosk={{ rotateSeconds: 15, ...options.kiosk }}
      onExit={(reason) => exits.push(reason)}
      onBell={() => {
        harness.bells += 1;
      }}
    />,
    options.columns ?? 80,
    options.rows ?? 24,
  );
  return Object.assign(harness, rendered, { store, clock, exits });
}

const line = (frame: string, text: string): string => frame.split('\n').find((l) => l.includes(text)) ?? '';
/** The channel table's row (the KPI block's title reads "Sales · queue"). */
const row = (frame: string, name: string): string => line(frame, `${name}  `);

describe('kiosk at 80×24', () => {
  it('shows large KPIs for the featured channel and every channel of the three kinds', async () => {
    kiosk = renderKiosk();
    const frame = await kiosk.waitFor((f) => f.includes('LONGEST WAIT'), 'the KPI block');
    const lines = kiosk.lines();
    expect(lines).toHaveLength(24);
    expect(lines[0]).toContain('wallboard');
    expect(lines[0]).toContain('● live');
    expect(lines[0]).toContain('13:30:00');
    // Queues first, by name: Billing is featured, breached on both thresholds (symbol and colour).
    expect(lines[1]).toMatch(/› Billing · queue ✖/);
    expect(lines[1]).toContain('1/6 · next in 15s');
    expect(lines[2]).toMatch(/WAITING\s+LONGEST WAIT ✖\s+SERVICE LEVEL ✖/);
    // Three rows of large figures: 3:20 and 30%.
    expect(lines.slice(3, 6).join('\n')).toContain('|_|');
    expect(lines[4]).toMatch(/_\|.*✖/);
    expect(lines[6]).toMatch(/AGENTS\s+ready 0 · busy 0/);
    for (const name of ['Billing', 'Sales', 'Support', 'Web chat', 'WhatsApp', 'Renewals'])
      expect(frame).toContain(name);
    expect(line(frame, 'Renewals')).toContain('campaign');
    expect(line(frame, 'Web chat')).toContain('chat');
    expect(line(frame, 'Sales')).toMatch(/1:15 ▲\s+78% ▲/);
    // Only quitting in the footer: no action keys.
    expect(lines[23]?.trim()).toBe('q quit  Ctrl-C quit');
    expect(kiosk.rawFrame()).toContain('\u001b[31m'); // red, as well as the symbol
  });

  it('has no action keys: Enter, a, /, ?, Tab, 1-3 change nothing; q quits', async () => {
    kiosk = renderKiosk({ kiosk: { rotateSeconds: 0 } });
    const before = await kiosk.waitFor((f) => f.includes('LONGEST WAIT'), 'the kiosk');
    for (const key of [KEYS.enter, 'a', '/', '?', KEYS.tab, '2', 'm', 'L', 'o', 'u', ' ', KEYS.down])
      await kiosk.press(key);
    expect(kiosk.frame()).toBe(before);
    expect(kiosk.exits).toEqual([]);
    await kiosk.press('q');
    expect(kiosk.exits).toEqual(['quit']);
  });

  it('rotates through the channels by the clock', async () => {
    kiosk = renderKiosk({ kiosk: { rotateSeconds: 10 } });
    await kiosk.waitFor((f) => f.includes('› Billing · queue'), 'Billing featured');
    kiosk.clock.now = T0 + 10_000;
    await kiosk.waitFor((f) => f.includes('› Sales · queue') && f.includes('2/6'), 'Sales featured next');
    kiosk.clock.now = T0 + 30_000;
    await kiosk.waitFor((f) => f.includes('› Web chat · chat'), 'then the first chat');
    kiosk.clock.now = T0 + 50_000;
    await kiosk.waitFor((f) => f.includes('› Renewals · campaign'), 'then the campaign');
  });

  it('shows only the chosen channels, in order, and names the unknown ones', async () => {
    kiosk = renderKiosk({ kiosk: { rotateSeconds: 0, channels: ['k-renewals', 'c-web', 'nope'] } });
    const frame = await kiosk.waitFor((f) => f.includes('› Renewals · campaign'), 'the chosen set');
    expect(frame).toContain('1/2');
    expect(frame).toContain('Web chat');
    expect(frame).not.toContain('Billing');
    expect(frame).not.toContain('Support');
    expect(frame).toContain('▲ unknown channel: nope');
  });

  it('covers the KPIs with a stale banner while the data is not live, and uncovers them when live again', async () => {
    kiosk = renderKiosk();
    await kiosk.waitFor((f) => f.includes('LONGEST WAIT'), 'the KPIs');
    kiosk.store.setConnection({
      status: 'reconnecting',
      staleSince: T0 - 5_000,
      lastError: 'connection refused (127.0.0.1:4000)',
      attempts: 3,
    });
    kiosk.store.flush();
    let frame = await kiosk.waitFor((f) => f.includes('STALE since 13:29:55'), 'the stale banner');
    expect(frame).not.toContain('LONGEST WAIT');
    expect(frame).toContain('reconnecting to the hub (attempt 3)');
    expect(frame).toContain('last error: connection refused (127.0.0.1:4000)');
    expect(kiosk.lines()[0]).toContain('reconnecting · stale since 13:29:55');
    expect(kiosk.rawFrame()).toContain('\u001b[7m'); // the banner is inverse
    kiosk.store.setConnection({ status: 'live', staleSince: null, lastError: null, attempts: 0 });
    kiosk.store.flush();
    frame = await kiosk.waitFor((f) => f.includes('LONGEST WAIT'), 'the KPIs again');
    expect(frame).not.toContain('STALE');
  });

  it('covers the KPIs with "telephony down" while the source is down, on a live link', async () => {
    kiosk = renderKiosk();
    await kiosk.waitFor((f) => f.includes('LONGEST WAIT'), 'the KPIs');
    const source = {
      kind: 'asterisk',
      label: 'Asterisk',
      since: T0 - 5_000,
      detail: 'AMI connection lost',
      capabilities: { queue: ['login' as const] },
    };
    kiosk.store.setSource({ ...source, up: false });
    kiosk.store.flush();
    const frame = await kiosk.waitFor((f) => f.includes('TELEPHONY DOWN since 13:29:55'), 'the banner');
    expect(frame).not.toContain('LONGEST WAIT');
    expect(frame).toContain('the hub is waiting for the telephony system; figures are frozen');
    expect(frame).toContain('last error: AMI connection lost');
    expect(kiosk.lines()[0]).toContain('telephony down since 13:29:55');
    expect(kiosk.lines()[0]).not.toContain('● live');
    kiosk.store.setSource({ ...source, up: true, since: T0, detail: '' });
    kiosk.store.flush();
    await kiosk.waitFor((f) => f.includes('LONGEST WAIT'), 'the KPIs again');
  });

  it('rings the bell once per newly breached threshold (with --bell)', async () => {
    kiosk = renderKiosk({ kiosk: { rotateSeconds: 0, bell: true } });
    await kiosk.waitFor((f) => f.includes('1:15 ▲'), 'Sales at warning');
    expect(kiosk.bells).toBe(0);
    // Sales' oldest call (75 s) passes the critical threshold (120 s).
    kiosk.clock.now = T0 + 50_000;
    await kiosk.waitFor((f) => /Sales\s.*2:05 ✖/.test(f), 'Sales critical');
    await kiosk.waitFor(() => kiosk?.bells === 1, 'one bell');
    kiosk.clock.now = T0 + 51_000;
    await kiosk.waitFor((f) => f.includes('2:06 ✖'), 'a second later');
    expect(kiosk.bells).toBe(1);
  });

  it('reads on a monochrome screen under NO_COLOR: symbols, bold and inverse, no colour', async () => {
    kiosk = renderKiosk({ theme: createTheme({ color: false }) });
    const frame = await kiosk.waitFor((f) => f.includes('LONGEST WAIT'), 'the kiosk');
    const raw = kiosk.rawFrame();
    expect(raw).not.toMatch(new RegExp(`${'\u001b'}\\[3[0-7]m`));
    expect(raw).toContain('\u001b[7m');
    expect(raw).toContain('\u001b[1m');
    expect(frame).toContain('LONGEST WAIT ✖');
    expect(line(frame, 'Sales')).toContain('1:15 ▲');
  });

  it('uses only ASCII with --ascii', async () => {
    kiosk = renderKiosk({ theme: createTheme({ ascii: true }) });
    const frame = await kiosk.waitFor((f) => f.includes('LONGEST WAIT'), 'the kiosk');
    expect(frame).toMatch(/^[\x20-\x7e\n]*$/);
    expect(frame).toContain('LONGEST WAIT X');
    expect(line(frame, 'Sales')).toContain('1:15 !');
  });
});

describe('kiosk scales up to 200×60', () => {
  it('uses the room for more figures, more columns and the featured channel’s agents', async () => {
    kiosk = renderKiosk({ columns: 200, rows: 60, kiosk: { rotateSeconds: 0, channels: ['q-sales'] } });
    const frame = await kiosk.waitFor((f) => f.includes('ABANDONED'), 'the wide KPI block');
    expect(kiosk.lines()).toHaveLength(60);
    expect(frame).toContain('OFFERED');
    const header = line(frame, 'Channel');
    for (const column of ['Kind', 'Offered', 'Aband.', 'ASA', 'AHT', 'Wrap', 'Paused'])
      expect(header).toContain(column);
    expect(row(frame, 'Sales')).toMatch(/queue\s+3\s+1:15 ▲\s+78% ▲/);
    // The agents of the featured channel, each on a line.
    for (const name of ['Alice Martin', 'Bruno Diaz', 'Hugo Bernard']) expect(frame).toContain(name);
  });
});

describe('kiosk: the number waiting', () => {
  it('is judged by the channel’s waiting thresholds, like the longest wait', async () => {
    kiosk = renderKiosk({
      kiosk: { rotateSeconds: 0, channels: ['q-sales', 'q-support'] },
      center: { salesWaitingAlert: { warning: 2, critical: 3 } },
    });
    const frame = await kiosk.waitFor((f) => f.includes('LONGEST WAIT'), 'the kiosk');
    // Sales is featured: 3 waiting is critical; its title takes the worst level.
    expect(kiosk.lines()[1]).toMatch(/› Sales · queue ✖/);
    expect(kiosk.lines()[2]).toMatch(/WAITING ✖\s+LONGEST WAIT ▲\s+SERVICE LEVEL ▲/);
    expect(row(frame, 'Sales')).toMatch(/3 ✖\s+1:15 ▲/);
    // Support has no waiting thresholds: its count is not judged.
    expect(row(frame, 'Support')).toMatch(/Support\s+queue\s+0\s+0:00 /);
  });
});

describe('kiosk in French', () => {
  it('uses the French words and number formats', async () => {
    setLocale('fr');
    kiosk = renderKiosk();
    const frame = await kiosk.waitFor((f) => f.includes('ATTENTE MAX'), 'the French KPIs');
    expect(frame).toContain('affichage mural');
    expect(frame).toContain('EN ATTENTE');
    expect(frame).toContain('NIVEAU DE SERVICE');
    expect(frame).toContain('● en direct');
    expect(line(frame, 'Renewals')).toContain('campagne');
    expect(line(frame, 'Billing')).toContain('file');
    // French puts a no-break space before %.
    expect(row(frame, 'Sales')).toMatch(/78[\u00a0\u202f]% ▲/);
    expect(kiosk.lines()[23]?.trim()).toBe('q quitter  Ctrl-C quitter');
    kiosk.store.setConnection({ status: 'stale', staleSince: T0 - 60_000, lastError: null, attempts: 9 });
    kiosk.store.flush();
    await kiosk.waitFor((f) => f.includes('DONNÉES PÉRIMÉES depuis 13:29:00'), 'the French stale banner');
  });
});
