import type { StoreSource } from '../hooks/use-store.js';
import type { Theme } from '../theme.js';

/** How a screen ends: `q` (quit) or Ctrl+C (interrupt); the process exits with its code. */
export type ExitReason = 'quit' | 'interrupt';

/** What each screen Root chooses between (kiosk, agent dashboard) is given. */
export interface ScreenProps {
  store: StoreSource;
  /** How the hub is named in the header (its address). */
  hubLabel: string;
  /** Only when the screen is rendered outside Root (which provides the theme). */
  theme?: Theme;
  /** The clock every time on screen is computed from. */
  clock?: () => number;
  /** How often times on screen refresh. */
  tickMs?: number;
  onExit(reason: ExitReason): void;
}
