/**
 * Runs a program in a real pseudo-terminal and reads its screen the way a person sees it:
 * @lydell/node-pty for the terminal, @xterm/headless to turn the byte stream into a screen.
 */
import { fileURLToPath } from 'node:url';
import pty from '@lydell/node-pty';
import xterm from '@xterm/headless';

export const CLI = fileURLToPath(new URL('../../bin/ccwall.js', import.meta.url));

export const keys = {
  enter: '\r',
  escape: '\u001b',
  tab: '\t',
  shiftTab: '\u001b[Z',
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  ctrlC: '\u0003',
} as const;

export interface PtySession {
  /** The visible screen, one string per row, right-trimmed. */
  lines(): string[];
  screen(): string;
  /** Waits until the screen shows `expected` (or the predicate holds); fails with the screen after `timeoutMs`. */
  waitFor(expected: string | RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
  /** Types keys, one write per key with a pause for the program to read each (Ink holds a lone ESC 20 ms). */
  press(...sequence: string[]): Promise<void>;
  /** Writes `chunk` in one write: keys typed ahead, arriving in one read as over a slow SSH link. */
  type(chunk: string): void;
  resize(cols: number, rows: number): void;
  /** Everything the program wrote, raw. */
  output(): string;
  isAlternateScreen(): boolean;
  /** Whether the last cursor show/hide sequence written showed it (a restored terminal shows its cursor). */
  cursorVisible(): boolean;
  exit: Promise<{ exitCode: number; signal?: number }>;
  kill(signal?: string): void;
}

export interface PtyOptions {
  cols?: number;
  rows?: number;
  env?: Record<string, string | undefined>;
}

export function spawnCli(args: string[], options: PtyOptions = {}): PtySession {
  const cols = options.cols ?? 100;
  const rows = options.rows ?? 30;
  const env: Record<string, string> = {};
  // A pinned locale: the screen is in English with Unicode symbols unless a test asks otherwise.
  const locale = { LANG: 'C.UTF-8', LC_ALL: undefined, LC_MESSAGES: undefined, LC_CTYPE: undefined };
  for (const [k, v] of Object.entries({
    ...process.env,
    ...locale,
    TERM: 'xterm-256color',
    ...options.env,
  })) {
    if (v !== undefined) env[k] = v;
  }
  // Ink turns non-interactive when CI is set: a person at a terminal has no CI variable.
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
  const terminal = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  const child = pty.spawn(process.execPath, [CLI, ...args], {
    name: 'xterm-256color',
    cols,
    rows,
    cwd: process.cwd(),
    env,
  });
  let raw = '';
  child.onData((data) => {
    raw += data;
    terminal.write(data);
  });
  const exit = new Promise<{ exitCode: number; signal?: number }>((resolve) => child.onExit(resolve));
  let exited = false;
  void exit.then(() => {
    exited = true;
  });

  const lines = () => {
    const buffer = terminal.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < terminal.rows; y++)
      out.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    return out;
  };
  const screen = () => lines().join('\n');
  /** Inside a frame: its synchronized update begun and not yet ended. */
  const midFrame = () => raw.lastIndexOf('\u001b[?2026h') > raw.lastIndexOf('\u001b[?2026l');
  const settle = () => new Promise<void>((resolve) => terminal.write('', resolve));

  return {
    lines,
    screen,
    async waitFor(expected, timeoutMs = 15_000) {
      const matches =
        typeof expected === 'function'
          ? expected
          : typeof expected === 'string'
            ? (s: string) => s.includes(expected)
            : (s: string) => expected.test(s);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await settle();
        const current = screen();
        // Ink writes each frame between the synchronized-output marks; a frame can reach the
        // terminal in several chunks, and a screen read between them is half of two frames.
        if ((exited || !midFrame()) && matches(current)) return current;
        if (Date.now() > deadline || exited) {
          throw new Error(
            `screen never showed ${String(expected)}${exited ? ' (program exited)' : ''}:\n${current}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async press(...sequence) {
      for (const key of sequence) {
        child.write(key);
        await new Promise((resolve) => setTimeout(resolve, key === keys.escape ? 60 : 30));
      }
    },
    type(chunk) {
      child.write(chunk);
    },
    resize(newCols, newRows) {
      child.resize(newCols, newRows);
      terminal.resize(newCols, newRows);
    },
    output: () => raw,
    isAlternateScreen: () => terminal.buffer.active.type === 'alternate',
    cursorVisible() {
      const shown = raw.lastIndexOf('\u001b[?25h');
      const hidden = raw.lastIndexOf('\u001b[?25l');
      return shown >= hidden;
    },
    exit,
    kill(signal) {
      if (!exited) child.kill(signal);
    },
  };
}
