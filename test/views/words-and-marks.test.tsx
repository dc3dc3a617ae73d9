/**
 * Words and marks a supervisor reads: French at 80×24 never cuts a status, a count or a breach
 * mark; French key names, pause reasons of the demo and agreements; on an ASCII terminal, menu
 * items lose their "…" and the marks differ by more than case.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoEvents, demoInLanguage } from '../../src/hub/index.js';
import { CATALOGUES, setLocale } from '../../src/i18n/index.js';
import { createTheme } from '../../src/views/theme.js';
import { type ActionsHarness, renderActions } from './actions-fixture.js';
import { type AppHarness, renderApp } from './app-fixture.js';
import { KEYS } from './render-at.js';

let app: AppHarness | ActionsHarness | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
  setLocale('en');
});

describe('French at 80×24', () => {
  it('keeps every status word, agent count and breach mark whole', async () => {
    setLocale('fr');
    const a = renderApp({ columns: 80, rows: 24 });
    app = a;
    await a.waitFor((f) => f.includes('Billing'), 'the board');
    await a.press('j');
    await a.press(KEYS.right);
    const frame = await a.waitFor((f) => f.includes('Chloe Pet'), 'the agents of Sales');
    expect(a.lines()[1]).toMatch(/prêts 2 · occupés 4 · conclusion 1 · en pause 1 \(2 en attente\)/);
    const line = (name: string) =>
      frame
        .split('\n')
        .slice(3)
        .find((l) => l.includes(name)) ?? '';
    expect(line('Billing')).toMatch(/3:20 ✖\s+30\s%\s✖│/);
    expect(line('Sales')).toMatch(/1:15 ▲\s+78\s%\s▲│/);
    expect(line('Chloe Pet')).toMatch(/ conclusion /);
    expect(line('David Oka')).toMatch(/ en pause /);
  });

  it('names the keys in French in the help, with ⏎/o to confirm', async () => {
    setLocale('fr');
    const a = renderActions({ columns: 80, rows: 24 });
    app = a;
    await a.waitFor((f) => f.includes('Billing'), 'the board');
    await a.press('?');
    const help = await a.waitFor((f) => f.includes('Touches'), 'the help');
    for (const name of ['Entrée', 'Espace', 'PgPréc', 'PgSuiv', 'g Début', 'G Fin', 'Échap', 'Maj-Tab'])
      expect(help).toContain(name);
    for (const english of ['Enter', 'Space', 'PgUp', 'PgDn', 'Home', 'Shift-Tab'])
      expect(help).not.toContain(english);
    expect(CATALOGUES.fr.confirm.yesKey).toBe('o');
  });

  it('says the demo’s pause reasons and the pending words in French, with the right agreement', () => {
    const reasons = demoInLanguage(demoEvents('standard', 1, 0), 'fr').find(
      (e) => e.type === 'pause_reasons_set',
    );
    const labels = reasons?.type === 'pause_reasons_set' ? reasons.reasons.map((r) => r.label) : [];
    expect(labels).toEqual(expect.arrayContaining(['Pause', 'Déjeuner', 'Formation', 'Réunion']));
    expect(labels).not.toEqual(expect.arrayContaining(['Break']));
    expect(CATALOGUES.fr.actions.pendingUntilEnd('Bruno', false)).toBe(
      "Bruno : pause en attente, appliquée à la fin de l'interaction",
    );
    expect(CATALOGUES.fr.actions.pendingUntilEnd('Bruno', true)).toBe(
      "Bruno : déconnexion en attente, appliquée à la fin de l'interaction",
    );
  });
});

describe('an ASCII terminal', () => {
  it('tells "no longer allowed" from "critical" by more than case', () => {
    const { symbols } = createTheme({ ascii: true });
    expect(symbols.notAllowed.toLowerCase()).not.toBe(symbols.critical.toLowerCase());
    expect(symbols.notAssigned.toLowerCase()).not.toBe(symbols.warning.toLowerCase());
  });

  it('shows menu items without "…"', async () => {
    const a = renderActions({ theme: createTheme({ ascii: true }) });
    app = a;
    await a.waitFor((f) => f.includes('Billing'), 'the board');
    await a.press('j');
    await a.press(KEYS.right);
    await a.press(KEYS.enter);
    const frame = await a.waitFor((f) => f.includes('Not available:'), 'the action menu');
    expect(frame).toMatch(/^[\x20-\x7e\n]*$/);
    expect(frame).toContain('Pause~');
  });
});
