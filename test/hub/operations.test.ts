/**
 * What an operator and a supervisor meet around a running hub, in one process over real
 * sockets: a flood of refused upgrades, the audit log's retention and `ccwall audit prune`,
 * the activity log within 64 KiB frames, idle connections that never send a request, the
 * database's file mode, commands that must not create a database, terminal-safe output,
 * `/healthz` and `/metrics`, the log's formats, the config file, backups.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main, readToken } from '../../src/cli.js';
import { createClient } from '../../src/client/index.js';
import { auditCommand } from '../../src/hub/audit-command.js';
import { backupCommand } from '../../src/hub/backup-command.js';
import { Engine } from '../../src/hub/engine.js';
import { DEMO_ADMIN_ID, DEMO_SUPERVISOR_ID, startHub } from '../../src/hub/index.js';
import { createLogSink } from '../../src/hub/log-sink.js';
import { serveCommand } from '../../src/hub/serve-command.js';
import { Storage } from '../../src/hub/storage.js';
import { tokenCommand } from '../../src/hub/token-command.js';
import { MAX_FRAME_BYTES } from '../../src/protocol/index.js';
import { HubClient, upgradeStatus } from './hub-client.js';
import { recordingLog, startPartsHub } from './security-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'ccwall-ops-'));
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}
const io = () => ({ stdout: new Capture(), stderr: new Capture() });

async function until<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  ms = 5000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const DAY = 86_400_000;
const auditRow = (at: number, detail = 'x') => ({
  at,
  actorId: 'someone',
  remote: '127.0.0.1:1',
  action: 'pause',
  target: 'sales/a',
  result: 'ok',
  detail,
});

describe('refusals before a sign-in', () => {
  it('are counted, and written once per address and minute: a flood no longer fills the disk', async () => {
    const db = join(dir, 'flood.db');
    const hub = await startHub({ dbPath: db, demo: true, port: 0 });
    cleanups.push(() => hub.close());
    for (let i = 0; i < 300; i++)
      expect(await upgradeStatus(hub.url, { origin: 'https://evil.example' })).toBe(403);
    for (let i = 0; i < 20; i++)
      expect(await upgradeStatus(hub.url, { authorization: 'Bearer ccw_nope' })).toBe(401);
    const reader = Storage.open(db, { create: false });
    const rows = reader.audit(1000);
    reader.close();
    expect(rows.filter((r) => r.result === 'origin_refused')).toHaveLength(1);
    expect(rows.filter((r) => r.result === 'denied')).toHaveLength(1);
    const metrics = await (await fetch(`${hub.url.replace('ws', 'http')}/metrics`)).text();
    expect(metrics).toMatch(/^ccwall_refusals_total\{reason="origin_refused"\} 300$/m);
    expect(metrics).toMatch(/^ccwall_refusals_total\{reason="denied"\} 20$/m);
    await hub.close();
  });

  it('sums up the ones not written when their minute is over', async () => {
    let now = 1_800_000_000_000;
    const hub = await startPartsHub({ now: () => now, tokenCheckMs: 20 });
    for (let i = 0; i < 5; i++) await upgradeStatus(hub.url, { origin: 'https://evil.example' });
    now += 61_000;
    const summary = await until(
      () =>
        hub.storage.audit(100).find((r) => r.result === 'origin_refused' && /4 more refused/.test(r.detail)),
      'the summary row',
    );
    expect(summary.detail).toMatch(/^4 more refused in 61 s after: origin https:\/\/evil\.example/);
    await hub.close();
  });
});

describe('the audit log', () => {
  it('is pruned after its retention (90 days by default) by the hub itself', () => {
    const now = Date.now();
    const storage = Storage.open(':memory:');
    storage.addAudit(auditRow(now - 91 * DAY));
    storage.addAudit(auditRow(now - 89 * DAY));
    const engine = Engine.open(storage, { now: () => now, log: () => {} });
    engine.prune(now);
    expect(storage.audit(10).map((r) => r.at)).toEqual([now - 89 * DAY]);
    const shorter = Engine.open(storage, { now: () => now, log: () => {}, auditRetentionMs: 30 * DAY });
    shorter.prune(now);
    expect(storage.auditCount()).toBe(0);
    storage.close();
  });

  it('can be pruned by hand: ccwall audit prune --older-than 30d', async () => {
    const db = join(dir, 'prune.db');
    const storage = Storage.open(db);
    const now = Date.now();
    for (let i = 0; i < 12_000; i++) storage.addAudit(auditRow(now - (i < 11_000 ? 40 : 10) * DAY));
    storage.close();
    const out = io();
    expect(await auditCommand(['prune', '--db', db, '--older-than', '30d'], out, now)).toBe(0);
    expect(out.stdout.text).toMatch(/^deleted 11000 audit entries from before .+ \(1000 kept\)\n$/);
    expect(await auditCommand(['prune', '--db', db, '--older-than', 'soon'], io(), now)).toBe(2);
  });

  it('reaches the activity log in frames of at most 64 KiB, however large the page asked for', async () => {
    const hub = await startPartsHub();
    cleanups.push(() => hub.close());
    const long = 'd'.repeat(480);
    for (let i = 0; i < 1500; i++) hub.storage.addAudit(auditRow(Date.now(), `${long} ${i}`));
    const token = hub.token(DEMO_SUPERVISOR_ID);
    const raw = await HubClient.connect(hub.url, token);
    raw.send({ type: 'query', id: 'q1', query: { kind: 'audit', limit: 1000 } });
    const answer = await raw.waitFor((m) => m.type === 'query_result', 'the answer');
    expect(raw.closed).toBeUndefined();
    expect(raw.largestFrame).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    expect(answer).toMatchObject({ ok: true, more: true });
    await raw.close();
    // The wallboard's client pages on until it has what it asked for.
    const client = createClient({ url: hub.url, token, store: { intervalMs: 10 } });
    cleanups.push(() => client.close());
    client.start();
    await until(() => (client.store.getSnapshot().state ? true : undefined), 'the snapshot');
    const entries = await client.commands.queryAudit({ limit: 1000 });
    expect(entries).toHaveLength(1000);
    expect(new Set(entries.map((e) => e.id)).size).toBe(1000);
    expect(entries.every((e, i) => i === 0 || (entries[i - 1]?.id ?? 0) > e.id)).toBe(true);
  });
});

describe('connections that never send a request', () => {
  it('are closed after the headers timeout (10 s by default, like nginx)', async () => {
    const hub = await startHub({ port: 0, headersTimeoutMs: 300 });
    cleanups.push(() => hub.close());
    const port = Number(new URL(hub.url).port);
    const idle = (partial: string) =>
      new Promise<number>((resolve) => {
        const started = Date.now();
        const socket = connect(port, '127.0.0.1', () => {
          if (partial) socket.write(partial);
        });
        const giveUp = setTimeout(() => {
          socket.destroy();
          resolve(Number.POSITIVE_INFINITY);
        }, 5_000);
        socket.on('error', () => {});
        socket.on('close', () => {
          clearTimeout(giveUp);
          resolve(Date.now() - started);
        });
      });
    const [silent, halfway] = await Promise.all([idle(''), idle('GET / HTTP/1.1\r\nHost: x\r\n')]);
    expect({ silent: silent < 3_000, halfway: halfway < 3_000 }).toEqual({ silent: true, halfway: true });
  });
});

describe('the database file', () => {
  it('is created readable by its owner only, with its -wal and -shm', async () => {
    const db = join(dir, 'private.db');
    const out = io();
    const stop = new AbortController();
    const running = serveCommand(['--port', '0', '--db', db, '--demo', '--no-simulate'], {
      ...out,
      signal: stop.signal,
    });
    await until(() => (/listening/.test(out.stdout.text) ? true : undefined), 'the hub');
    expect(out.stdout.text).toMatch(/database: .*private\.db \(created now: a new, empty database\)/);
    for (const file of [db, `${db}-wal`, `${db}-shm`, `${db}.lock`])
      expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    stop.abort();
    expect(await running).toBe(0);
  });

  it('is never created by token or audit commands: a mistyped --db says there is none', async () => {
    const missing = join(dir, 'nowhere', 'typo.db');
    for (const argv of [
      ['token', 'list', '--db', missing],
      ['token', 'create', '--db', missing, '--user', DEMO_SUPERVISOR_ID],
      ['token', 'revoke', '--db', missing, '--id', 'abcdef'],
      ['audit', '--db', missing],
      ['audit', 'prune', '--db', missing],
      ['backup', '--db', missing, join(dir, 'copy.db')],
    ]) {
      const out = { ...io(), env: {} };
      expect(await main(argv, out)).toBe(1);
      expect(out.stderr.text).toMatch(/there is no database at .*typo\.db \(ccwall serve creates one\)/);
    }
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(dir, 'copy.db'))).toBe(false);
  });

  it('warns when a token file is readable by other users', async () => {
    const file = join(dir, 'token');
    writeFileSync(file, 'ccw_x\n');
    chmodSync(file, 0o644);
    const warnings: string[] = [];
    expect(readToken(file, {}, (line) => warnings.push(line))).toBe('ccw_x');
    expect(warnings).toEqual([`the token file ${file} is readable by other users: chmod 600 ${file}`]);
    chmodSync(file, 0o600);
    readToken(file, {}, (line) => warnings.push(line));
    expect(warnings).toHaveLength(1);
  });
});

describe('terminal output', () => {
  it('escapes control characters in token labels, user ids and the hub log; token create prints the id', async () => {
    const db = join(dir, 'labels.db');
    const hub = await startHub({ dbPath: db, demo: true, port: 0 });
    await hub.close();
    const create = io();
    expect(
      await tokenCommand(
        [
          'create',
          '--db',
          db,
          '--user',
          DEMO_SUPERVISOR_ID,
          '--label',
          'kiosk \u001b]52;c;cHduZWQ=\u0007 \u001b[2J',
        ],
        create,
      ),
    ).toBe(0);
    const id = /^token ([0-9a-f]{12}) for claire\.dubois/.exec(create.stderr.text)?.[1];
    expect(id).toBeDefined();
    expect(create.stderr.text).toContain(`ccwall token revoke --id ${id}`);
    const list = io();
    expect(await tokenCommand(['list', '--db', db], list)).toBe(0);
    expect(list.stdout.text.includes('\u001b')).toBe(false);
    expect(list.stdout.text).toContain('kiosk \\x1b]52;c;cHduZWQ=\\x07 \\x1b[2J');
    expect(list.stdout.text).toContain(id);
    const unknown = io();
    expect(await tokenCommand(['create', '--db', db, '--user', 'x\u001b]0;owned\u0007'], unknown)).toBe(1);
    expect(unknown.stderr.text.includes('\u001b')).toBe(false);

    const logged = new Capture();
    const sink = createLogSink(logged, 'text', 'info');
    sink.log('command \u001b[31mred\u009b1m not saved', 'error', { id: '\u001b]0;t\u0007' });
    const json = new Capture();
    createLogSink(json, 'json', 'info').log('command \u009b31m', 'warn', { id: '\u001b]0;t\u0007' });
    expect(logged.text).toMatch(/^\S+Z ERROR command \\x1b\[31mred\\x9b1m not saved\n$/);
    expect(json.text.includes('\u001b') || json.text.includes('\u009b')).toBe(false);
    expect(JSON.parse(json.text)).toMatchObject({
      level: 'warn',
      msg: 'command \\x9b31m',
      id: '\\x1b]0;t\\x07',
    });
  });
});

describe('/healthz and /metrics', () => {
  it('say how the hub is, in JSON and in the Prometheus format, without any user data', async () => {
    const logged = recordingLog();
    const hub = await startHub({ port: 0, demo: true, simulate: { seed: 3 }, log: logged.log });
    cleanups.push(() => hub.close());
    const base = hub.url.replace('ws', 'http');
    const token = hub.createToken(DEMO_SUPERVISOR_ID);
    const client = await HubClient.connect(hub.url, token);
    cleanups.push(() => client.close());
    await client.command({ type: 'monitor_stop' });
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: 'ok',
      storage: { ok: true },
      source: { kind: 'demo', up: true, since: expect.any(String), detail: '' },
      connections: 1,
    });
    const response = await fetch(`${base}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toMatch(/^ccwall_connections\{role="supervisor"\} 1$/m);
    expect(text).toMatch(/^ccwall_commands_total\{type="monitor_stop",result="not_monitoring"\} 1$/m);
    expect(text).toMatch(/^ccwall_command_duration_seconds_count\{type="monitor_stop"\} 1$/m);
    expect(text).toMatch(/^ccwall_frames_sent_total [1-9]/m);
    expect(text).toMatch(/^ccwall_received_bytes_total [1-9]/m);
    expect(text).toMatch(/^ccwall_storage_degraded 0$/m);
    expect(text).toMatch(/^ccwall_fanout_duration_seconds_bucket/m);
    expect(text).toMatch(/^ccwall_process_resident_memory_bytes /m);
    for (const secret of [token, DEMO_SUPERVISOR_ID, '127.0.0.1', 'Claire'])
      expect(text).not.toContain(secret);
    expect((await fetch(`${base}/`)).status).toBe(426);
    // Connections are logged with who, role, address and close code.
    await client.close();
    await until(
      () => logged.lines.find((l) => /claire\.dubois disconnected \(1000\)/.test(l)),
      'the close line',
    );
    expect(logged.lines.some((l) => /claire\.dubois connected \(supervisor\)/.test(l))).toBe(true);
  });

  it('move /metrics to a port of its own with --metrics-port', async () => {
    const hub = await startHub({ port: 0, metricsPort: 0 });
    cleanups.push(() => hub.close());
    expect(hub.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect((await fetch(hub.metricsUrl ?? '')).status).toBe(200);
    expect((await fetch(`${hub.url.replace('ws', 'http')}/metrics`)).status).toBe(426);
    expect((await fetch(`${hub.url.replace('ws', 'http')}/healthz`)).status).toBe(200);
  });
});

describe('ccwall serve settings', () => {
  it('come from a config file, then CCWALL_* variables, then flags', async () => {
    const config = join(dir, 'ccwall.yaml');
    writeFileSync(
      config,
      `db: ${join(dir, 'config.db')}\ndemo: true\nno-simulate: true\nport: 1\nlog-format: json\n`,
    );
    const out = io();
    const stop = new AbortController();
    const running = serveCommand(['--config', config, '--port', '0'], {
      ...out,
      signal: stop.signal,
      env: { CCWALL_LOG_FORMAT: 'text', CCWALL_PORT: '2' },
    });
    await until(
      () => (/listening on ws:\/\/127\.0\.0\.1:\d+/.test(out.stdout.text) ? true : undefined),
      'the hub',
    );
    expect(out.stdout.text).not.toMatch(/:(1|2)\n/);
    expect(out.stdout.text).toContain('config.db');
    stop.abort();
    expect(await running).toBe(0);
    writeFileSync(config, 'port: 7600\nbogus: 1\n');
    const bad = io();
    expect(await serveCommand(['--config', config], bad)).toBe(2);
    expect(bad.stderr.text).toMatch(/ccwall\.yaml:2: "bogus" is not a setting of ccwall serve/);
  });

  it('log one JSON object a line with --log-format json, and nothing twice', async () => {
    const out = io();
    const stop = new AbortController();
    const running = serveCommand(['--port', '0', '--db', ':memory:', '--log-format', 'json'], {
      ...out,
      signal: stop.signal,
    });
    await until(
      () => (/"event":"listening"/.test(out.stderr.text) ? true : undefined),
      'the listening record',
    );
    stop.abort();
    expect(await running).toBe(0);
    expect(out.stdout.text).toBe('');
    const records = out.stderr.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string });
    expect(records.map((r) => r.msg)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^hub listening on/)]),
    );
    expect(records.filter((r) => /listening/.test(r.msg))).toHaveLength(1);
  });
});

describe('ccwall backup', () => {
  it('copies the database while the hub runs; the copy opens with the same state', async () => {
    const db = join(dir, 'live.db');
    const hub = await startHub({
      dbPath: db,
      demo: true,
      port: 0,
      simulate: { eventsPerSecond: 500 },
      demoWarmUpMinutes: 0,
    });
    cleanups.push(() => hub.close());
    const copy = join(dir, 'backup.db');
    const out = io();
    expect(await backupCommand(['--db', db, copy], out)).toBe(0);
    expect(out.stdout.text).toMatch(/^backed up .*live\.db to .*backup\.db \(\d+ pages\)\n$/);
    expect((statSync(copy).mode & 0o777).toString(8)).toBe('600');
    const restored = Storage.open(copy, { create: false });
    const engine = Engine.open(restored, { now: Date.now, log: () => {} });
    expect(engine.state.users.has(DEMO_ADMIN_ID)).toBe(true);
    restored.close();
    expect(await backupCommand(['--db', db, copy], io())).toBe(1);
    expect(readFileSync(copy).subarray(0, 15).toString()).toBe('SQLite format 3');
  });
});

describe('ccwall audit --json', () => {
  it('writes C1 and bidi controls as \\u escapes: valid JSON, inert on a terminal', async () => {
    const db = join(dir, 'json.db');
    const storage = Storage.open(db);
    storage.addAudit(auditRow(Date.now(), 'csi \u009b31m bidi \u202e end'));
    storage.close();
    const out = io();
    expect(await auditCommand(['--db', db, '--json'], out)).toBe(0);
    expect(out.stdout.text).toContain('csi \\u009b31m bidi \\u202e end');
    expect(JSON.parse(out.stdout.text)).toMatchObject({ detail: 'csi \u009b31m bidi \u202e end' });
  });
});
