/**
 * With the French catalogue, the dialogs and panels speak French: Log agents, Org settings,
 * Unassigned sessions, Activity log, the results of an action, the ASCII key names, and the
 * client's own messages in the footer. Each test looks at what a user sees.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCommands } from '../../src/client/commands.js';
import { createStore } from '../../src/client/store.js';
import { stateFromSnapshot } from '../../src/domain/index.js';
import { messagesFor, setLocale } from '../../src/i18n/index.js';
import type { AuditAction, AuditResult } from '../../src/protocol/index.js';
import { WallboardApp } from '../../src/views/components/wallboard/WallboardApp.js';
import { createTheme } from '../../src/views/theme.js';
import { centerSnapshot, T0 } from '../fixtures/center-snapshot.js';
import { type ActionsHarness, renderActions } from './actions-fixture.js';
import { renderApp, WELCOME } from './app-fixture.js';
import { KEYS, type Rendered, renderAt } from './render-at.js';

let app: Rendered | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
  setLocale('en');
});

/** The left part of each line (the action menu, left of the agents' table). */
const left = (frame: string): string =>
  frame
    .split('\n')
    .map((l) => l.split('│')[0] ?? '')
    .join('\n');

/** Opens Sales (the second queue) and focuses its agents. */
async function onSales(a: ActionsHarness): Promise<void> {
  await a.waitFor((f) => f.includes('Billing'), 'the queues');
  await a.press('j');
  await a.waitFor((f) => f.includes('› Sales') && f.includes('Bruno Diaz'), 'the agents of Sales');
  await a.press(KEYS.right);
}

/** Moves the menu cursor to the entry `label` (with ↓) and takes it. */
async function choose(a: ActionsHarness, label: string): Promise<void> {
  const onEntry = () =>
    left(a.frame())
      .split('\n')
      .some((l) => l.includes('›') && l.includes(label));
  for (let i = 0; i < 12 && !onEntry(); i += 1) await a.press(KEYS.down);
  await a.waitFor(() => onEntry(), `the cursor on ${label}`);
  await a.press(KEYS.enter);
}

describe('in French', () => {
  it('the Log agents dialog, whole at 80 columns: title, hint, search, role filter, counts, headers, marks', async () => {
    setLocale('fr');
    const a = renderActions({ columns: 80, rows: 24 });
    app = a;
    await a.waitFor((f) => f.includes('Billing'), 'the queues');
    await a.press('j');
    await a.press('j');
    await a.waitFor((f) => f.includes('› Support'), 'Support');
    await a.press('a');
    let frame = await a.waitFor((f) => f.includes('Connecter des agents à Support'), 'the dialog');
    expect(frame).toContain("connecter n'assigne jamais : ligne marquée ◇");
    expect(frame).toContain('nom ou poste');
    expect(frame).toContain('rôle : tous (Tab)');
    expect(frame).toMatch(/\d+ affichés/);
    expect(frame).toContain('0 sélectionné');
    expect(frame).toMatch(/Nom\s+Poste\s+Rôles\s+App\.\s+Ici/);
    expect(frame.split('\n').find((l) => l.includes('Chloe Petit'))).toContain('connecté');
    for (const english of ['Log agents', 'never assigns', 'name or extension', 'role:', 'shown', 'selected'])
      expect(frame).not.toContain(english);
    expect(frame).not.toMatch(/\bName\b|\bRoles\b|\bHere\b|logged in/);

    await a.press(KEYS.tab);
    frame = await a.waitFor((f) => f.includes('rôle : agent'), 'agents only');
    await a.press(KEYS.tab);
    frame = await a.waitFor((f) => f.includes('rôle : superviseur'), 'supervisors only');
    for (const ch of 'zzz') await a.press(ch);
    frame = await a.waitFor((f) => f.includes('personne ne correspond à « zzz »'), 'nobody matches');
    expect(frame).not.toContain('nobody');
  });

  it('the org settings panel: labels, values, the verb and the question', async () => {
    setLocale('fr');
    const a = renderActions({ who: 'admin', columns: 120 });
    app = a;
    await a.waitFor((f) => f.includes('Billing'), 'the board');
    await a.press('o');
    let frame = await a.waitFor(
      (f) => f.includes("Paramètres de l'organisation (administrateur)"),
      'the settings panel',
    );
    expect(frame).toContain('Les agents peuvent se connecter aux files non assignées : non  → activer');
    expect(frame).toContain('Les superviseurs ne voient que leurs canaux assignés : non  → activer');
    for (const english of ['Org settings', 'Agents may log in', 'turn on', 'turn off', ': off', ': no '])
      expect(frame).not.toContain(english);
    await a.press(KEYS.enter);
    frame = await a.waitFor((f) => f.includes('Permettre aux agents'), 'the question');
    expect(frame).toContain(
      "Paramètres de l'organisation · Les agents peuvent se connecter aux files non assignées",
    );
    expect(frame).toContain('activer');
    expect(frame).not.toMatch(/Let agents|turn on/);
    await a.press(KEYS.enter);
    await a.waitFor(
      (f) => f.includes('Les agents peuvent se connecter aux files non assignées : oui'),
      'the notice in French',
    );
    expect(a.sent).toEqual([{ type: 'set_org_settings', agentsMayLogInToUnassigned: true }]);
  });

  it('the unassigned sessions dialog, whole at 80 columns: heading, status words, hints, the question', async () => {
    setLocale('fr');
    const a = renderActions({ who: 'admin', columns: 80, rows: 24 });
    app = a;
    await a.waitFor((f) => f.includes('Billing'), 'the board');
    await a.press('u');
    let frame = await a.waitFor((f) => f.includes('Sessions dans des canaux non assignés'), 'the dialog');
    expect(frame).toContain('connexions non assignées : non');
    expect(frame).toContain('2 dans vos canaux · 1 ⊘ plus autorisée');
    const hugo = frame.split('\n').find((l) => l.includes('Hugo Bernard')) ?? '';
    expect(hugo).toMatch(/⊘ +Hugo Bernard\s+Sales\s+prêt\s+connecté par lui-même/);
    expect(hugo).not.toContain('available');
    expect(a.lines().at(-1)).toMatch(/⏎ déconnecter.*Échap fermer/);
    for (const english of ['no longer allowed', 'in your channels', 'unassigned logins', 'log them', 'close'])
      expect(frame).not.toContain(english);
    await a.press(KEYS.enter);
    frame = await a.waitFor((f) => f.includes('Déconnecter 1 session'), 'the question');
    expect(frame.replace(/\s+/g, ' ')).toContain(
      "Déconnecter 1 session dans des canaux où son agent n'est pas assigné ? 1 ouverte par l'agent lui-même",
    );
    expect(a.lines().at(-1)).toMatch(/⏎\/o confirmer/);
    await a.press('o');
    frame = await a.waitFor((f) => f.includes('1 fait · 0 refusé'), 'the results');
    expect(frame).toMatch(/✓ Hugo Bernard \(Sales\)\s+déconnecté/);
    expect(frame).toContain('Échap ou Entrée ferme');
    await a.press(KEYS.escape);
    await a.press('u');
    await a.waitFor((f) => f.includes('1 dans vos canaux · 0 ⊘ plus autorisée'), 'Greta left');
  });

  it('the activity log: count line, headers, actions, and details in words (reason names, modes, settings)', async () => {
    setLocale('fr');
    const a = renderActions({ columns: 140, rows: 30 });
    app = a;
    const entry = (id: number, action: AuditAction, target: string, result: AuditResult, detail: string) => ({
      id,
      at: T0,
      actorId: 'sup',
      remote: '127.0.0.1',
      action,
      target,
      result,
      detail,
    });
    a.audit.push(
      entry(4, 'pause', 'q-sales/a01', 'ok', 'reason lunch'),
      entry(3, 'monitor_start', 'q-sales/a02', 'ok', 'mode read'),
      entry(2, 'set_org_settings', 'org', 'ok', 'agentsMayLogInToUnassigned=false'),
      entry(1, 'logout', 'q-billing/a02', 'not_logged_in', 'Bruno Diaz is not logged in to Billing'),
    );
    await a.waitFor((f) => f.includes('Billing'), 'the board');
    await a.press('L');
    const frame = await a.waitFor((f) => f.includes('4 entrées sur 4'), 'the log');
    expect(frame).toContain("Journal d'activité");
    expect(frame).toContain("4 entrées sur 4, les plus récentes d'abord");
    expect(frame).toMatch(/Heure\s+Qui\s+Action\s+Sur\s+Résultat\s+Détail/);
    const line = (text: string) => frame.split('\n').find((l) => l.includes(text)) ?? '';
    expect(line('Sales / Alice Martin')).toMatch(/Sam Super\s+pause\s+Sales \/ Alice Martin\s+ok\s+Lunch/);
    expect(line('Sales / Bruno Diaz')).toMatch(
      /surveillance\s+Sales \/ Bruno Diaz\s+ok\s+Lire la conversation/,
    );
    expect(line("l'organisation")).toMatch(
      /paramètres\s+l'organisation\s+ok\s+connexions non assignées : non/,
    );
    expect(line('Billing / Bruno Diaz')).toMatch(/déconnexion\s+Billing \/ Bruno Diaz\s+pas connecté ici/);
    for (const english of [
      'Activity log',
      'entries',
      'reason lunch',
      'mode read',
      'agentsMayLogInToUnas',
      'is not logged in',
      'Result',
      'Who',
    ])
      expect(frame).not.toContain(english);
  });

  it('the results of a bulk action: counts, each agent named once, the closing hint', async () => {
    setLocale('fr');
    const a = renderActions({ columns: 120 });
    app = a;
    await onSales(a);
    for (let i = 0; i < 12; i += 1) {
      const greta =
        a
          .frame()
          .split('\n')
          .find((l) => l.includes('Greta Larsen')) ?? '';
      if ((greta.split('│')[1] ?? '').includes('›')) break;
      await a.press('j');
    }
    await a.press(' ');
    await a.press(' ');
    await a.waitFor((f) => /✓⊘ Hugo/.test(f), 'Hugo selected');
    await a.press(KEYS.enter);
    await a.waitFor((f) => f.includes('2 agents sélectionnés · Sales'), 'the bulk menu');
    await choose(a, 'Mettre en pause…');
    await a.waitFor((f) => f.includes('choisissez un motif'), 'the reasons');
    await choose(a, 'Lunch');
    const frame = await a.waitFor((f) => f.includes('2 faits · 0 refusé'), 'the results');
    const greta = frame.split('\n').find((l) => l.includes('Greta Larsen')) ?? '';
    expect(greta).toMatch(/✓ Greta Larsen : fait/);
    expect(greta.split('Greta Larsen')).toHaveLength(2);
    const hugo = frame.split('\n').find((l) => l.includes('Hugo Bernard')) ?? '';
    expect(hugo.split('Hugo Bernard')).toHaveLength(2);
    expect(frame).toContain('Échap ou Entrée ferme');
    expect(frame).not.toMatch(/done|refused|Esc or Enter closes/);
  });

  it('names the keys in French on an ASCII terminal', async () => {
    setLocale('fr');
    const a = renderApp({ theme: createTheme({ ascii: true }) });
    app = a;
    await a.waitFor((f) => f.includes('Billing'), 'the board');
    await a.press('j');
    await a.press(KEYS.right);
    await a.waitFor((f) => f.includes('Bruno Diaz'), 'the agents of Sales');
    const hints = a.lines().at(-1) ?? '';
    expect(hints).toContain('Haut/Bas déplacer');
    expect(hints).not.toMatch(/Up\/Dn|Right|Left|Enter/);
  });

  it('shows the hub not answering a command in French, whole, in the footer at 80 columns', async () => {
    setLocale('fr');
    const store = createStore({ intervalMs: 0 });
    store.setWelcome(WELCOME);
    store.setConnection({ status: 'live', staleSince: null, lastError: null, attempts: 0 });
    store.setState(stateFromSnapshot(centerSnapshot()));
    store.flush();
    // A link that never comes back: the command waits, then fails visibly.
    const commands = createCommands(
      { isLive: false, generation: 1, send: () => false, on: () => () => {} },
      { timeoutMs: 20, store },
    );
    app = renderAt(
      <WallboardApp
        store={store}
        hubLabel="test-hub:1234"
        theme={createTheme()}
        clock={() => T0}
        onExit={() => {}}
        actions={commands}
      />,
      80,
      24,
    );
    await app.waitFor((f) => f.includes('Billing'), 'the board');
    void commands.send({ type: 'monitor_stop' }).catch(() => {});
    const message = 'sans réponse du hub (fin de surveillance) : non confirmé, réessayez';
    const frame = await app.waitFor((f) => f.includes(message), 'the whole message in the footer');
    expect(frame).not.toContain('no answer');
    expect(frame.split('\n').every((l) => l.length <= 80)).toBe(true);
    commands.close();
  });

  it('names the embedded demo hub in French in the header (the label the CLI builds for --lang fr)', async () => {
    setLocale('fr');
    const store = createStore({ intervalMs: 0 });
    store.setWelcome(WELCOME);
    store.setConnection({ status: 'live', staleSince: null, lastError: null, attempts: 0 });
    store.setState(stateFromSnapshot(centerSnapshot()));
    store.flush();
    app = renderAt(
      <WallboardApp
        store={store}
        hubLabel={messagesFor('fr', { LANG: 'en_US.UTF-8' }).cli.embeddedHub}
        theme={createTheme()}
        clock={() => T0}
        onExit={() => {}}
      />,
      120,
      24,
    );
    const frame = await app.waitFor((f) => f.includes('Billing'), 'the board');
    expect(frame.split('\n')[0]).toContain('hub démo intégrée');
    expect(frame).not.toContain('embedded');
  });
});
