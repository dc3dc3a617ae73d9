/** What a key press means where the keyboard is, and what the footer offers there. */
import type { Key } from 'ink';
import { currentLocale } from '../../i18n/index.js';
import type { ActionName } from '../../keys/action-names.js';
import type { Binding, Chord, Hint, NamedKey } from './binding.js';
import { BINDINGS } from './bindings.js';
import type { Ability, KeyContext } from './contexts.js';

/** The subset of Ink's Key this module reads. */
export type KeyState = Pick<Key, NamedKey | 'ctrl' | 'shift' | 'meta'>;

function chordMatches(chord: Chord, input: string, key: KeyState): boolean {
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
