/** The action menu, the Log agents dialog, monitoring, unassigned sessions, bulk and the activity log, at pinned sizes. */
import { afterEach, describe, expect, it } from 'vitest';
import { apply } from '../../src/domain/index.js';
import type { SnapshotData } from '../../src/protocol/index.js';
import { T0 } from '../client/center-fixture.js';
import { type ActionsHarness, boardRow, renderActions, type Who } from './actions-fixture.js';
import { KEYS } from './render-at.js';

let app: ActionsHarness | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

const row = boardRow;
/** The menu's part of a line: left of the separator. */
const left = (frame: string): string =>
  frame
    .split('\n')
    .map((l) => l.split('│')[0] ?? '')
    .join('\n');

/** The menu's words in one line: wrapped lines joined by single spaces. */
const flat = (frame: string): string =>
  left(frame)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');

async function typeText(harness: ActionsHarness, text: string): Promise<void> {
  for (const ch of text) await harness.press(ch);
}

/** Opens Sales (second queue) and puts the cursor on `name`'s row. */
async function onAgent(harness: ActionsHarness, name: string): Promise<void> {
  await harness.waitFor((f) => f.includes('Billing'), 'the queues');
  await harness.press('j');
  await harness.waitFor((f) => f.includes('› Sales') && f.includes('Bruno Diaz'), 'the agents of Sales');
  await harness.press(KEYS.right);
  for (let i = 0; i < 12; i += 1) {
    if ((row(harness.frame(), name).split('│')[1] ?? '').includes('›')) break;
    await harness.press('j');
  }
  await harness.waitFor((f) => (row(f, name).split('│')[1] ?? '').includes('›'), `the cursor on ${name}`);
}

/** Picks the allowed entry (or option) whose label contains `label`, with ↓ and Enter. */
async function choose(harness: ActionsHarness, label: string): Promise<void> {
  const lines = left(harness.frame()).split('\n');
  const heading = lines.findIndex((l) => /^ (Actions|Pause — |Monitor — )/.test(l));
  const entries: string[] = [];
  for (const line of lines.slice(heading + 1)) {
    if (line.trim() === '') break;
    entries.push(line);
  }
  const index = entries.findIndex((l) => l.includes(label));
  if (index < 0) throw new Error(`no entry ${label} in:\n${entries.join('\n')}`);
  for (let i = 0; i < index; i += 1) await harness.press(KEYS.down);
  await harness.press(KEYS.enter);
}

/** The list part of the Log agents dialog (below its table header). */
const listOf = (frame: string): string => frame.split('\n').slice(6, -2).join('\n');

async function openMenu(who: Who, name: string, tweak?: (data: SnapshotData) => void) {
  app = renderActions({ who, ...(tweak ? { tweak } : {}) });
  await onAgent(app, name);
  await app.press(KEYS.enter);
  await app.waitFor((f) => f.includes('Actions') || f.includes('Not available'), 'the action menu');
  return app;
}

/** Opens Alice's chat in Web chat and reads its transcript (an empty panel so far). */
async function readAliceChat(a: ActionsHarness): Promise<void> {
  await a.waitFor((f) => f.includes('Billing'), 'the queues');
  await a.press('2');
  await a.waitFor((f) => f.includes('Web chat') && f.includes('Alice Martin'), 'the chats');
  await a.press(KEYS.right);
  await a.press(KEYS.enter);
  await a.waitFor((f) => f.includes('Read transcript'), 'the menu');
  await choose(a, 'Read transcript');
  await a.waitFor((f) => f.includes('(no message yet)'), 'the transcript panel');
}

describe('action menu: what may be done, and why not', () => {
  it('a supervisor on a busy agent: log out, pause, monitor; resume and end wrap-up dimmed with the reason', async () => {
    const a = await openMenu('supervisor', 'Bruno Diaz');
    const menu = left(a.frame());
    expect(menu).toContain('Bruno Diaz · Sales');
    const [allowed, dimmed] = menu.split('Not available:');
    expect(allowed).toMatch(/Log out[\s\S]*Pause…[\s\S]*Monitor…[\s\S]*Log agents in…/);
    expect(allowed).not.toContain('Resume');
    expect(dimmed).toMatch(/Resume\s+not paused/);
    expect(dimmed).toMatch(/End wrap-up early\s+not in wrap-up/);
    expect(a.lines().at(-1)).toMatch(/⏎ choose.*Esc back/);
    await a.press(KEYS.escape);
    await a.waitFor((f) => !f.includes('Not available') && f.includes('Billing'), 'the menu closed');
  });

  it('end wrap-up early is offered where enabled, dimmed where the admin has not enabled it', async () => {
    let a = await openMenu('supervisor', 'Chloe Petit');
    expect(left(a.frame()).split('Not available:')[0]).toContain('End wrap-up early');
    a.unmount();
    a = await openMenu('supervisor', 'Chloe Petit', (data) => {
      data.channels = data.channels.map((c) =>
        c.id === 'q-sales' ? { ...c, settings: { ...c.settings, supervisorsMayEndWrapUp: false } } : c,
      );
    });
    expect(flat(a.frame()).split('Not available:')[1]).toMatch(
      /End wrap-up early early end not enabled here/,
    );
  });

  it('a supervisor out of scope may do nothing there: every entry dimmed, not permitted', async () => {
    const a = await openMenu('outOfScope', 'Alice Martin');
    const menu = left(a.frame());
    expect(menu).toContain('nothing you may do here');
    expect(menu).toMatch(/Log out\s+not permitted/);
    expect(menu).toMatch(/Monitor…\s+not permitted/);
    expect(menu).toMatch(/Log agents in…\s+not permitted/);
  });

  it('an admin may do what a supervisor may; a paused agent can be resumed', async () => {
    const a = await openMenu('admin', 'David Okafor');
    const [allowed, dimmed] = left(a.frame()).split('Not available:');
    expect(allowed).toMatch(/Log out[\s\S]*Pause…[\s\S]*Resume[\s\S]*Log agents in…/);
    expect(dimmed).toMatch(/Monitor…\s+agent not busy/);
  });

  it('an agent acts only on themself: no monitoring, no logging others in', async () => {
    const a = await openMenu('agent', 'Alice Martin');
    const [allowed, dimmed] = left(a.frame()).split('Not available:');
    expect(allowed).toMatch(/Log out[\s\S]*Pause…/);
    expect(dimmed).toMatch(/Monitor…\s+not permitted/);
    expect(dimmed).toMatch(/Log agents in…\s+not permitted/);
  });
});

describe('acting: confirmations, pending rows, results', () => {
  it('no hidden key in the menu: digits choose nothing; j/k and the arrows stop at the ends', async () => {
    const a = await openMenu('supervisor', 'Greta Larsen');
    const entries = () =>
      a
        .frame()
        .split('\n')
        .map((l) => l.split('│')[0] ?? '');
    const cursorOn = () =>
      entries()
        .find((l) => l.startsWith(' › '))
        ?.trim();
    expect(cursorOn()).toBe('› Log out');
    for (const digit of '123456789') await a.press(digit);
    await a.press('k');
    await a.press(KEYS.up);
    expect(cursorOn()).toBe('› Log out');
    expect(a.sent).toEqual([]);
    for (let i = 0; i < 8; i += 1) await a.press('j');
    const last = cursorOn();
    await a.press(KEYS.down);
    expect(cursorOn()).toBe(last);
    expect(last).not.toBe('› Log out');
    expect(a.sent).toEqual([]);
    // Still the menu, nothing sent: only ⏎ chooses.
    expect(a.frame()).toContain('Not available:');
  });

  it('asks before logging out a busy agent, shows the command pending, then the row from the delta', async () => {
    const a = await openMenu('supervisor', 'Bruno Diaz');
    a.hold = true;
    await choose(a, 'Log out');
    const ask = await a.waitFor((f) => f.includes('takes effect'), 'the confirmation');
    expect(flat(ask)).toContain('Bruno Diaz is on a call. The logout takes effect when the call ends.');
    await a.waitFor(
      (f) => /⏎\/y confirm.*Esc\/n cancel/.test(f.split('\n').at(-1) ?? ''),
      'the confirm keys in the footer',
    );
    await a.press('y');
    await a.waitFor((f) => /Bruno Diaz.*⧗ logging out…/.test(f), 'the row pending');
    expect(a.sent).toEqual([{ type: 'logout', channelId: 'q-sales', userId: 'a02' }]);
    expect(row(a.frame(), 'Bruno Diaz')).toMatch(/busy/);
    a.release();
    const frame = await a.waitFor((f) => /Bruno Diaz.*→ logout/.test(f), 'the pending logout from the hub');
    expect(frame).toContain('Log out · Sales: Bruno Diaz: pending, applies when the interaction ends');
  });

  it('pauses with a reason picked from the hub list; the reason already in force is dimmed', async () => {
    const a = await openMenu('supervisor', 'David Okafor');
    await choose(a, 'Pause…');
    const reasons = flat(await a.waitFor((f) => f.includes('pick a reason'), 'the reasons'));
    expect(reasons).toMatch(/Not available: Lunch already paused for this reason/);
    await choose(a, 'Training');
    await a.waitFor((f) => /David Okafor.*paused\s+0:00\s+Training/.test(f), 'David paused for training');
    expect(a.sent).toEqual([{ type: 'pause', channelId: 'q-sales', userId: 'a04', reasonId: 'training' }]);
  });

  it('shows a refusal in plain words when the hub says no', async () => {
    const a = await openMenu('supervisor', 'Chloe Petit');
    a.hold = true;
    await choose(a, 'End wrap-up early');
    await a.waitFor((f) => /Chloe Petit.*ending wrap-up…/.test(f), 'the row pending');
    // Meanwhile her wrap-up ended on its own.
    a.hubEvent({ type: 'wrap_up_ended', at: T0, channelId: 'q-sales', userId: 'a03', by: 'system' });
    a.release();
    await a.waitFor(
      (f) => f.includes('✖ End wrap-up early · Sales: Chloe Petit: Chloe Petit is not in wrap-up'),
      'the refusal',
    );
  });

  it('bulk: Space selects several, the menu acts on all and reports each', async () => {
    app = renderActions();
    const a = app;
    await onAgent(a, 'Greta Larsen');
    await a.press(' ');
    await a.waitFor((f) => /› ?✓◇ Greta|✓◇ Greta/.test(f), 'Greta selected');
    await a.press(' ');
    await a.waitFor((f) => /✓⊘ Hugo/.test(f), 'Hugo selected');
    await a.press(KEYS.enter);
    await a.waitFor((f) => f.includes('2 selected agents · Sales'), 'the bulk menu');
    expect(left(a.frame())).toMatch(/Monitor…\s+one agent at a time/);
    await choose(a, 'Pause…');
    await a.waitFor((f) => f.includes('pick a reason'), 'the reasons');
    await choose(a, 'Lunch');
    const report = await a.waitFor((f) => f.includes('2 done'), 'the report');
    // Each agent named once: "✓ Greta Larsen: done".
    expect(report).toMatch(/✓ Greta Larsen: done/);
    expect(report).toMatch(/✓ Hugo Bernard: done/);
    expect(report).not.toMatch(/Greta Larsen\s+Greta Larsen/);
    await a.press(KEYS.escape);
    const frame = await a.waitFor((f) => !f.includes('2 done'), 'the report closed');
    expect(row(frame, 'Greta Larsen')).toMatch(/paused.*Lunch/);
    expect(row(frame, 'Hugo Bernard')).toMatch(/paused.*Lunch/);
    expect(row(frame, 'Greta Larsen')).not.toContain('✓');
  });

  it('keeps the frame within 80×24 with the menu open', async () => {
    app = renderActions({ columns: 80, rows: 24 });
    await onAgent(app, 'Bruno Diaz');
    await app.press(KEYS.enter);
    await app.waitFor((f) => f.includes('Not available'), 'the menu');
    expect(app.lines().length).toBe(24);
    for (const line of app.lines()) expect(line.length).toBeLessThanOrEqual(80);
  });
});

describe('Log agents dialog', () => {
  async function openDialog(): Promise<ActionsHarness> {
    app = renderActions();
    await app.waitFor((f) => f.includes('Billing'), 'the queues');
    await app.press('j');
    await app.press('j');
    await app.waitFor((f) => f.includes('› Support'), 'Support');
    await app.press('a');
    await app.waitFor((f) => f.includes('Log agents in to Support'), 'the dialog');
    return app;
  }

  it('searches by name or extension at once, filters by role with Tab, marks who is logged in', async () => {
    const a = await openDialog();
    expect(a.frame()).toContain('Sam Super');
    await typeText(a, 'brun');
    let frame = await a.waitFor((f) => !f.includes('Alice Martin'), 'the search');
    expect(frame).toContain('Bruno Diaz');
    await typeText(a, '\u007f\u007f\u007f\u007f');
    await typeText(a, '1003');
    frame = await a.waitFor((f) => f.includes('Chloe Petit') && !f.includes('Bruno Diaz'), 'by extension');
    expect(row(frame, 'Chloe Petit')).toContain('logged in');
    for (let i = 0; i < 4; i += 1) await a.press('\u007f');
    await a.waitFor((f) => f.includes('Alice Martin'), 'everyone again');
    await a.press(KEYS.tab);
    frame = listOf(await a.waitFor((f) => f.includes('role: agent'), 'agents only'));
    expect(frame).not.toContain('Sam Super');
    expect(frame).not.toContain('Ada Admin');
    await a.press(KEYS.tab);
    frame = listOf(await a.waitFor((f) => f.includes('role: supervisor'), 'supervisors'));
    expect(frame).toContain('Sam Super');
    expect(frame).not.toContain('Alice Martin');
    await a.press(KEYS.tab);
    frame = listOf(await a.waitFor((f) => f.includes('role: admin'), 'admins'));
    expect(frame).toContain('Ada Admin');
    expect(frame).not.toContain('Sam Super');
  });

  it('⏎ logs in the highlighted person when nobody is selected; → and ← show and hide devices', async () => {
    const a = await openDialog();
    await typeText(a, 'bruno');
    await a.waitFor((f) => !f.includes('Alice Martin'), 'the search');
    await a.press(KEYS.enter); // to the list
    await a.waitFor((f) => /› .*Bruno Diaz/.test(f), 'the cursor on Bruno');
    await a.press(KEYS.right);
    await a.waitFor((f) => f.includes('Softphone'), 'the devices');
    await a.press(KEYS.left);
    await a.waitFor((f) => !f.includes('Softphone'), 'the devices hidden');
    await a.press(KEYS.enter);
    await a.waitFor((f) => f.includes('Bruno Diaz: logged in'), 'the outcome');
    expect(a.sent).toEqual([{ type: 'login', channelId: 'q-support', userId: 'a02' }]);
  });

  it('expands an agent to their devices, green dot for the active ones', async () => {
    const a = await openDialog();
    await typeText(a, 'bruno');
    await a.waitFor((f) => !f.includes('Alice Martin'), 'the search');
    await a.press(KEYS.down);
    await a.press(KEYS.right);
    const frame = await a.waitFor((f) => f.includes('Softphone'), 'the devices');
    expect(frame).toMatch(/○ Desk\s+inactive/);
    expect(frame).toMatch(/● Softphone\s+active/);
    expect(a.rawFrame()).toContain('\u001b[32m●');
    await a.press(KEYS.left);
    await a.waitFor((f) => !f.includes('Softphone'), 'the devices hidden');
  });

  it('selects several with Space and logs them in; logged-in ones cannot be picked; never assigns', async () => {
    const a = await openDialog();
    await a.press(KEYS.down); // to the list
    await a.waitFor((f) => /› .*Ada Admin/.test(f), 'the cursor in the list');
    await a.press(' '); // selects Ada and moves down, to Alice
    await a.waitFor((f) => f.includes('1 selected') && /› .*Alice Martin/.test(f), 'Ada selected');
    await a.press(' ');
    await a.waitFor((f) => f.includes('2 selected'), 'Alice selected');
    await a.press('j'); // Chloe: logged in already
    await a.waitFor((f) => /› .*Chloe Petit/.test(f), 'the cursor on Chloe');
    await a.press(' ');
    expect(a.frame()).toContain('2 selected');
    await a.press(KEYS.enter);
    const report = await a.waitFor((f) => f.includes('2 done'), 'the results');
    expect(report).toMatch(/Ada Admin: logged in, not assigned here/);
    expect(report).toMatch(/Alice Martin: logged in, not assigned here/);
    expect(a.sent).toEqual([
      { type: 'login', channelId: 'q-support', userId: 'adm' },
      { type: 'login', channelId: 'q-support', userId: 'a01' },
    ]);
    await a.press(KEYS.escape);
    const frame = await a.waitFor((f) => f.includes('Ada Admin') && !f.includes('2 done'), 'the board');
    expect(row(frame, 'Ada Admin')).toMatch(/◇ Ada Admin/);
    expect(row(frame, 'Alice Martin')).toMatch(/◇ Alice Martin/);
    expect(a.live.assignments.has('q-support adm')).toBe(false);
  });
});

describe('monitoring', () => {
  it('listens; m gives the bar the keys: 2 whispers, 3 asks before barging; on the board 1-3 stay panes', async () => {
    const a = await openMenu('supervisor', 'Bruno Diaz');
    await choose(a, 'Monitor…');
    await a.waitFor((f) => f.includes('pick a mode'), 'the modes');
    await choose(a, 'Listen');
    let frame = await a.waitFor((f) => f.includes('Monitoring'), 'the monitor bar');
    expect(frame).toMatch(
      /◉ Monitoring\s+Bruno Diaz · call with Jane Doe · Sales · listen 0:00\s+m monitor\s+x stop/,
    );
    // On the board a digit is a pane, never a monitor mode.
    await a.press('3');
    await a.waitFor((f) => f.includes('Renewals'), 'the campaigns pane');
    await a.press('1');
    await a.waitFor((f) => f.includes('Billing'), 'the queues again');
    expect(a.sent.map((c) => c.type)).toEqual(['monitor_start']);
    await a.press('m');
    frame = await a.waitFor(
      (f) => /1 listen\s+2 whisper\s+3 barge\s+x stop\s+Esc back/.test(f),
      'the mode keys',
    );
    await a.press('2');
    await a.waitFor((f) => /Sales · whisper/.test(f), 'whisper');
    await a.press('m');
    await a.press('3');
    frame = await a.waitFor((f) => f.includes('Both will hear you'), 'the barge question');
    expect(frame).toContain("Barge into Bruno Diaz's call with Jane Doe?");
    await a.press('y');
    await a.waitFor((f) => /Sales · barge/.test(f), 'barge');
    a.hubEvent({ type: 'monitor_stopped', at: T0, supervisorId: 'sup', reason: 'interaction_ended' });
    a.hubEvent({ type: 'interaction_ended', at: T0, interactionId: 'i-a02' });
    frame = await a.waitFor((f) => !f.includes('◉ Monitoring'), 'the bar gone');
    expect(frame).toContain('Monitoring of Bruno Diaz ended: the interaction is over');
    expect(a.sent.map((c) => c.type)).toEqual(['monitor_start', 'monitor_mode', 'monitor_mode']);
    expect(a.sent.slice(1)).toEqual([
      { type: 'monitor_mode', mode: 'whisper' },
      { type: 'monitor_mode', mode: 'barge' },
    ]);
  });

  it('names the agent, not an internal word, when the hub refuses a mode', async () => {
    const a = await openMenu('supervisor', 'Bruno Diaz');
    await choose(a, 'Monitor…');
    await a.waitFor((f) => f.includes('pick a mode'), 'the modes');
    await choose(a, 'Listen');
    await a.waitFor((f) => f.includes('◉ Monitoring'), 'the monitor bar');
    // The hub no longer has the monitor (this wallboard has not heard yet): it refuses.
    apply(a.live, { type: 'monitor_stopped', at: T0, supervisorId: 'sup', reason: 'stopped' });
    await a.press('m');
    await a.press('2');
    const frame = await a.waitFor((f) => f.includes('not monitoring anyone'), 'the refusal');
    expect(frame).toContain('✖ Monitor: Bruno Diaz: you are not monitoring anyone');
    expect(frame).not.toMatch(/: mode:/);
  });

  it('reads a chat: the transcript streams into a panel; x stops', async () => {
    app = renderActions();
    const a = app;
    await readAliceChat(a);
    a.hubEvent({
      type: 'chat_message',
      at: T0,
      interactionId: 'i-c1',
      message: { from: 'customer', text: 'Hello, my order is late', at: T0 },
    });
    a.hubEvent({
      type: 'chat_message',
      at: T0,
      interactionId: 'i-c1',
      message: { from: 'agent', text: 'Let me check that for you', at: T0 },
    });
    const frame = await a.waitFor((f) => f.includes('Let me check'), 'the messages');
    expect(frame).toMatch(/Chat Person: Hello, my order is late/);
    expect(frame).toMatch(/Alice Martin: Let me check that for you/);
    expect(frame).toMatch(/read transcript 0:00\s+x stop/);
    expect(a.lines().length).toBe(30);
    await a.press('x');
    await a.waitFor((f) => !f.includes('Let me check'), 'stopped');
  });
});

describe('monitoring: the footer keys', () => {
  it('offers m monitor on a call, and only x stop on a chat, where there is no other mode', async () => {
    // Wide enough for every hint of the footer.
    app = renderActions({ columns: 180 });
    let a = app;
    await onAgent(a, 'Bruno Diaz');
    await a.press(KEYS.enter);
    await a.waitFor((f) => f.includes('Not available:'), 'the menu');
    await choose(a, 'Monitor…');
    await a.waitFor((f) => f.includes('pick a mode'), 'the modes');
    await choose(a, 'Listen');
    await a.waitFor((f) => f.includes('◉ Monitoring'), 'the monitor bar');
    expect(a.lines().at(-1)).toMatch(/m monitor\s+x stop/);
    await a.press('m');
    await a.waitFor(
      (f) => /1 listen\s+2 whisper\s+3 barge\s+x stop\s+Esc back/.test(f.split('\n').at(-1) ?? ''),
      'the mode keys in the footer',
    );
    a.unmount();

    app = renderActions({ columns: 180 });
    a = app;
    await readAliceChat(a);
    const footer = a.lines().at(-1) ?? '';
    expect(footer).toContain('x stop');
    expect(footer).not.toContain('m monitor');
    // And m does nothing there.
    await a.press('m');
    await a.press('?');
    const help = await a.waitFor((f) => f.includes('Monitor: stop'), 'the help');
    expect(help).not.toContain('Monitor: the mode keys');
    expect(a.sent.map((c) => c.type)).toEqual(['monitor_start']);
  });
});

describe('unassigned sessions, org settings, activity log', () => {
  it('an admin turns unassigned logins off (asked first); u lists every unassigned session, ⊘ first, and logs out the chosen ones', async () => {
    app = renderActions({ who: 'admin', columns: 120 });
    const a = app;
    await a.waitFor((f) => f.includes('Billing'), 'the board');
    expect(a.lines().at(-1)).toContain('o settings');
    a.live.org = { ...a.live.org, agentsMayLogInToUnassigned: true };
    a.hubEvent({ type: 'org_settings_changed', at: T0, settings: a.live.org, by: 'adm' });
    await a.press('o');
    await a.waitFor((f) => f.includes('Agents may log in to unassigned queues: on'), 'the settings');
    await a.press(KEYS.enter);
    let frame = await a.waitFor((f) => f.includes('Turn off unassigned logins?'), 'the question');
    expect(frame.replace(/\s+/g, ' ')).toContain('Nobody is logged out');
    await a.press(KEYS.enter);
    await a.waitFor((f) => f.includes('unassigned queues: off'), 'the notice');
    expect(a.sent).toEqual([{ type: 'set_org_settings', agentsMayLogInToUnassigned: false }]);
    await a.press('u');
    frame = await a.waitFor((f) => f.includes('Sessions in unassigned channels'), 'the list');
    expect(frame).toContain('2 in your channels · 1 ⊘ no longer allowed');
    // Hugo logged himself in (⊘), first; Greta was logged in by a supervisor (◇): listed too.
    const rows = frame.split('\n').filter((l) => l.includes('logged in by'));
    expect(rows[0]).toMatch(/^ ⊘ +Hugo Bernard +Sales .*logged in by themself/);
    expect(rows[1]).toMatch(/^ ◇ +Greta Larsen +Sales .*logged in by Sam Super/);
    // Only Greta: Space selects (and moves down), ⏎ asks, saying what each mark means.
    await a.press('j');
    await a.press(' ');
    await a.waitFor((f) => f.includes('1 selected'), 'the selection');
    await a.press(KEYS.enter);
    frame = await a.waitFor((f) => f.includes('Log out 1 session'), 'the confirmation');
    expect(frame.replace(/\s+/g, ' ')).toContain(
      '0 opened by the agents themselves after unassigned logins were turned off (⊘), 1 logged in by a supervisor or an admin, or before (◇).',
    );
    await a.press('y');
    frame = await a.waitFor((f) => f.includes('1 done'), 'the results');
    expect(frame).toMatch(/✓ Greta Larsen \(Sales\)\s+logged out/);
    expect(a.sent.at(-1)).toEqual({ type: 'logout', channelId: 'q-sales', userId: 'a07' });
    await a.press(KEYS.escape);
    await a.press('u');
    await a.waitFor((f) => /^ ⊘ +Hugo Bernard/m.test(f) && !f.includes('Greta Larsen  '), 'Hugo left');
  });

  it('settings are for admins only: a supervisor has no settings key', async () => {
    app = renderActions();
    await app.waitFor((f) => f.includes('Billing'), 'the board');
    await app.press('o');
    await app.press('?');
    const help = await app.waitFor((f) => f.includes('Keys'), 'the help');
    expect(help).not.toContain('Org settings');
    expect(help).toContain('Log agents in to the channel');
  });

  it('shows the activity log newest first and filters it with /', async () => {
    const a = await openMenu('supervisor', 'David Okafor');
    await choose(a, 'Pause…');
    await a.waitFor((f) => f.includes('pick a reason'), 'the reasons');
    await choose(a, 'Training');
    await a.waitFor((f) => /David Okafor.*Training/.test(f), 'paused');
    await a.press(KEYS.enter);
    await a.waitFor((f) => f.includes('Not available'), 'the menu again');
    await choose(a, 'Log out');
    await a.waitFor(
      (f) => !f.split('\n').some((l) => l.includes('│') && l.includes('David Okafor')),
      'logged out',
    );
    await a.press('L');
    let frame = await a.waitFor((f) => f.includes('2 of 2 entries'), 'the log');
    const lines = frame.split('\n');
    const logout = lines.findIndex((l) => / log out /.test(l));
    const pause = lines.findIndex((l) => / pause /.test(l));
    expect(logout).toBeGreaterThan(0);
    expect(logout).toBeLessThan(pause);
    expect(lines[logout]).toMatch(/Sam Super\s+log out\s+Sales \/ David Okafor\s+ok/);
    await a.press('/');
    await typeText(a, 'pause');
    frame = await a.waitFor((f) => f.includes('1 of 2 entries'), 'filtered');
    expect(frame).not.toMatch(/log out\s+Sales/);
    await a.press(KEYS.escape);
    await a.waitFor((f) => f.includes('2 of 2 entries'), 'filter cleared');
    await a.press(KEYS.escape);
    await a.waitFor((f) => f.includes('Billing'), 'closed');
  });
});
