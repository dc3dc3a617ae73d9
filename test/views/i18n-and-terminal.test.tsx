import { afterEach, describe, expect, it } from 'vitest';
import { stateFromSnapshot } from '../../src/domain/index.js';
import { CATALOGUES, resolveLocale, setLocale } from '../../src/i18n/index.js';
import { agentRows } from '../../src/views/agent-rows.js';
import { AgentPane } from '../../src/views/components/AgentPane.js';
import { TranscriptPanel } from '../../src/views/components/MonitorBar.js';
import { BINDINGS } from '../../src/views/keymap.js';
import { displayText } from '../../src/views/text.js';
import { asciiFromEnv, createTheme, ThemeContext } from '../../src/views/theme.js';
import { centerSnapshot, T0 } from '../client/center-fixture.js';
import { type AppHarness, renderApp } from './app-fixture.js';
import { type Rendered, renderAt } from './render-at.js';

let app: AppHarness | Rendered | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
  setLocale('en');
});

/** Every key path of a catalogue, with what is there. */
function entries(value: unknown, path = ''): [string, unknown][] {
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => entries(v, path ? `${path}.${k}` : k));
  return [[path, value]];
}

describe('message catalogue', () => {
  it('has every key in both languages, each a string or a function giving a string', () => {
    const en = new Map(entries(CATALOGUES.en));
    const fr = new Map(entries(CATALOGUES.fr));
    expect([...fr.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, value] of [...en, ...fr]) {
      if (typeof value === 'function') {
        const args = Array.from({ length: value.length }, (_, i) => String(i + 2));
        const text: unknown = value(...args);
        expect(typeof text, key).toBe('string');
        expect(String(text).length, key).toBeGreaterThan(0);
      } else {
        expect(typeof value, key).toBe('string');
      }
    }
  });

  it('gives every key binding its help in both languages (the footer and help come from the table)', () => {
    for (const language of ['en', 'fr'] as const) {
      setLocale(language);
      for (const binding of BINDINGS) {
        expect(binding.help.length, `${language} ${binding.action}`).toBeGreaterThan(0);
        if (binding.hint)
          expect(binding.hint.label.length, `${language} ${binding.action}`).toBeGreaterThan(0);
      }
    }
    setLocale('fr');
    expect(BINDINGS.find((b) => b.action === 'app.quit')?.help).toBe('Quitter');
  });

  it('uses the terms of French contact-center software', () => {
    const fr = CATALOGUES.fr;
    expect(fr.kinds).toEqual({ queue: 'file', chat: 'chat', campaign: 'campagne' });
    expect(fr.monitor.listen).toBe('Écouter');
    expect(fr.monitor.whisper).toBe('Chuchoter');
    expect(fr.monitor.barge).toBe('Intervenir');
    expect(fr.actions.end_wrap_up).toBe('Mettre fin au temps de conclusion');
    expect(fr.keys['agents.log'].help).toContain('Connecter des agents');
    expect(fr.status.available).toBe('prêt');
    expect(fr.roles.supervisor).toBe('superviseur');
  });

  it('picks the language from --lang, then LC_ALL, LC_MESSAGES, LANG; English otherwise', () => {
    expect(resolveLocale('fr', { LANG: 'en_US.UTF-8' }).language).toBe('fr');
    expect(resolveLocale(undefined, { LANG: 'fr_FR.UTF-8' })).toEqual({ language: 'fr', tag: 'fr-FR' });
    expect(resolveLocale(undefined, { LC_ALL: 'fr_CA.UTF-8', LANG: 'en_GB.UTF-8' })).toEqual({
      language: 'fr',
      tag: 'fr-CA',
    });
    expect(resolveLocale(undefined, { LC_MESSAGES: 'en_GB.UTF-8', LANG: 'fr_FR.UTF-8' }).language).toBe('en');
    expect(resolveLocale(undefined, { LANG: 'de_DE.UTF-8' }).language).toBe('en');
    expect(resolveLocale(undefined, { LANG: 'C.UTF-8' })).toEqual({ language: 'en', tag: 'en' });
    expect(resolveLocale(undefined, {})).toEqual({ language: 'en', tag: 'en' });
  });
});

describe('the supervisor board in French at 100×30', () => {
  it('shows the French words, the key hints from the catalogue, and times per locale', async () => {
    setLocale('fr');
    app = renderApp();
    const frame = await app.waitFor((f) => f.includes('Files'), 'the French board');
    const lines = (app as AppHarness).lines();
    expect(lines[0]).toContain('Sam Super (superviseur)');
    expect(lines[0]).toContain('● en direct');
    expect(lines[0]).toContain('13:30:00');
    expect(lines[1]).toMatch(/Billing\s+en attente 1\s+plus longue 3:20 ✖\s+NS 30\s?% ✖/);
    expect(frame).toContain('1 Files');
    expect(frame).toContain('3 Campagnes');
    expect(frame).toContain('tri : statut');
    expect(lines.at(-1)).toMatch(/déplacer.*filtrer.*aide.*quitter/);
    await (app as AppHarness).press('?');
    const help = await app.waitFor((f) => f.includes('Touches'), 'the French help');
    expect(help).toContain('Volet des files');
    expect(help).toContain('Quitter');
  });
});

describe('any terminal', () => {
  it('detects a terminal that cannot show Unicode', () => {
    expect(asciiFromEnv({ TERM: 'linux', LANG: 'en_US.UTF-8' })).toBe(true);
    expect(asciiFromEnv({ TERM: 'vt100' })).toBe(true);
    expect(asciiFromEnv({ TERM: 'xterm-256color', LANG: 'fr_FR.ISO-8859-1' })).toBe(true);
    expect(asciiFromEnv({ TERM: 'xterm-256color', LC_ALL: 'C', LANG: 'en_US.UTF-8' })).toBe(true);
    expect(asciiFromEnv({ TERM: 'xterm-256color', LANG: 'C.UTF-8' })).toBe(false);
    expect(asciiFromEnv({ TERM: 'xterm-256color', LANG: 'fr_FR.utf8' })).toBe(false);
    expect(asciiFromEnv({ TERM: 'xterm-256color' })).toBe(false);
  });

  it('draws the board in ASCII only with --ascii: dots, marks, separators, arrows in the hints', async () => {
    app = renderApp({ theme: createTheme({ ascii: true }) });
    await app.waitFor((f) => f.includes('Billing'), 'the board');
    await (app as AppHarness).press('j');
    await (app as AppHarness).press('\u001b[C');
    const frame = await app.waitFor((f) => f.includes('Bruno Diaz'), 'the agents of Sales');
    expect(frame).toMatch(/^[\x20-\x7e\n]*$/);
    expect(frame).toContain('1:15 !');
    expect(frame).toContain('| '); // the pane separator
    const alice = frame.split('\n').find((l) => l.includes('Alice Martin')) ?? '';
    expect(alice).toContain('**');
    expect((app as AppHarness).lines().at(-1)).toContain('Up/Dn move');
  });

  it('drops colours under NO_COLOR and marks breaches by symbol and inverse', async () => {
    app = renderApp({ theme: createTheme({ color: false }) });
    await app.waitFor((f) => f.includes('Billing'), 'the board');
    const raw = (app as AppHarness).rawFrame();
    const esc = '\u001b';
    expect(raw).not.toMatch(new RegExp(`${esc}\\[3[0-9](;[0-9]+)*m`));
    expect(raw).toMatch(new RegExp(`${esc}\\[7m[^\n]*3:20 ✖`));
  });
});

describe('terminal control characters in free text', () => {
  const ESC = '\u001b';
  const attacks = [
    `${ESC}]0;owned${'\u0007'}`, // set the window title
    `${ESC}[2J${ESC}[H`, // clear the screen, cursor home
    `${ESC}[31m`, // recolour
    '\u009b2J', // 8-bit CSI
    `${ESC}P+q${ESC}\\`, // DCS
    '\u202e', // right-to-left override
    '\u0008\u0008', // backspaces
  ];

  it('displayText removes ESC sequences, C0 and C1 controls and bidi overrides, keeps the words', () => {
    for (const attack of attacks) {
      const cleaned = displayText(`Evil${attack} Corp`);
      expect(cleaned).toBe('Evil Corp');
    }
    expect(displayText('line one\nline\ttwo')).toBe('line one line two');
    expect(displayText('Chloé Lefèvre · 李')).toBe('Chloé Lefèvre · 李');
  });

  it('never lets an ESC sequence in a customer name reach the terminal', async () => {
    const data = centerSnapshot();
    const jane = data.interactions.find((i) => i.id === 'i-a02');
    if (jane) jane.customer = { name: `Jane${attacks.join('')} Doe`, address: `${ESC}[5m+33` };
    const user = data.users.find((u) => u.id === 'a02');
    if (user) user.name = `Bruno${ESC}[8m Diaz`;
    const state = stateFromSnapshot(data);
    const rows = agentRows(state, 'q-sales', '', 'status');
    app = renderAt(
      <ThemeContext.Provider value={createTheme()}>
        <AgentPane width={100} height={12} rows={rows} cursorIndex={0} focused now={T0} empty="" />
      </ThemeContext.Provider>,
      100,
      12,
    );
    const frame = await app.waitFor((f) => f.includes('Jane Doe'), 'the customer');
    expect(frame).toContain('Bruno Diaz');
    const raw = app.rawFrame();
    expect(raw).not.toContain(']0;owned');
    expect(raw).not.toContain(`${ESC}[2J`);
    expect(raw).not.toContain(`${ESC}[8m`);
    expect(raw).not.toContain('\u009b');
    expect(raw).not.toContain('\u202e');
    expect(raw).not.toContain('\u0008');
  });

  it('never lets an ESC sequence in a chat line reach the terminal', async () => {
    app = renderAt(
      <ThemeContext.Provider value={createTheme()}>
        <TranscriptPanel
          messages={[
            { from: 'customer', text: `hello${ESC}]52;c;cGF5bG9hZA==${'\u0007'} there${ESC}[1A`, at: T0 },
            { from: 'agent', text: `how can I help\u202e?`, at: T0 },
          ]}
          customer={`Mallory${ESC}[2J`}
          agent="Alice Martin"
          width={80}
          height={4}
        />
      </ThemeContext.Provider>,
      80,
      4,
    );
    const frame = await app.waitFor((f) => f.includes('hello there'), 'the transcript');
    expect(frame).toContain('Mallory: hello there');
    expect(frame).toContain('how can I help?');
    const raw = app.rawFrame();
    expect(raw).not.toContain(']52;');
    expect(raw).not.toContain(`${ESC}[1A`);
    expect(raw).not.toContain(`${ESC}[2J`);
    expect(raw).not.toContain('\u202e');
  });
});
