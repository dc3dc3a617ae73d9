/**
 * Cold start: from launching the wallboard (the real `ccwall --url`, bin/ccwall.js, in a
 * 120×40 pseudo-terminal) to its first complete frame — live, with agent rows — on a hub whose
 * snapshot for the demo supervisor holds the large center's 5,000 agents (the recorded feed of
 * bench/feed.ts, no traffic). Median of several launches. ccwall keeps compiled code in Node's
 * compile cache (bin/ccwall.js): the bench gives it an empty cache directory of its own, so the
 * first launch is timed as the first start after an install or an upgrade, the others as every
 * start after that.
 *
 *   npm run build && node bench/cold-start.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pty from '@lydell/node-pty';
import xterm from '@xterm/headless';
import { FeedServer, recordFeed } from './feed.ts';
import { type BenchResult, delay, machineNote, percentile, processCpuSeconds, report, row } from './lib.ts';

const CLI = fileURLToPath(new URL('../bin/ccwall.js', import.meta.url));
const COLS = 120;
const ROWS = 40;
const LAUNCHES = Number(process.env.BENCH_LAUNCHES ?? 5);

/** A launch: wall-clock time to the first complete frame, and the CPU the wallboard used by then. */
export interface Launch {
  ms: number;
  /** User + system time of the wallboard's process (its threads), 10 ms ticks; null without /proc. */
  cpuMs: number | null;
}

/** The CPU time moves much less with the machine's load than the wall-clock time (bench/README.md, 40). */
function cpuMsOf(pid: number): number | null {
  try {
    return processCpuSeconds(pid) * 1000;
  } catch {
    return null;
  }
}

/** Launches `cli` (this checkout's bin/ccwall.js by default) until its first complete frame. */
export async function launch(url: string, compileCache: string, cli = CLI): Promise<Launch> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({
    ...process.env,
    LANG: 'C.UTF-8',
    TERM: 'xterm-256color',
    CCWALL_TOKEN: 'bench',
    NODE_COMPILE_CACHE: compileCache,
  }))
    if (v !== undefined && k !== 'CI' && !k.startsWith('LC_')) env[k] = v;
  const terminal = new xterm.Terminal({ cols: COLS, rows: ROWS, allowProposedApi: true });
  const started = performance.now();
  const child = pty.spawn(process.execPath, [cli, '--url', url], {
    name: 'xterm-256color',
    cols: COLS,
    rows: ROWS,
    cwd: process.cwd(),
    env,
  });
  const complete = () => {
    const buffer = terminal.buffer.active;
    let text = '';
    for (let y = 0; y < ROWS; y++)
      text += `${buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? ''}\n`;
    return text.includes('live') && /\d{4}\s+(ready|busy|wrap-up|paused)/.test(text);
  };
  try {
    return await new Promise<Launch>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no complete frame within 30 s')), 30_000);
      child.onData((data) => {
        const arrived = performance.now();
        terminal.write(data, () => {
          if (!complete()) return;
          clearTimeout(timer);
          resolve({ ms: arrived - started, cpuMs: cpuMsOf(child.pid) });
        });
      });
      child.onExit(() => reject(new Error('the wallboard exited before its first frame')));
    });
  } finally {
    child.write('q');
    await delay(300);
    child.kill();
    terminal.dispose();
  }
}

export async function coldStartBench(): Promise<BenchResult> {
  const feed = await recordFeed({ viewer: 'claire.dubois', rate: 0, count: 0 });
  const server = await FeedServer.start(feed);
  const compileCache = mkdtempSync(join(tmpdir(), 'ccwall-bench-compile-cache-'));
  const launches: Launch[] = [];
  try {
    for (let i = 0; i < LAUNCHES; i++) launches.push(await launch(server.url, compileCache));
  } finally {
    await server.close();
    rmSync(compileCache, { recursive: true, force: true });
  }
  const times = launches.map((l) => l.ms);
  const [first = Number.NaN, ...cached] = times;
  const median = percentile(cached.length > 0 ? cached : times, 50);
  const cpu = launches.slice(launches.length > 1 ? 1 : 0).flatMap((l) => (l.cpuMs === null ? [] : [l.cpuMs]));
  return {
    bench: 'cold start',
    rows: [
      row('first complete frame, median', median, 'ms', { text: '≤ 400 ms', pass: median <= 400 }),
      row('first complete frame, slowest', Math.max(...times), 'ms'),
      row('first complete frame, empty compile cache', first, 'ms'),
      ...(cpu.length > 0 ? [row('CPU to first complete frame, median', percentile(cpu, 50), 'ms')] : []),
    ],
    notes: [
      machineNote(),
      `${feed.agents} agents in the snapshot (${feed.snapshot.length} frames, ${(feed.snapshot.reduce((n, f) => n + f.length, 0) / 1048576).toFixed(1)} MB); ${LAUNCHES} launches, the first on an empty compile cache, the median over the others`,
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  report(await coldStartBench());
}
