/**
 * The status column fits the status words of the language in use; the wrap-up's time in
 * status and its countdown come from one count (elapsed + left = the channel's wrap-up).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../src/i18n/index.js';
import type { SnapshotData } from '../../src/protocol/index.js';
import { statusClock } from '../../src/views/agent-columns.js';
import { T0 } from '../client/center-fixture.js';
import { type ActionsHarness, renderActions } from './actions-fixture.js';
import { KEYS } from './render-at.js';

let app: ActionsHarness | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
  setLocale('en');
});

const agentPart = (frame: string, name: string): string =>
  (
    frame
      .split('\n')
      .slice(3)
      .find((l) => l.includes(name)) ?? ''
  ).split('│')[1] ?? '';

async function openSales(harness: ActionsHarness, agent = 'Bruno Diaz'): Promise<string> {
  await harness.waitFor((f) => f.split('\n').length > 10 && f.includes('Billing'), 'the queues');
  await harness.press('j');
  await harness.press(KEYS.right);
  return harness.waitFor((f) => f.includes(agent) && agentPart(f, agent) !== '', 'the agents of Sales');
}

describe('the status column in French', () => {
  for (const columns of [120, 200]) {
    it(`shows every status word whole at ${columns} columns`, async () => {
      setLocale('fr');
      app = renderActions({ columns, rows: 30 });
      const frame = await openSales(app, 'David Okafor');
      expect(agentPart(frame, 'David Okafor')).toMatch(/ en pause\s+10:00 /);
      expect(agentPart(frame, 'Chloe Petit')).toMatch(/ conclusion\s+0:05 /);
      expect(agentPart(frame, 'Greta Larsen')).toMatch(/ prêt\s+0:20 /);
      expect(agentPart(frame, 'Bruno Diaz')).toMatch(/ occupé\s+2:05 /);
      expect(frame).not.toMatch(/en pau…|conclu…/);
      // The interaction still has its column from 120 columns on, as in English.
      expect(frame).toContain('Interaction');
      for (const line of app.lines()) expect(line.length).toBeLessThanOrEqual(columns);
    });
  }

  it('still fits 80×24, with "en pause" whole', async () => {
    setLocale('fr');
    app = renderActions({ columns: 80, rows: 24 });
    // Names are cut short at this width ("David Oka…").
    const frame = await openSales(app, 'David Oka');
    expect(app.lines().length).toBe(24);
    for (const line of app.lines()) expect(line.length).toBeLessThanOrEqual(80);
    expect(agentPart(frame, 'David Oka')).toMatch(/ en pause\s*10:00 /);
    expect(agentPart(frame, 'Bruno Diaz')).toMatch(/occupé\s+2:05/);
  });
});

describe('wrap-up time and countdown', () => {
  it('add up to the wrap-up at every moment of it, whatever the rounding', () => {
    const since = T0 + 250;
    const session = { status: 'wrap_up' as const, since, wrapUpEndsAt: since + 30_000 };
    for (let now = since - 1_500; now <= since + 30_000; now += 125) {
      const { elapsed, left } = statusClock(session, now);
      expect(elapsed + (left ?? -1)).toBe(30);
    }
    expect(statusClock(session, since + 31_000)).toEqual({ elapsed: 31, left: 0 });
    expect(statusClock({ status: 'busy', since, wrapUpEndsAt: null }, since + 5_000).left).toBeNull();
  });

  it('a wrap-up just begun by a hub whose clock is ahead shows 0:00 and 0:30 left, not 0:31', async () => {
    // Chloe's 30 s wrap-up started 0.4 s "in the future" of this wallboard's clock.
    const tweak = (data: SnapshotData) => {
      const chloe = data.sessions.find((s) => s.channelId === 'q-sales' && s.userId === 'a03');
      if (chloe) Object.assign(chloe, { since: T0 + 400, wrapUpEndsAt: T0 + 30_400 });
    };
    app = renderActions({ tweak });
    const frame = await openSales(app, 'Chloe Petit');
    expect(agentPart(frame, 'Chloe Petit')).toMatch(/wrap-up\s+0:00\s+0:30 left/);
  });

  it('on the agent dashboard too', async () => {
    const tweak = (data: SnapshotData) => {
      const sales = data.sessions.find((s) => s.channelId === 'q-sales' && s.userId === 'a01');
      if (sales) Object.assign(sales, { status: 'wrap_up', since: T0 + 400, wrapUpEndsAt: T0 + 30_400 });
    };
    app = renderActions({ who: 'agent', root: true, tweak });
    const frame = await app.waitFor((f) => f.includes('My devices'), 'the dashboard');
    const sales = frame.split('\n').find((l) => l.includes('Sales')) ?? '';
    expect(sales).toMatch(/wrap-up\s+0:00 0:30 left/);
  });
});
