/**
 * A key binding: the chords that press it, where it applies, and its words (help line, footer
 * hint), taken from the message catalogue of the language in use when read.
 */
import { type Language, t } from '../../i18n/index.js';
import type { ActionName } from '../../keys/action-names.js';
import type { Ability, KeyContext } from './contexts.js';

export type NamedKey =
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
export interface RawBinding {
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

export function withWords(raw: RawBinding): Binding {
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

/** Key names in the language in use ("Enter" → "Entrée"), one name at a time. */
export function displayKeys(keys: string): string {
  const names = t().keyNames;
  return keys.replace(
    /Shift-Tab|Ctrl-C|Enter|Space|Esc|PgUp|PgDn|Home|End|Tab/g,
    (name) => names[name as keyof typeof names],
  );
}
