import { useInput } from 'ink';
import { type Ability, type ActionName, type KeyContext, matchAction } from '../../keymap.js';
import { cursorMoveOf } from '../../scroll.js';

export interface BoardKeysInput {
  /** Where the board's keyboard is (channels, agents, filter, help, monitor). */
  context: KeyContext;
  /** The open overlay's key context; null when none is open. */
  overlayContext: KeyContext | null;
  help: boolean;
  tooSmall: boolean;
  abilities: ReadonlySet<Ability>;
  /** False while something on top (an embedder's menu, say) has the keyboard. */
  inputActive: boolean;
  perform(action: ActionName): void;
}

/**
 * The board's keys, through the key table. Over an overlay (which reads its own keys) only `?`
 * (its keys, the overlay keeping its place below) and Ctrl-C reach the board.
 */
export function useBoardKeys(input: BoardKeysInput): void {
  const { context, overlayContext, help, tooSmall, abilities, inputActive, perform } = input;
  useInput(
    (text, key) => {
      const action = matchAction(tooSmall ? 'help' : context, text, key, abilities);
      if (!action) return;
      if (tooSmall && action !== 'app.quit' && action !== 'app.interrupt') return;
      // In the help, the cursor keys scroll it (the help reads them), not the board below.
      if (help && cursorMoveOf(action)) return;
      perform(action);
    },
    { isActive: inputActive && overlayContext === null },
  );
  useInput(
    (text, key) => {
      const action = matchAction(help ? 'help' : (overlayContext ?? 'menu'), text, key, abilities);
      if (action === 'help.toggle' || action === 'help.close') perform(action);
      else if (action === 'app.interrupt' || (help && action === 'app.quit')) perform(action);
    },
    { isActive: inputActive && overlayContext !== null },
  );
}
