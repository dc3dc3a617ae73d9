/**
 * Fuzzing a live hub with fast-check: over 100,000 random and mutated frames — valid-looking
 * messages with fields of the wrong type, huge numbers, deep nesting, prototype keys, truncated
 * JSON, random text, binary frames, invalid UTF-8, oversized frames — sent in batches over a few
 * connections (signed in as an admin, a supervisor, an agent, and one that never says hello).
 *
 * Properties: the hub never crashes (no frame handler throws, it answers every probe); an
 * invalid frame never changes the state (every event in the hub's log during the run comes
 * from the well-behaved client); and a well-behaved client keeps getting its acks and deltas
 * all along. Frames that happen to be valid commands go to a read-only connection, which must
 * be refused (read_only or rate_limited) and change nothing either. Closes for invalid UTF-8
 * (1007), oversized frames (1009) and floods of garbage (1002) are expected: the fuzzer reconnects.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RawData, WebSocket } from 'ws';
import { checkInvariants } from '../../src/domain/index.js';
import { DEMO_ADMIN_ID, DEMO_AGENT_ID, DEMO_SUPERVISOR_ID } from '../../src/hub/index.js';
import { parseClientMessage } from '../../src/protocol/index.js';
import { HubClient } from './hub-client.js';
import { type PartsHub, recordingLog, startPartsHub } from './security-fixtures.js';

const TARGET_FRAMES = 100_000;
const BATCH = { minLength: 900, maxLength: 1100 };
const GOOD_USER = 'julien.moreau';

// ------------------------------------------------------------------ frames

type Frame =
  | { kind: 'text'; text: string }
  | { kind: 'binary'; data: Buffer }
  | { kind: 'raw-text'; data: Buffer };

const ids = fc.constantFrom(
  'sales',
  'support',
  'webchat',
  'winback',
  DEMO_AGENT_ID,
  DEMO_SUPERVISOR_ID,
  'nobody',
);
const templates: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ type: fc.constant('hello'), protocol: fc.constantFrom(1, 2), client: fc.string() }),
  fc.record({
    type: fc.constant('command'),
    id: fc.string({ minLength: 8, maxLength: 64 }),
    command: fc.oneof(
      fc.record({
        type: fc.constantFrom('login', 'logout', 'resume', 'end_wrap_up'),
        channelId: ids,
        userId: ids,
      }),
      fc.record({
        type: fc.constant('pause'),
        channelId: ids,
        userId: ids,
        reasonId: fc.constantFrom('break', 'x'),
      }),
      fc.record({
        type: fc.constant('monitor_start'),
        channelId: ids,
        agentId: ids,
        mode: fc.constantFrom('listen', 'whisper', 'barge', 'read', 'shout'),
      }),
      fc.record({ type: fc.constant('monitor_mode'), mode: fc.constantFrom('listen', 'read') }),
      fc.record({ type: fc.constant('monitor_stop') }),
      fc.record({
        type: fc.constant('set_org_settings'),
        agentsMayLogInToUnassigned: fc.boolean(),
        supervisorsLimitedToAssigned: fc.boolean(),
      }),
    ),
  }),
  fc.record({
    type: fc.constant('query'),
    id: fc.string({ maxLength: 70 }),
    query: fc.record({ kind: fc.constant('audit'), limit: fc.integer({ min: -5, max: 2000 }) }),
  }),
  fc.record({ type: fc.constant('heartbeat'), seq: fc.integer() }),
);

const hugeNumbers = fc.constantFrom(
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  -0,
  0.1,
  2 ** 64,
  Number.MIN_VALUE,
);
const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  hugeNumbers,
  fc.string({ maxLength: 300 }),
  fc.constant(null),
  fc.constant({ __proto__: { admin: true } }),
  fc.constant('x'.repeat(5000)),
);

/** A template with one field (at any depth) replaced, deleted, or joined by an unexpected one. */
const mutated: fc.Arbitrary<string> = fc
  .tuple(templates, fc.nat(), fc.constantFrom('replace', 'delete', 'add', 'proto'), weirdValue)
  .map(([message, pick, how, value]) => {
    const paths: [Record<string, unknown>, string][] = [];
    const walk = (object: Record<string, unknown>) => {
      for (const [key, inner] of Object.entries(object)) {
        paths.push([object, key]);
        if (inner && typeof inner === 'object' && !Array.isArray(inner))
          walk(inner as Record<string, unknown>);
      }
    };
    walk(message);
    const [object, key] = paths[pick % paths.length] ?? [message, 'type'];
    if (how === 'replace') object[key] = value;
    else if (how === 'delete') delete object[key];
    else if (how === 'add') object[`extra${pick % 7}`] = value;
    let text = JSON.stringify(message);
    if (how === 'proto')
      text = text.replace(
        /^\{/,
        '{"__proto__":{"readOnly":false,"roles":["admin"]},"constructor":{"prototype":{}},',
      );
    return text;
  });

const deep = fc
  .tuple(
    fc.integer({ min: 100, max: 20_000 }),
    fc.constantFrom('[', '{"a":', '{"type":"command","id":"deep-nest-1","command":'),
  )
  .map(([depth, open]) => {
    const close = open === '[' ? ']' : '}';
    return `${open.repeat(open.startsWith('{"type"') ? 1 : depth)}${open.startsWith('{"type"') ? `${'['.repeat(depth)}${']'.repeat(depth)}` : '1'}${close.repeat(open.startsWith('{"type"') ? 1 : depth)}`;
  });

const textFrames: fc.Arbitrary<Frame> = fc
  .oneof(
    { weight: 10, arbitrary: templates.map((m) => JSON.stringify(m)) },
    { weight: 30, arbitrary: mutated },
    { weight: 4, arbitrary: deep },
    { weight: 5, arbitrary: mutated.chain((text) => fc.nat(text.length).map((n) => text.slice(0, n))) },
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        '{"type":"heartbeat","seq":1e999}',
        '{"type":"heartbeat","seq":-1e999}',
        '{"type":"heartbeat","seq":123456789012345678901234567890}',
        '{"type":"query","id":"q","query":{"kind":"audit","limit":1e308}}',
        '{"type":"query","id":"q","query":{"kind":"audit","limit":1,"before":9007199254740993}}',
        '{"type":"hello","protocol":1.0000000000000002}',
        '{"type":"command","id":"dup-key-00","id":"dup-key-01","command":{"type":"monitor_stop"}}',
        '{"type":"command","id":"\\ud800\\udfff\\ud800xx","command":{"type":"monitor_stop"}}',
        'null',
        '[]',
        '""',
        '0',
        'true',
        '{}',
        '\u0000',
        '\ufeff{"type":"heartbeat","seq":0}',
      ),
    },
    { weight: 5, arbitrary: fc.string({ maxLength: 200, unit: 'binary' }) },
    { weight: 2, arbitrary: fc.json({ maxDepth: 4 }) },
  )
  .map((text) => ({ kind: 'text' as const, text }));

const frame: fc.Arbitrary<Frame> = fc.oneof(
  { weight: 200, arbitrary: textFrames },
  {
    weight: 8,
    arbitrary: fc
      .uint8Array({ maxLength: 300 })
      .map((a) => ({ kind: 'binary' as const, data: Buffer.from(a) })),
  },
  {
    // Invalid UTF-8 in a text frame: lone continuation bytes, overlongs, surrogates (ws closes 1007).
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.string({ maxLength: 20 }),
        fc.constantFrom(
          [0x80],
          [0xc0, 0xaf],
          [0xed, 0xa0, 0x80],
          [0xff, 0xfe],
          [0xf8, 0x88, 0x80, 0x80, 0x80],
        ),
      )
      .map(([prefix, bad]) => ({
        kind: 'raw-text' as const,
        data: Buffer.concat([
          Buffer.from(`{"type":"heartbeat","x":"${prefix}`),
          Buffer.from(bad),
          Buffer.from('"}'),
        ]),
      })),
  },
  {
    // Over the 64 KiB frame limit (ws closes 1009).
    weight: 1,
    arbitrary: fc.integer({ min: 65 * 1024, max: 80 * 1024 }).map((n) => ({
      kind: 'text' as const,
      text: `{"type":"heartbeat","seq":0,"pad":"${'y'.repeat(n)}"}`,
    })),
  },
);

// ------------------------------------------------------------------ the fuzzing connections

interface Stats {
  frames: number;
  binary: number;
  invalidUtf8: number;
  oversized: number;
  validCommands: number;
  reconnects: number;
  closes: Map<number, number>;
}

/** A connection that reconnects when the hub closes it, and answers "is the hub still there?". */
class Fuzzer {
  private ws: WebSocket | undefined;
  private opening: Promise<void> | undefined;
  private probes = new Map<string, () => void>();
  private probeCount = 0;

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly hello: boolean,
    private readonly stats: Stats,
  ) {}

  async open(): Promise<void> {
    this.opening ??= new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(this.url, {
        headers: { authorization: `Bearer ${this.token}` },
        maxPayload: 1 << 20,
      });
      ws.on('open', () => {
        this.ws = ws;
        if (this.hello) ws.send(JSON.stringify({ type: 'hello', protocol: 1, client: 'fuzzer' }));
        resolve();
      });
      ws.on('message', (data: RawData) => {
        const text = data.toString();
        if (!text.includes('"probe-')) return;
        for (const [id, done] of this.probes) {
          if (text.includes(`"${id}"`)) {
            this.probes.delete(id);
            done();
          }
        }
      });
      ws.on('close', (code) => {
        this.stats.closes.set(code, (this.stats.closes.get(code) ?? 0) + 1);
        if (this.ws === ws) this.ws = undefined;
        this.opening = undefined;
        for (const done of this.probes.values()) done();
        this.probes.clear();
      });
      ws.on('error', reject);
    });
    return this.opening;
  }

  /** Sends a frame; reconnects first if the hub closed the last connection. */
  async send(f: Frame): Promise<void> {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) {
      this.stats.reconnects += 1;
      this.ws = undefined;
      this.opening = undefined;
      await this.open();
    }
    const ws = this.ws;
    if (!ws) return;
    this.stats.frames += 1;
    if (f.kind === 'text') ws.send(f.text);
    else if (f.kind === 'binary') ws.send(f.data, { binary: true });
    else ws.send(f.data, { binary: false });
  }

  /** Resolves once the hub answered a query sent after everything else (or closed the connection). */
  probe(): Promise<void> {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.resolve();
    const id = `probe-${++this.probeCount}`;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no answer to ${id} in 15 s: the hub stopped serving`)),
        15_000,
      );
      this.probes.set(id, () => {
        clearTimeout(timer);
        resolve();
      });
      ws.send(JSON.stringify({ type: 'query', id, query: { kind: 'audit', limit: 1 } }));
    });
  }

  close(): void {
    this.ws?.close();
  }
}

// ------------------------------------------------------------------ the test

let hub: PartsHub;
const logged = recordingLog();

beforeAll(async () => {
  // Frames are not rate limited here (the fuzzer floods on purpose); commands are, as always.
  hub = await startPartsHub({ log: logged.log, limits: { framesPerSecond: 1e9, frameBurst: 1e9 } });
});
afterAll(async () => {
  await hub?.close();
});

describe('fuzzing a live hub', () => {
  it(`survives ${TARGET_FRAMES.toLocaleString('en')}+ hostile frames without a state change, serving a good client all along`, async () => {
    const stats: Stats = {
      frames: 0,
      binary: 0,
      invalidUtf8: 0,
      oversized: 0,
      validCommands: 0,
      reconnects: 0,
      closes: new Map(),
    };
    const fuzzers = [
      new Fuzzer(hub.url, hub.token(DEMO_ADMIN_ID), true, stats),
      new Fuzzer(hub.url, hub.token(DEMO_SUPERVISOR_ID), true, stats),
      new Fuzzer(hub.url, hub.token(DEMO_AGENT_ID), true, stats),
      new Fuzzer(hub.url, hub.token(DEMO_ADMIN_ID), false, stats),
    ];
    const readOnly = new Fuzzer(hub.url, hub.token(DEMO_ADMIN_ID, { readOnly: true }), true, stats);
    for (const f of [...fuzzers, readOnly]) await f.open();

    const good = await HubClient.connect(hub.url, hub.token(GOOD_USER));
    const seqBefore = hub.engine.seq;
    let fuzzing = true;
    let served = 0;
    const goodProblems: string[] = [];
    const goodClient = (async () => {
      // Julien supervises billing; pause and resume one of its logged-in agents, over and over.
      const session = [...hub.engine.state.sessions.values()].find(
        (s) => s.channelId === 'billing' && s.status === 'available',
      );
      if (!session) throw new Error('no available agent in billing');
      const target = { channelId: 'billing', userId: session.userId };
      while (fuzzing) {
        for (const command of [
          { type: 'pause', ...target, reasonId: 'break' },
          { type: 'resume', ...target },
        ]) {
          const ack = await good.command(command);
          if (!ack.ok) goodProblems.push(`${command.type}: ${ack.error.code}`);
          else
            await good.waitFor(
              (m) => m.type === 'delta' && m.seq === ack.seq,
              `the delta of ${command.type}`,
              15_000,
            );
          served += 1;
        }
        // About 10 commands a second: well within the rate limit.
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();

    let next = 0;
    const runs = Math.ceil(TARGET_FRAMES / BATCH.minLength);
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(frame, BATCH), async (frames) => {
          for (const f of frames) {
            if (f.kind === 'binary') stats.binary += 1;
            if (f.kind === 'raw-text') stats.invalidUtf8 += 1;
            if (f.kind === 'text' && f.text.length > 64 * 1024) stats.oversized += 1;
            if (f.kind === 'text') {
              const parsed = parseClientMessage(f.text);
              if (parsed.ok && parsed.value.type === 'command') {
                stats.validCommands += 1;
                await readOnly.send(f);
                continue;
              }
            }
            const fuzzer = fuzzers[next++ % fuzzers.length];
            await fuzzer?.send(f);
          }
          await Promise.all([...fuzzers, readOnly].map((f) => f.probe()));
          // Nothing but the good client's commands changed the state.
          const changes = hub.engine.historySince(seqBefore) ?? [];
          const foreign = changes.filter(
            (d) =>
              !('by' in d.event) ||
              d.event.by !== GOOD_USER ||
              !['agent_paused', 'agent_resumed'].includes(d.event.type),
          );
          expect(foreign.map((d) => d.event)).toEqual([]);
          expect(logged.lines.filter((line) => /failed|cannot/.test(line))).toEqual([]);
        }),
        { numRuns: runs, endOnFailure: true },
      );
    } finally {
      fuzzing = false;
      await goodClient;
      for (const f of [...fuzzers, readOnly]) f.close();
    }

    const crashes = logged.lines.filter((line) => /frame handling failed/.test(line)).length;
    const closes = [...stats.closes].map(([code, n]) => `${code}×${n}`).join(' ');
    console.log(
      `fuzz: ${stats.frames} frames tried (${stats.binary} binary, ${stats.invalidUtf8} invalid UTF-8, ${stats.oversized} oversized, ${stats.validCommands} valid commands on a read-only token), ` +
        `${stats.reconnects} reconnects (closes: ${closes}); good client served ${served} commands; crashes: ${crashes}`,
    );
    expect(stats.frames).toBeGreaterThanOrEqual(TARGET_FRAMES);
    expect(crashes).toBe(0);
    expect(goodProblems).toEqual([]);
    expect(served).toBeGreaterThan(0);
    expect(good.closed).toBeUndefined();
    expect(good.problems).toEqual([]);
    expect(hub.engine.seq - seqBefore).toBe(served);
    expect(checkInvariants(hub.engine.state)).toEqual([]);
    // Only the expected close codes: garbage (1002), invalid UTF-8 (1007), too big (1009), a hello
    // for another protocol version (4000), no hello in time (4001); 1005/1006 if a close frame is lost.
    for (const code of stats.closes.keys())
      expect([1002, 1005, 1006, 1007, 1009, 4000, 4001]).toContain(code);
    await good.close();
  }, 120_000);
});
