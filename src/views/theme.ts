/**
 * Colours and symbols in one place. Every meaning has a symbol as well as a colour, so the
 * screen reads on a monochrome terminal. NO_COLOR is honoured here (Ink and chalk ignore it):
 * the theme drops colours and keeps bold, dim and inverse.
 */
import { createContext, useContext } from 'react';
import { t } from '../i18n/index.js';

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
  notAllowed: '/',
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

/**
 * Without colour, meaning rides on weight and inverse (and the symbols): a breach is inverse,
 * a warning bold, statuses keep their words, inactive devices dim.
 */
const MONOCHROME: Record<Tone, Style> = {
  plain: {},
  ok: {},
  warning: { bold: true },
  critical: { bold: true, inverse: true },
  available: {},
  busy: {},
  wrap_up: {},
  paused: { bold: true },
  pending: { bold: true },
  deviceActive: { bold: true },
  deviceInactive: { dim: true },
  muted: { dim: true },
  accent: { bold: true },
  heading: { bold: true },
  error: { bold: true, inverse: true },
};

export interface ThemeOptions {
  color?: boolean;
  ascii?: boolean;
}

export function createTheme(options: ThemeOptions = {}): Theme {
  const color = options.color ?? true;
  const ascii = options.ascii ?? false;
  const styles = color ? STYLES : MONOCHROME;
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

/** Terminals that show no Unicode whatever the locale says. */
const ASCII_TERMINALS = /^(linux|vt[0-9]+|dumb|ansi|cons25|sun)(-.*)?$/;

/**
 * Whether the terminal can only be trusted with ASCII: a console or old terminal type
 * (TERM=linux, vt100, dumb), or a locale whose character set is not UTF-8 (LC_ALL, then
 * LC_CTYPE, then LANG; "C" and "POSIX" are ASCII). No locale at all: assume UTF-8.
 */
export function asciiFromEnv(env: NodeJS.ProcessEnv): boolean {
  if (ASCII_TERMINALS.test(env.TERM ?? '')) return true;
  const locale = [env.LC_ALL, env.LC_CTYPE, env.LANG].find((v) => v !== undefined && v !== '');
  if (locale === undefined) return false;
  return !/utf-?8/i.test(locale);
}

/** Key names as an ASCII terminal shows them (before a line is laid out: widths change). */
export function asciiKeys(text: string): string {
  const words = t().asciiKeys;
  return text
    .replaceAll('⏎', words.enter)
    .replaceAll('↑↓', words.upDown)
    .replaceAll('←', words.left)
    .replaceAll('→', words.right)
    .replaceAll('↑', words.up)
    .replaceAll('↓', words.down);
}

/** One-for-one ASCII stand-ins (same width) for the symbols that may remain in a laid-out line. */
const ASCII_FALLBACK: Record<string, string> = {
  '│': '|',
  '─': '-',
  '┌': '+',
  '┐': '+',
  '└': '+',
  '┘': '+',
  '├': '+',
  '┤': '+',
  '┬': '+',
  '┴': '+',
  '┼': '+',
  '═': '=',
  '║': '|',
  '…': '~',
  '·': '-',
  '—': '-',
  '–': '-',
  '“': '"',
  '”': '"',
  '«': '"',
  '»': '"',
  '‘': "'",
  '’': "'",
  '×': 'x',
  '●': '*',
  '○': 'o',
  '◇': '~',
  '⊘': '/',
  '›': '>',
  '→': '>',
  '←': '<',
  '↑': '^',
  '↓': 'v',
  '⏎': 'E',
  '✓': '+',
  '✖': 'X',
  '▲': '!',
  '⧗': '.',
  '◉': '@',
  '↻': '~',
  '⚠': '!',
  '█': '#',
  '▌': '#',
  '\u00a0': ' ',
  '\u202f': ' ',
};
const FALLBACK_PATTERN = new RegExp(`[${Object.keys(ASCII_FALLBACK).join('')}]`, 'gu');

/** `text` with the symbols above replaced, one column for one column. */
export function asciiFallback(text: string): string {
  return text.replace(FALLBACK_PATTERN, (ch) => ASCII_FALLBACK[ch] ?? ch);
}

export const ThemeContext = createContext<Theme>(createTheme());
export const useTheme = (): Theme => useContext(ThemeContext);
