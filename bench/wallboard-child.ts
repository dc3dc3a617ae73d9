/**
 * The wallboard as users run it (`runWallboard` from the build, in a real terminal), with
 * counters for the bench: every write to the terminal, the frames (writes with content: Ink
 * brackets each frame in synchronized-output markers, written apart), and on SIGUSR2 a line of
 * figures (writes, frames, bytes, CPU, memory) appended to the file BENCH_STATS names.
 *
 *   node bench/wallboard-child.ts URL [incremental|full|kiosk]
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { bundleChunk, type RunWallboardModule } from './lib.ts';

const [url = '', mode = 'incremental'] = process.argv.slice(2);
const statsFile = process.env.BENCH_STATS;
let writes = 0;
let frames = 0;
let bytes = 0;
const SYNC_MARKERS = new Set(['\u001b[?2026h', '\u001b[?2026l']);
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  writes += 1;
  if (typeof chunk !== 'string' || !SYNC_MARKERS.has(chunk)) frames += 1;
  bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
  return Reflect.apply(write, process.stdout, [chunk, ...rest]) as boolean;
}) as typeof process.stdout.write;
// BENCH_ALLOC_PROF=FILE: an allocation profile (garbage included) between the first two SIGUSR2s.
const allocProfile = process.env.BENCH_ALLOC_PROF;
let inspector: import('node:inspector').Session | undefined;
let signals = 0;
process.on('SIGUSR2', () => {
  signals += 1;
  if (allocProfile && signals <= 2) void allocation(signals === 1);
});
async function allocation(start: boolean): Promise<void> {
  const { Session } = await import('node:inspector');
  if (start) {
    inspector = new Session();
    inspector.connect();
    inspector.post('HeapProfiler.startSampling', {
      samplingInterval: 32768,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    return;
  }
  inspector?.post('HeapProfiler.stopSampling', (error, result) => {
    if (!error && allocProfile) writeFileSync(allocProfile, JSON.stringify(result.profile));
  });
}
// The collector's pauses on the main thread: minor (scavenges) and the rest (marking, compaction).
const gc = { minorMs: 0, majorMs: 0, majors: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) gc.minorMs += entry.duration;
    else {
      gc.majorMs += entry.duration;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.majors += 1;
    }
  }
}).observe({ entryTypes: ['gc'] });
process.on('SIGUSR2', () => {
  if (!statsFile) return;
  const cpu = process.cpuUsage();
  const line = {
    at: performance.now(),
    writes,
    frames,
    bytes,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssMb: process.memoryUsage().rss / 1048576,
    heapMb: process.memoryUsage().heapUsed / 1048576,
    heapTotalMb: process.memoryUsage().heapTotal / 1048576,
    externalMb: process.memoryUsage().external / 1048576,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    privateMb: privateMemoryMb(),
    gcMinorMs: gc.minorMs,
    gcMajorMs: gc.majorMs,
    majorGcs: gc.majors,
  };
  appendFileSync(statsFile, `${JSON.stringify(line)}\n`);
});

/**
 * The resident memory no other process shares (Linux: RssAnon, the heap, stacks and malloc's):
 * the resident pages of Node's binary and its data files are shared by every wallboard on a host.
 * Null where /proc is not there.
 */
function privateMemoryMb(): number | null {
  try {
    const kb = /^RssAnon:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

// As bin/ccwall.js does: React and Ink in their production builds, the compiled code kept on
// disk, and the wallboard's chunk of the bundle (the same code as dist/views/, bundled).
process.env.NODE_ENV ??= 'production';
enableCompileCache?.();
const { runWallboard } = await bundleChunk<RunWallboardModule>('run-wallboard');
process.exitCode = await runWallboard({
  url,
  token: 'bench-token',
  hubLabel: 'bench feed',
  incrementalRendering: mode !== 'full',
  // As `ccwall --kiosk` runs it: every channel, each featured 15 s.
  ...(mode === 'kiosk' ? { kiosk: { rotateSeconds: 15 } } : {}),
});
