/**
 * The one key-binding table. Every `useInput` in the wallboard matches keys through it, the
 * footer shows its hints, and the help overlay lists it: a key means the same thing everywhere.
 */
import type { Key } from 'ink';

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
  | 'results';

/** What a binding needs of the signed-in user (or the moment); without it, it is neither shown nor matched. */
export type Ability = 'manage' | 'admin' | 'audit' | 'monitoring';

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
  | 'monitor.mode'
  | 'monitor.stop'
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
  | 'list.act'
  | 'dialog.close'
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
}

export interface Binding {
  action: ActionName;
  chords: readonly Chord[];
  /** The keys as the help overlay shows them. */
  keys: string;
  help: string;
  contexts: readonly KeyContext[];
  /** Shown in the footer, in table order, when it fits. */
  hint?: { keys: string; label: string };
  /** Only for users (or moments) with this ability. */
  requires?: Ability;
}

const BROWSE: readonly KeyContext[] = ['channels', 'agents'];
const LISTS: readonly KeyContext[] = ['channels', 'agents', 'picker', 'list', 'results'];
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
];

export const BINDINGS: readonly Binding[] = [
  {
    action: 'pane.queues',
    chords: [{ input: '1' }],
    keys: '1',
    help: 'Queues pane',
    contexts: BROWSE,
    hint: { keys: '1-3', label: 'pane' },
  },
  { action: 'pane.chats', chords: [{ input: '2' }], keys: '2', help: 'Chats pane', contexts: BROWSE },
  { action: 'pane.campaigns', chords: [{ input: '3' }], keys: '3', help: 'Campaigns pane', contexts: BROWSE },
  {
    action: 'pane.next',
    chords: [{ key: 'tab', shift: false }],
    keys: 'Tab',
    help: 'Next pane',
    contexts: BROWSE,
  },
  {
    action: 'pane.previous',
    chords: [{ key: 'tab', shift: true }],
    keys: 'Shift-Tab',
    help: 'Previous pane',
    contexts: BROWSE,
  },
  {
    action: 'focus.channels',
    chords: [{ key: 'leftArrow' }, { input: 'h' }],
    keys: '← h',
    help: 'Focus the channel list',
    contexts: ['agents'],
    hint: { keys: '←', label: 'channels' },
  },
  {
    action: 'focus.agents',
    chords: [{ key: 'rightArrow' }, { input: 'l' }],
    keys: '→ l',
    help: 'Focus the agents',
    contexts: ['channels'],
    hint: { keys: '→', label: 'agents' },
  },
  {
    action: 'cursor.up',
    chords: [{ key: 'upArrow' }, { input: 'k' }],
    keys: '↑ k',
    help: 'Move up',
    contexts: [...LISTS, 'menu'],
    hint: { keys: '↑↓', label: 'move' },
  },
  {
    action: 'cursor.down',
    chords: [{ key: 'downArrow' }, { input: 'j' }],
    keys: '↓ j',
    help: 'Move down',
    contexts: [...LISTS, 'menu'],
  },
  { action: 'cursor.pageUp', chords: [{ key: 'pageUp' }], keys: 'PgUp', help: 'Page up', contexts: LISTS },
  {
    action: 'cursor.pageDown',
    chords: [{ key: 'pageDown' }],
    keys: 'PgDn',
    help: 'Page down',
    contexts: LISTS,
  },
  {
    action: 'cursor.first',
    chords: [{ input: 'g' }, { key: 'home' }],
    keys: 'g Home',
    help: 'First row',
    contexts: LISTS,
  },
  {
    action: 'cursor.last',
    chords: [{ input: 'G' }, { key: 'end' }],
    keys: 'G End',
    help: 'Last row',
    contexts: LISTS,
  },
  {
    action: 'agent.open',
    chords: [{ key: 'return' }],
    keys: 'Enter',
    help: 'Actions on the agent',
    contexts: ['agents'],
    hint: { keys: '⏎', label: 'actions' },
  },
  {
    action: 'filter.start',
    chords: [{ input: '/' }],
    keys: '/',
    help: 'Filter / search',
    contexts: [...BROWSE, 'picker', 'list'],
    hint: { keys: '/', label: 'filter' },
  },
  {
    action: 'filter.done',
    chords: [{ key: 'return' }],
    keys: 'Enter',
    help: 'Keep the filter',
    contexts: ['filter'],
    hint: { keys: '⏎', label: 'keep' },
  },
  {
    action: 'filter.clear',
    chords: [{ key: 'escape' }],
    keys: 'Esc',
    help: 'Clear the filter and the selection',
    contexts: ['agents', 'filter'],
    hint: { keys: 'Esc', label: 'clear' },
  },
  {
    action: 'sort.cycle',
    chords: [{ input: 's' }],
    keys: 's',
    help: 'Sort: status, time, name',
    contexts: BROWSE,
    hint: { keys: 's', label: 'sort' },
  },
  {
    action: 'select.toggle',
    chords: [{ input: ' ' }],
    keys: 'Space',
    help: 'Select / unselect (several)',
    contexts: ['agents', 'picker'],
    hint: { keys: 'Space', label: 'select' },
    requires: 'manage',
  },
  {
    action: 'agents.log',
    chords: [{ input: 'a' }],
    keys: 'a',
    help: 'Log agents in to the channel',
    contexts: BROWSE,
    hint: { keys: 'a', label: 'log in' },
    requires: 'manage',
  },
  {
    action: 'monitor.mode',
    chords: [{ input: 'm' }],
    keys: 'm',
    help: 'Monitor: next mode',
    contexts: BROWSE,
    hint: { keys: 'm', label: 'mode' },
    requires: 'monitoring',
  },
  {
    action: 'monitor.stop',
    chords: [{ input: 'x' }],
    keys: 'x',
    help: 'Monitor: stop',
    contexts: BROWSE,
    hint: { keys: 'x', label: 'stop' },
    requires: 'monitoring',
  },
  {
    action: 'unassigned.review',
    chords: [{ input: 'u' }],
    keys: 'u',
    help: 'Sessions no longer allowed (⊘)',
    contexts: BROWSE,
    hint: { keys: 'u', label: 'unassigned' },
    requires: 'manage',
  },
  {
    action: 'activity.open',
    chords: [{ input: 'L' }],
    keys: 'L',
    help: 'Activity log (who did what)',
    contexts: BROWSE,
    hint: { keys: 'L', label: 'activity' },
    requires: 'audit',
  },
  {
    action: 'settings.open',
    chords: [{ input: 'o' }],
    keys: 'o',
    help: 'Org settings (admins)',
    contexts: BROWSE,
    hint: { keys: 'o', label: 'settings' },
    requires: 'admin',
  },
  {
    action: 'menu.choose',
    chords: [{ key: 'return' }],
    keys: 'Enter',
    help: 'Choose',
    contexts: ['menu'],
    hint: { keys: '⏎', label: 'choose' },
  },
  {
    action: 'menu.back',
    chords: [{ key: 'escape' }, { key: 'leftArrow' }],
    keys: 'Esc ←',
    help: 'Back / close',
    contexts: ['menu'],
    hint: { keys: 'Esc', label: 'back' },
  },
  {
    action: 'confirm.yes',
    chords: [{ key: 'return' }, { input: 'y' }],
    keys: 'Enter y',
    help: 'Confirm',
    contexts: ['confirm'],
    hint: { keys: '⏎/y', label: 'confirm' },
  },
  {
    action: 'confirm.no',
    chords: [{ key: 'escape' }, { input: 'n' }],
    keys: 'Esc n',
    help: 'Cancel',
    contexts: ['confirm'],
    hint: { keys: 'Esc/n', label: 'cancel' },
  },
  {
    action: 'search.done',
    chords: [{ key: 'return' }, { key: 'downArrow' }],
    keys: 'Enter ↓',
    help: 'To the list',
    contexts: ['search'],
    hint: { keys: '⏎/↓', label: 'list' },
  },
  {
    action: 'role.cycle',
    chords: [{ key: 'tab', shift: false }],
    keys: 'Tab',
    help: 'Role: all, agent, supervisor, admin',
    contexts: ['search', 'picker'],
    hint: { keys: 'Tab', label: 'role' },
  },
  {
    action: 'search.clear',
    chords: [{ key: 'escape' }],
    keys: 'Esc',
    help: 'Clear the search, then close',
    contexts: ['search'],
    hint: { keys: 'Esc', label: 'clear/close' },
  },
  {
    action: 'picker.expand',
    chords: [{ key: 'rightArrow' }, { input: 'l' }],
    keys: '→ l',
    help: 'Show the devices',
    contexts: ['picker'],
    hint: { keys: '→', label: 'devices' },
  },
  {
    action: 'picker.collapse',
    chords: [{ key: 'leftArrow' }, { input: 'h' }],
    keys: '← h',
    help: 'Hide the devices',
    contexts: ['picker'],
  },
  {
    action: 'picker.submit',
    chords: [{ key: 'return' }],
    keys: 'Enter',
    help: 'Log the selected in (none: devices)',
    contexts: ['picker'],
    hint: { keys: '⏎', label: 'log in' },
  },
  {
    action: 'list.act',
    chords: [{ key: 'return' }],
    keys: 'Enter',
    help: 'Act on the list (log them out)',
    contexts: ['results'],
  },
  {
    action: 'dialog.close',
    chords: [{ key: 'escape' }],
    keys: 'Esc',
    help: 'Close',
    contexts: ['picker', 'list', 'results'],
    hint: { keys: 'Esc', label: 'close' },
  },
  {
    action: 'help.toggle',
    chords: [{ input: '?' }],
    keys: '?',
    help: 'Show or hide this help',
    contexts: ['channels', 'agents', 'help'],
    hint: { keys: '?', label: 'help' },
  },
  {
    action: 'help.close',
    chords: [{ key: 'escape' }],
    keys: 'Esc',
    help: 'Close the help',
    contexts: ['help'],
    hint: { keys: 'Esc', label: 'close' },
  },
  {
    action: 'app.quit',
    chords: [{ input: 'q' }],
    keys: 'q',
    help: 'Quit',
    contexts: ['channels', 'agents', 'help'],
    hint: { keys: 'q', label: 'quit' },
  },
  {
    action: 'app.interrupt',
    chords: [{ input: 'c', ctrl: true }],
    keys: 'Ctrl-C',
    help: 'Quit (anywhere)',
    contexts: ANYWHERE,
  },
];

/** The subset of Ink's Key this module reads. */
export type KeyState = Pick<Key, NamedKey | 'ctrl' | 'shift' | 'meta'>;

export function chordMatches(chord: Chord, input: string, key: KeyState): boolean {
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

export function hintsFor(
  context: KeyContext,
  abilities: ReadonlySet<Ability> = NO_ABILITIES,
): { keys: string; label: string }[] {
  return bindingsFor(context, abilities).flatMap((b) => (b.hint ? [b.hint] : []));
}
