/**
 * ink-testing-library's approach with a pinned terminal size: a fake stdout whose columns
 * and rows are fixed (and can be changed, with a 'resize' event), a fake stdin to type into,
 * and bounded polls for the frame a test expects.
 */
import { EventEmitter } from 'node:events';
import { type Instance, render } from 'ink';
import type { ReactElement } from 'react';

export class FakeStdout extends EventEmitter {
  frames: string[] = [];
  isTTY = true;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string, ...rest: unknown[]): boolean => {
    this.frames.push(frame);
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
}

export class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string): void {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read = (): string | null => {
    const { data } = this;
    this.data = null;
    return data;
  };
  /** Whether the terminal is in raw mode (keys neither echoed nor held for a whole line). */
  raw = false;
  setEncoding(): void {}
  setRawMode(mode: boolean): void {
    this.raw = mode;
  }
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

export interface Rendered {
  /** The last frame, without colours. */
  frame(): string;
  /** The last frame as written (with ANSI styles). */
  rawFrame(): string;
  lines(): string[];
  press(keys: string): Promise<void>;
  resize(columns: number, rows: number): void;
  waitFor(check: (frame: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  unmount(): void;
  instance: Instance;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI escapes
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007/g;
export const stripAnsi = (text: string): string => text.replace(ANSI, '');

export const KEYS = {
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  pageUp: '\u001b[5~',
  pageDown: '\u001b[6~',
  enter: '\r',
  escape: '\u001b',
  tab: '\t',
  shiftTab: '\u001b[Z',
  ctrlC: '\u0003',
};

export function renderAt(tree: ReactElement, columns: number, rows: number): Rendered {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const instance = render(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: new FakeStdout(columns, rows) as unknown as NodeJS.WriteStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
    interactive: true,
  });
  const rawFrame = () => stdout.frames[stdout.frames.length - 1] ?? '';
  const frame = () => stripAnsi(rawFrame());
  const waitFor = async (check: (frame: string) => boolean, what: string, timeoutMs = 3000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = frame();
      if (check(current)) return current;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${current}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return {
    frame,
    rawFrame,
    lines: () => frame().replace(/\n$/, '').split('\n'),
    async press(keys: string) {
      stdin.write(keys);
      // A lone ESC is held 20 ms by Ink; everything else needs a tick.
      await new Promise((resolve) => setTimeout(resolve, keys === KEYS.escape ? 40 : 5));
    },
    resize(c: number, r: number) {
      stdout.columns = c;
      stdout.rows = r;
      stdout.emit('resize');
    },
    waitFor,
    unmount: () => instance.unmount(),
    instance,
  };
}

// Ink colours through chalk, which turns itself off when stdout is not a terminal (as under
// vitest): force basic colours so tests can see them.
import chalk from 'chalk';

chalk.level = 1;
