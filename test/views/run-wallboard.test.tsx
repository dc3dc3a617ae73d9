/**
 * runWallboard on a real hub, its output fed to a headless terminal emulator (@xterm/headless)
 * to read the screen as a user sees it: live rows, keys, exit codes, the terminal restored.
 */
import xterm from '@xterm/headless';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_SUPERVISOR_ID, type RunningHub, startHub } from '../../src/hub/index.js';
import { runWallboard } from '../../src/views/run-wallboard.js';
import { FakeStdin, FakeStdout, KEYS } from './render-at.js';

const SHOW_CURSOR = '\u001b[?25h';
const HIDE_CURSOR = '\u001b[?25l';

let hub: RunningHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

async function start(columns: number, rows: number) {
  hub = await startHub({ port: 0, demo: true, simulate: false, log: () => {} });
  const terminal = new xterm.Terminal({ cols: columns, rows, allowProposedApi: true, convertEol: true });
  const stdout = new FakeStdout(columns, rows);
  let written = Promise.resolve();
  const write = stdout.write;
  stdout.write = (frame: string, ...rest: unknown[]) => {
    written = written.then(() => new Promise<void>((resolve) => terminal.write(frame, resolve)));
    return write(frame, ...rest);
  };
  const stdin = new FakeStdin();
  // Whether the terminal was in raw mode when the first frame was written.
  let rawAtFirstFrame: boolean | undefined;
  const writeFrame = stdout.write;
  stdout.write = (frame: string, ...rest: unknown[]) => {
    rawAtFirstFrame ??= stdin.raw;
    return writeFrame(frame, ...rest);
  };
  const done = runWallboard({
    url: hub.url,
    token: hub.createToken(DEMO_SUPERVISOR_ID),
    hubLabel: 'test hub',
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new FakeStdout(columns, rows) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    env: {},
    interactive: true,
    handleSignals: false,
  });
  const screen = async () => {
    await written;
    const buffer = terminal.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < rows; i += 1)
      lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
    return lines.join('\n');
  };
  const waitFor = async (check: (text: string) => boolean, what: string) => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const text = await screen();
      if (check(text)) return text;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const press = async (keys: string) => {
    stdin.write(keys);
    await new Promise((resolve) => setTimeout(resolve, keys === KEYS.escape ? 40 : 5));
  };
  const raw = () => stdout.frames.join('');
  return {
    done,
    screen,
    waitFor,
    press,
    raw,
    terminal,
    stdin,
    rawAtFirstFrame: () => rawAtFirstFrame,
    settled: () => written,
  };
}

describe('runWallboard', () => {
  it('shows the live wallboard on the alternate screen and restores the terminal on q (exit 0)', async () => {
    const run = await start(100, 30);
    const text = await run.waitFor((t) => t.includes('● live') && t.includes('Claire'), 'the live wallboard');
    expect(run.terminal.buffer.active.type).toBe('alternate');
    expect(text.split('\n')[0]).toContain('(supervisor)');
    await run.press('?');
    await run.waitFor((t) => t.includes('Keys'), 'the help');
    await run.press(KEYS.escape);
    await run.waitFor((t) => !t.includes('Keys'), 'the help closed');
    await run.press('q');
    expect(await run.done).toBe(0);
    await run.settled();
    expect(run.terminal.buffer.active.type).toBe('normal');
    // Raw mode from before the first frame (keys typed while it loads are not echoed over it),
    // and the terminal given back in its line mode.
    expect(run.rawAtFirstFrame()).toBe(true);
    expect(run.stdin.raw).toBe(false);
    expect(run.raw().lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(run.raw().lastIndexOf(HIDE_CURSOR));
  });

  it('quits with 130 on Ctrl-C, even while typing a filter, and restores the terminal', async () => {
    const run = await start(80, 24);
    await run.waitFor((t) => t.includes('● live'), 'live');
    await run.press('/');
    await run.press('x');
    await run.waitFor((t) => t.includes(' / x'), 'the filter being typed');
    await run.press(KEYS.ctrlC);
    expect(await run.done).toBe(130);
    await run.settled();
    expect(run.terminal.buffer.active.type).toBe('normal');
    expect(run.raw().lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(run.raw().lastIndexOf(HIDE_CURSOR));
  });
});
