/**
 * The keys of the wallboard, in one place: the action names (a leaf the catalogues read), the
 * key contexts and abilities, the binding table, and matching a key press against it. The
 * pieces live in ./keys/; this module is what the views import.
 */
export type { ActionName } from '../keys/action-names.js';
export { displayKeys, type Hint } from './keys/binding.js';
export { BINDINGS } from './keys/bindings.js';
export {
  ABILITIES,
  type Ability,
  BOARD_CONTEXTS,
  hasHelp,
  KEY_CONTEXTS,
  type KeyContext,
  monitorAbilities,
} from './keys/contexts.js';
export { bindingsFor, hintsFor, type KeyState, matchAction } from './keys/match.js';
