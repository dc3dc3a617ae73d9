/**
 * The one key-binding table. Every `useInput` in the wallboard matches keys through it, the
 * footer shows its hints, and the help overlay lists it: a key means the same thing everywhere.
 */
import type { Key } from 'ink';

/** Where the keyboard is: which bindings apply. */
export type KeyContext = 'channels' | 'agents' | 'filter' | 'help';

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
}

const BROWSE: readonly KeyContext[] = ['channels', 'agents'];
const ANYWHERE: readonly KeyContext[] = ['channels', 'agents', 'filter', 'help'];

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
    contexts: BROWSE,
    hint: { keys: '↑↓', label: 'move' },
  },
  {
    action: 'cursor.down',
    chords: [{ key: 'downArrow' }, { input: 'j' }],
    keys: '↓ j',
    help: 'Move down',
    contexts: BROWSE,
  },
  { action: 'cursor.pageUp', chords: [{ key: 'pageUp' }], keys: 'PgUp', help: 'Page up', contexts: BROWSE },
  {
    action: 'cursor.pageDown',
    chords: [{ key: 'pageDown' }],
    keys: 'PgDn',
    help: 'Page down',
    contexts: BROWSE,
  },
  {
    action: 'cursor.first',
    chords: [{ input: 'g' }, { key: 'home' }],
    keys: 'g Home',
    help: 'First row',
    contexts: BROWSE,
  },
  {
    action: 'cursor.last',
    chords: [{ input: 'G' }, { key: 'end' }],
    keys: 'G End',
    help: 'Last row',
    contexts: BROWSE,
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
    help: 'Filter by name/extension',
    contexts: BROWSE,
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
    help: 'Clear the filter',
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

/** The action a key press means in a context, if any. */
export function matchAction(context: KeyContext, input: string, key: KeyState): ActionName | undefined {
  for (const binding of BINDINGS) {
    if (!binding.contexts.includes(context)) continue;
    if (binding.chords.some((chord) => chordMatches(chord, input, key))) return binding.action;
  }
  return undefined;
}

export function bindingsFor(context: KeyContext): Binding[] {
  return BINDINGS.filter((b) => b.contexts.includes(context));
}

export function hintsFor(context: KeyContext): { keys: string; label: string }[] {
  return bindingsFor(context).flatMap((b) => (b.hint ? [b.hint] : []));
}
