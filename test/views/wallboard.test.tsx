import { afterEach, describe, expect, it } from 'vitest';
import { createTheme } from '../../src/views/theme.js';
import { T0 } from '../fixtures/center-snapshot.js';
import { type AppHarness, renderApp } from './app-fixture.js';
import { KEYS, stripAnsi } from './render-at.js';

let app: AppHarness | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

const ESC = '\u001b';
const row = (frame: string, name: string): string => frame.split('\n').find((l) => l.includes(name)) ?? '';

/** Opens the Sales queue (the second queue, after Billing) and focuses its agents. */
async function openSales(harness: AppHarness): Promise<void> {
  await harness.waitFor((f) => f.includes('Billing'), 'the queues');
  await harness.press('j');
  await harness.waitFor((f) => f.includes('› Sales') && f.includes('Bruno Diaz'), 'the agents of Sales');
  await harness.press(KEYS.right);
}

describe('wallboard at 100×30', () => {
  it('shows who is signed in, the hub, the link, the clock and the KPIs of the selected channel', async () => {
    app = renderApp();
    const frame = await app.waitFor((f) => f.includes('Sam Super'), 'the header');
    const [identity, kpis] = app.lines();
    expect(identity).toContain('Sam Super (supervisor)');
    expect(identity).toContain('test-hub:1234');
    expect(identity).toContain('● live');
    expect(identity).toContain('13:30:00');
    // Billing is first: one call waiting 3:20 (critical), service level 3/(5+5) = 30% (critical).
    expect(kpis).toMatch(/Billing\s+waiting 1\s+longest 3:20 ✖\s+SL 30% ✖/);
    await app.press('j');
    await app.waitFor((f) => /Sales\s+waiting 3\s+longest 1:15 ▲\s+SL 78% ▲/.test(f), 'the KPIs of Sales');
    expect(app.lines()[1]).toMatch(/ready 2 · busy 4 · wrap-up 1 · paused 1 \(2 pending\)/);
    expect(frame.split('\n').length).toBeLessThanOrEqual(30);
  });

  it('marks the number waiting against the channel’s waiting thresholds, where it has them', async () => {
    app = renderApp({ salesWaitingAlert: { warning: 3, critical: 6 } });
    const frame = await app.waitFor((f) => f.includes('Billing'), 'the queues');
    const table = frame.split('\n');
    expect(table.find((l) => /Sales\s+\d/.test(l))).toMatch(/Sales\s+3 ▲\s+1:15 ▲\s+78% ▲/);
    // Billing has no waiting thresholds: its count is not judged.
    expect(table.find((l) => /Billing\s+\d/.test(l))).toMatch(/Billing\s+1\s+3:20 ✖/);
    await app.press('j');
    await app.waitFor((f) => /Sales\s+waiting 3 ▲\s+longest 1:15 ▲/.test(f), 'the KPIs of Sales');
    expect(app.rawFrame()).toContain('\u001b[33m3 ▲'); // yellow, as well as the symbol
  });

  it('switches panes with 1/2/3 and Tab/Shift-Tab', async () => {
    app = renderApp();
    await app.waitFor((f) => f.includes('Support'), 'the queues');
    await app.press('2');
    let frame = await app.waitFor((f) => f.includes('Web chat'), 'the chats');
    expect(frame).toContain('WhatsApp');
    expect(frame).not.toContain('Support');
    await app.press('3');
    frame = await app.waitFor((f) => f.includes('Renewals'), 'the campaigns');
    expect(frame).not.toContain('Web chat');
    await app.press(KEYS.tab);
    await app.waitFor(
      (f) => f.includes('Support') && !f.includes('Renewals'),
      'Tab back round to the queues',
    );
    await app.press(KEYS.shiftTab);
    await app.waitFor((f) => f.includes('Renewals'), 'Shift-Tab to the campaigns');
    await app.press('1');
    await app.waitFor((f) => f.includes('Billing'), 'the queues again');
  });

  it('lists the agents of the channel with status, time in status, details and device dots', async () => {
    app = renderApp();
    await openSales(app);
    const frame = app.frame();
    // Alice is available in Sales but on a chat in Web chat: busy here too, for as long as the chat.
    expect(row(frame, 'Alice Martin')).toMatch(/1001\s+busy\s+0:38\s+busy · Web chat.*●●/);
    // Bruno: busy 2:05 on a call with Jane Doe; his desk phone is off (○), softphone on (●).
    expect(row(frame, 'Bruno Diaz')).toMatch(/1002\s+busy\s+2:05.*Jane Doe.*○●/);
    expect(row(frame, 'Chloe Petit')).toMatch(/wrap-up\s+0:05\s+0:25 left/);
    expect(row(frame, 'David Okafor')).toMatch(/paused\s+10:00\s+Lunch/);
    expect(row(frame, 'Emma Rossi')).toMatch(/busy\s+1:30\s+→ logout/);
    expect(row(frame, 'Farid Haddad')).toMatch(/busy\s+0:45\s+→ pause: Training/);
    // Marks: Greta is logged in without an assignment, Hugo is no longer allowed.
    expect(row(frame, 'Greta Larsen')).toMatch(/^.*◇ Greta Larsen/);
    expect(row(frame, 'Hugo Bernard')).toMatch(/⊘ Hugo Bernard/);
    expect(row(frame, 'Alice Martin')).not.toMatch(/[◇⊘] Alice/);
  });

  it('ticks times every second from timestamps and the clock', async () => {
    app = renderApp({ tickMs: 20 });
    await openSales(app);
    app.clock.now = T0 + 61_000;
    const frame = await app.waitFor((f) => /Alice Martin.*1:39/.test(f), 'Alice one minute later');
    expect(row(frame, 'Chloe Petit')).toMatch(/wrap-up\s+1:06\s+0:00 left/);
    expect(app.lines()[0]).toContain('13:31:01');
  });

  it('colours breached thresholds and marks them with a symbol', async () => {
    app = renderApp();
    await app.waitFor((f) => f.includes('Billing'), 'the queues');
    const raw = app.rawFrame();
    // red (31) for critical, yellow (33) for warning, green (32) for ok.
    expect(raw).toContain(`${ESC}[31m3:20 ✖`);
    expect(raw).toContain(`${ESC}[31m30% ✖`);
    expect(raw).toContain(`${ESC}[33m1:15 ▲`);
    expect(raw).toContain(`${ESC}[32m98%`);
  });

  it('drops colours under NO_COLOR but keeps symbols, bold and inverse', async () => {
    app = renderApp({ theme: createTheme({ color: false }) });
    await openSales(app);
    const raw = app.rawFrame();
    expect(raw).not.toMatch(new RegExp(`${ESC}\\[3[0-7]m`));
    expect(raw).toContain(`${ESC}[7m`);
    expect(raw).toContain(`${ESC}[1m`);
    expect(app.frame()).toContain('1:15 ▲');
    expect(row(app.frame(), 'Alice Martin')).toContain('●●');
  });

  it('filters agents by name or extension, and Esc clears the filter', async () => {
    app = renderApp();
    await openSales(app);
    await app.press('/');
    for (const ch of 'chlo') await app.press(ch);
    let frame = await app.waitFor((f) => !f.includes('Alice Martin'), 'the filter to apply');
    expect(frame).toContain('Chloe Petit');
    expect(frame).not.toContain('Bruno Diaz');
    await app.press(KEYS.escape);
    frame = await app.waitFor((f) => f.includes('Alice Martin'), 'the filter cleared');
    expect(frame).toContain('Chloe Petit');
    await app.press('/');
    for (const ch of '1004') await app.press(ch);
    await app.press(KEYS.enter);
    frame = await app.waitFor(
      (f) => !f.includes('Alice Martin') && f.includes('/ 1004'),
      'the extension filter kept',
    );
    expect(frame).toContain('David Okafor');
    // q while typing a filter types a q; it does not quit.
    await app.press('/');
    await app.press('q');
    expect(app.exits).toEqual([]);
    await app.waitFor((f) => f.includes('no agent matches'), 'nobody matches 1004q');
  });

  it('cycles the sort: status, time in status, name', async () => {
    app = renderApp();
    await openSales(app);
    const order = (frame: string) =>
      frame
        .split('\n')
        .map((l) => /│.{4}(\w+ \w+)/.exec(l)?.[1])
        .filter((n): n is string => n !== undefined && n !== 'Agent Ext');
    // Alice is busy in Web chat, so she sorts with the busy ones.
    expect(order(app.frame()).slice(0, 3)).toEqual(['Greta Larsen', 'Hugo Bernard', 'Bruno Diaz']);
    await app.press('s');
    let frame = await app.waitFor((f) => f.includes('sort: time in status'), 'sorting by time');
    expect(order(frame).slice(0, 3)).toEqual(['David Okafor', 'Bruno Diaz', 'Emma Rossi']);
    await app.press('s');
    frame = await app.waitFor((f) => f.includes('sort: name'), 'sorting by name');
    expect(order(frame).slice(0, 3)).toEqual(['Alice Martin', 'Bruno Diaz', 'Chloe Petit']);
    await app.press('s');
    await app.waitFor((f) => f.includes('sort: status'), 'back to status');
  });

  it('shows every key of the key map in the help overlay', async () => {
    app = renderApp();
    await app.waitFor((f) => f.includes('Billing'), 'the queues');
    await app.press('?');
    const frame = await app.waitFor((f) => f.includes('Keys'), 'the help');
    for (const text of [
      'Shift-Tab',
      'PgUp',
      'G End',
      'Filter / search',
      'Sort: status, time, name',
      'Quit',
    ]) {
      expect(frame).toContain(text);
    }
    expect(app.lines().at(-1)).toMatch(/Esc close/);
    await app.press(KEYS.escape);
    await app.waitFor((f) => f.includes('Billing') && !f.includes('Keys'), 'the help closed');
  });

  it('says in the help what the numbers mean and what monitoring does, scrolling at 80×24', async () => {
    app = renderApp({ columns: 80, rows: 24 });
    await app.waitFor((f) => f.includes('Billing'), 'the queues');
    await app.press('?');
    let frame = await app.waitFor((f) => f.includes('Keys'), 'the help');
    expect(frame).toMatch(/lines 1-\d+ of \d+: ↓ more/);
    const text = async () => {
      let all = '';
      for (let i = 0; i < 6; i += 1) {
        all += app?.frame() ?? '';
        await app?.press(KEYS.pageDown);
      }
      return all.replace(/\s+/g, ' ');
    };
    const all = await text();
    for (const words of [
      'What the numbers mean',
      'counted since local midnight on the hub',
      "SL (service level): answered within the channel's threshold",
      'ASA (average speed of answer)',
      'AHT (average handle time): (talk time + wrap-up time) ÷ interactions handled',
      'Abandon %: abandoned ÷ (answered + abandoned)',
      "thresholds are set by an admin in the hub's directory",
      'Monitoring, from a terminal',
      'it plays no sound itself',
    ])
      expect(all).toContain(words);
    // The board below did not move while the help scrolled.
    await app.press(KEYS.escape);
    frame = await app.waitFor((f) => !f.includes('Keys'), 'the help closed');
    expect(frame).toContain('› Billing');
  });

  it('only watches without commands to the hub: Enter on an agent opens no menu, the keys stay on the board', async () => {
    app = renderApp();
    await openSales(app);
    await app.waitFor((f) => /› ?◇ Greta Larsen/.test(f), 'the cursor on Greta');
    await app.press(KEYS.enter);
    await app.press('j');
    const frame = await app.waitFor((f) => !/› ?◇ Greta Larsen/.test(f), 'the cursor past Greta');
    expect(frame).not.toContain('Actions');
  });

  it('quits with q, and Ctrl-C from anywhere', async () => {
    app = renderApp();
    await app.waitFor((f) => f.includes('Billing'), 'the queues');
    await app.press('q');
    expect(app.exits).toEqual(['quit']);
    await app.press('/');
    await app.press(KEYS.ctrlC);
    expect(app.exits).toEqual(['quit', 'interrupt']);
  });

  it('says when the link is down and since when, and shows the latest problem', async () => {
    app = renderApp();
    await app.waitFor((f) => f.includes('● live'), 'live');
    app.store.setConnection({
      status: 'stale',
      staleSince: T0 - 10_000,
      lastError: 'connect ECONNREFUSED 127.0.0.1:1234',
      attempts: 3,
    });
    app.store.flush();
    const frame = await app.waitFor((f) => f.includes('stale since 13:29:50'), 'the stale banner');
    expect(frame).toContain('ECONNREFUSED');
    app.store.setConnection({
      status: 'live',
      staleSince: null,
      lastError: null,
      attempts: 0,
    });
    app.store.addError('bad message from the hub: not JSON', T0);
    app.store.flush();
    await app.waitFor((f) => f.includes('13:30:00 bad message from the hub: not JSON'), 'the error line');
  });
});

describe('a stale screen', () => {
  /** The styled line that shows `name` (a channel row and an agent row share a line). */
  const rawLine = (harness: AppHarness, name: string) =>
    harness
      .rawFrame()
      .split('\n')
      .find((l) => stripAnsi(l).includes(name)) ?? '';
  const COLOUR = new RegExp(`${ESC}\\[3[1-7]m`);
  const DIM = `${ESC}[2m`;

  it('keeps the rows, dimmed, with their clocks stopped when the data stopped being live', async () => {
    app = renderApp();
    await openSales(app);
    expect(row(app.frame(), 'Bruno Diaz')).toMatch(/busy\s+2:05/);
    expect(rawLine(app, 'Bruno Diaz')).toMatch(COLOUR); // busy, in colour
    expect(rawLine(app, 'Billing')).toMatch(COLOUR); // a breached threshold, in red

    app.store.setConnection({ status: 'stale', staleSince: T0 - 10_000, lastError: null, attempts: 4 });
    app.store.flush();
    await app.waitFor((f) => f.includes('stale since 13:29:50'), 'the stale header');
    app.clock.now = T0 + 60_000;
    // Time in status as of the last live moment, not ticking on with the clock.
    const frame = await app.waitFor((f) => f.includes('13:31:00'), 'the clock ticking on');
    expect(row(frame, 'Bruno Diaz')).toMatch(/busy\s+1:55/);
    for (const name of ['Bruno Diaz', 'Billing', 'David Okafor']) {
      expect(rawLine(app, name)).not.toMatch(COLOUR);
      expect(rawLine(app, name)).toContain(DIM);
    }

    app.store.setConnection({ status: 'live', staleSince: null, lastError: null, attempts: 0 });
    app.store.flush();
    await app.waitFor((f) => /Bruno Diaz.*busy\s+3:05/.test(f), 'live times again');
    expect(rawLine(app, 'Bruno Diaz')).toMatch(COLOUR);
  });
});

describe('sizes', () => {
  it('fits 80×24 with every column a supervisor needs', async () => {
    app = renderApp({ columns: 80, rows: 24 });
    await openSales(app);
    const lines = app.lines();
    expect(lines.length).toBe(24);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(row(app.frame(), 'Bruno Diaz')).toMatch(/busy\s+2:05\s+.*Jane Doe\s+○●/);
  });

  it('shows a too-small screen, and redraws on resize', async () => {
    app = renderApp({ columns: 79, rows: 24 });
    await app.waitFor((f) => f.includes('too small: need 80×24, have 79×24'), 'too small');
    app.resize(100, 20);
    await app.waitFor((f) => f.includes('have 100×20'), 'still too small');
    app.resize(120, 40);
    await app.waitFor((f) => f.includes('Billing'), 'the wallboard');
    expect(app.lines().length).toBe(40);
    expect(app.lines()[3]).toContain('Interaction');
    app.resize(80, 24);
    await app.waitFor((f) => f.split('\n').filter(Boolean).length === 24, 'the smaller frame');
    expect(app.lines()[3]).not.toContain('Interaction');
    // q still quits from the too-small screen.
    app.resize(60, 10);
    await app.waitFor((f) => f.includes('too small'), 'too small again');
    await app.press('q');
    expect(app.exits).toEqual(['quit']);
  });

  it('scrolls a long list, rendering only the rows on screen; the frame never outgrows the terminal', async () => {
    app = renderApp({ columns: 80, rows: 24, extraAgents: 500 });
    await app.waitFor((f) => f.includes('Billing'), 'the queues');
    await app.press('j');
    await app.waitFor((f) => f.includes('› Sales') && f.includes('Temp '), 'the agents of Sales');
    await app.press(KEYS.right);
    // Rows of the agent list: what is right of the separator, between the table header and the footer.
    const agentLines = () =>
      app!
        .lines()
        .slice(4, -2)
        .filter((l) => (l.split('│')[1] ?? '').trim() !== '');
    expect(app.lines().length).toBe(24);
    expect(agentLines().length).toBe(18);
    expect(app.frame()).toContain('1/508 agents');
    await app.press('G');
    let frame = await app.waitFor((f) => f.includes('508/508 agents'), 'the last row');
    // The status sort puts the paused agent last.
    expect(row(frame, 'David Oka')).toContain('›');
    expect(app.lines().length).toBe(24);
    expect(agentLines().length).toBe(18);
    await app.press(KEYS.pageUp);
    frame = await app.waitFor((f) => f.includes('490/508 agents'), 'one page up');
    await app.press('g');
    frame = await app.waitFor((f) => f.includes('1/508 agents'), 'the first row');
    expect(agentLines().length).toBe(18);
    expect(app.lines().length).toBe(24);
  });
});
