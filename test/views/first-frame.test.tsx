/**
 * The wallboard's first frame (first-frame.ts): the board with its data when the snapshot comes
 * in time, never a loading screen drawn over at once; the loading screen when it does not.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import xterm from '@xterm/headless';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { DEMO_SUPERVISOR_ID, type RunningHub, startHub } from '../../src/hub/index.js';
import { runWallboard } from '../../src/views/run-wallboard.js';
import { FakeStdin, FakeStdout } from './render-at.js';

const COLUMNS = 100;
const ROWS = 30;

let hub: RunningHub | undefined;
let silent: WebSocketServer | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
  await new Promise<void>((resolve) => (silent ? silent.close(() => resolve()) : resolve()));
  silent = undefined;
});

/** Runs the wallboard on `url`; `screens` holds what the terminal showed after each write. */
function start(url: string, token: string, firstFrameWaitMs?: number) {
  const terminal = new xterm.Terminal({
    cols: COLUMNS,
    rows: ROWS,
    allowProposedApi: true,
    convertEol: true,
  });
  const stdout = new FakeStdout(COLUMNS, ROWS);
  const screens: string[] = [];
  let written = Promise.resolve();
  const write = stdout.write;
  stdout.write = (frame: string, ...rest: unknown[]) => {
    written = written.then(
      () =>
        new Promise<void>((resolve) =>
          terminal.write(frame, () => {
            const buffer = terminal.buffer.active;
            const lines: string[] = [];
            for (let i = 0; i < ROWS; i += 1)
              lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
            screens.push(lines.join('\n'));
            resolve();
          }),
        ),
    );
    return write(frame, ...rest);
  };
  const stdin = new FakeStdin();
  const done = runWallboard({
    url,
    token,
    hubLabel: 'test hub',
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new FakeStdout(COLUMNS, ROWS) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    env: {},
    interactive: true,
    handleSignals: false,
    ...(firstFrameWaitMs === undefined ? {} : { firstFrameWaitMs }),
  });
  const waitFor = async (check: (text: string) => boolean, what: string) => {
    const deadline = Date.now() + 5000;
    for (;;) {
      await written;
      const last = screens[screens.length - 1] ?? '';
      if (check(last)) return last;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${last}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return { done, screens, waitFor, quit: () => stdin.write('q') };
}

describe('the first frame', () => {
  it('is the live board when the snapshot comes in time: no loading screen drawn before it', async () => {
    hub = await startHub({ port: 0, demo: true, simulate: false, log: () => {} });
    const run = start(hub.url, hub.createToken(DEMO_SUPERVISOR_ID));
    await run.waitFor((t) => t.includes('● live') && t.includes('Claire'), 'the live wallboard');
    const drawn = run.screens.filter((s) => s.trim() !== '');
    expect(drawn[0]).toContain('● live');
    expect(run.screens.some((s) => s.includes('waiting for the hub'))).toBe(false);
    run.quit();
    expect(await run.done).toBe(0);
  });

  it('is the loading screen when the hub has sent no snapshot within the wait', async () => {
    // A hub that takes the connection and says nothing.
    const server = createServer();
    silent = new WebSocketServer({ server });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const run = start(url, 'any', 50);
    const started = Date.now();
    const text = await run.waitFor((t) => t.includes('waiting for the hub'), 'the loading screen');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(text).toContain('connecting');
    run.quit();
    expect(await run.done).toBe(0);
    server.close();
  });
});
