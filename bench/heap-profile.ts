/**
 * What the wallboard's JavaScript heap holds once the large demo center is loaded (issue 15's
 * memory row). The parent records the large demo through the viewer's scope (the same feed as
 * bench/wallboard.bench.ts: the real engine and simulator, the hub's snapshot frames) and serves
 * it; a child started with the wallboard's Node settings loads the real client from the build
 * (`createClient`: connection, sync, store), signs in as claire.dubois and waits for the snapshot.
 * It measures the heap after a full collection before connecting and once the state is
 * published, then writes a heap snapshot, which the parent breaks down: by kind and by
 * constructor (shallow), retained by what holds it (the state's collections, the store's
 * published copies, zod, the socket), and the strings (how many copies of the same text).
 *
 *   npm run build && node bench/heap-profile.ts
 *
 * HEAP_PROFILE_RATE=200 plays that many deltas a second for 3 s before measuring (the store's
 * second published copy of each changed map exists only once something has changed);
 * HEAP_PROFILE_KEEP=1 keeps the .heapsnapshot file (for Chrome's DevTools);
 * HEAP_PROFILE_MODULES=wallboard loads the wallboard's modules too (Ink, React, Yoga) before
 * measuring; HEAP_PROFILE_PATHS=NAME prints where the largest nodes of that name are held.
 * `node bench/heap-profile.ts analyse A.heapsnapshot [B.heapsnapshot]` breaks down any heap
 * snapshot (a running wallboard's, say), and what grew from A to B.
 */
import { spawn } from 'node:child_process';
import { readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';
import { FeedServer, recordFeed } from './feed.ts';
import { delay, dist, runtimeSettings } from './lib.ts';

const VIEWER = 'claire.dubois';
const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(2)} MB`;

/** What the child reports (stdout, one JSON line). */
interface ChildReport {
  /** heapUsed after a full GC: modules loaded, not connected. */
  before: number;
  /** The same once the snapshot is loaded and published. */
  after: number;
  /** The most heapUsed seen while the snapshot arrived (sampled between frames). */
  peakWhileLoading: number;
  rssBefore: number;
  rssAfter: number;
  /** Peak RSS before the heap snapshot was written. */
  maxRss: number;
  residentBefore: Resident;
  residentAfter: Resident;
  heapStatistics: ReturnType<typeof getHeapStatistics>;
  sizes: Record<string, number>;
  snapshotFile: string;
  loadMs: number;
  /** CPU (all threads: the collector's too) from connecting to the state going live. */
  loadCpuMs: number;
}

type ClientModule = typeof import('../src/client/index.js');

/** Resident memory by what is mapped (/proc/self/smaps, Linux), in bytes. */
interface Resident {
  /** Node's own executable: its code and the ICU data in it. */
  binary: number;
  /** Other files: shared libraries, the compile cache. */
  files: number;
  /** Anonymous memory: V8's heap, malloc, buffers, wasm memory, thread stacks. */
  anonymous: number;
  /** V8's heap, physical (from V8). */
  v8Heap: number;
  /** Memory V8 counts outside its heap: array buffers, Yoga's wasm memory (reserved, not all resident). */
  external: number;
}

function resident(): Resident {
  const found: Resident = { binary: 0, files: 0, anonymous: 0, v8Heap: 0, external: 0 };
  let text = '';
  try {
    text = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return found;
  }
  const binary = realpathSync(process.execPath);
  let path = '';
  for (const line of text.split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      path = header[1] ?? '';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (!rss) continue;
    const bytes = Number(rss[1]) * 1024;
    if (path === binary) found.binary += bytes;
    else if (path.startsWith('/')) found.files += bytes;
    else found.anonymous += bytes;
  }
  found.v8Heap = getHeapStatistics().total_physical_size;
  found.external = process.memoryUsage().external;
  return found;
}

async function child(url: string, file: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const { createClient } = await dist<ClientModule>('client/index.js');
  // HEAP_PROFILE_MODULES=wallboard: the wallboard's modules too (Ink, React, Yoga), for the baseline.
  if (process.env.HEAP_PROFILE_MODULES === 'wallboard') await dist('views/run-wallboard.js');
  const full = () => {
    gc();
    gc();
  };
  full();
  const before = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  // After heapUsed: reading smaps makes garbage.
  const residentBefore = resident();
  const client = createClient({ url, token: 'bench-token', clientName: 'heap-profile' });
  let peakWhileLoading = before;
  const sampler = setInterval(() => {
    peakWhileLoading = Math.max(peakWhileLoading, process.memoryUsage().heapUsed);
  }, 1);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const live = new Promise<void>((resolve) => client.connection.on('live', () => resolve()));
  client.start();
  await live;
  const loadMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const loadCpuMs = (cpu.user + cpu.system) / 1000;
  clearInterval(sampler);
  client.store.flush();
  const rate = Number(process.env.HEAP_PROFILE_RATE ?? 0);
  if (rate > 0) {
    process.stdout.write('play\n');
    await delay(3000);
    client.store.flush();
  }
  full();
  const after = process.memoryUsage().heapUsed;
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const residentAfter = resident();
  const snapshot = client.store.getSnapshot();
  // Named from the global object, for the parent to find in the heap snapshot.
  // Weakly, so that the tags change nothing of what dominates what.
  const weak = (value: object | null) => (value ? new WeakRef(value) : null);
  (globalThis as Record<string, unknown>).__heapProfile = {
    client: weak(client),
    connection: weak(client.connection),
    store: weak(client.store),
    liveState: weak(client.connection.state),
    publishedState: weak(snapshot.state),
  };
  const state = client.connection.state;
  const sizes: Record<string, number> = {};
  if (state)
    for (const [name, value] of Object.entries(state)) if (value instanceof Map) sizes[name] = value.size;
  const snapshotFile = writeHeapSnapshot(file);
  const report: ChildReport = {
    before,
    after,
    peakWhileLoading,
    rssBefore,
    rssAfter: process.memoryUsage().rss,
    maxRss,
    residentBefore,
    residentAfter,
    heapStatistics: getHeapStatistics(),
    sizes,
    snapshotFile,
    loadMs,
    loadCpuMs,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  client.close();
  process.exit(0);
}

// ---- The heap snapshot ------------------------------------------------------------------

interface HeapGraph {
  count: number;
  type: Uint8Array;
  name: Uint32Array;
  self: Float64Array;
  firstEdge: Uint32Array;
  edgeType: Uint8Array;
  edgeName: Uint32Array;
  edgeTo: Uint32Array;
  strings: string[];
  nodeTypes: string[];
  edgeTypes: string[];
}

function readGraph(file: string): HeapGraph {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: {
      meta: {
        node_fields: string[];
        edge_fields: string[];
        node_types: [string[], ...unknown[]];
        edge_types: [string[], ...unknown[]];
      };
    };
    nodes: number[];
    edges: number[];
    strings: string[];
  };
  const meta = raw.snapshot.meta;
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const count = raw.nodes.length / nf;
  const at = (field: string) => meta.node_fields.indexOf(field);
  const [T, N, S, E] = [at('type'), at('name'), at('self_size'), at('edge_count')];
  const graph: HeapGraph = {
    count,
    type: new Uint8Array(count),
    name: new Uint32Array(count),
    self: new Float64Array(count),
    firstEdge: new Uint32Array(count + 1),
    edgeType: new Uint8Array(raw.edges.length / ef),
    edgeName: new Uint32Array(raw.edges.length / ef),
    edgeTo: new Uint32Array(raw.edges.length / ef),
    strings: raw.strings,
    nodeTypes: meta.node_types[0],
    edgeTypes: meta.edge_types[0],
  };
  let edge = 0;
  for (let i = 0; i < count; i++) {
    graph.type[i] = raw.nodes[i * nf + T] as number;
    graph.name[i] = raw.nodes[i * nf + N] as number;
    graph.self[i] = raw.nodes[i * nf + S] as number;
    graph.firstEdge[i] = edge;
    edge += raw.nodes[i * nf + E] as number;
  }
  graph.firstEdge[count] = edge;
  const [ET, EN, EO] = ['type', 'name_or_index', 'to_node'].map((f) => meta.edge_fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  for (let e = 0; e < graph.edgeTo.length; e++) {
    graph.edgeType[e] = raw.edges[e * ef + ET] as number;
    graph.edgeName[e] = raw.edges[e * ef + EN] as number;
    graph.edgeTo[e] = (raw.edges[e * ef + EO] as number) / nf;
  }
  return graph;
}

const typeOf = (g: HeapGraph, node: number) => g.nodeTypes[g.type[node] as number] as string;
const nameOf = (g: HeapGraph, node: number) => g.strings[g.name[node] as number] as string;
const edgeNameOf = (g: HeapGraph, e: number) => {
  const kind = g.edgeTypes[g.edgeType[e] as number];
  return kind === 'element' || kind === 'hidden'
    ? `[${g.edgeName[e]}]`
    : (g.strings[g.edgeName[e] as number] as string);
};
/** Edges the collector does not follow for retention. */
const isWeak = (g: HeapGraph, e: number) => g.edgeTypes[g.edgeType[e] as number] === 'weak';

/** Nodes reached from the root by strong edges, each with the edge it was first reached by (shortest paths). */
function shortestPaths(g: HeapGraph): {
  reached: Uint8Array;
  parentEdge: Int32Array;
  parentNode: Int32Array;
} {
  const reached = new Uint8Array(g.count);
  const parentEdge = new Int32Array(g.count).fill(-1);
  const parentNode = new Int32Array(g.count).fill(-1);
  const queue = new Uint32Array(g.count);
  let head = 0;
  let tail = 0;
  queue[tail++] = 0;
  reached[0] = 1;
  while (head < tail) {
    const node = queue[head++] as number;
    for (let e = g.firstEdge[node] as number; e < (g.firstEdge[node + 1] as number); e++) {
      if (isWeak(g, e)) continue;
      const to = g.edgeTo[e] as number;
      if (reached[to]) continue;
      reached[to] = 1;
      parentEdge[to] = e;
      parentNode[to] = node;
      queue[tail++] = to;
    }
  }
  return { reached, parentEdge, parentNode };
}

/** The node an edge named `name` of `from` leads to. */
function child_(g: HeapGraph, from: number, name: string): number | null {
  for (let e = g.firstEdge[from] as number; e < (g.firstEdge[from + 1] as number); e++)
    if (edgeNameOf(g, e) === name) return g.edgeTo[e] as number;
  return null;
}

function analyse(file: string): void {
  const g = readGraph(file);
  const { reached: live, parentEdge, parentNode } = shortestPaths(g);
  let total = 0;
  for (let i = 0; i < g.count; i++) if (live[i]) total += g.self[i] as number;
  const lines: string[] = [];
  const out = (s = '') => lines.push(s);
  out(`heap snapshot: ${g.count.toLocaleString('en-US')} nodes, ${mb(total)} reachable`);

  // By kind.
  const byType = new Map<string, [number, number]>();
  for (let i = 0; i < g.count; i++) {
    if (!live[i]) continue;
    const t = typeOf(g, i);
    const entry = byType.get(t) ?? [0, 0];
    entry[0] += 1;
    entry[1] += g.self[i] as number;
    byType.set(t, entry);
  }
  out('\nshallow size by kind of node:');
  for (const [t, [count, size]] of [...byType].sort((a, b) => b[1][1] - a[1][1]))
    out(`  ${t.padEnd(20)} ${mb(size).padStart(10)}  ${count.toLocaleString('en-US').padStart(10)} nodes`);

  // By constructor (objects, arrays, closures: their name).
  const byName = new Map<string, [number, number]>();
  for (let i = 0; i < g.count; i++) {
    if (!live[i]) continue;
    const t = typeOf(g, i);
    if (t !== 'object' && t !== 'array' && t !== 'closure' && t !== 'native' && t !== 'hidden') continue;
    const name = `${t === 'object' ? '' : `(${t}) `}${nameOf(g, i).slice(0, 60)}`;
    const entry = byName.get(name) ?? [0, 0];
    entry[0] += 1;
    entry[1] += g.self[i] as number;
    byName.set(name, entry);
  }
  out('\nshallow size by constructor, top 25:');
  for (const [name, [count, size]] of [...byName].sort((a, b) => b[1][1] - a[1][1]).slice(0, 25))
    out(`  ${name.padEnd(50)} ${mb(size).padStart(10)}  ${count.toLocaleString('en-US').padStart(9)}`);

  // Strings: how many copies of the same text.
  const stringKinds = new Set(['string', 'concatenated string', 'sliced string']);
  const texts = new Map<string, { copies: number; size: number }>();
  let stringCount = 0;
  let stringSize = 0;
  for (let i = 0; i < g.count; i++) {
    if (!live[i] || !stringKinds.has(typeOf(g, i))) continue;
    stringCount += 1;
    stringSize += g.self[i] as number;
    const text = nameOf(g, i);
    const entry = texts.get(text) ?? { copies: 0, size: 0 };
    entry.copies += 1;
    entry.size += g.self[i] as number;
    texts.set(text, entry);
  }
  let duplicateSize = 0;
  let duplicateCopies = 0;
  const kindOf = (text: string) =>
    /^[A-Za-z0-9._:@-]+ [A-Za-z0-9._:@-]+$/.test(text)
      ? 'pair key "channel user"'
      : /^[A-Za-z0-9._:@-]{1,64}$/.test(text)
        ? 'id-like'
        : 'other';
  const dupByKind = new Map<string, [number, number]>();
  for (const [text, { copies, size }] of texts) {
    if (copies < 2) continue;
    const extra = (size / copies) * (copies - 1);
    duplicateSize += extra;
    duplicateCopies += copies - 1;
    const kind = kindOf(text);
    const entry = dupByKind.get(kind) ?? [0, 0];
    entry[0] += copies - 1;
    entry[1] += extra;
    dupByKind.set(kind, entry);
  }
  out(
    `\nstrings: ${stringCount.toLocaleString('en-US')} (${mb(stringSize)}), ${texts.size.toLocaleString('en-US')} distinct texts; copies beyond the first: ${duplicateCopies.toLocaleString('en-US')} (${mb(duplicateSize)})`,
  );
  for (const [kind, [copies, size]] of dupByKind)
    out(`  extra copies, ${kind.padEnd(24)} ${copies.toLocaleString('en-US').padStart(9)}  ${mb(size)}`);
  let frames = 0;
  for (const text of texts.keys())
    if (text.startsWith('{"type":"snapshot"') || text.startsWith('{"type":"delta')) frames += 1;
  out(`  frames from the hub still held as text: ${frames}`);
  out('  most copied texts:');
  for (const [text, { copies, size }] of [...texts].sort((a, b) => b[1].copies - a[1].copies).slice(0, 8))
    out(`    ${copies.toString().padStart(6)}× ${JSON.stringify(text.slice(0, 40))} (${size} B)`);

  // What holds it: the tagged objects, found from the global object (through their WeakRefs).
  const tags = (() => {
    for (let i = 0; i < g.count; i++) {
      if (typeOf(g, i) !== 'object') continue;
      const found = child_(g, i, '__heapProfile');
      if (found !== null) return found;
    }
    return null;
  })();
  if (tags === null) {
    out('\n(no __heapProfile in the snapshot)');
    process.stdout.write(`${lines.join('\n')}\n`);
    return;
  }
  const tag = (name: string) => {
    const ref = child_(g, tags, name);
    return ref === null ? null : child_(g, ref, 'target');
  };
  // Attribution: each collection of the live state claims what it reaches first (its map's table,
  // its entities and their strings); the published copies then claim what is theirs alone.
  const claimed = new Uint8Array(g.count);
  // Never walk into code, shapes, closures or prototypes: what is shared by every object.
  const stopAt = (node: number) => {
    const t = typeOf(g, node);
    return t === 'code' || t === 'closure' || t === 'synthetic' || t === 'object shape';
  };
  const skipEdge = (e: number) => {
    const name = edgeNameOf(g, e);
    return name === 'map' || name === '__proto__' || name === 'constructor' || name === 'prototype';
  };
  /** The state's strings: by the field that holds them (the first claimed), and by text. */
  const stateStrings = new Map<string, { count: number; size: number }>();
  const stateTexts = new Map<string, { copies: number; size: number }>();
  const claimFrom = (start: number, inState = true) => {
    const sizes = { strings: 0, objects: 0, other: 0, propertyArrays: 0 };
    const field = new Map<number, string>();
    const stack = claimed[start] || stopAt(start) ? [] : [start];
    for (const n of stack) claimed[n] = 1;
    while (stack.length > 0) {
      const node = stack.pop() as number;
      const t = typeOf(g, node);
      const size = g.self[node] as number;
      if (stringKinds.has(t)) {
        sizes.strings += size;
      }
      if (stringKinds.has(t) && inState) {
        const by = field.get(node) ?? '(start)';
        const entry = stateStrings.get(by) ?? { count: 0, size: 0 };
        entry.count += 1;
        entry.size += size;
        stateStrings.set(by, entry);
        // A concatenation's text is not in the snapshot: each counts as a text of its own.
        const text = t === 'concatenated string' ? `(concatenated ${node})` : nameOf(g, node);
        const copies = stateTexts.get(text) ?? { copies: 0, size: 0 };
        copies.copies += 1;
        copies.size += size;
        stateTexts.set(text, copies);
      } else if (t === 'object') sizes.objects += size;
      else sizes.other += size;
      if (nameOf(g, node) === 'system / PropertyArray') sizes.propertyArrays += size;
      for (let e = g.firstEdge[node] as number; e < (g.firstEdge[node + 1] as number); e++) {
        if (isWeak(g, e) || skipEdge(e)) continue;
        const to = g.edgeTo[e] as number;
        if (claimed[to] || stopAt(to)) continue;
        claimed[to] = 1;
        if (stringKinds.has(typeOf(g, to))) {
          const kind = g.edgeTypes[g.edgeType[e] as number];
          field.set(
            to,
            kind === 'property'
              ? edgeNameOf(g, e)
              : `${typeOf(g, node)} ${nameOf(g, node).slice(0, 20)}`.trim(),
          );
        }
        stack.push(to);
      }
    }
    return sizes;
  };
  type Sizes = ReturnType<typeof claimFrom>;
  const describe = (label: string, sizes: Sizes) => {
    const all = sizes.strings + sizes.objects + sizes.other;
    if (all > 0)
      out(
        `  ${label.padEnd(30)} ${mb(all).padStart(9)}  (strings ${mb(sizes.strings)}, objects ${mb(sizes.objects)}, arrays, tables and the rest ${mb(sizes.other)}, of which the objects' out-of-object property arrays ${mb(sizes.propertyArrays)})`,
      );
  };
  const fieldsOf = (node: number) => {
    const fields: [string, number][] = [];
    for (let e = g.firstEdge[node] as number; e < (g.firstEdge[node + 1] as number); e++)
      if (!skipEdge(e) && g.edgeTypes[g.edgeType[e] as number] === 'property')
        fields.push([edgeNameOf(g, e), g.edgeTo[e] as number]);
    return fields;
  };
  out('\nwhat holds it (each claims what it reaches that nothing above it claimed):');
  let stateTotal = 0;
  const add = (sizes: Sizes) => {
    stateTotal += sizes.strings + sizes.objects + sizes.other;
    return sizes;
  };
  const liveState = tag('liveState');
  const publishedState = tag('publishedState');
  if (liveState !== null)
    for (const [name, node] of fieldsOf(liveState)) describe(`live ${name}`, add(claimFrom(node)));
  if (publishedState !== null)
    for (const [name, node] of fieldsOf(publishedState)) describe(`published ${name}`, add(claimFrom(node)));
  for (const name of ['store', 'connection']) {
    const node = tag(name);
    if (node !== null) describe(`the rest of the ${name}`, add(claimFrom(node, false)));
  }
  out(`  ${'all of the above'.padEnd(30)} ${mb(stateTotal).padStart(9)}`);
  let textsOnce = 0;
  let textsAll = 0;
  let copiesBeyond = 0;
  for (const { copies, size } of stateTexts.values()) {
    textsAll += size;
    textsOnce += size / copies;
    copiesBeyond += copies - 1;
  }
  out(
    `\nthe state's strings: ${mb(textsAll)}, ${mb(textsOnce)} if each text were held once (${copiesBeyond.toLocaleString('en-US')} copies beyond the first); by the field holding them:`,
  );
  for (const [by, { count, size }] of [...stateStrings].sort((a, b) => b[1].size - a[1].size).slice(0, 20))
    out(`  ${by.padEnd(30)} ${count.toLocaleString('en-US').padStart(8)}  ${mb(size)}`);

  // The largest buffers and arrays: who holds them.
  const pathTo = (node: number) => {
    const steps: string[] = [];
    for (let at = node, depth = 0; depth < 10 && (parentNode[at] as number) > 0; depth++) {
      const from = parentNode[at] as number;
      steps.push(
        `${edgeNameOf(g, parentEdge[at] as number)} of ${nameOf(g, from).slice(0, 30) || typeOf(g, from)}`,
      );
      at = from;
    }
    return steps.join(' ← ');
  };
  const big = [...Array(g.count).keys()]
    .filter((i) => live[i] && (g.self[i] as number) > 64 * 1024)
    .sort((a, b) => (g.self[b] as number) - (g.self[a] as number))
    .slice(0, 12);
  out('\nthe largest single nodes (and a shortest path from the roots to each):');
  for (const node of big)
    out(
      `  ${mb(g.self[node] as number).padStart(9)} ${typeOf(g, node)} ${nameOf(g, node).slice(0, 40).replace(/\s+/g, ' ')}  ← ${pathTo(node)}`,
    );
  // HEAP_PROFILE_PATHS=NAME: where the largest nodes of that name are held.
  const wanted = process.env.HEAP_PROFILE_PATHS;
  if (wanted) {
    const nodes = [...Array(g.count).keys()]
      .filter((i) => live[i] && nameOf(g, i) === wanted)
      .sort((a, b) => (g.self[b] as number) - (g.self[a] as number));
    out(`\n${nodes.length} nodes named ${wanted}; the largest:`);
    for (const node of nodes.slice(0, 8)) out(`  ${g.self[node]} B  ← ${pathTo(node)}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

// ---- The parent ---------------------------------------------------------------------------

async function parent(): Promise<void> {
  const rate = Number(process.env.HEAP_PROFILE_RATE ?? 0);
  const feed = await recordFeed({ viewer: VIEWER, rate, count: rate * 4 });
  const server = await FeedServer.start(feed);
  const settings = await runtimeSettings();
  const file = join(tmpdir(), `ccwall-heap-${process.pid}.heapsnapshot`);
  const script = fileURLToPath(import.meta.url);
  const proc = spawn(
    process.execPath,
    [...settings.flags, '--expose-gc', script, 'child', server.url, file],
    {
      env: { ...settings.env, ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let text = '';
  proc.stdout.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    if (text.startsWith('play\n')) {
      text = text.slice(5);
      server.play(rate);
    }
  });
  const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
  await server.close();
  if (code !== 0) throw new Error(`the client exited with ${code}`);
  const report = JSON.parse(text.trim().split('\n').pop() as string) as ChildReport;
  const h = report.heapStatistics;
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(
    `large demo as ${VIEWER}: ${feed.snapshot.length} snapshot frames, ${(feed.snapshot.reduce((n, f) => n + f.length, 0) / MB).toFixed(1)} MB of JSON; ${feed.agents} agents`,
  );
  out(
    `collections: ${Object.entries(report.sizes)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  out(
    `snapshot loaded in ${report.loadMs.toFixed(0)} ms (${report.loadCpuMs.toFixed(0)} ms of CPU)${rate > 0 ? `, then 3 s of ${rate} deltas/s` : ''}`,
  );
  out(
    `heap used after a full GC: ${mb(report.before)} before connecting, ${mb(report.after)} with the state: the state is ${mb(report.after - report.before)}`,
  );
  out(`heap used at most while the snapshot arrived (sampled): ${mb(report.peakWhileLoading)}`);
  out(
    `rss: ${mb(report.rssBefore)} before, ${mb(report.rssAfter)} after the heap snapshot was written, peak before it ${mb(report.maxRss)}`,
  );
  for (const [when, r] of [
    ['before connecting', report.residentBefore],
    ['with the state', report.residentAfter],
  ] as const)
    out(
      `resident ${when}: Node's binary ${mb(r.binary)}, other files ${mb(r.files)}, anonymous ${mb(r.anonymous)} (V8's heap ${mb(r.v8Heap)}, the rest ${mb(r.anonymous - r.v8Heap)}: malloc, wasm memory, stacks; V8's external memory ${mb(r.external)})`,
    );
  out(
    `v8 heap: used ${mb(h.used_heap_size)} of ${mb(h.total_heap_size)} (physical ${mb(h.total_physical_size)}), external ${mb(h.external_memory)}, malloced ${mb(h.malloced_memory)} (peak ${mb(h.peak_malloced_memory)})`,
  );
  analyse(report.snapshotFile);
  if (!process.env.HEAP_PROFILE_KEEP) rmSync(report.snapshotFile, { force: true });
  else out(`kept ${report.snapshotFile}`);
}

/** Shallow bytes by kind and constructor of what is reachable: for comparing two snapshots. */
function shallowByName(file: string): Map<string, [count: number, size: number]> {
  const g = readGraph(file);
  const { reached } = shortestPaths(g);
  const byName = new Map<string, [number, number]>();
  for (let i = 0; i < g.count; i++) {
    if (!reached[i]) continue;
    const t = typeOf(g, i);
    const name = t === 'object' || t === 'closure' ? `${t} ${nameOf(g, i).slice(0, 50)}` : t;
    const entry = byName.get(name) ?? [0, 0];
    entry[0] += 1;
    entry[1] += g.self[i] as number;
    byName.set(name, entry);
  }
  return byName;
}

/** `analyse A.heapsnapshot [B.heapsnapshot]`: the breakdown of A, and what grew from A to B. */
function analyseFiles(first: string, second: string | undefined): void {
  analyse(first);
  if (!second) return;
  const a = shallowByName(first);
  const b = shallowByName(second);
  const names = new Set([...a.keys(), ...b.keys()]);
  const growth = [...names]
    .map((name) => {
      const [countA, sizeA] = a.get(name) ?? [0, 0];
      const [countB, sizeB] = b.get(name) ?? [0, 0];
      return { name, count: countB - countA, size: sizeB - sizeA };
    })
    .sort((x, y) => Math.abs(y.size) - Math.abs(x.size));
  const total = growth.reduce((sum, g) => sum + g.size, 0);
  process.stdout.write(`\nfrom the first snapshot to the second: ${mb(total)}; the largest changes:\n`);
  for (const g of growth.slice(0, 20))
    process.stdout.write(
      `  ${g.name.padEnd(56)} ${mb(g.size).padStart(10)}  ${g.count.toLocaleString('en-US').padStart(9)}\n`,
    );
}

const [mode, url, file] = process.argv.slice(2);
if (mode === 'child') await child(url ?? '', file ?? '');
else if (mode === 'analyse') analyseFiles(url ?? '', file);
else await parent();
