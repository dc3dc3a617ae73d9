/**
 * Shared by the benchmarks: loading the built code (what users run: `npm run build` first),
 * percentiles, a machine's load, and the table of figures with their targets.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

/**
 * A benchmark's child process (a file of bench/), as the JavaScript it is measured as. Node runs
 * a TypeScript file by loading its type stripper first: ~16 MB more in every process that loads
 * one (bench/README.md), which ccwall, run from its build, never has. So each child is compiled
 * once per run (esbuild: its bench/ modules bundled, packages and the build left as imports)
 * into dist/bench/, with `import.meta.url` kept as its source's, so that its paths (`dist()`,
 * `new URL(…, import.meta.url)`) resolve as they do from bench/.
 */
export async function childScript(name: string): Promise<string> {
  let script = childScripts.get(name);
  if (!script) {
    script = compileChild(name);
    childScripts.set(name, script);
  }
  return script;
}

const childScripts = new Map<string, Promise<string>>();

async function compileChild(name: string): Promise<string> {
  const { build } = await import('esbuild');
  const source = new URL(name, import.meta.url);
  const outfile = fileURLToPath(new URL(`../dist/bench/${name.replace(/\.ts$/, '.mjs')}`, import.meta.url));
  await build({
    entryPoints: [fileURLToPath(source)],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // What the child loads from the build (`dist()`) it imports at run time, as users' code is.
    define: { 'import.meta.url': JSON.stringify(source.href) },
    logLevel: 'warning',
  });
  return outfile;
}

/** A module of the build (`dist/`), typed as its source. */
export async function dist<M>(path: string): Promise<M> {
  const url = new URL(`../dist/${path}`, import.meta.url).href;
  try {
    return (await import(url)) as M;
  } catch (cause) {
    throw new Error(`cannot load dist/${path}: run \`npm run build\` first (${String(cause)})`);
  }
}

/**
 * A chunk of the bundle bin/ccwall.js runs (dist/bundle/, scripts/bundle.mjs), by the module it
 * was split at (`run-wallboard` for src/views/run-wallboard.ts: the chunk is named after it, with
 * a hash), typed as that module. A benchmark that measures what users run loads this, not the
 * same code from dist/'s ~450 separate modules, which take ~13 MB more memory at their peak
 * (bench/README.md, 62).
 */
export async function bundleChunk<M>(name: string): Promise<M> {
  const dir = new URL('../dist/bundle/', import.meta.url);
  const files = readdirSync(dir).filter((file) => new RegExp(`^${name}-[A-Z0-9]+\\.js$`).test(file));
  if (files.length !== 1)
    throw new Error(`dist/bundle/ holds ${files.length} chunks named ${name}: run \`npm run build\` first`);
  return (await import(new URL(files[0]!, dir).href)) as M;
}

export type Hub = typeof import('../src/hub/index.js');
export type Domain = typeof import('../src/domain/index.js');
export type Protocol = typeof import('../src/protocol/index.js');
export type EngineModule = typeof import('../src/hub/engine.js');
export type StorageModule = typeof import('../src/hub/storage.js');
export type SimulatorModule = typeof import('../src/hub/sources/demo/simulator.js');
export type DemoSourceModule = typeof import('../src/hub/sources/demo/demo-source.js');
export type RemoteSourceModule = typeof import('../src/hub/sources/remote/remote-source.js');
export type SnapshotFramesModule = typeof import('../src/hub/snapshot-frames.js');
export type RunWallboardModule = typeof import('../src/views/run-wallboard.js');

export interface Row {
  /** What is measured. */
  name: string;
  value: number;
  unit: string;
  /** The target, in words (≤ 0.3× baseline, ≤ 50 ms…). */
  target?: string;
  pass?: boolean;
  /** Digits after the point. */
  digits?: number;
}

export interface BenchResult {
  bench: string;
  rows: Row[];
  notes: string[];
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/**
 * How the measured processes are started: the Node flags and environment `bin/ccwall.js` runs
 * with (bin/runtime-settings.js), unless BENCH_NODE_FLAGS gives other flags ("" for V8's
 * defaults, and then malloc's too), to compare.
 */
export async function runtimeSettings(): Promise<{ flags: string[]; env: Record<string, string> }> {
  const override = process.env.BENCH_NODE_FLAGS;
  // @ts-expect-error: bin/ is plain JavaScript without type declarations
  const settings = (await import('../bin/runtime-settings.js')) as {
    V8_FLAGS: string[];
    ENV_DEFAULTS: Record<string, string>;
    PRELOAD: string;
  };
  // The narrower imports bin/ccwall.js loads ccwall with, whatever the flags.
  const preload = `--import=${settings.PRELOAD}`;
  if (override === undefined) return { flags: [...settings.V8_FLAGS, preload], env: settings.ENV_DEFAULTS };
  const flags = override.split(' ').filter(Boolean);
  return { flags: [...flags, preload], env: flags.length > 0 ? settings.ENV_DEFAULTS : {} };
}

/** How a benchmark's notes say it: flags and environment (a preloaded file by its name). */
export function describeSettings({ flags, env }: { flags: string[]; env: Record<string, string> }): string {
  const vars = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  const named = flags.map((flag) => flag.replace(/^--import=.*\/([^/]+)$/, '--import=bin/$1'));
  return [...vars, ...named].join(' ') || '(defaults)';
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds each measured run lasts (BENCH_SECONDS overrides). */
export function benchSeconds(fallback: number): number {
  const value = Number(process.env.BENCH_SECONDS);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * Seconds a measured process runs its feed before its window opens (BENCH_WARMUP overrides; 0:
 * none). V8 compiles the hot code with TurboFan over the first tens of seconds: at 2,000 deltas/s
 * its worker threads took ~7 % of a core in a wallboard's first 10 s, ~2.5 % after 40 s
 * (bench/README.md). A wallboard runs for hours, so the windows measure what it costs once warm;
 * the warm-up's own CPU is printed beside.
 */
export function warmUpSeconds(): number {
  const given = process.env.BENCH_WARMUP;
  const value = Number(given);
  return given && Number.isFinite(value) && value >= 0 ? value : 30;
}

/** The machine, for the record: cores and load when the bench started. */
export function machineNote(): string {
  const [one] = loadavg();
  return `${cpus().length} cores, load average ${one?.toFixed(2)} at start, Node ${process.version}`;
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}

/** Peak resident memory of a process so far, in MB, from /proc (Linux). */
export function processPeakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = status.match(/VmHWM:\s+(\d+) kB/);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

function formatValue(row: Row): string {
  if (!Number.isFinite(row.value)) return 'n/a';
  const digits = row.digits ?? (Math.abs(row.value) >= 100 ? 0 : 1);
  return row.value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** The figures as a table: measure, result, target, PASS/MISS. */
export function formatTable(results: readonly BenchResult[]): string {
  const lines: string[][] = [['benchmark', 'measure', 'result', 'target', '']];
  for (const result of results) {
    for (const row of result.rows) {
      lines.push([
        result.bench,
        row.name,
        `${formatValue(row)} ${row.unit}`.trim(),
        row.target ?? '',
        row.pass === undefined ? '' : row.pass ? 'PASS' : 'MISS',
      ]);
    }
  }
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length)));
  const out = lines.map((l) =>
    l
      .map((cell, i) => (i === 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
  out.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const notes = results.flatMap((r) => r.notes.map((n) => `  ${r.bench}: ${n}`));
  return `${out.join('\n')}\n${notes.length > 0 ? `\nnotes:\n${notes.join('\n')}\n` : ''}`;
}

/** Marks a result line for `npm run bench` (run-all) to collect. */
export const RESULT_MARK = 'BENCH_RESULT ';

/** Prints the table and the machine-readable line. */
export function report(result: BenchResult): void {
  process.stdout.write(`\n${formatTable([result])}`);
  process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);
}

export function row(
  name: string,
  value: number,
  unit: string,
  target?: { text: string; pass: boolean },
): Row {
  return { name, value, unit, ...(target ? { target: target.text, pass: target.pass } : {}) };
}
