/**
 * Colours and symbols in one place. Every meaning has a symbol as well as a colour, so the
 * screen reads on a monochrome terminal. NO_COLOR is honoured here (Ink and chalk ignore it):
 * the theme drops colours and keeps bold, dim and inverse.
 */
import { createContext, useContext } from 'react';

export interface Style {
  color?: string;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
}

/** What a piece of text means, for the theme to style. */
export type Tone =
  | 'plain'
  | 'ok'
  | 'warning'
  | 'critical'
  | 'available'
  | 'busy'
  | 'wrap_up'
  | 'paused'
  | 'pending'
  | 'deviceActive'
  | 'deviceInactive'
  | 'muted'
  | 'accent'
  | 'heading'
  | 'error';

export interface Symbols {
  ok: string;
  warning: string;
  critical: string;
  deviceActive: string;
  deviceInactive: string;
  /** A session that is not an assignment (logged in, not a member). */
  notAssigned: string;
  /** A session no longer allowed (unassigned logins turned off). */
  notAllowed: string;
  /** The row under the cursor. */
  cursor: string;
  /** Pending action: "→ logout". */
  next: string;
  /** A row selected with Space. */
  selected: string;
  /** A command sent, not yet answered. */
  inFlight: string;
  /** Monitoring someone. */
  monitor: string;
  live: string;
  reconnecting: string;
  stale: string;
  connecting: string;
  separator: string;
  ellipsis: string;
  more: string;
}

export interface Theme {
  readonly color: boolean;
  readonly ascii: boolean;
  readonly symbols: Symbols;
  style(tone: Tone): Style;
}

const UNICODE: Symbols = {
  ok: '✓',
  warning: '▲',
  critical: '✖',
  deviceActive: '●',
  deviceInactive: '○',
  notAssigned: '◇',
  notAllowed: '⊘',
  cursor: '›',
  next: '→',
  selected: '✓',
  inFlight: '⧗',
  monitor: '◉',
  live: '●',
  reconnecting: '↻',
  stale: '⚠',
  connecting: '…',
  separator: '│',
  ellipsis: '…',
  more: '↓',
};

const ASCII: Symbols = {
  ok: '+',
  warning: '!',
  critical: 'X',
  deviceActive: '*',
  deviceInactive: 'o',
  notAssigned: '~',
  notAllowed: 'x',
  cursor: '>',
  next: '->',
  selected: '#',
  inFlight: '..',
  monitor: '@',
  live: '*',
  reconnecting: '~',
  stale: '!',
  connecting: '.',
  separator: '|',
  ellipsis: '~',
  more: 'v',
};

const STYLES: Record<Tone, Style> = {
  plain: {},
  ok: { color: 'green' },
  warning: { color: 'yellow', bold: true },
  critical: { color: 'red', bold: true },
  available: { color: 'green' },
  busy: { color: 'cyan' },
  wrap_up: { color: 'magenta' },
  paused: { color: 'yellow' },
  pending: { color: 'yellow', bold: true },
  deviceActive: { color: 'green' },
  deviceInactive: { dim: true },
  muted: { dim: true },
  accent: { color: 'cyan', bold: true },
  heading: { bold: true },
  error: { color: 'red', bold: true },
};

export interface ThemeOptions {
  color?: boolean;
  ascii?: boolean;
}

export function createTheme(options: ThemeOptions = {}): Theme {
  const color = options.color ?? true;
  const ascii = options.ascii ?? false;
  const styles = color ? STYLES : withoutColour(STYLES);
  return {
    color,
    ascii,
    symbols: ascii ? ASCII : UNICODE,
    style: (tone) => styles[tone],
  };
}

/** NO_COLOR, when present and not empty, turns colours off (https://no-color.org). */
export function colourFromEnv(env: NodeJS.ProcessEnv): boolean {
  const noColor = env.NO_COLOR;
  return noColor === undefined || noColor === '';
}

function withoutColour(styles: Record<Tone, Style>): Record<Tone, Style> {
  const result = { ...styles };
  for (const tone of Object.keys(result) as Tone[]) {
    const { color: _dropped, ...rest } = result[tone];
    result[tone] = rest;
  }
  return result;
}

export const ThemeContext = createContext<Theme>(createTheme());
export const useTheme = (): Theme => useContext(ThemeContext);
