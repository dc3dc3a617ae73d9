/**
 * Hub fan-out at contact-center scale: the real hub (bench/hub-child.ts, startHub from the build)
 * on the large demo with traffic at 2,000 events/s and a database file, and 200 wallboard
 * clients in another process (bench/clients-child.ts): supervisors and admins of the large
 * center (head office, regions, team leads), one of them sending a command every 100 ms.
 * Figures: deliveries a second, delta latency hub→client, ack latency, seq gaps, the hub's CPU
 * and peak memory. Baseline, same run: a bare `ws` server sending the same frames to the same
 * clients at the same times (a recording of the hub's window).
 *
 *   npm run build && node bench/hub.bench.ts
 */
import { type ChildProcess, fork } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientsChildMessage, ClientsParentMessage } from './clients-child.ts';
import type { ChildMessage, ParentMessage } from './hub-child.ts';
import {
  type BenchResult,
  benchSeconds,
  childScript,
  type Domain,
  delay,
  describeSettings,
  dist,
  type Hub,
  machineNote,
  report,
  row,
  runtimeSettings,
} from './lib.ts';
import type { SourceChildMessage, SourceParentMessage } from './source-child.ts';

const RATE = Number(process.env.BENCH_HUB_RATE ?? 2000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const HUB_CHILD = await childScript('hub-child.ts');
const CLIENTS_CHILD = await childScript('clients-child.ts');
const SOURCE_CHILD = await childScript('source-child.ts');

type Result = Extract<ClientsChildMessage, { type: 'result' }>;
type Stats = Extract<ChildMessage, { type: 'stats' }>;

/** A child's script and mode, never its options (they carry tokens). */
const name = (child: ChildProcess) =>
  child.spawnargs
    .slice(1, 3)
    .join(' ')
    .replace(/^.*\/bench\//, 'bench/');

function next<T>(child: ChildProcess, type: string, timeoutMs = 120_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${type} from ${name(child)} in ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message as T);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name(child)} exited (${code}) before ${type}`));
    });
  });
}

/** The clients: supervisors and admins (the first is the demo supervisor, who sends the commands; the second the admin, who sees every event). */
async function benchUsers(): Promise<{ users: string[]; recorder: number }> {
  const hub = await dist<Hub>('hub/index.js');
  const domain = await dist<Domain>('domain/index.js');
  const state = domain.emptyState();
  for (const event of hub.largeDemoCenterEvents(1, Date.now())) domain.apply(state, event);
  const first = [hub.DEMO_SUPERVISOR_ID, hub.DEMO_ADMIN_ID];
  const managers = [...state.users.values()]
    .filter((u) => !first.includes(u.id) && (u.roles.includes('supervisor') || u.roles.includes('admin')))
    .map((u) => u.id);
  return { users: [...first, ...managers].slice(0, CLIENTS), recorder: 1 };
}

type HubRun = { result: Result; stats0: Stats; stats1: Stats; snapshotMs: number; source?: SourceStats };
type SourceStats = Extract<SourceChildMessage, { type: 'stats' }>;

/**
 * The real hub with 200 clients for `seconds`: its own demo traffic (`hub`), or the traffic of a
 * remote source process (`remote`, bench/source-child.ts) at the same rate.
 */
async function runHub(
  mode: 'hub' | 'remote',
  users: string[],
  recorder: number,
  seconds: number,
  execArgv: string[],
  env: NodeJS.ProcessEnv,
  recording?: string,
): Promise<HubRun> {
  // BENCH_HUB_CPU_PROF=DIR: the hub writes a CPU profile there when it exits.
  const profile = process.env.BENCH_HUB_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_HUB_CPU_PROF}`]
    : [];
  const hub = fork(HUB_CHILD, [mode, JSON.stringify({ rate: RATE, users, warmUpMinutes: 2 })], {
    execArgv: [...execArgv, ...profile],
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let source: ChildProcess | undefined;
  try {
    const ready = await next<Extract<ChildMessage, { type: 'ready' }>>(hub, 'ready', 300_000);
    const url = `ws://127.0.0.1:${ready.port}`;
    if (mode === 'remote') {
      source = fork(SOURCE_CHILD, [], { execArgv, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      source.send({
        type: 'config',
        url,
        token: ready.sourceToken ?? '',
        rate: RATE,
        warmUpMinutes: 2,
      } satisfies SourceParentMessage);
      await next(source, 'ready', 300_000);
    }
    const clients = fork(CLIENTS_CHILD, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    // Options (with the tokens) go over IPC, never in argv where other users can read them.
    clients.send({ type: 'config', mode: 'hub', url, tokens: ready.tokens, recorder });
    const connected = await next<Extract<ClientsChildMessage, { type: 'ready' }>>(clients, 'ready');
    await delay(2000);
    hub.send({ type: 'stats' } satisfies ParentMessage);
    const stats0 = await next<Stats>(hub, 'stats');
    let source0: SourceStats | undefined;
    if (source) {
      source.send({ type: 'stats' } satisfies SourceParentMessage);
      source0 = await next<SourceStats>(source, 'stats');
    }
    clients.send({ type: 'start' } satisfies ClientsParentMessage);
    await delay(seconds * 1000);
    hub.send({ type: 'stats' } satisfies ParentMessage);
    const stats1 = await next<Stats>(hub, 'stats');
    let sourceStats: SourceStats | undefined;
    if (source && source0) {
      source.send({ type: 'stats' } satisfies SourceParentMessage);
      const source1 = await next<SourceStats>(source, 'stats');
      // What the source did in the window.
      sourceStats = {
        type: 'stats',
        sent: source1.sent - source0.sent,
        refused: source1.refused - source0.refused,
        duplicates: source1.duplicates - source0.duplicates,
        commands: source1.commands - source0.commands,
        reasons: source1.reasons,
      };
    }
    clients.send({ type: 'stop', ...(recording ? { recording } : {}) } satisfies ClientsParentMessage);
    const result = await next<Result>(clients, 'result');
    return {
      result,
      stats0,
      stats1,
      snapshotMs: connected.snapshotMs,
      ...(sourceStats ? { source: sourceStats } : {}),
    };
  } finally {
    source?.send({ type: 'exit' } satisfies SourceParentMessage);
    hub.send({ type: 'exit' } satisfies ParentMessage);
    await Promise.race([new Promise((resolve) => hub.once('exit', resolve)), delay(10_000)]);
    hub.kill();
    source?.kill();
  }
}

export async function hubBench(): Promise<BenchResult> {
  const seconds = benchSeconds(10);
  const settings = await runtimeSettings();
  const notes = [machineNote(), `the hub runs with ${describeSettings(settings)}`];
  const { users, recorder } = await benchUsers();
  const recording = join(tmpdir(), `ccwall-bench-recording-${process.pid}.json`);

  const execArgv = settings.flags;
  const env = { ...settings.env, ...process.env };
  const hubRun = await runHub('hub', users, recorder, seconds, execArgv, env, recording);
  // The same hub, its traffic from a remote source process at the same rate.
  const remoteRun = await runHub('remote', users, recorder, seconds, execArgv, env);

  // The baseline: a bare ws server replaying the same frames.
  const bare = fork(HUB_CHILD, ['bare'], { execArgv, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let bareRun: { result: Result; stats0: Stats; stats1: Stats };
  try {
    const ready = await next<Extract<ChildMessage, { type: 'ready' }>>(bare, 'ready');
    const clients = fork(CLIENTS_CHILD, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    clients.send({
      type: 'config',
      mode: 'bare',
      url: `ws://127.0.0.1:${ready.port}`,
      tokens: users,
      recorder,
    });
    await next(clients, 'ready');
    await delay(500);
    bare.send({ type: 'stats' } satisfies ParentMessage);
    const stats0 = await next<Stats>(bare, 'stats');
    clients.send({ type: 'start' } satisfies ClientsParentMessage);
    bare.send({ type: 'play', recording } satisfies ParentMessage);
    await next(bare, 'played', (seconds + 60) * 1000);
    await delay(500);
    bare.send({ type: 'stats' } satisfies ParentMessage);
    const stats1 = await next<Stats>(bare, 'stats');
    clients.send({ type: 'stop' } satisfies ClientsParentMessage);
    const result = await next<Result>(clients, 'result');
    bareRun = { result, stats0, stats1 };
  } finally {
    bare.send({ type: 'exit' } satisfies ParentMessage);
    await Promise.race([new Promise((resolve) => bare.once('exit', resolve)), delay(5000)]);
    bare.kill();
    rmSync(recording, { force: true });
  }

  const h = hubRun.result;
  const b = bareRun.result;
  const r = remoteRun.result;
  const hubPerSecond = h.deliveries / h.seconds;
  // The baseline's window is the recording's length: its deliveries over the hub's window.
  const barePerSecond = b.deliveries / h.seconds;
  const ratio = hubPerSecond / barePerSecond;
  const cpu = (s0: Stats, s1: Stats, secs: number) => ((s1.cpuMs - s0.cpuMs) / (secs * 1000)) * 100;
  notes.push(
    `${users.length} clients (supervisors, admins, team leads of the large center); traffic target ${RATE} events/s; snapshots to all clients took ${(hubRun.snapshotMs / 1000).toFixed(1)} s`,
    `remote source: the hub refused ${remoteRun.source?.refused ?? 0} of its events in the window; most often: ${(remoteRun.source?.reasons ?? []).map(([reason, n]) => `${reason} (${n})`).join('; ') || 'none'}`,
    `the baseline replays the hub's recorded window: its deliveries/s are over the same window (${b.deliveries.toLocaleString('en-US')} deliveries)`,
  );
  return {
    bench: 'hub',
    rows: [
      row('deliveries/s', hubPerSecond, '/s'),
      row('deliveries/s bare ws', barePerSecond, '/s'),
      row('delta frames/s (a batch counts once)', h.frames / h.seconds, '/s'),
      { ...row('deliveries ratio hub/bare', ratio, '×', { text: '≥ 0.5×', pass: ratio >= 0.5 }), digits: 2 },
      row('delta latency p50', h.latency.p50, 'ms'),
      row('delta latency p99', h.latency.p99, 'ms', {
        text: '≤ 100 ms',
        pass: Number.isFinite(h.latency.p99) && h.latency.p99 <= 100,
      }),
      row('delta latency p99 bare ws', b.latency.p99, 'ms'),
      row('delta latency p99, traffic from a remote source', r.latency.p99, 'ms', {
        text: `≤ max(100 ms, demo p99 + 25 %)`,
        pass: Number.isFinite(r.latency.p99) && r.latency.p99 <= Math.max(100, h.latency.p99 * 1.25),
      }),
      row(
        'remote source: events sent/s (refused by the hub, duplicates)',
        (remoteRun.source?.sent ?? 0) / h.seconds,
        `/s (${remoteRun.source?.refused ?? 0}, ${remoteRun.source?.duplicates ?? 0})`,
        {
          text: `≥ ${Math.round(RATE * 0.85)}/s`,
          pass: (remoteRun.source?.sent ?? 0) / h.seconds >= RATE * 0.85,
        },
      ),
      row('deliveries/s, traffic from a remote source', r.deliveries / r.seconds, '/s'),
      row(
        'hub CPU, traffic from a remote source',
        cpu(remoteRun.stats0, remoteRun.stats1, r.seconds),
        '% of a core',
      ),
      row('ack latency p50', h.acks.p50, 'ms'),
      // A figure that did not come (NaN becomes null over IPC) is a miss, never a pass.
      row('ack latency p99', h.acks.p99 ?? Number.NaN, 'ms', {
        text: '≤ 50 ms',
        pass: Number.isFinite(h.acks.p99) && h.acks.p99 <= 50,
      }),
      row(
        'acks received (refused, unanswered at the end)',
        h.acks.count,
        `(${h.acks.refused}, ${h.acks.lost})`,
      ),
      row('seq gaps', h.gaps, '', { text: '0', pass: h.gaps === 0 }),
      row('clients closed by the hub', h.closed, ''),
      row('hub CPU', cpu(hubRun.stats0, hubRun.stats1, h.seconds), '% of a core'),
      row(
        'hub event-loop delay p99 (max)',
        hubRun.stats1.loopDelayP99,
        `ms (${hubRun.stats1.loopDelayMax.toFixed(0)} ms)`,
      ),
      row('hub peak memory', hubRun.stats1.peakRssMb, 'MB', {
        text: '≤ 300 MB',
        pass: hubRun.stats1.peakRssMb <= 300,
      }),
      row('hub peak memory before the window (start-up, 200 snapshots)', hubRun.stats0.peakRssMb, 'MB'),
      row('hub memory at the end of the window', hubRun.stats1.rssMb, 'MB'),
      row('bare ws CPU', cpu(bareRun.stats0, bareRun.stats1, h.seconds), '% of a core'),
    ],
    notes,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  report(await hubBench());
}
