/**
 * Wallboard rendering at contact-center scale: the real wallboard (bench/wallboard-child.ts runs
 * `runWallboard` from the build) in a 120×40 pseudo-terminal, signed in as the demo supervisor
 * of the large center (162 channels, 5,058 users), fed the same recorded deltas at 0, 200 and
 * 2,000 a second: a window of the feed alone (CPU, frames, bytes), then one with j/k every
 * 100 ms (keypress-to-frame latency, the agent list sorted by name so rows stay put: from the
 * key's write to the first output chunk that shows the cursor moved). At 2,000 a second also
 * Ink's full redraw (the bytes baseline) and the kiosk (`--kiosk`). At 200 and 2,000 a bare
 * client that only receives and parses the same feed (bench/bare-client-child.ts), fed beside
 * the wallboard and measured over the same window, sets the floor the wallboard's CPU is divided
 * by: the figure that holds across machines.
 *
 *   npm run build && node bench/wallboard.bench.ts
 */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import pty from '@lydell/node-pty';
import xterm from '@xterm/headless';
import { type Feed, FeedServer, recordFeed } from './feed.ts';
import {
  type BenchResult,
  benchSeconds,
  childScript,
  delay,
  describeSettings,
  machineNote,
  percentile,
  type Row,
  report,
  row,
  runtimeSettings,
  warmUpSeconds,
} from './lib.ts';

const COLS = 120;
const ROWS = 40;
const VIEWER = 'claire.dubois';

const KEY_EVERY_MS = 100;
const SWEEP = 8;

export type Mode = 'incremental' | 'full' | 'kiosk';

/** One measured window: what the wallboard did while the feed played (and keys were typed, or not). */
export interface Window {
  deltasPerSecond: number;
  bytesPerSecond: number;
  framesPerSecond: number;
  cpuPercent: number;
  /**
   * The collector's pauses on the main thread, % of the window: scavenges (`minor`) and the rest
   * (`major`: marking, compaction); `majors`: full collections. Not measured for the bare client.
   */
  gc?: { minorPercent: number; majorPercent: number; majors: number };
}

export interface RenderRun {
  rate: number;
  mode: Mode;
  /** The feed's first `warmUp` seconds, before the windows (null: no warm-up). */
  warmUp: Window | null;
  /** The feed alone: no keys (for the kiosk, and for the idle figure at 0/s). */
  data: Window;
  /** The feed and j/k every 100 ms (not for the kiosk). */
  keyed: Window | null;
  peakRssMb: number;
  /** Resident memory not shared with other processes, at the end of the run (null: unknown). */
  privateMb: number | null;
  latencies: number[];
  keys: number;
  missed: number;
}

interface Stats {
  at: number;
  writes: number;
  frames: number;
  bytes: number;
  cpuMs: number;
  maxRssMb: number;
  privateMb: number | null;
  gcMinorMs: number;
  gcMajorMs: number;
  majorGcs: number;
}

function windowOf(start: Stats, end: Stats, deltas: number): Window {
  const elapsed = (end.at - start.at) / 1000;
  return {
    deltasPerSecond: deltas / elapsed,
    bytesPerSecond: (end.bytes - start.bytes) / elapsed,
    framesPerSecond: (end.frames - start.frames) / elapsed,
    cpuPercent: ((end.cpuMs - start.cpuMs) / (elapsed * 1000)) * 100,
    gc: {
      minorPercent: ((end.gcMinorMs - start.gcMinorMs) / (elapsed * 1000)) * 100,
      majorPercent: ((end.gcMajorMs - start.gcMajorMs) / (elapsed * 1000)) * 100,
      majors: end.majorGcs - start.majorGcs,
    },
  };
}

/**
 * The wallboard on the feed at `rate`: `warmUp` seconds of the feed (measured apart), then a
 * window of `seconds` with the feed alone, then (unless the kiosk) a window of the same length
 * with j/k every 100 ms. `beside` (the bare client) is fed at the same rate from the same moment
 * and marks the feed-alone window when the wallboard's is marked.
 */
export async function runWallboard(
  feed: Feed,
  rate: number,
  mode: Mode,
  seconds: number,
  warmUp = 0,
  beside?: Beside,
): Promise<RenderRun> {
  const server = await FeedServer.start(feed);
  const statsFile = join(tmpdir(), `ccwall-bench-${process.pid}-${rate}-${mode}.jsonl`);
  rmSync(statsFile, { force: true });
  const settings = await runtimeSettings();
  const env: Record<string, string> = {};
  const base = { ...settings.env, ...process.env, LANG: 'C.UTF-8', TERM: 'xterm-256color' };
  for (const [k, v] of Object.entries(base))
    if (v !== undefined && k !== 'CI' && !k.startsWith('LC_')) env[k] = v;
  env.BENCH_STATS = statsFile;
  const terminal = new xterm.Terminal({ cols: COLS, rows: ROWS, allowProposedApi: true });
  // BENCH_CPU_PROF=DIR: the wallboard writes a CPU profile there when it quits.
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const script = await childScript('wallboard-child.ts');
  const child = pty.spawn(process.execPath, [...settings.flags, ...profile, script, server.url, mode], {
    name: 'xterm-256color',
    cols: COLS,
    rows: ROWS,
    cwd: process.cwd(),
    env,
  });
  let exited = false;
  child.onExit(() => {
    exited = true;
  });

  const screen = () => {
    const buffer = terminal.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < ROWS; y++)
      out.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    return out.join('\n');
  };
  /** The agent list's cursor: the lowest inverse row at the right edge (the list's header is inverse too). */
  const cursorRow = (): number => {
    const buffer = terminal.buffer.active;
    let found = -1;
    for (let y = 3; y < ROWS - 1; y++) {
      const cell = buffer.getLine(buffer.viewportY + y)?.getCell(COLS - 2);
      if (cell?.isInverse()) found = y;
    }
    return found;
  };
  interface Pending {
    at: number;
    expected: number;
    direction: 1 | -1;
  }
  const pending: Pending[] = [];
  const latencies: number[] = [];
  const check = (arrived: number) => {
    if (pending.length === 0) return;
    const current = cursorRow();
    while (pending.length > 0) {
      const key = pending[0]!;
      const reached = key.direction > 0 ? current >= key.expected : current >= 0 && current <= key.expected;
      if (!reached) break;
      latencies.push(arrived - key.at);
      pending.shift();
    }
  };
  child.onData((data) => {
    const arrived = performance.now();
    terminal.write(data, () => check(arrived));
  });
  const waitFor = async (test: (s: string) => boolean, timeoutMs: number, what: string) => {
    const deadline = performance.now() + timeoutMs;
    while (!test(screen())) {
      if (performance.now() > deadline || exited)
        throw new Error(`the wallboard never showed ${what}:\n${screen()}`);
      await delay(20);
    }
  };
  const stats = async (): Promise<Stats> => {
    const before = existsSync(statsFile)
      ? readFileSync(statsFile, 'utf8').split('\n').filter(Boolean).length
      : 0;
    child.kill('SIGUSR2');
    const deadline = performance.now() + 5000;
    for (;;) {
      const lines = existsSync(statsFile) ? readFileSync(statsFile, 'utf8').split('\n').filter(Boolean) : [];
      if (lines.length > before) return JSON.parse(lines[lines.length - 1]!) as Stats;
      if (performance.now() > deadline) throw new Error('the wallboard did not report its figures');
      await delay(10);
    }
  };

  try {
    await waitFor(
      (s) =>
        s.includes('live') &&
        (mode === 'kiosk' ? /\d+%/.test(s) : /\d{4}\s+(ready|busy|wrap-up|paused)/.test(s)),
      60_000,
      'a live board',
    );
    let base = -1;
    if (mode !== 'kiosk') {
      // Focus the agents, sort them by name (status → time → name) so rows stay where they are.
      for (const key of ['l', 's', 's']) {
        child.write(key);
        await delay(150);
      }
      await waitFor((s) => /name/i.test(s.split('\n')[2] ?? ''), 5000, 'the name sort');
      await delay(500);
      base = cursorRow();
      if (base < 0) throw new Error(`no cursor row found:\n${screen()}`);
    } else await delay(1000);

    const warmStart = await stats();
    server.play(rate);
    beside?.play(rate);
    let warmed: Window | null = null;
    let start = warmStart;
    if (warmUp > 0) {
      await delay(warmUp * 1000);
      [start] = await Promise.all([stats(), beside?.mark()]);
      warmed = windowOf(warmStart, start, server.sent);
    } else await beside?.mark();
    const sentAtStart = server.sent;
    await delay(seconds * 1000);
    const [middle] = await Promise.all([stats(), beside?.mark()]);
    beside?.stop();
    const sentBefore = server.sent;
    const data = windowOf(start, middle, sentBefore - sentAtStart);
    if (mode === 'kiosk') {
      server.stop();
      return {
        rate,
        mode,
        warmUp: warmed,
        data,
        keyed: null,
        peakRssMb: middle.maxRssMb,
        privateMb: middle.privateMb,
        latencies,
        keys: 0,
        missed: 0,
      };
    }
    let position = 0;
    let direction: 1 | -1 = 1;
    let keys = 0;
    let missed = 0;
    const typing = setInterval(() => {
      if (pending.length > 0) {
        // The previous key never showed before this one: counted as missed, not as a latency.
        missed += pending.length;
        pending.length = 0;
      }
      if (position === SWEEP) direction = -1;
      if (position === 0) direction = 1;
      position += direction;
      keys += 1;
      pending.push({ at: performance.now(), expected: base + position, direction });
      child.write(direction > 0 ? 'j' : 'k');
    }, KEY_EVERY_MS);
    await delay(seconds * 1000);
    clearInterval(typing);
    const end = await stats();
    const keyed = windowOf(middle, end, server.sent - sentBefore);
    server.stop();
    if (process.env.BENCH_DEBUG) process.stderr.write(`${JSON.stringify({ start, middle, end })}\n`);
    await delay(KEY_EVERY_MS);
    missed += pending.length;
    return {
      rate,
      mode,
      warmUp: warmed,
      data,
      keyed,
      peakRssMb: end.maxRssMb,
      privateMb: end.privateMb,
      latencies,
      keys,
      missed,
    };
  } finally {
    child.write('q');
    await Promise.race([new Promise<void>((resolve) => child.onExit(() => resolve())), delay(3000)]);
    if (!exited) child.kill();
    await server.close();
    rmSync(statsFile, { force: true });
    terminal.dispose();
  }
}

/** A process fed beside the wallboard and measured over the same window (the bare client). */
interface Beside {
  /** Starts its feed at `rate` deltas a second. */
  play(rate: number): void;
  /** Notes its CPU now: the first mark opens the window, the second closes it. */
  mark(): Promise<void>;
  /** Stops its feed. */
  stop(): void;
}

/**
 * The floor: a client that only receives and parses (bench/bare-client-child.ts) the same feed,
 * from its own feed server, played at the same rate from the same moment as the wallboard's and
 * measured over the same window (`runWallboard`'s `beside`): what loads the machine meanwhile
 * loads both. Its CPU is `process.cpuUsage()` in the process, as the wallboard's.
 */
class BareClient implements Beside {
  readonly #server: FeedServer;
  readonly #child: ChildProcessByStdio<null, Readable, null>;
  readonly #lines: string[] = [];
  readonly #waiting: Array<(line: string) => void> = [];
  readonly #marks: { cpuSeconds: number; at: number; sent: number }[] = [];

  private constructor(server: FeedServer, child: ChildProcessByStdio<null, Readable, null>) {
    this.#server = server;
    this.#child = child;
    let partial = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        const waiter = this.#waiting.shift();
        if (waiter) waiter(line);
        else this.#lines.push(line);
      }
    });
  }

  /** The bare client started on `feed`, once it holds the snapshot. */
  static async start(feed: Feed): Promise<BareClient> {
    const server = await FeedServer.start(feed);
    const settings = await runtimeSettings();
    const script = await childScript('bare-client-child.ts');
    const child = spawn(
      process.execPath,
      [...settings.flags, script, server.url, String(feed.snapshot.length)],
      {
        env: { ...settings.env, ...process.env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const client = new BareClient(server, child);
    try {
      const ready = await client.#nextLine('took the snapshot', 60_000);
      if (ready !== 'ready') throw new Error(`the bare client said ${JSON.stringify(ready)}`);
    } catch (error) {
      await client.close();
      throw error;
    }
    return client;
  }

  play(rate: number): void {
    this.#server.play(rate);
  }

  stop(): void {
    this.#server.stop();
  }

  async mark(): Promise<void> {
    // Its CPU so far: it writes `cpu MICROSECONDS` when signalled.
    this.#child.kill('SIGUSR2');
    const line = await this.#nextLine('reported its CPU', 5000);
    const micros = Number(line.match(/^cpu (\d+)$/)?.[1]);
    if (!Number.isFinite(micros)) throw new Error(`the bare client said ${JSON.stringify(line)}`);
    this.#marks.push({ cpuSeconds: micros / 1e6, at: performance.now(), sent: this.#server.sent });
  }

  /** Its figures over the window between the first two marks. */
  window(): Window {
    const [first, second] = this.#marks;
    if (!first || !second) throw new Error('the bare client was not measured over a window');
    const elapsed = (second.at - first.at) / 1000;
    return {
      deltasPerSecond: (second.sent - first.sent) / elapsed,
      bytesPerSecond: 0,
      framesPerSecond: 0,
      cpuPercent: ((second.cpuSeconds - first.cpuSeconds) / elapsed) * 100,
    };
  }

  async close(): Promise<void> {
    this.#child.kill('SIGTERM');
    await this.#server.close();
  }

  #nextLine(what: string, timeoutMs: number): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const queued = this.#lines.shift();
      if (queued !== undefined) return resolve(queued);
      const onExit = () => reject(new Error('the bare client exited'));
      const timer = setTimeout(() => {
        this.#child.off('exit', onExit);
        reject(new Error(`the bare client never ${what}`));
      }, timeoutMs);
      this.#child.once('exit', onExit);
      this.#waiting.push((line) => {
        clearTimeout(timer);
        this.#child.off('exit', onExit);
        resolve(line);
      });
    });
  }
}

const target = (text: string, pass: boolean) => ({ text, pass });

/**
 * What of a wallboard's memory is its own (not the pages of Node's binary, which every wallboard
 * on a host shares): what fifty supervisors on one SSH host each add.
 */
function privateRow(at: string, run: RenderRun): Row[] {
  return run.privateMb === null
    ? []
    : [row(`memory not shared with other processes ${at}`, run.privateMb, 'MB')];
}

/** What of the window's CPU the collector took on the main thread (its pauses). */
function gcRow(at: string, window: Window): Row[] {
  const gc = window.gc;
  if (!gc) return [];
  return [
    {
      ...row(
        `collector's pauses ${at} (scavenges + the rest, full collections)`,
        gc.minorPercent + gc.majorPercent,
        `% of a core (${gc.minorPercent.toFixed(1)} + ${gc.majorPercent.toFixed(1)}, ${gc.majors})`,
      ),
      digits: 1,
    },
  ];
}

/** The CPU of the warm-up that came before the measured windows. */
function warmUpRow(at: string, run: RenderRun, warmUp: number): Row[] {
  return run.warmUp === null
    ? []
    : [row(`CPU in the first ${warmUp} s (warming up) ${at}`, run.warmUp.cpuPercent, '% of a core')];
}

export async function wallboardBench(): Promise<BenchResult> {
  const seconds = benchSeconds(10);
  const warmUp = warmUpSeconds();
  const notes = [
    machineNote(),
    `the wallboard runs with ${describeSettings(await runtimeSettings())}`,
    `each rate: ${warmUp} s of the feed to warm up (V8 compiling the hot code; its CPU printed apart), then ${seconds} s of the feed alone (CPU, frames: what a watching wallboard costs), then ${seconds} s more with j/k every ${KEY_EVERY_MS} ms (key→frame, "with keys"); the bare client is fed beside the wallboard (its own feed server, the same rate from the same moment) and measured over the same feed-alone window; the kiosk warms up as long`,
  ];
  const rows: Row[] = [];
  const start = Date.now();
  const rates = (process.env.BENCH_RATES ?? '0,200,2000').split(',').map(Number);
  for (const rate of rates) {
    const feed = await recordFeed({
      viewer: VIEWER,
      rate,
      count: Math.ceil(rate * (warmUp + 2 * seconds + 4)),
      start,
    });
    if (rate === 0)
      notes.push(
        `viewer ${VIEWER}: ${feed.agents} agents in the snapshot (${feed.snapshot.length} frames); the viewer receives ${(feed.share * 100).toFixed(0)}% of the hub's events`,
      );
    else
      notes.push(
        `${rate} deltas/s to the wallboard = the hub's traffic at ~${Math.round(feed.hubRate)} events/s`,
      );
    const at = `@${rate}/s`;
    const heavy = rate === 2000;
    // At 200 and 2,000 a second the bare client is fed and measured beside the wallboard.
    const bare = rate > 0 ? await BareClient.start(feed) : undefined;
    let run: RenderRun;
    try {
      run = await runWallboard(feed, rate, 'incremental', seconds, warmUp, bare);
    } finally {
      await bare?.close();
    }
    const { data } = run;
    const keyed = run.keyed!;
    const p95 = percentile(run.latencies, 95);
    if (rate === 0) {
      rows.push(
        row(
          'CPU idle (clocks ticking)',
          data.cpuPercent,
          '% of a core',
          target('≤ 1 %', data.cpuPercent <= 1),
        ),
        ...warmUpRow('idle', run, warmUp),
        ...gcRow('idle', data),
        row('frames/s idle', data.framesPerSecond, '/s'),
        row('peak memory idle', run.peakRssMb, 'MB'),
        ...privateRow('idle', run),
      );
    } else {
      rows.push(
        row(`deltas received ${at}`, data.deltasPerSecond, '/s'),
        row(`bytes/s ${at}`, data.bytesPerSecond, 'B/s'),
        row(
          `data-driven frames/s ${at}`,
          data.framesPerSecond,
          '/s',
          heavy ? target('≤ 10', data.framesPerSecond <= 10) : undefined,
        ),
        row(
          `CPU ${at}`,
          data.cpuPercent,
          '% of a core',
          heavy
            ? target('≤ 15 %', data.cpuPercent <= 15)
            : rate === 200
              ? target('≤ 6 %', data.cpuPercent <= 6)
              : undefined,
        ),
        ...warmUpRow(at, run, warmUp),
        ...gcRow(at, data),
        row(`CPU with keys ${at}`, keyed.cpuPercent, '% of a core'),
        row(`frames/s with keys ${at}`, keyed.framesPerSecond, '/s'),
      );
      const floor = bare?.window();
      if (!floor) throw new Error(`no bare client beside the wallboard ${at}`);
      const ratio = data.cpuPercent / floor.cpuPercent;
      rows.push(row(`bare parsing client CPU ${at}`, floor.cpuPercent, '% of a core'), {
        ...row(
          `CPU ÷ bare client ${at}`,
          ratio,
          '×',
          heavy || rate === 200 ? target('≤ 3×', ratio <= 3) : undefined,
        ),
        digits: 1,
      });
    }
    if (rate > 0)
      rows.push(
        row(
          `peak memory ${at}`,
          run.peakRssMb,
          'MB',
          heavy ? target('≤ 100 MB', run.peakRssMb <= 100) : undefined,
        ),
        ...privateRow(at, run),
      );
    rows.push(
      row(`key→frame p50 ${at}`, percentile(run.latencies, 50), 'ms'),
      row(`key→frame p95 ${at}`, p95, 'ms', heavy ? target('≤ 16 ms', p95 <= 16) : undefined),
      row(`keys not shown within 100 ms ${at}`, run.missed, `of ${run.keys}`),
    );
    if (heavy) {
      const full = await runWallboard(feed, rate, 'full', seconds, warmUp);
      // As the first performance issue measured it: with keys (a key's frame changes two rows).
      const fullKeyed = full.keyed!;
      const ratio =
        fullKeyed.bytesPerSecond > 0 ? keyed.bytesPerSecond / fullKeyed.bytesPerSecond : Number.NaN;
      rows.push(
        row(`bytes/s with keys ${at}`, keyed.bytesPerSecond, 'B/s'),
        row(`bytes/s full redraw with keys ${at}`, fullKeyed.bytesPerSecond, 'B/s'),
        {
          ...row(`bytes ratio incremental/full ${at}`, ratio, '×', target('≤ 0.3×', ratio <= 0.3)),
          digits: 2,
        },
        row(`CPU full redraw ${at}`, full.data.cpuPercent, '% of a core'),
        row(`key→frame p95 full redraw ${at}`, percentile(full.latencies, 95), 'ms'),
      );
      const kiosk = await runWallboard(feed, rate, 'kiosk', seconds, warmUp);
      rows.push(
        row(
          `kiosk CPU ${at}`,
          kiosk.data.cpuPercent,
          '% of a core',
          target('≤ 5 %', kiosk.data.cpuPercent <= 5),
        ),
        ...warmUpRow(`kiosk ${at}`, kiosk, warmUp),
        row(`kiosk frames/s ${at}`, kiosk.data.framesPerSecond, '/s'),
        row(`kiosk peak memory ${at}`, kiosk.peakRssMb, 'MB'),
      );
    }
  }
  if (rates.includes(0)) rows.push(...(await floorRows(seconds)));
  return { bench: 'wallboard', rows, notes };
}

/**
 * What the wallboard takes before a large center's data: the same viewer on the standard demo
 * center (64 users, 11 channels) at rest, the same way as the idle run. The memory target is
 * set for the large center; this is the part of it Node, React, Ink and ccwall's code take.
 */
async function floorRows(seconds: number): Promise<Row[]> {
  const feed = await recordFeed({ viewer: VIEWER, rate: 0, count: 0, center: 'standard' });
  const run = await runWallboard(feed, 0, 'incremental', seconds);
  const at = 'idle, standard demo center (64 users)';
  return [row(`peak memory ${at}`, run.peakRssMb, 'MB'), ...privateRow(at, run)];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  report(await wallboardBench());
}
