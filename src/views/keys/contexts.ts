/**
 * Where the keyboard is (a key context) and what the user may do (abilities): which bindings of
 * the key table apply, and the groups of contexts the table is written with.
 */
import { monitorModesFor } from '../../domain/index.js';
import type { MonitorMode } from '../../protocol/index.js';

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

export const BROWSE: readonly KeyContext[] = ['channels', 'agents'];
/** Lists: the cursor moves by row and page and to either end, and stops there. */
export const LISTS: readonly KeyContext[] = [
  'channels',
  'agents',
  'picker',
  'list',
  'results',
  'settings',
  'unassigned',
];
/** Where `?` shows the keys of the screen (the help lists every key it accepts). */
export const WITH_HELP: readonly KeyContext[] = [
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
export const WITHOUT_HELP: readonly KeyContext[] = ANYWHERE.filter((c) => !WITH_HELP.includes(c));

/** Whether `?` shows the keys of this context. */
export function hasHelp(context: KeyContext): boolean {
  return WITH_HELP.includes(context);
}

/** The supervisor board's contexts: what its help lists. */
export const BOARD_CONTEXTS: readonly KeyContext[] = ['channels', 'agents', 'filter', 'help'];

/** Every context: where Ctrl-C works, and what the checks that each key is shown go through. */
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
