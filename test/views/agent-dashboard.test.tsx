import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../src/i18n/index.js';
import { T0 } from '../client/center-fixture.js';
import { type ActionsHarness, renderActions } from './actions-fixture.js';

let app: ActionsHarness | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
  setLocale('en');
});

const line = (frame: string, text: string): string => frame.split('\n').find((l) => l.includes(text)) ?? '';
/** The row of a channel: its name after the cursor and mark columns (not a detail naming it). */
const channelLine = (frame: string, name: string): string =>
  frame.split('\n').find((l) => l.slice(5).startsWith(`${name} `)) ?? '';
const assignBilling = (
  data: Parameters<NonNullable<Parameters<typeof renderActions>[0]>['tweak'] & {}>[0],
) => {
  data.assignments.push({ userId: 'a01', channelId: 'q-billing', asAgent: true, asSupervisor: false });
};

describe('agent dashboard (a user who is only an agent) at 100×30', () => {
  it('shows their sessions, assigned channels they are not in, and their devices; not the supervisor board', async () => {
    app = renderActions({ who: 'agent', root: true, tweak: assignBilling });
    const frame = await app.waitFor((f) => f.includes('My devices'), 'the dashboard');
    expect(line(frame, 'agent dashboard')).toContain('Alice Martin (agent)');
    const lines = frame.split('\n');
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(at('Logged in')).toBeLessThan(at('Sales'));
    // Ready in Sales, but on a chat in Web chat: busy in Sales too, for as long as the chat.
    expect(line(frame, 'Sales')).toMatch(/queue\s+busy\s+0:38 busy · Web chat/);
    expect(channelLine(frame, 'Web chat')).toMatch(/chat\s+busy\s+0:38 with Chat Person/);
    expect(at('Assigned, not logged in')).toBeGreaterThan(at('Web chat'));
    expect(line(frame, 'Billing')).toContain('not logged in');
    // Unassigned logins are off in this center: no other channel is offered.
    expect(frame).not.toContain('Support');
    expect(line(frame, 'Desk')).toMatch(/● Desk \(active\)\s+● Softphone \(active\)/);
    // Not the supervisor's board.
    expect(frame).not.toContain('Campaigns');
    expect(frame).not.toContain('Bruno Diaz');
  });

  it('logs in to an assigned channel, pauses with a reason, becomes ready and logs out, through commands', async () => {
    app = renderActions({ who: 'agent', root: true, tweak: assignBilling });
    await app.waitFor((f) => f.includes('Billing'), 'the dashboard');
    // Rows: Sales, Web chat (logged in), Billing (assigned).
    await app.press('j');
    await app.press('j');
    await app.waitFor((f) => line(f, 'Billing').includes('›'), 'the cursor on Billing');
    await app.press('i');
    // Ready in Billing, while on her chat in Web chat.
    let frame = await app.waitFor(
      (f) =>
        line(f, 'Billing').includes('busy · Web chat') &&
        f.includes('✓ Log in to the channel: Billing: done'),
      'Billing logged in',
    );
    expect(app.sent.at(-1)).toEqual({ type: 'login', channelId: 'q-billing', userId: 'a01' });
    // Billing is now first among the sessions, with the cursor on it.
    await app.press('j');
    await app.waitFor((f) => line(f, 'Sales').includes('›'), 'the cursor on Sales');
    await app.press('p');
    frame = await app.waitFor((f) => f.includes('Pause in Sales — pick a reason'), 'the reasons');
    expect(frame).toContain('Lunch');
    expect(frame).toContain('Training');
    await app.press('j');
    await app.press('\r');
    frame = await app.waitFor((f) => /Sales.*paused.*Training/.test(f), 'Sales paused for training');
    expect(app.sent.at(-1)).toEqual({
      type: 'pause',
      channelId: 'q-sales',
      userId: 'a01',
      reasonId: 'training',
    });

    await app.press('r');
    await app.waitFor(
      (f) => /Sales.*busy · Web chat/.test(line(f, 'Sales')) && !line(f, 'Sales').includes('Training'),
      'ready again (busy with the chat)',
    );
    expect(app.sent.at(-1)).toEqual({ type: 'resume', channelId: 'q-sales', userId: 'a01' });

    await app.press('o');
    frame = await app.waitFor(
      (f) => line(f, 'Sales').includes('not logged in'),
      'Sales logged out, back among the assigned channels',
    );
    expect(app.sent.at(-1)).toEqual({ type: 'logout', channelId: 'q-sales', userId: 'a01' });
  });

  it('dims what the hub would refuse, says why, and sends nothing', async () => {
    app = renderActions({ who: 'agent', root: true });
    const frame = await app.waitFor((f) => line(f, 'Sales').includes('›'), 'the cursor on Sales');
    const actions = line(frame, ' p pause');
    expect(actions).toContain('r ready (not paused)');
    expect(actions).toContain('e end wrap-up (not in wrap-up)');
    await app.press('r');
    await app.waitFor((f) => f.includes('Ready (resume): not paused'), 'the reason');
    expect(app.sent).toEqual([]);
  });

  it('ends their own wrap-up, with the countdown on screen', async () => {
    app = renderActions({
      who: 'agent',
      root: true,
      tweak: (data) => {
        const sales = data.sessions.find((s) => s.channelId === 'q-sales' && s.userId === 'a01');
        if (sales) Object.assign(sales, { status: 'wrap_up', since: T0 - 5_000, wrapUpEndsAt: T0 + 20_000 });
      },
    });
    const frame = await app.waitFor((f) => line(f, 'Sales').includes('0:20 left'), 'the countdown');
    expect(line(frame, 'Sales')).toContain('wrap-up');
    await app.press('e');
    await app.waitFor((f) => line(f, 'Sales').includes('busy · Web chat'), 'wrap-up ended (on the chat)');
    expect(app.sent.at(-1)).toEqual({ type: 'end_wrap_up', channelId: 'q-sales', userId: 'a01' });
  });

  it('offers unassigned channels only while the org allows it', async () => {
    app = renderActions({
      who: 'agent',
      root: true,
      tweak: (data) => {
        data.org = { ...data.org, agentsMayLogInToUnassigned: true };
      },
    });
    const frame = await app.waitFor((f) => f.includes('Not assigned'), 'the unassigned channels');
    expect(line(frame, 'Support')).toContain('not logged in');
    expect(line(frame, 'Renewals')).toContain('campaign');
    expect(line(frame, 'WhatsApp')).toContain('chat');
  });

  it('shows a session ready in one channel as busy while she is on an interaction in another', async () => {
    app = renderActions({ who: 'agent', root: true });
    const frame = await app.waitFor((f) => f.includes('My devices'), 'the dashboard');
    // Ready in Sales for 1:05, but on a chat in Web chat for 0:38: busy in Sales, as supervisors see it.
    expect(channelLine(frame, 'Sales')).toMatch(/queue\s+busy\s+0:38 busy · Web chat\s+with Chat Person/);
    expect(channelLine(frame, 'Sales')).not.toContain('ready');
    expect(channelLine(frame, 'Web chat')).toMatch(/chat\s+busy\s+0:38 with Chat Person/);
  });

  it('marks sessions without an assignment (◇) and no longer allowed (⊘), with the legend', async () => {
    app = renderActions({
      who: 'agent',
      root: true,
      tweak: (data) => {
        // Alice is logged in to Sales without being assigned to it, and to Web chat although
        // unassigned logins were turned off since.
        data.assignments = data.assignments.filter((x) => x.userId !== 'a01');
        for (const session of data.sessions)
          if (session.userId === 'a01')
            Object.assign(session, { assigned: false, allowed: session.channelId !== 'c-web' });
      },
    });
    const frame = await app.waitFor((f) => f.includes('My devices'), 'the dashboard');
    const lines = frame.split('\n');
    const of = (name: string) => lines.find((l) => l.slice(5).startsWith(`${name} `)) ?? '';
    expect(of('Sales').slice(0, 5)).toMatch(/^ ›\s◇\s$/);
    expect(of('Web chat').slice(0, 5)).toMatch(/^\s+⊘\s$/);
    expect(lines.at(-2)).toMatch(/◇ not assigned\s+⊘ no longer allowed\s+● device active\s+○ inactive/);
  });

  it('speaks French with --lang fr', async () => {
    setLocale('fr');
    app = renderActions({ who: 'agent', root: true, tweak: assignBilling });
    const frame = await app.waitFor((f) => f.includes('Mes appareils'), 'the French dashboard');
    expect(frame).toContain('tableau de bord agent');
    expect(frame).toContain('Assigné, non connecté');
    expect(line(frame, 'Sales')).toMatch(/file\s+occupé\s+0:38 occupé · Web chat/);
    expect(channelLine(frame, 'Web chat')).toContain('occupé');
    expect(line(frame, 'Billing')).toContain('non connecté');
    expect(frame).toContain('r prêt (pas en pause)');
    expect(frame).toContain('● en direct');
  });
});
