/**
 * Wallboard rendering at contact-center scale: the real wallboard (bench/wallboard-child.ts runs
 * `runWallboard` from the build) in a 120×40 pseudo-terminal, signed in as the demo supervisor
 * of the large center (162 channels, 5,058 users), fed the same recorded deltas at 0, 200 and
 * 2,000 a second; each rate with Ink's incremental rendering (what users run) and with its full
 * redraw (the baseline). Figures: bytes to the terminal, frames, CPU and peak memory of the
 * wallboard's process, and keypress-to-frame latency (j/k every 100 ms, the agent list sorted by
 * name so rows stay put: from the key's write to the first output chunk that shows the cursor moved).
 *
 *   npm run build && node bench/wallboard.bench.ts
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pty from '@lydell/node-pty';
import xterm from '@xterm/headless';
import { type Feed, FeedServer, recordFeed } from './feed.ts';
import {
  type BenchResult,
  benchSeconds,
  delay,
  describeSettings,
  machineNote,
  percentile,
  report,
  row,
  runtimeSettings,
} from './lib.ts';

const COLS = 120;
const ROWS = 40;
const VIEWER = 'claire.dubois';
const CHILD = fileURLToPath(new URL('./wallboard-child.ts', import.meta.url));
const KEY_EVERY_MS = 100;
const SWEEP = 8;

export interface RenderRun {
  rate: number;
  mode: 'incremental' | 'full';
  deltasPerSecond: number;
  bytesPerSecond: number;
  framesPerSecond: number;
  cpuPercent: number;
  peakRssMb: number;
  latencies: number[];
  keys: number;
  missed: number;
}

interface Stats {
  at: number;
  writes: number;
  bytes: number;
  cpuMs: number;
  maxRssMb: number;
}

export async function runWallboard(feed: Feed, rate: number, mode: 'incremental' | 'full', seconds: number) {
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
  const child = pty.spawn(process.execPath, [...settings.flags, ...profile, CHILD, server.url, mode], {
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
      (s) => s.includes('live') && /\d{4}\s+(ready|busy|wrap-up|paused)/.test(s),
      60_000,
      'a live board',
    );
    // Focus the agents, sort them by name (status → time → name) so rows stay where they are.
    for (const key of ['l', 's', 's']) {
      child.write(key);
      await delay(150);
    }
    await waitFor((s) => /name/i.test(s.split('\n')[2] ?? ''), 5000, 'the name sort');
    await delay(500);
    const base = cursorRow();
    if (base < 0) throw new Error(`no cursor row found:\n${screen()}`);

    const start = await stats();
    const t0 = performance.now();
    server.play(rate);
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
    server.stop();
    const end = await stats();
    if (process.env.BENCH_DEBUG) process.stderr.write(`${JSON.stringify({ start, end })}\n`);
    const elapsed = (end.at - start.at) / 1000;
    await delay(KEY_EVERY_MS);
    missed += pending.length;
    const wall = (performance.now() - t0) / 1000;
    return {
      rate,
      mode,
      deltasPerSecond: server.sent / wall,
      bytesPerSecond: (end.bytes - start.bytes) / elapsed,
      framesPerSecond: (end.writes - start.writes) / elapsed,
      cpuPercent: ((end.cpuMs - start.cpuMs) / (elapsed * 1000)) * 100,
      peakRssMb: end.maxRssMb,
      latencies,
      keys,
      missed,
    } satisfies RenderRun;
  } finally {
    child.write('q');
    await Promise.race([new Promise<void>((resolve) => child.onExit(() => resolve())), delay(3000)]);
    if (!exited) child.kill();
    await server.close();
    rmSync(statsFile, { force: true });
    terminal.dispose();
  }
}

export async function wallboardBench(): Promise<BenchResult> {
  const seconds = benchSeconds(10);
  const notes = [machineNote(), `the wallboard runs with ${describeSettings(await runtimeSettings())}`];
  const rows = [];
  const start = Date.now();
  const rates = (process.env.BENCH_RATES ?? '0,200,2000').split(',').map(Number);
  for (const rate of rates) {
    const feed = await recordFeed({ viewer: VIEWER, rate, count: Math.ceil(rate * (seconds + 2)), start });
    if (rate === 0)
      notes.push(
        `viewer ${VIEWER}: ${feed.agents} agents in the snapshot (${feed.snapshot.length} frames); the viewer receives ${(feed.share * 100).toFixed(0)}% of the hub's events`,
      );
    else
      notes.push(
        `${rate} deltas/s to the wallboard = the hub's traffic at ~${Math.round(feed.hubRate)} events/s`,
      );
    const incremental = await runWallboard(feed, rate, 'incremental', seconds);
    const full = await runWallboard(feed, rate, 'full', seconds);
    const ratio = full.bytesPerSecond > 0 ? incremental.bytesPerSecond / full.bytesPerSecond : Number.NaN;
    const at = `@${rate}/s`;
    const heavy = rate === 2000;
    const p95 = percentile(incremental.latencies, 95);
    rows.push(
      row(`deltas received ${at}`, incremental.deltasPerSecond, '/s'),
      row(`bytes/s ${at}`, incremental.bytesPerSecond, 'B/s'),
      row(`bytes/s full redraw ${at}`, full.bytesPerSecond, 'B/s'),
      {
        ...row(
          `bytes ratio incremental/full ${at}`,
          ratio,
          '×',
          heavy ? { text: '≤ 0.3×', pass: ratio <= 0.3 } : undefined,
        ),
        digits: 2,
      },
      row(`frames/s ${at}`, incremental.framesPerSecond, '/s'),
      row(`frames/s full redraw ${at}`, full.framesPerSecond, '/s'),
      row(
        `CPU ${at}`,
        incremental.cpuPercent,
        '% of a core',
        heavy ? { text: '≤ 50 %', pass: incremental.cpuPercent <= 50 } : undefined,
      ),
      row(`CPU full redraw ${at}`, full.cpuPercent, '% of a core'),
      row(
        `peak memory ${at}`,
        incremental.peakRssMb,
        'MB',
        heavy ? { text: '≤ 200 MB', pass: incremental.peakRssMb <= 200 } : undefined,
      ),
      row(`key→frame p50 ${at}`, percentile(incremental.latencies, 50), 'ms'),
      row(`key→frame p95 ${at}`, p95, 'ms', heavy ? { text: '≤ 50 ms', pass: p95 <= 50 } : undefined),
      row(`keys not shown within 100 ms ${at}`, incremental.missed, `of ${incremental.keys}`),
      row(`key→frame p95 full redraw ${at}`, percentile(full.latencies, 95), 'ms'),
    );
  }
  return { bench: 'wallboard', rows, notes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  report(await wallboardBench());
}
