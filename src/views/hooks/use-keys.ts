import { useInput } from 'ink';
import { type Ability, type ActionName, type KeyContext, matchAction } from '../keymap.js';

/**
 * The one way components read keys: through the key-binding table, in a context, only while
 * `isActive` (so that a menu or dialog on top takes the keyboard from the board below).
 */
export function useKeys(
  context: KeyContext,
  onAction: (action: ActionName) => void,
  isActive: boolean,
  abilities?: ReadonlySet<Ability>,
): void {
  useInput(
    (input, key) => {
      const action = matchAction(context, input, key, abilities);
      if (action) onAction(action);
    },
    { isActive },
  );
}
