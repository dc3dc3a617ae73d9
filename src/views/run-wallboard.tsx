/**
 * Runs the wallboard full-screen on a terminal: connects to a hub, renders the app on the
 * alternate screen, and restores the terminal on every way out (q, Ctrl-C, SIGTERM, SIGHUP,
 * an exception), resolving with the exit code.
 */
import { appendFileSync } from 'node:fs';
import { type Instance, render } from 'ink';
import { type ClientOptions, type ClientProblem, createClient } from '../client/index.js';
import { type Language, resolveLocale, setLocale } from '../i18n/index.js';
import type { KioskOptions } from './components/kiosk/kiosk-state.js';
import { Root } from './components/Root.js';
import type { ExitReason } from './components/screen-props.js';
import { FIRST_FRAME_WAIT_MS, firstFrameReady } from './first-frame.js';
import { keyByKey } from './key-by-key.js';
import { wordProblem } from './problem-words.js';
import { asciiFromEnv, colourFromEnv, createTheme, type Theme } from './theme.js';

export interface RunWallboardOptions {
  /** ws:// or wss:// address of the hub. */
  url: string;
  /** Bearer token for the hub. */
  token: string;
  /** How the header names the hub. */
  hubLabel: string;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  /** For NO_COLOR, TERM and the locale (LC_ALL, LC_MESSAGES, LC_CTYPE, LANG), and CCWALL_LOG (a file to append problems to). Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Replaces ●/○, box drawing and arrows with ASCII (default: when the terminal or locale cannot show Unicode). */
  ascii?: boolean;
  /** The language of the screen (default: from LC_ALL, LC_MESSAGES, LANG; else English). */
  lang?: Language;
  /** The wall screen: no action keys, rotating channels, a stale banner; never exits on its own. */
  kiosk?: KioskOptions;
  theme?: Theme;
  /** The clock every time on screen is computed from. */
  clock?: () => number;
  /** Install handlers for SIGTERM, SIGINT, SIGHUP, uncaught exceptions and rejections (default true). */
  handleSignals?: boolean;
  /** Forces Ink's interactive mode (a pty test under CI=true). */
  interactive?: boolean;
  /**
   * Ink rewrites only the lines that changed (default true); false redraws the whole frame each
   * time, the baseline `npm run bench` compares against.
   */
  incrementalRendering?: boolean;
  /**
   * How long the first frame waits for the snapshot before the loading screen is drawn
   * (first-frame.ts; default FIRST_FRAME_WAIT_MS).
   */
  firstFrameWaitMs?: number;
  /** Passed on to the client (backoff, timeouts, logging). */
  client?: Partial<Omit<ClientOptions, 'url' | 'token'>>;
}

/** Exit codes: 0 after q, 130 after Ctrl-C (or SIGINT), 143 after SIGTERM, 129 after SIGHUP, 1 after an error. */
export const EXIT_CODES = { quit: 0, interrupt: 130, SIGTERM: 143, SIGHUP: 129, error: 1 } as const;

const UNMOUNT_GRACE_MS = 1000;
/** The kiosk's data frames: at most one a second. */
export const KIOSK_FRAME_MS = 1000;
const delay = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';

export async function runWallboard(options: RunWallboardOptions): Promise<number> {
  const env = options.env ?? process.env;
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const logFile = env.CCWALL_LOG;
  const logLine = logFile
    ? (line: string) => {
        try {
          appendFileSync(logFile, `${new Date().toISOString()} ${line}\n`);
        } catch {
          // Logging must never take the wallboard down.
        }
      }
    : () => {};
  const log = logFile ? (problem: ClientProblem) => logLine(wordProblem(problem)) : () => {};
  const client = createClient({
    url: options.url,
    token: options.token,
    log,
    // A wall screen is read from across the room: its data is drawn once a second (each frame
    // is Ink's whole-screen pipeline, bench/README.md); the board draws up to ten a second. It
    // asks the hub for figures (about once a second) instead of every event of its scope.
    ...(options.kiosk ? { store: { intervalMs: KIOSK_FRAME_MS }, view: 'figures' as const } : {}),
    ...options.client,
  });
  setLocale(resolveLocale(options.lang, env));
  const theme =
    options.theme ?? createTheme({ color: colourFromEnv(env), ascii: options.ascii ?? asciiFromEnv(env) });
  // The bell is one control character: it moves nothing on screen.
  const bell = () => {
    stdout.write('\u0007');
  };
  const featureChannel = (channelId: string | null) => client.connection.feature(channelId);

  let settle: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => {
    settle = resolve;
  });
  let code: number | null = null;
  const finish = (value: number) => {
    if (code !== null) return;
    code = value;
    settle(value);
  };
  const onExit = (reason: ExitReason) => finish(EXIT_CODES[reason]);

  // Keys typed while the board loads are kept for it, not echoed by the terminal over the
  // screen: raw mode from the start. Ink turns it on itself only once its first frame is drawn,
  // which waits for the snapshot (first-frame.ts), and off when it stops; so do we, at the end.
  const keysIn = options.stdin ?? process.stdin;
  const holdKeys = keysIn.isTTY === true && typeof keysIn.setRawMode === 'function';
  if (holdKeys) keysIn.setRawMode(true);
  client.start();
  // The first render waits for the snapshot, a little (first-frame.ts); the board draws the
  // state at once when it is complete, not at the store's next tick (up to 100 ms later).
  client.connection.on('live', () => client.store.flush());
  let failure: unknown = null;
  const handlers: [string, (...args: unknown[]) => void][] = [];
  if (options.handleSignals ?? true) {
    handlers.push(['SIGTERM', () => finish(EXIT_CODES.SIGTERM)]);
    // Ctrl-C arrives as a key while Ink holds the terminal in raw mode; as a signal otherwise.
    handlers.push(['SIGINT', () => finish(EXIT_CODES.interrupt)]);
    handlers.push(['SIGHUP', () => finish(EXIT_CODES.SIGHUP)]);
    const fail = (error: unknown) => {
      failure = error;
      finish(EXIT_CODES.error);
    };
    handlers.push(['uncaughtException', fail]);
    handlers.push(['unhandledRejection', fail]);
    for (const [event, handler] of handlers) process.on(event, handler);
  }

  const firstFrame = firstFrameReady(client.connection, options.firstFrameWaitMs ?? FIRST_FRAME_WAIT_MS);
  // A signal or an exception while waiting: out at once, nothing drawn.
  void exited.then(firstFrame.cancel);
  await firstFrame.ready;
  let instance: Instance | null = null;
  if (code === null) {
    instance = render(
      <Root
        store={client.store}
        hubLabel={options.hubLabel}
        theme={theme}
        onExit={onExit}
        {...(options.kiosk
          ? { kiosk: options.kiosk, onBell: bell, onFeature: featureChannel }
          : { actions: client.commands })}
        {...(options.clock ? { clock: options.clock } : {})}
      />,
      {
        stdout,
        stderr,
        stdin: keyByKey(keysIn),
        alternateScreen: true,
        incrementalRendering: options.incrementalRendering ?? true,
        exitOnCtrlC: false,
        patchConsole: false,
        // Frames come from the store (at most ten a second, the clocks riding on them) and from
        // keys, not from a frame rate: Ink's throttle only delayed a key that landed just after
        // a store frame (its 30 fps window, then 60 fps: the key→frame tail in bench/README.md).
        // A key draws at once.
        maxFps: 1000,
        ...(options.interactive === undefined ? {} : { interactive: options.interactive }),
      },
    );
    // Ink rejects waitUntilExit when a component throws: that is an error exit.
    instance.waitUntilExit().then(
      () => finish(EXIT_CODES.quit),
      (error: unknown) => {
        failure = error;
        finish(EXIT_CODES.error);
      },
    );
  }

  try {
    return await exited;
  } finally {
    for (const [event, handler] of handlers) process.off(event, handler);
    client.close();
    if (instance) {
      try {
        instance.unmount();
        // Unmounting waits for stdout to drain; a stuck terminal must not keep us from exiting.
        await Promise.race([instance.waitUntilExit().catch(() => {}), delay(UNMOUNT_GRACE_MS)]);
      } finally {
        instance.cleanup();
        // Ink leaves the alternate screen on unmount; make sure of it on the error path too.
        if (failure !== null && stdout.isTTY) stdout.write(LEAVE_ALTERNATE_SCREEN + SHOW_CURSOR);
        else if (stdout.isTTY) stdout.write(SHOW_CURSOR);
      }
    }
    if (holdKeys) keysIn.setRawMode(false);
    if (failure !== null) {
      const text = failure instanceof Error ? (failure.stack ?? failure.message) : String(failure);
      logLine(`wallboard failed: ${text}`);
      stderr.write(`ccwall: ${failure instanceof Error ? failure.message : text}\n`);
    }
  }
}
