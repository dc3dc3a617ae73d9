/**
 * Security of the hub (issue 7): tokens (entropy, hashing, revocation and expiry of live
 * connections, role changes, never from argv, never logged), the Origin allowlist, the limits
 * (commands, frames, connections per user and in all, failed sign-ins), scope changes that take
 * effect at once, and the audit log with `ccwall audit`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { auditCommand } from '../../src/commands/audit-command.js';
import { isLoopback, serveCommand } from '../../src/commands/serve-command.js';
import { tokenCommand } from '../../src/commands/token-command.js';
import { DEMO_ADMIN_ID, DEMO_AGENT_ID, DEMO_SUPERVISOR_ID } from '../../src/hub/index.js';
import { parseAllowedOrigins } from '../../src/hub/origin.js';
import { printable } from '../../src/hub/printable.js';
import { Storage } from '../../src/hub/storage.js';
import type { Ack, AuditEntry, QueryResult } from '../../src/protocol/index.js';
import { HubClient, upgradeStatus } from './hub-client.js';
import { recordingLog, startPartsHub } from './security-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'ccwall-security-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}
const io = () => ({ stdout: new Capture(), stderr: new Capture(), env: {} });

/** 'ok' or the error code of an ack. */
const outcome = (ack: Ack): string => (ack.ok ? 'ok' : ack.error.code);

/** The audit log as an admin's wallboard reads it (the activity log's query). */
async function auditAsAdmin(client: HubClient, limit = 1000): Promise<AuditEntry[]> {
  const id = `q-${Math.random().toString(36).slice(2)}`;
  client.send({ type: 'query', id, query: { kind: 'audit', limit } });
  const result = await client.waitFor(
    (m): m is QueryResult => m.type === 'query_result' && m.id === id,
    'the audit query',
  );
  if (!result.ok) throw new Error(`audit query refused: ${result.error.message}`);
  return result.audit;
}

describe('tokens', () => {
  it('are 256 random bits, stored only as a hash, and never in the log, the audit log or a listing', async () => {
    const logged = recordingLog();
    const db = join(dir, 'hashes.db');
    const hub = await startPartsHub({ dbPath: db, log: logged.log });
    const tokens = [hub.token(DEMO_SUPERVISOR_ID), hub.token(DEMO_SUPERVISOR_ID, { readOnly: true })];
    for (const token of tokens) expect(token).toMatch(/^ccw_[A-Za-z0-9_-]{43}$/);
    expect(new Set(tokens).size).toBe(2);
    const client = await HubClient.connect(hub.url, tokens[0] ?? '');
    await client.command({ type: 'monitor_stop' });
    expect(await upgradeStatus(hub.url, { authorization: `Bearer ${tokens[0]}x` })).toBe(401);
    await client.close();
    await hub.close();

    const listed = io();
    expect(await tokenCommand(['list', '--db', db], listed)).toBe(0);
    const audit = io();
    expect(await auditCommand(['--db', db, '--json', '--limit', '1000'], audit)).toBe(0);
    const storage = Storage.open(db);
    const stored = storage.tokens();
    storage.close();
    expect(stored.map((t) => t.hash)).toHaveLength(2);
    for (const record of stored) expect(record.hash).toMatch(/^[0-9a-f]{64}$/);
    const everything = [
      JSON.stringify(stored),
      listed.stdout.text,
      audit.stdout.text,
      logged.lines.join('\n'),
    ].join('\n');
    for (const token of tokens) {
      expect(everything).not.toContain(token);
      expect(everything).not.toContain(token.slice(4, 20));
    }
    expect(audit.stdout.text).toMatch(/"action":"authenticate","target":"hub","result":"denied"/);
  });

  it('are never accepted from the command line, and the value is not echoed', async () => {
    const out = io();
    const secret = 'ccw_NEVER-ON-THE-COMMAND-LINE-0123456789abcdefghijk';
    expect(await main(['--url', 'ws://127.0.0.1:9', '--token', secret], out)).toBe(2);
    expect(out.stderr.text).toMatch(/Unknown option '--token'/);
    expect(out.stderr.text + out.stdout.text).not.toContain(secret);
    const create = io();
    expect(await tokenCommand(['create', '--db', join(dir, 'argv.db'), '--token', secret], create)).toBe(2);
    expect(create.stderr.text).not.toContain(secret);
  });

  it('closes live connections with 1008 within seconds of `ccwall token revoke` on the same database', async () => {
    const db = join(dir, 'revoke.db');
    const hub = await startPartsHub({ dbPath: db });
    const token = hub.token(DEMO_SUPERVISOR_ID);
    const other = hub.token(DEMO_SUPERVISOR_ID);
    const wall1 = await HubClient.connect(hub.url, token);
    const wall2 = await HubClient.connect(hub.url, token);
    const bystander = await HubClient.connect(hub.url, other);
    const listed = io();
    await tokenCommand(['list', '--db', db], listed);
    const id = hub.tokens.verify(token, Date.now());
    if (!id.ok) throw new Error('the token should be valid');
    expect(listed.stdout.text).toContain(id.id);

    // `ccwall token revoke` opens the database on its own connection, as another process does.
    expect(await tokenCommand(['revoke', '--db', db, '--id', id.id], io())).toBe(0);
    for (const wall of [wall1, wall2]) {
      expect(await wall.waitClosed(5000)).toEqual({ code: 1008, reason: 'token revoked' });
    }
    expect(await upgradeStatus(hub.url, { authorization: `Bearer ${token}` })).toBe(401);
    // Another token of the same user is untouched.
    expect(bystander.closed).toBeUndefined();
    expect(outcome(await bystander.command({ type: 'monitor_stop' }))).toBe('not_monitoring');
    const rows = hub.storage.audit(100).filter((e) => e.action === 'session');
    expect(rows).toHaveLength(2);
    for (const row of rows)
      expect(row).toMatchObject({
        actorId: DEMO_SUPERVISOR_ID,
        result: 'closed',
        detail: expect.stringContaining('revoked'),
      });
    await bystander.close();
    await hub.close();
  });

  it('notices a revocation written by another process', async () => {
    const db = join(dir, 'revoke-process.db');
    const hub = await startPartsHub({ dbPath: db });
    const token = hub.token(DEMO_AGENT_ID);
    const wall = await HubClient.connect(hub.url, token);
    const check = hub.tokens.verify(token, Date.now());
    if (!check.ok) throw new Error('the token should be valid');
    // A separate Node process (the same Node as the tests) marks the token revoked in SQLite.
    const script = `const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1], { timeout: 5000 });
const r = db.prepare('UPDATE tokens SET revoked = ? WHERE hash = ?').run(Date.now(), process.argv[2]);
if (Number(r.changes) !== 1) process.exit(3);`;
    await new Promise<void>((resolve, reject) => {
      execFile(process.execPath, ['-e', script, db, check.hash], (error) =>
        error ? reject(error) : resolve(),
      );
    });
    expect(await wall.waitClosed(5000)).toEqual({ code: 1008, reason: 'token revoked' });
    await hub.close();
  });

  it('closes the connections of a token that expires while they are open', async () => {
    let clock = Date.now();
    const hub = await startPartsHub({ now: () => clock, tokenCheckMs: 50 });
    const wall = await HubClient.connect(
      hub.url,
      hub.token(DEMO_SUPERVISOR_ID, { expiresAt: clock + 60_000 }),
    );
    clock += 61_000;
    expect(await wall.waitClosed(5000)).toEqual({ code: 1008, reason: 'token expired' });
    await hub.close();
  });

  it('are listed with their flags: read-only, revoked, expired', async () => {
    const db = join(dir, 'flags.db');
    const hub = await startPartsHub({ dbPath: db });
    hub.token(DEMO_SUPERVISOR_ID, { readOnly: true });
    hub.token(DEMO_AGENT_ID, { expiresAt: Date.now() - 1000 });
    const revoked = hub.tokens.verify(hub.token(DEMO_ADMIN_ID), Date.now());
    if (!revoked.ok) throw new Error('the token should be valid');
    hub.tokens.revoke(revoked.id, Date.now());
    await hub.close();
    const listed = io();
    expect(await tokenCommand(['list', '--db', db], listed)).toBe(0);
    expect(listed.stdout.text).toMatch(/claire\.dubois\s.*\sread-only/);
    expect(listed.stdout.text).toMatch(/sarah\.thompson\s.*\sexpired/);
    expect(listed.stdout.text).toMatch(/marc\.lefevre\s.*\srevoked/);
  });

  it("closes a user's connections with 1008 when their roles change", async () => {
    const hub = await startPartsHub();
    const claire = hub.engine.state.users.get(DEMO_SUPERVISOR_ID);
    if (!claire) throw new Error('no Claire');
    const walls = [
      await HubClient.connect(hub.url, hub.token(DEMO_SUPERVISOR_ID)),
      await HubClient.connect(hub.url, hub.token(DEMO_SUPERVISOR_ID, { readOnly: true })),
    ];
    const bystander = await HubClient.connect(hub.url, hub.token(DEMO_ADMIN_ID));
    hub.system([{ type: 'user_upserted', at: Date.now(), user: { ...claire, roles: ['agent'] } }]);
    for (const wall of walls) {
      expect(await wall.waitClosed(5000)).toEqual({ code: 1008, reason: 'roles changed' });
      expect(wall.messages).toContainEqual(
        expect.objectContaining({ type: 'error', error: expect.objectContaining({ code: 'unauthorized' }) }),
      );
    }
    expect(bystander.closed).toBeUndefined();
    await bystander.close();
    await hub.close();
  });
});

describe('scope changes reach connected wallboards at once', () => {
  it('takes a queue out of the snapshot of a supervisor unassigned from it', async () => {
    const hub = await startPartsHub();
    const claire = await HubClient.connect(hub.url, hub.token(DEMO_SUPERVISOR_ID));
    expect(claire.snapshot().data.channels.map((c) => c.id)).toContain('sales');
    const snapshots = claire.messages.filter((m) => m.type === 'snapshot').length;
    hub.system([
      {
        type: 'assignment_set',
        at: Date.now(),
        assignment: { userId: DEMO_SUPERVISOR_ID, channelId: 'sales', asAgent: false, asSupervisor: false },
      },
    ]);
    await claire.until(
      () => (claire.messages.filter((m) => m.type === 'snapshot').length > snapshots ? true : undefined),
      'a fresh snapshot',
    );
    const { seq, data } = claire.snapshot();
    expect(seq).toBe(hub.engine.seq);
    expect(data.channels.map((c) => c.id)).not.toContain('sales');
    expect(data.sessions.some((s) => s.channelId === 'sales')).toBe(false);
    // And she may no longer act there.
    const ack = await claire.command({
      type: 'pause',
      channelId: 'sales',
      userId: DEMO_AGENT_ID,
      reasonId: 'break',
    });
    expect(outcome(ack)).toBe('forbidden');
    await claire.close();
    await hub.close();
  });
});

describe('the Origin allowlist', () => {
  it('refuses any browser Origin when no origin is allowed; a terminal client sends none', async () => {
    const hub = await startPartsHub();
    const token = hub.token(DEMO_SUPERVISOR_ID);
    const auth = { authorization: `Bearer ${token}` };
    expect(await upgradeStatus(hub.url, auth)).toBeUndefined();
    expect(await upgradeStatus(hub.url, { ...auth, origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(hub.url, { ...auth, origin: 'null' })).toBe(403);
    expect(await upgradeStatus(hub.url, { ...auth, 'sec-websocket-origin': 'https://evil.example' })).toBe(
      403,
    );
    const rows = hub.storage.audit(100).filter((e) => e.result === 'origin_refused');
    expect(rows.map((r) => r.detail)).toContain('origin https://evil.example (no origin is allowed)');
    expect(JSON.stringify(rows)).not.toContain(token);
    await hub.close();
  });

  it('lets the allowed origins in, and only them', async () => {
    const allowOrigins = parseAllowedOrigins([
      'https://wall.example.com',
      'http://localhost:8080,HTTPS://Ops.Example:443',
    ]);
    expect(allowOrigins).toEqual([
      'https://wall.example.com',
      'http://localhost:8080',
      'https://ops.example',
    ]);
    expect(() => parseAllowedOrigins(['https://wall.example.com/path'])).toThrow(/not an origin/);
    expect(() => parseAllowedOrigins(['*'])).toThrow(/not an origin/);
    const hub = await startPartsHub({ allowOrigins });
    const auth = { authorization: `Bearer ${hub.token(DEMO_SUPERVISOR_ID)}` };
    expect(await upgradeStatus(hub.url, { ...auth, origin: 'https://wall.example.com' })).toBeUndefined();
    expect(await upgradeStatus(hub.url, { ...auth, origin: 'https://ops.example' })).toBeUndefined();
    expect(await upgradeStatus(hub.url, { ...auth, origin: 'http://localhost:8081' })).toBe(403);
    expect(await upgradeStatus(hub.url, { ...auth, origin: 'https://wall.example.com.evil.example' })).toBe(
      403,
    );
    expect(await upgradeStatus(hub.url, auth)).toBeUndefined();
    // The origin is checked before the token: no token, wrong origin → 403 all the same.
    expect(await upgradeStatus(hub.url, { origin: 'https://evil.example' })).toBe(403);
    await hub.close();
  });

  it('is set by `ccwall serve --allow-origin`, and a bad one is a usage error', async () => {
    const bad = io();
    expect(await serveCommand(['--allow-origin', 'wall.example.com'], bad)).toBe(2);
    expect(bad.stderr.text).toMatch(/--allow-origin: "wall.example.com" is not an origin/);
    const out = io();
    const stop = new AbortController();
    const running = serveCommand(
      [
        '--port',
        '0',
        '--db',
        ':memory:',
        '--demo',
        '--no-simulate',
        '--allow-origin',
        'https://a.example,https://b.example',
      ],
      { ...out, signal: stop.signal },
    );
    const url = await until(() => out.stdout.text.match(/listening on (ws:\/\/\S+)\n/)?.[1], 'the hub');
    expect(await upgradeStatus(url, { origin: 'https://b.example' })).toBe(401);
    expect(await upgradeStatus(url, { origin: 'https://c.example' })).toBe(403);
    stop.abort();
    expect(await running).toBe(0);
    expect(out.stderr.text).not.toMatch(/warning/);
  });
});

describe('limits', () => {
  it('answers commands and queries beyond the rate limit with rate_limited, and audits the burst once', async () => {
    const hub = await startPartsHub({ limits: { commandsPerSecond: 0.001, commandBurst: 5 } });
    const admin = await HubClient.connect(hub.url, hub.token(DEMO_ADMIN_ID));
    const ids = Array.from({ length: 12 }, (_, i) => `flood-cmd-${i}`);
    for (const id of ids) admin.send({ type: 'command', id, command: { type: 'monitor_stop' } });
    const acks = await admin.until(() => {
      const found = admin.messages.filter((m): m is Ack => m.type === 'ack');
      return found.length === ids.length ? found : undefined;
    }, 'twelve acks');
    expect(acks.map(outcome)).toEqual([...Array(5).fill('not_monitoring'), ...Array(7).fill('rate_limited')]);
    admin.send({ type: 'query', id: 'q-limited', query: { kind: 'audit', limit: 10 } });
    const limited = await admin.waitFor(
      (m): m is QueryResult => m.type === 'query_result' && m.id === 'q-limited',
      'the query result',
    );
    expect(limited).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(admin.closed).toBeUndefined();
    const rows = hub.storage.audit(100);
    expect(rows.filter((e) => e.action === 'rate_limit')).toHaveLength(1);
    expect(rows.filter((e) => e.action === 'monitor_stop')).toHaveLength(5);
    await admin.close();
    await hub.close();
  });

  it('closes with 1008 a connection that floods frames', async () => {
    const hub = await startPartsHub({ limits: { framesPerSecond: 0.001, frameBurst: 10 } });
    const client = await HubClient.connect(hub.url, hub.token(DEMO_SUPERVISOR_ID));
    for (let i = 0; i < 20; i++) client.send({ type: 'heartbeat', seq: 0 });
    expect(await client.waitClosed()).toEqual({ code: 1008, reason: 'too many frames' });
    expect(hub.storage.audit(100).filter((e) => e.result === 'too_many_frames')).toHaveLength(1);
    await hub.close();
  });

  it('audits the connections it closes for a breach: oversized frame, invalid UTF-8, garbage, no hello', async () => {
    const hub = await startPartsHub({ helloTimeoutMs: 300 });
    const token = hub.token(DEMO_SUPERVISOR_ID);
    const big = await HubClient.connect(hub.url, token);
    big.send('x'.repeat(70 * 1024));
    expect((await big.waitClosed()).code).toBe(1009);
    const utf8 = await HubClient.connect(hub.url, token);
    utf8.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect((await utf8.waitClosed()).code).toBe(1007);
    const garbage = await HubClient.connect(hub.url, token);
    for (let i = 0; i < 20; i++) garbage.send('{not json');
    expect((await garbage.waitClosed()).code).toBe(1002);
    const silent = await HubClient.open(hub.url, token);
    expect((await silent.waitClosed()).code).toBe(4001);
    const rows = await until(() => {
      const found = hub.storage.audit(100).filter((e) => e.actorId === DEMO_SUPERVISOR_ID);
      return found.some((e) => e.result === 'hello_timeout') ? found : undefined;
    }, 'the audit rows');
    const results = rows.map((e) => `${e.action}:${e.result}`);
    for (const expected of [
      'limit:frame_too_large',
      'limit:invalid_utf8',
      'limit:bad_frames',
      'session:hello_timeout',
    ])
      expect(results).toContain(expected);
    expect(rows.find((e) => e.result === 'bad_frames')?.detail).toMatch(/closed 1002/);
    await hub.close();
  });

  it('refuses a user more connections than allowed (429), and everyone beyond the total (503)', async () => {
    const hub = await startPartsHub({ limits: { maxConnectionsPerUser: 2, maxConnections: 3 } });
    const claire = hub.token(DEMO_SUPERVISOR_ID);
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });
    const held = [await HubClient.open(hub.url, claire), await HubClient.open(hub.url, claire)];
    expect(await upgradeStatus(hub.url, auth(claire))).toBe(429);
    // Per user, not per token.
    expect(await upgradeStatus(hub.url, auth(hub.token(DEMO_SUPERVISOR_ID)))).toBe(429);
    held.push(await HubClient.open(hub.url, hub.token(DEMO_AGENT_ID)));
    expect(await upgradeStatus(hub.url, auth(hub.token(DEMO_ADMIN_ID)))).toBe(503);
    // One row per user (and one for the hub's total) a minute, not one per refusal.
    const rows = hub.storage.audit(100).filter((e) => e.result === 'too_many_connections');
    expect(rows.map((r) => r.actorId)).toEqual([DEMO_ADMIN_ID, DEMO_SUPERVISOR_ID]);
    // A closed connection frees its place.
    await held[0]?.close();
    await held[2]?.close();
    const back = await until(async () => {
      const client = await HubClient.open(hub.url, claire).catch(() => undefined);
      return client;
    }, 'a free place');
    await back.close();
    await held[1]?.close();
    await hub.close();
  });

  it('slows down an address that keeps failing to sign in (429 for a minute, audited once a minute)', async () => {
    const logged = recordingLog();
    const hub = await startPartsHub({ limits: { authFailuresPerMinute: 3 }, log: logged.log });
    for (let i = 0; i < 3; i++)
      expect(await upgradeStatus(hub.url, { authorization: `Bearer ccw_guess-${i}` })).toBe(401);
    const good = hub.token(DEMO_SUPERVISOR_ID);
    expect(await upgradeStatus(hub.url, { authorization: `Bearer ${good}` })).toBe(429);
    expect(await upgradeStatus(hub.url, { authorization: 'Bearer ccw_guess-4' })).toBe(429);
    const rows = hub.storage.audit(100);
    expect(rows.filter((e) => e.result === 'auth_throttled')).toHaveLength(1);
    // The first failed sign-in of the minute is written; the next ones are summed up later.
    expect(rows.filter((e) => e.action === 'authenticate' && e.result === 'denied')).toHaveLength(1);
    for (const row of rows) expect(row.remote).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(JSON.stringify(rows) + logged.lines.join('\n')).not.toMatch(/ccw_guess|ccw_[A-Za-z0-9_-]{43}/);
    await hub.close();
  });
});

describe('the audit log', () => {
  it('records commands allowed and denied, sign-ins, failures and limit hits, and the wallboard reads it', async () => {
    const hub = await startPartsHub({ limits: { commandsPerSecond: 0.001, commandBurst: 3 } });
    expect(await upgradeStatus(hub.url, { authorization: 'Bearer ccw_wrong' })).toBe(401);
    const admin = await HubClient.connect(hub.url, hub.token(DEMO_ADMIN_ID));
    const ok = await admin.command({
      type: 'pause',
      channelId: 'sales',
      userId: DEMO_AGENT_ID,
      reasonId: 'break',
    });
    expect(ok.ok).toBe(true);
    const denied = await admin.command({ type: 'monitor_stop' });
    expect(denied.ok).toBe(false);
    await admin.command({ type: 'monitor_stop' });
    expect(outcome(await admin.command({ type: 'monitor_stop' }))).toBe('rate_limited');
    const reader = await HubClient.connect(hub.url, hub.token(DEMO_SUPERVISOR_ID));
    const entries = await auditAsAdmin(reader);
    const summary = entries.map((e) => `${e.actorId} ${e.action} ${e.result}`);
    expect(summary).toEqual(
      expect.arrayContaining([
        '- authenticate denied',
        `${DEMO_ADMIN_ID} authenticate ok`,
        `${DEMO_ADMIN_ID} pause ok`,
        `${DEMO_ADMIN_ID} monitor_stop not_monitoring`,
        `${DEMO_ADMIN_ID} rate_limit rate_limited`,
      ]),
    );
    for (const entry of entries) {
      expect(entry.remote).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(entry.at).toBeGreaterThan(0);
    }
    await Promise.all([admin.close(), reader.close()]);
    await hub.close();
  });

  it('is printed by `ccwall audit`, with --since, --limit and --json, control characters escaped', async () => {
    const db = join(dir, 'audit.db');
    const hub = await startPartsHub({ dbPath: db });
    const admin = await HubClient.connect(hub.url, hub.token(DEMO_ADMIN_ID));
    // A command id is the client's choice: an escape sequence in it must not reach a terminal.
    const evil = '\u001b[2J\u001b]0;pwned\u0007-id';
    await admin.command({ type: 'monitor_stop' }, evil);
    await admin.command({ type: 'monitor_stop' }, evil);
    await admin.close();
    hub.storage.addAudit({
      at: Date.now() - 3 * 3600_000,
      actorId: 'old',
      remote: '-',
      action: 'ancient',
      target: 'hub',
      result: 'ok',
      detail: '',
    });
    await hub.close();

    const all = io();
    expect(await auditCommand(['--db', db], all)).toBe(0);
    const lines = all.stdout.text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+ACTOR\s+REMOTE\s+ACTION\s+TARGET\s+RESULT\s+DETAIL$/);
    expect(all.stdout.text).toMatch(
      /marc\.lefevre\s+127\.0\.0\.1:\d+\s+monitor_stop\s+own monitor\s+duplicate/,
    );
    expect(all.stdout.text).not.toContain('\u001b');
    expect(all.stdout.text).toContain('\\x1b[2J\\x1b]0;pwned\\x07-id');
    expect(all.stdout.text).toContain('ancient');

    const recent = io();
    expect(await auditCommand(['--db', db, '--since', '1h'], recent)).toBe(0);
    expect(recent.stdout.text).not.toContain('ancient');
    const iso = io();
    expect(
      await auditCommand(['--db', db, '--since', new Date(Date.now() - 3600_000).toISOString()], iso),
    ).toBe(0);
    expect(iso.stdout.text).toBe(recent.stdout.text);

    const json = io();
    expect(await auditCommand(['--db', db, '--json', '--limit', '2'], json)).toBe(0);
    const rows = json.stdout.text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditEntry);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.id).toBeLessThan(rows[1]?.id ?? 0);

    expect(await auditCommand(['--db', db, '--since', 'yesterday'], io())).toBe(2);
    expect(await auditCommand(['--db', db, '--limit', '0'], io())).toBe(2);
    const missing = io();
    expect(await auditCommand(['--db', join(dir, 'none.db')], missing)).toBe(1);
    expect(missing.stderr.text).toMatch(/no database at/);
    const viaCli = io();
    expect(await main(['audit', '--db', db, '--limit', '1'], viaCli)).toBe(0);
    expect(viaCli.stdout.text.split('\n')).toHaveLength(3);
    expect(printable('a\u202eb\u0000')).toBe('a\\u{202e}b\\x00');
  });
});

describe('ccwall serve without TLS', () => {
  it('warns when it listens beyond loopback, not on loopback', async () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('127.8.0.1')).toBe(true);
    expect(isLoopback('localhost')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('[::1]')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(isLoopback('::')).toBe(false);
    expect(isLoopback('10.0.0.5')).toBe(false);
    expect(isLoopback('127.evil.example')).toBe(false);
    const out = io();
    const stop = new AbortController();
    const running = serveCommand(['--host', '0.0.0.0', '--port', '0', '--db', ':memory:', '--no-simulate'], {
      ...out,
      signal: stop.signal,
    });
    await until(() => out.stdout.text.match(/listening on/)?.[0], 'the hub');
    stop.abort();
    expect(await running).toBe(0);
    expect(out.stderr.text).toMatch(/warning: listening on 0\.0\.0\.0 without TLS/);
  });

  it('wants --tls-cert and --tls-key together', async () => {
    const out = io();
    expect(await serveCommand(['--tls-cert', 'x.pem'], out)).toBe(2);
    expect(out.stderr.text).toMatch(/--tls-cert and --tls-key go together/);
  });
});

/** Polls `probe` until it gives a value (bounded: fails after `timeoutMs`). */
async function until<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
