/**
 * Where the settings panel is: its list, a question, what to do with a pause reason, typing a
 * label. The overlay state holds it, so the key context follows from it (`settingsKeyContext`).
 */
import type { KeyContext } from '../../keymap.js';
import type { SettingsChange } from './settings-rows.js';

export type SettingsStep =
  | { step: 'list' }
  | { step: 'confirm'; title: string; question: string; verb: string; change: SettingsChange; close: boolean }
  /** What to do with a pause reason: rename, retire or restore. */
  | { step: 'reason'; reasonId: string; choice: number }
  /** Typing a label: a new reason (`reasonId` null) or a new name for one. */
  | { step: 'label'; reasonId: string | null; value: string; error: string | null };

export const SETTINGS_LIST: SettingsStep = { step: 'list' };

const CONTEXTS: Record<SettingsStep['step'], KeyContext> = {
  list: 'settings',
  confirm: 'confirm',
  reason: 'menu',
  label: 'input',
};

export const settingsKeyContext = (step: SettingsStep): KeyContext => CONTEXTS[step.step];
