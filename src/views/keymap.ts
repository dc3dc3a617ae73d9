/**
 * The one key-binding table. Every `useInput` in the wallboard matches keys through it, the
 * footer shows its hints, and the help overlay lists it: a key means the same thing everywhere.
 */
import type { Key } from 'ink';
import { monitorModesFor } from '../domain/index.js';
import { currentLocale, type Language, t } from '../i18n/index.js';
import type { MonitorMode } from '../protocol/index.js';

/**
 * Where the keyboard is: which bindings apply. The board: channels, agents, filter, help;
 * on top of it: menu (the action menu), confirm, search and picker (the Log agents dialog's
 * search field and list), list (a read-only list: activity log, unassigned sessions, results).
 */
export type KeyContext =
  | 'channels'
  | 'agents'
  | 'filter'
  | 'help'
  | 'menu'
  | 'confirm'
  | 'search'
  | 'picker'
  | 'list'
  | 'results'
  /** The sessions in unassigned channels (`u`): a list to select from and log out. */
  | 'unassigned'
  /** The monitor bar has the keyboard (`m`): choose the mode, stop, back to the board. */
  | 'monitor'
  /** The agent dashboard (a user who is only an agent). */
  | 'dashboard'
  /** The kiosk: a wall screen nobody touches; only quitting, for whoever set it up. */
  | 'kiosk'
  /** The settings panel (admins): a list of settings and pause reasons, ⏎ acts on the row. */
  | 'settings'
  /** Typing a short text (a pause reason's label): ⏎ takes it, Esc cancels. */
  | 'input';

/**
 * What a binding needs of the signed-in user (or the moment); without it, it is neither shown
 * nor matched. `monitoring`: a monitor is on; `monitorModes`: it is on a call (listen, whisper,
 * barge), not a chat, whose transcript has no other mode.
 */
export type Ability = 'manage' | 'admin' | 'audit' | 'monitoring' | 'monitorModes' | 'self';

/** The abilities a running monitor gives: stopping it, and switching modes on a call. */
export function monitorAbilities(monitor: { mode: MonitorMode }): Ability[] {
  const voice = monitorModesFor('queue').includes(monitor.mode);
  return voice ? ['monitoring', 'monitorModes'] : ['monitoring'];
}

export type ActionName =
  | 'pane.queues'
  | 'pane.chats'
  | 'pane.campaigns'
  | 'pane.next'
  | 'pane.previous'
  | 'focus.channels'
  | 'focus.agents'
  | 'cursor.up'
  | 'cursor.down'
  | 'cursor.pageUp'
  | 'cursor.pageDown'
  | 'cursor.first'
  | 'cursor.last'
  | 'agent.open'
  | 'filter.start'
  | 'filter.done'
  | 'filter.clear'
  | 'sort.cycle'
  | 'help.toggle'
  | 'help.close'
  | 'select.toggle'
  | 'agents.log'
  | 'unassigned.review'
  | 'settings.open'
  | 'activity.open'
  | 'monitor.focus'
  | 'monitor.listen'
  | 'monitor.whisper'
  | 'monitor.barge'
  | 'monitor.stop'
  | 'monitor.back'
  | 'menu.choose'
  | 'menu.back'
  | 'confirm.yes'
  | 'confirm.no'
  | 'search.done'
  | 'search.clear'
  | 'role.cycle'
  | 'picker.expand'
  | 'picker.collapse'
  | 'picker.submit'
  | 'select.all'
  | 'unassigned.logout'
  | 'results.close'
  | 'dialog.close'
  | 'input.submit'
  | 'input.cancel'
  | 'self.login'
  | 'self.pause'
  | 'self.ready'
  | 'self.logout'
  | 'self.endWrapUp'
  | 'app.quit'
  | 'app.interrupt';

type NamedKey =
  | 'upArrow'
  | 'downArrow'
  | 'leftArrow'
  | 'rightArrow'
  | 'pageUp'
  | 'pageDown'
  | 'home'
  | 'end'
  | 'return'
  | 'escape'
  | 'tab';

/** One way to press a binding: a character, a named key, and the modifiers that must match. */
export interface Chord {
  input?: string;
  key?: NamedKey;
  ctrl?: boolean;
  /** Checked only when given (Tab vs Shift-Tab); letters carry their own case. */
  shift?: boolean;
  /** Only in this language (French confirms with `o`, oui). */
  language?: Language;
}

/** Keys as written for people: fixed, or from the catalogue of the language in use. */
type KeysText = string | (() => string);

/** A binding as the table below writes it: the words come from the message catalogue. */
interface RawBinding {
  action: ActionName;
  chords: readonly Chord[];
  /** The keys as the help overlay shows them (key names in English: `displayKeys` translates). */
  keys: KeysText;
  contexts: readonly KeyContext[];
  /**
   * Shown in the footer, in table order (its label: the catalogue's hint); `in`: only in these
   * contexts. A binding without a hint is in the help of its context (`?`), and in a context
   * without help its keys are in another binding's hint (`↑↓` for ↑ and ↓).
   */
  hint?: { keys: KeysText; in?: readonly KeyContext[] };
  /** Only for users (or moments) with this ability. */
  requires?: Ability;
}

export interface Binding extends Omit<RawBinding, 'hint' | 'keys'> {
  /** The keys as the help overlay shows them. */
  readonly keys: string;
  /** What it does, in the language in use (the help overlay). */
  readonly help: string;
  readonly hint?: { readonly keys: string; readonly label: string; readonly in?: readonly KeyContext[] };
}

export interface Hint {
  action: ActionName;
  keys: string;
  label: string;
}

const text = (keys: KeysText): string => (typeof keys === 'string' ? keys : keys());

function withWords(raw: RawBinding): Binding {
  const { hint, keys, ...rest } = raw;
  const binding = {
    ...rest,
    get keys() {
      return text(keys);
    },
    get help() {
      return t().keys[raw.action].help;
    },
  };
  if (!hint) return binding;
  return Object.defineProperty(binding, 'hint', {
    enumerable: true,
    get: () => ({
      keys: text(hint.keys),
      label: t().keys[raw.action].hint,
      ...(hint.in ? { in: hint.in } : {}),
    }),
  });
}

const BROWSE: readonly KeyContext[] = ['channels', 'agents'];
/** Lists: the cursor moves by row and page and to either end, and stops there. */
const LISTS: readonly KeyContext[] = [
  'channels',
  'agents',
  'picker',
  'list',
  'results',
  'settings',
  'unassigned',
];
/** Where `?` shows the keys of the screen (the help lists every key it accepts). */
const WITH_HELP: readonly KeyContext[] = [
  'channels',
  'agents',
  'help',
  'menu',
  'picker',
  'list',
  'results',
  'settings',
  'unassigned',
  'monitor',
  'dashboard',
];
const ANYWHERE: readonly KeyContext[] = [
  'channels',
  'agents',
  'filter',
  'help',
  'menu',
  'confirm',
  'search',
  'picker',
  'list',
  'results',
  'unassigned',
  'monitor',
  'dashboard',
  'kiosk',
  'settings',
  'input',
];
/** Screens without a help (typing, a question, the kiosk): their footer shows every key. */
const WITHOUT_HELP: readonly KeyContext[] = ANYWHERE.filter((c) => !WITH_HELP.includes(c));

const RAW_BINDINGS: readonly RawBinding[] = [
  {
    action: 'pane.queues',
    chords: [{ input: '1' }],
    keys: '1',
    contexts: BROWSE,
    hint: { keys: '1-3' },
  },
  { action: 'pane.chats', chords: [{ input: '2' }], keys: '2', contexts: BROWSE },
  { action: 'pane.campaigns', chords: [{ input: '3' }], keys: '3', contexts: BROWSE },
  {
    action: 'pane.next',
    chords: [{ key: 'tab', shift: false }],
    keys: 'Tab',
    contexts: BROWSE,
  },
  {
    action: 'pane.previous',
    chords: [{ key: 'tab', shift: true }],
    keys: 'Shift-Tab',
    contexts: BROWSE,
  },
  {
    action: 'focus.channels',
    chords: [{ key: 'leftArrow' }, { input: 'h' }],
    keys: '← h',
    contexts: ['agents'],
    hint: { keys: '←' },
  },
  {
    action: 'focus.agents',
    chords: [{ key: 'rightArrow' }, { input: 'l' }],
    keys: '→ l',
    contexts: ['channels'],
    hint: { keys: '→' },
  },
  {
    action: 'cursor.up',
    chords: [{ key: 'upArrow' }, { input: 'k' }],
    keys: '↑ k',
    contexts: [...LISTS, 'menu', 'dashboard', 'help'],
    hint: { keys: '↑↓' },
  },
  {
    action: 'cursor.down',
    chords: [{ key: 'downArrow' }, { input: 'j' }],
    keys: '↓ j',
    contexts: [...LISTS, 'menu', 'dashboard', 'help'],
  },
  { action: 'cursor.pageUp', chords: [{ key: 'pageUp' }], keys: 'PgUp', contexts: [...LISTS, 'help'] },
  {
    action: 'cursor.pageDown',
    chords: [{ key: 'pageDown' }],
    keys: 'PgDn',
    contexts: [...LISTS, 'help'],
  },
  {
    action: 'cursor.first',
    chords: [{ input: 'g' }, { key: 'home' }],
    keys: 'g Home',
    contexts: [...LISTS, 'help'],
  },
  {
    action: 'cursor.last',
    chords: [{ input: 'G' }, { key: 'end' }],
    keys: 'G End',
    contexts: [...LISTS, 'help'],
  },
  {
    action: 'agent.open',
    chords: [{ key: 'return' }],
    keys: 'Enter',
    contexts: ['agents'],
    hint: { keys: '⏎' },
  },
  {
    action: 'filter.start',
    chords: [{ input: '/' }],
    keys: '/',
    contexts: [...BROWSE, 'picker', 'list'],
    hint: { keys: '/' },
  },
  {
    action: 'filter.done',
    chords: [{ key: 'return' }],
    keys: 'Enter',
    contexts: ['filter'],
    hint: { keys: '⏎' },
  },
  {
    action: 'filter.clear',
    chords: [{ key: 'escape' }],
    keys: 'Esc',
    contexts: ['agents', 'filter'],
    hint: { keys: 'Esc' },
  },
  {
    action: 'sort.cycle',
    chords: [{ input: 's' }],
    keys: 's',
    contexts: BROWSE,
    hint: { keys: 's' },
  },
  {
    action: 'select.toggle',
    chords: [{ input: ' ' }],
    keys: 'Space',
    contexts: ['agents', 'picker', 'unassigned'],
    hint: { keys: 'Space' },
    requires: 'manage',
  },
  {
    action: 'select.all',
    chords: [{ input: '*' }],
    keys: '*',
    contexts: ['unassigned'],
    hint: { keys: '*' },
  },
  {
    action: 'agents.log',
    chords: [{ input: 'a' }],
    keys: 'a',
    contexts: BROWSE,
    hint: { keys: 'a' },
    requires: 'manage',
  },
  {
    action: 'monitor.focus',
    chords: [{ input: 'm' }],
    keys: 'm',
    contexts: BROWSE,
    hint: { keys: 'm' },
    requires: 'monitorModes',
  },
  {
    action: 'monitor.listen',
    chords: [{ input: '1' }],
    keys: '1',
    contexts: ['monitor'],
    hint: { keys: '1' },
    requires: 'monitorModes',
  },
  {
    action: 'monitor.whisper',
    chords: [{ input: '2' }],
    keys: '2',
    contexts: ['monitor'],
    hint: { keys: '2' },
    requires: 'monitorModes',
  },
  {
    action: 'monitor.barge',
    chords: [{ input: '3' }],
    keys: '3',
    contexts: ['monitor'],
    hint: { keys: '3' },
    requires: 'monitorModes',
  },
  {
    action: 'monitor.stop',
    chords: [{ input: 'x' }],
    keys: 'x',
    contexts: [...BROWSE, 'monitor'],
    hint: { keys: 'x' },
    requires: 'monitoring',
  },
  {
    action: 'monitor.back',
    chords: [{ key: 'escape' }, { input: 'm' }],
    keys: 'Esc m',
    contexts: ['monitor'],
    hint: { keys: 'Esc' },
  },
  {
    action: 'unassigned.review',
    chords: [{ input: 'u' }],
    keys: 'u',
    contexts: BROWSE,
    hint: { keys: 'u' },
    requires: 'manage',
  },
  {
    action: 'activity.open',
    chords: [{ input: 'L' }],
    keys: 'L',
    contexts: BROWSE,
    hint: { keys: 'L' },
    requires: 'audit',
  },
  {
    action: 'settings.open',
    chords: [{ input: 'o' }],
    keys: 'o',
    contexts: BROWSE,
    hint: { keys: 'o' },
    requires: 'admin',
  },
  {
    action: 'menu.choose',
    chords: [{ key: 'return' }],
    keys: 'Enter',
    contexts: ['menu', 'settings'],
    hint: { keys: '⏎' },
  },
  {
    action: 'menu.back',
    chords: [{ key: 'escape' }, { key: 'leftArrow' }],
    keys: 'Esc ←',
    contexts: ['menu'],
    hint: { keys: 'Esc' },
  },
  {
    action: 'confirm.yes',
    chords: [{ key: 'return' }, { input: 'y' }, { input: 'o', language: 'fr' }],
    keys: () => `Enter ${t().confirm.yesKey}`,
    contexts: ['confirm'],
    hint: { keys: () => `⏎/${t().confirm.yesKey}` },
  },
  {
    action: 'confirm.no',
    chords: [{ key: 'escape' }, { input: 'n' }],
    keys: 'Esc n',
    contexts: ['confirm'],
    hint: { keys: 'Esc/n' },
  },
  {
    action: 'search.done',
    chords: [{ key: 'return' }, { key: 'downArrow' }],
    keys: 'Enter ↓',
    contexts: ['search'],
    hint: { keys: '⏎/↓' },
  },
  {
    action: 'role.cycle',
    chords: [{ key: 'tab', shift: false }],
    keys: 'Tab',
    contexts: ['search', 'picker'],
    hint: { keys: 'Tab' },
  },
  {
    action: 'search.clear',
    chords: [{ key: 'escape' }],
    keys: 'Esc',
    contexts: ['search'],
    hint: { keys: 'Esc' },
  },
  {
    action: 'picker.submit',
    chords: [{ key: 'return' }],
    keys: 'Enter',
    contexts: ['picker'],
    hint: { keys: '⏎' },
  },
  {
    action: 'picker.expand',
    chords: [{ key: 'rightArrow' }, { input: 'l' }],
    keys: '→ l',
    contexts: ['picker'],
    hint: { keys: '→←' },
  },
  {
    action: 'picker.collapse',
    chords: [{ key: 'leftArrow' }, { input: 'h' }],
    keys: '← h',
    contexts: ['picker'],
  },
  {
    action: 'unassigned.logout',
    chords: [{ key: 'return' }],
    keys: 'Enter',
    contexts: ['unassigned'],
    hint: { keys: '⏎' },
  },
  {
    action: 'results.close',
    chords: [{ key: 'return' }, { key: 'escape' }],
    keys: 'Enter Esc',
    contexts: ['results'],
    hint: { keys: '⏎/Esc' },
  },
  {
    action: 'dialog.close',
    chords: [{ key: 'escape' }],
    keys: 'Esc',
    contexts: ['picker', 'list', 'settings', 'unassigned'],
    hint: { keys: 'Esc' },
  },
  {
    action: 'input.submit',
    chords: [{ key: 'return' }],
    keys: 'Enter',
    contexts: ['input'],
    hint: { keys: '⏎' },
  },
  {
    action: 'input.cancel',
    chords: [{ key: 'escape' }],
    keys: 'Esc',
    contexts: ['input'],
    hint: { keys: 'Esc' },
  },
  {
    action: 'self.login',
    chords: [{ key: 'return' }, { input: 'i' }],
    keys: 'Enter i',
    contexts: ['dashboard'],
    requires: 'self',
  },
  {
    action: 'self.pause',
    chords: [{ input: 'p' }],
    keys: 'p',
    contexts: ['dashboard'],
    requires: 'self',
  },
  {
    action: 'self.ready',
    chords: [{ input: 'r' }],
    keys: 'r',
    contexts: ['dashboard'],
    requires: 'self',
  },
  {
    action: 'self.endWrapUp',
    chords: [{ input: 'e' }],
    keys: 'e',
    contexts: ['dashboard'],
    requires: 'self',
  },
  {
    action: 'self.logout',
    chords: [{ input: 'o' }],
    keys: 'o',
    contexts: ['dashboard'],
    requires: 'self',
  },
  {
    action: 'help.toggle',
    chords: [{ input: '?' }],
    keys: '?',
    contexts: WITH_HELP,
    hint: { keys: '?' },
  },
  {
    action: 'help.close',
    chords: [{ key: 'escape' }],
    keys: 'Esc',
    contexts: ['help'],
    hint: { keys: 'Esc' },
  },
  {
    action: 'app.quit',
    chords: [{ input: 'q' }],
    keys: 'q',
    contexts: ['channels', 'agents', 'help', 'dashboard', 'kiosk'],
    hint: { keys: 'q' },
  },
  {
    action: 'app.interrupt',
    chords: [{ input: 'c', ctrl: true }],
    keys: 'Ctrl-C',
    contexts: ANYWHERE,
    hint: { keys: 'Ctrl-C', in: WITHOUT_HELP },
  },
];

export const BINDINGS: readonly Binding[] = RAW_BINDINGS.map(withWords);

/** The subset of Ink's Key this module reads. */
export type KeyState = Pick<Key, NamedKey | 'ctrl' | 'shift' | 'meta'>;

export function chordMatches(chord: Chord, input: string, key: KeyState): boolean {
  if (chord.language !== undefined && chord.language !== currentLocale().language) return false;
  if (chord.key !== undefined && !key[chord.key]) return false;
  if (chord.input !== undefined && input !== chord.input) return false;
  if ((chord.ctrl ?? false) !== key.ctrl) return false;
  if (chord.shift !== undefined && chord.shift !== key.shift) return false;
  if (key.meta && chord.key !== 'escape') return false;
  return chord.key !== undefined || chord.input !== undefined;
}

const NO_ABILITIES: ReadonlySet<Ability> = new Set();

const usable = (binding: Binding, abilities: ReadonlySet<Ability>): boolean =>
  binding.requires === undefined || abilities.has(binding.requires);

/** The action a key press means in a context, if any (bindings needing an ability the user lacks are skipped). */
export function matchAction(
  context: KeyContext,
  input: string,
  key: KeyState,
  abilities: ReadonlySet<Ability> = NO_ABILITIES,
): ActionName | undefined {
  for (const binding of BINDINGS) {
    if (!binding.contexts.includes(context) || !usable(binding, abilities)) continue;
    if (binding.chords.some((chord) => chordMatches(chord, input, key))) return binding.action;
  }
  return undefined;
}

export function bindingsFor(context: KeyContext, abilities: ReadonlySet<Ability> = NO_ABILITIES): Binding[] {
  return BINDINGS.filter((b) => b.contexts.includes(context) && usable(b, abilities));
}

export function hintsFor(context: KeyContext, abilities: ReadonlySet<Ability> = NO_ABILITIES): Hint[] {
  return bindingsFor(context, abilities).flatMap((b) =>
    b.hint && (b.hint.in === undefined || b.hint.in.includes(context))
      ? [{ action: b.action, keys: b.hint.keys, label: b.hint.label }]
      : [],
  );
}

/** Whether `?` shows the keys of this context. */
export function hasHelp(context: KeyContext): boolean {
  return WITH_HELP.includes(context);
}

/** The supervisor board's contexts: what its help lists. */
export const BOARD_CONTEXTS: readonly KeyContext[] = ['channels', 'agents', 'filter', 'help'];

/** Every context, for the checks that each key is shown somewhere. */
export const KEY_CONTEXTS: readonly KeyContext[] = ANYWHERE;

/** Every ability, for the checks that each key is shown to whoever may use it. */
export const ABILITIES: readonly Ability[] = [
  'manage',
  'admin',
  'audit',
  'monitoring',
  'monitorModes',
  'self',
];

/** Key names in the language in use ("Enter" → "Entrée"), one name at a time. */
export function displayKeys(keys: string): string {
  const names = t().keyNames;
  return keys.replace(
    /Shift-Tab|Ctrl-C|Enter|Space|Esc|PgUp|PgDn|Home|End|Tab/g,
    (name) => names[name as keyof typeof names],
  );
}
