/**
 * The settings panel (`o`, admins) with what an admin sees and types: whether supervisors may
 * end wrap-up early in each channel, and the pause reasons (add, rename, retire, restore); the
 * question before what matters, the hub's answer in the footer, refusals in words; what
 * supervisors and agents see of it (live); the activity log in words; and the same in French.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../src/i18n/index.js';
import type { Channel } from '../../src/protocol/index.js';
import { type ActionsHarness, renderActions } from './actions-fixture.js';
import { KEYS } from './render-at.js';

let app: ActionsHarness | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
  setLocale('en');
});

const BACKSPACE = '\u007f';

function line(frame: string, text: string): string {
  return frame.split('\n').find((l) => l.includes(text)) ?? '';
}

/** The frame's words on one line: a long question wraps. */
const flat = (frame: string) => frame.replace(/\s+/g, ' ');

async function type(a: ActionsHarness, text: string): Promise<void> {
  for (const ch of text) await a.press(ch);
}

async function openSettings(options: { columns?: number; rows?: number } = {}): Promise<ActionsHarness> {
  const a = renderActions({ who: 'admin', columns: options.columns ?? 120, rows: options.rows ?? 30 });
  app = a;
  await a.waitFor((f) => f.includes('Billing'), 'the board');
  await a.press('o');
  await a.waitFor((f) => f.includes('+ Add') || f.includes('+ Ajouter'), 'the settings panel');
  return a;
}

/** Moves the cursor (g, then j) to the row holding `text`. */
async function onRow(a: ActionsHarness, text: string): Promise<void> {
  const there = () => line(a.frame(), text).includes('›');
  if (!there()) await a.press('g');
  for (let i = 0; i < 20 && !there(); i += 1) await a.press('j');
  await a.waitFor(there, `the cursor on ${text}`);
}

describe('the settings panel, for an admin', () => {
  it("lists the organisation's settings, each channel's and the pause reasons; its keys are in the footer", async () => {
    const a = await openSettings();
    const frame = a.frame();
    expect(frame).toContain('Org settings (admin)');
    expect(frame).toContain(' Organisation');
    expect(frame).toContain('Agents may log in to unassigned queues: off  → turn on');
    expect(frame).toContain("Supervisors may end an agent's wrap-up early");
    for (const channel of [
      'Billing (queue)',
      'Sales (queue)',
      'Support (queue)',
      'Web chat (chat)',
      'Renewals (campaign)',
    ])
      expect(line(frame, channel)).toContain(': yes  → turn off');
    expect(frame).toContain(' Pause reasons');
    expect(line(frame, 'Lunch')).toMatch(/Lunch\s+\(lunch\)\s+→ rename, retire/);
    expect(frame).toContain('+ Add a pause reason…');
    const footer = a.lines().at(-1) ?? '';
    for (const hint of ['↑↓ move', '⏎ choose', 'Esc close']) expect(footer).toContain(hint);
  });

  it('moves with j/k and stops at both ends; a digit does nothing', async () => {
    const a = await openSettings();
    const cursorOn = (text: string) => line(a.frame(), text).includes('›');
    expect(cursorOn('Agents may log in')).toBe(true);
    await a.press('k');
    await a.press('1');
    expect(cursorOn('Agents may log in')).toBe(true);
    await a.press('G');
    await a.waitFor(() => cursorOn('+ Add a pause reason'), 'the last row');
    await a.press('j');
    await a.press('j');
    expect(cursorOn('+ Add a pause reason')).toBe(true);
    await a.press('g');
    await a.waitFor(() => cursorOn('Agents may log in'), 'the first row');
    expect(a.sent).toEqual([]);
  });

  it('turns "supervisors may end wrap-up early" off in a channel, asked first; the panel stays and follows the hub', async () => {
    const a = await openSettings();
    await onRow(a, 'Sales (queue)');
    await a.press(KEYS.enter);
    let frame = await a.waitFor((f) => f.includes('Stop supervisors ending wrap-up early'), 'the question');
    expect(flat(frame)).toContain(
      'Stop supervisors ending wrap-up early in Sales? Agents can still end their own.',
    );
    expect(frame).toContain('turn off');
    await a.press('n');
    await a.waitFor((f) => f.includes('+ Add a pause reason'), 'back to the list');
    expect(a.sent).toEqual([]);

    await a.press(KEYS.enter);
    await a.waitFor((f) => f.includes('Stop supervisors ending'), 'the question again');
    await a.press('y');
    frame = await a.waitFor(
      (f) => line(f, 'Sales (queue)').includes(': no  → turn on'),
      'the row turned off',
    );
    expect(a.sent).toEqual([
      { type: 'set_channel_settings', channelId: 'q-sales', supervisorsMayEndWrapUp: false },
    ]);
    await a.waitFor(
      (f) => f.includes('✓ Channel settings: Sales: Supervisors may end wrap-up early: no'),
      'the answer in the footer',
    );
    expect(line(a.frame(), 'Support (queue)')).toContain(': yes');
  });

  it('adds a pause reason from a typed label, showing the id it gets; refusals are said, nothing is sent', async () => {
    const a = await openSettings();
    await a.press('G');
    await a.press(KEYS.enter);
    let frame = await a.waitFor((f) => f.includes('New pause reason'), 'the label field');
    expect(a.lines().at(-1)).toMatch(/⏎ ok.*Esc cancel/);
    await a.press(KEYS.enter);
    await a.waitFor((f) => f.includes('type a label'), 'an empty label refused');
    await type(a, 'lunch');
    frame = await a.waitFor((f) => f.includes('its id will be lunch-2'), 'the id');
    await a.press(KEYS.enter);
    frame = await a.waitFor((f) => f.includes('a pause reason is already named Lunch'), 'the refusal');
    expect(a.sent).toEqual([]);
    for (let i = 0; i < 5; i += 1) await a.press(BACKSPACE);
    await type(a, 'Coffee break');
    await a.waitFor((f) => f.includes('its id will be coffee-break'), 'the new id');
    await a.press(KEYS.enter);
    frame = await a.waitFor(
      (f) => /Coffee break\s+\(coffee-break\)\s+→ rename, retire/.test(f),
      'the new row',
    );
    expect(a.sent).toEqual([{ type: 'add_pause_reason', reasonId: 'coffee-break', label: 'Coffee break' }]);
    await a.waitFor((f) => f.includes('✓ Pause reasons: Coffee break added'), 'the answer');
    // The cursor is on the new reason.
    expect(line(frame, 'Coffee break')).toContain('›');
    // Esc leaves the field without sending.
    await a.press('G');
    await a.press(KEYS.enter);
    await a.waitFor((f) => f.includes('New pause reason'), 'the field again');
    await type(a, 'Nap');
    await a.press(KEYS.escape);
    await a.waitFor((f) => f.includes('+ Add a pause reason'), 'back to the list');
    expect(a.sent).toHaveLength(1);
  });

  it('renames a reason under the same id', async () => {
    const a = await openSettings();
    await onRow(a, 'Training');
    await a.press(KEYS.enter);
    await a.waitFor((f) => f.includes('Rename…') && f.includes('Retire…'), 'what to do with it');
    await a.press(KEYS.enter);
    await a.waitFor((f) => f.includes('Rename the pause reason Training'), 'the label field');
    expect(a.frame()).toContain('its id stays training');
    for (let i = 0; i < 'Training'.length; i += 1) await a.press(BACKSPACE);
    await type(a, 'Coaching');
    await a.press(KEYS.enter);
    await a.waitFor((f) => /Coaching\s+\(training\)/.test(f), 'the renamed row');
    expect(a.sent).toEqual([{ type: 'rename_pause_reason', reasonId: 'training', label: 'Coaching' }]);
    await a.waitFor((f) => f.includes('“Training” renamed “Coaching”'), 'the answer');
  });

  it('retires a reason (asked first, counting who keeps it), then restores it', async () => {
    const a = await openSettings();
    await onRow(a, 'Lunch');
    await a.press(KEYS.enter);
    await a.waitFor((f) => f.includes('Retire…'), 'what to do with it');
    await a.press('j');
    await a.press(KEYS.enter);
    const frame = await a.waitFor((f) => f.includes('Retire Lunch?'), 'the question');
    expect(flat(frame)).toContain(
      'Retire Lunch? Nobody can be paused with it any more. The agent paused with it keeps it until they resume.',
    );
    await a.press('y');
    await a.waitFor((f) => /Lunch\s+\(lunch\) · retired\s+→ rename, restore/.test(f), 'the retired row');
    expect(a.sent).toEqual([{ type: 'retire_pause_reason', reasonId: 'lunch' }]);
    await a.waitFor((f) => f.includes('Lunch retired: no longer offered'), 'the answer');

    await a.press(KEYS.enter);
    await a.waitFor((f) => f.includes('Restore'), 'restore offered');
    await a.press('j');
    await a.press(KEYS.enter);
    await a.waitFor((f) => /Lunch\s+\(lunch\)\s+→ rename, retire/.test(f), 'the reason back in use');
    expect(a.sent.at(-1)).toEqual({ type: 'restore_pause_reason', reasonId: 'lunch' });
  });

  it("shows the activity log's admin actions in words", async () => {
    const a = await openSettings({ columns: 160 });
    await onRow(a, 'Sales (queue)');
    await a.press(KEYS.enter);
    await a.press('y');
    await a.waitFor((f) => line(f, 'Sales (queue)').includes(': no'), 'Sales off');
    await onRow(a, 'Lunch');
    await a.press(KEYS.enter);
    await a.press('j');
    await a.press(KEYS.enter);
    await a.press('y');
    await a.waitFor((f) => f.includes('· retired'), 'Lunch retired');
    await onRow(a, 'Training');
    await a.press(KEYS.enter);
    await a.press(KEYS.enter);
    await a.waitFor((f) => f.includes('its id stays'), 'the label field');
    await type(a, ' plan');
    await a.press(KEYS.enter);
    await a.waitFor((f) => f.includes('Training plan'), 'renamed');
    await a.press(KEYS.escape);
    await a.waitFor((f) => f.includes('Billing') && !f.includes('+ Add'), 'the board');
    await a.press('L');
    const log = await a.waitFor((f) => f.includes('3 of 3 entries'), 'the log');
    expect(line(log, 'channel settings')).toMatch(
      /Ada Admin\s+channel settings\s+Sales\s+ok\s+supervisors may end wrap-up early: no/,
    );
    expect(line(log, 'retire pause reason')).toMatch(/retire pause reason\s+pause reason “Lunch”\s+ok\s*$/);
    expect(line(log, 'rename pause reason')).toMatch(
      /rename pause reason\s+pause reason “Training plan”\s+ok\s+“Training” → “Training plan”/,
    );
  });
});

describe('what supervisors and agents see of it', () => {
  const withSales = (on: boolean) => (channel: Channel) =>
    channel.id === 'q-sales'
      ? { ...channel, settings: { ...channel.settings, supervisorsMayEndWrapUp: on } }
      : channel;

  it('"End wrap-up early" is dimmed with the reason where an admin turned it off, live, menu open', async () => {
    const a = renderActions({ columns: 120 });
    app = a;
    await a.waitFor((f) => f.includes('Billing'), 'the queues');
    await a.press('j');
    await a.waitFor((f) => f.includes('› Sales') && f.includes('Chloe Petit'), 'Sales');
    await a.press(KEYS.right);
    const there = () => line(a.frame(), 'Chloe Petit').includes('wrap');
    for (let i = 0; i < 10 && !line(a.frame(), 'Chloe Petit').includes('›'); i += 1) await a.press('j');
    expect(there()).toBe(true);
    await a.press(KEYS.enter);
    const enabled = (f: string) => {
      const menu = f.split('Not available:')[0] ?? '';
      return menu.includes('End wrap-up early');
    };
    await a.waitFor(enabled, 'end wrap-up offered');
    const sales = a.live.channels.get('q-sales');
    if (!sales) throw new Error('no Sales');
    a.hubEvent({ type: 'channel_upserted', at: 0, channel: withSales(false)(sales) });
    let frame = await a.waitFor((f) => !enabled(f), 'end wrap-up dimmed');
    const dimmed = frame.split('Not available:')[1] ?? '';
    expect(dimmed).toContain('End wrap-up early');
    expect(dimmed).toContain('early end not enabled here');
    a.hubEvent({ type: 'channel_upserted', at: 0, channel: withSales(true)(sales) });
    frame = await a.waitFor(enabled, 'offered again');
    expect(frame).not.toContain('early end not enabled here');
  });

  it('pause menus offer no retired reason, yet an agent paused with one shows its label', async () => {
    const a = renderActions({ columns: 120 });
    app = a;
    a.hubEvent({
      type: 'pause_reasons_set',
      at: 0,
      reasons: [
        { id: 'lunch', label: 'Lunch', retired: true },
        { id: 'training', label: 'Training' },
      ],
    });
    await a.waitFor((f) => f.includes('Billing'), 'the queues');
    await a.press('j');
    await a.waitFor((f) => f.includes('› Sales') && f.includes('David Okafor'), 'Sales');
    await a.press(KEYS.right);
    // David Okafor was paused for lunch before it was retired: his row still says so.
    await a.waitFor((f) => /David Okafor.*Lunch/.test(f), 'the retired reason on his row');
    // Alice Martin is the first row: ready.
    await a.press(KEYS.enter);
    await a.waitFor((f) => f.includes('Pause…'), 'the menu');
    await a.press('j');
    await a.press(KEYS.enter);
    const frame = await a.waitFor((f) => f.includes('pick a reason'), 'the reasons');
    const menu = frame
      .split('\n')
      .map((l) => l.split('│')[0] ?? '')
      .join('\n');
    expect(menu).toContain('Training');
    expect(menu).not.toContain('Lunch');
  });

  it("the agent dashboard's pause list offers no retired reason", async () => {
    const a = renderActions({ who: 'agent', root: true, columns: 100 });
    app = a;
    a.hubEvent({
      type: 'pause_reasons_set',
      at: 0,
      reasons: [
        { id: 'lunch', label: 'Lunch' },
        { id: 'training', label: 'Training', retired: true },
      ],
    });
    await a.waitFor((f) => f.includes('Logged in'), 'the dashboard');
    const sales = () => line(a.frame(), 'Sales').includes('›');
    for (let i = 0; i < 6 && !sales(); i += 1) await a.press('j');
    await a.press('p');
    const frame = await a.waitFor((f) => f.includes('Pause in Sales — pick a reason'), 'the reasons');
    expect(frame).toContain('Lunch');
    expect(frame).not.toContain('Training');
  });
});

describe('in French', () => {
  it('the panel, its question and the label field speak French', async () => {
    setLocale('fr');
    const a = await openSettings({ columns: 170 });
    let frame = a.frame();
    expect(frame).toContain(' Organisation');
    expect(frame).toContain('Les superviseurs peuvent mettre fin au temps de conclusion');
    expect(line(frame, 'Sales (file)')).toContain(': oui  → désactiver');
    expect(line(frame, 'Web chat (chat)')).toContain(': oui  → désactiver');
    expect(frame).toContain(' Motifs de pause');
    expect(line(frame, 'Lunch')).toContain('→ renommer, retirer');
    expect(frame).toContain('+ Ajouter un motif de pause…');
    expect(a.lines().at(-1)).toMatch(/choisir.*fermer/);

    await onRow(a, 'Sales (file)');
    await a.press(KEYS.enter);
    frame = await a.waitFor((f) => f.includes('Ne plus permettre aux superviseurs'), 'the question');
    expect(frame).toContain('mettre fin au temps de conclusion dans Sales ?');
    expect(flat(frame)).toContain('dans Sales ? Les agents peuvent toujours mettre fin au leur.');
    await a.press('y');
    await a.waitFor((f) => line(f, 'Sales (file)').includes(': non  → activer'), 'Sales off');
    await a.waitFor(
      (f) =>
        f.includes(
          '✓ Paramètres du canal : Sales : Les superviseurs peuvent mettre fin au temps de conclusion : non',
        ),
      'the answer',
    );

    await a.press('G');
    await a.press(KEYS.enter);
    frame = await a.waitFor((f) => f.includes('Nouveau motif de pause'), 'the label field');
    expect(frame).toContain('Libellé :');
    expect(a.lines().at(-1)).toMatch(/⏎ valider.*Échap annuler|valider.*annuler/);
    await type(a, 'Pause café');
    await a.waitFor((f) => f.includes('son identifiant sera pause-cafe'), 'the id');
    await a.press(KEYS.enter);
    await a.waitFor((f) => f.includes('Pause café ajouté'), 'the answer');

    await onRow(a, 'Lunch');
    await a.press(KEYS.enter);
    await a.waitFor((f) => f.includes('Renommer…') && f.includes('Retirer…'), 'what to do with it');
    await a.press('j');
    await a.press(KEYS.enter);
    frame = await a.waitFor((f) => f.includes('Retirer Lunch ?'), 'the question');
    expect(flat(frame)).toContain(
      "avec ce motif. L'agent en pause avec ce motif le garde jusqu'à sa reprise.",
    );
    await a.press('y');
    await a.waitFor((f) => /Lunch\s+\(lunch\) · retiré/.test(f), 'retired');
    for (const english of ['Pause reasons', 'turn off', 'retired', 'Add a pause reason', 'Supervisors may'])
      expect(a.frame()).not.toContain(english);

    await a.press(KEYS.escape);
    await a.waitFor((f) => !f.includes('+ Ajouter'), 'the board');
    await a.press('L');
    const log = await a.waitFor((f) => f.includes('3 entrées sur 3'), 'the log');
    expect(line(log, 'paramètres du canal')).toMatch(
      /paramètres du canal\s+Sales\s+ok\s+fin du temps de conclusion par les superviseurs : non/,
    );
    expect(line(log, 'ajout de motif')).toMatch(/ajout de motif\s+motif de pause « Pause café »\s+ok/);
    expect(line(log, 'motif retiré')).toMatch(/motif retiré\s+motif de pause « Lunch »\s+ok/);
    for (const english of ['channel settings', 'supervisorsMayEndWrapUp', 'label "', 'pause reason'])
      expect(log).not.toContain(english);
  });
});
