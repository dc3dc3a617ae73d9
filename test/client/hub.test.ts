/** The client against a real hub on 127.0.0.1 (port 0): no mock of the hub anywhere. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandTimeoutError, createClient, type WallboardClient } from '../../src/client/index.js';
import type { WallboardSnapshot } from '../../src/client/store.js';
import { type CenterState, managesChannel, pairKey } from '../../src/domain/index.js';
import { DEMO_AGENT_ID, DEMO_SUPERVISOR_ID, type RunningHub, startHub } from '../../src/hub/index.js';
import type { AgentSession } from '../../src/protocol/index.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function hub(options: Parameters<typeof startHub>[0] = {}): Promise<RunningHub> {
  const running = await startHub({ port: 0, demo: true, simulate: false, log: () => {}, ...options });
  cleanups.push(() => running.close());
  return running;
}

function client(url: string, token: string, commandTimeoutMs?: number): WallboardClient {
  const c = createClient({
    url,
    token,
    backoff: { initialMs: 20, maxMs: 200 },
    staleAfterMs: 100,
    store: { intervalMs: 20 },
    ...(commandTimeoutMs === undefined ? {} : { commandTimeoutMs }),
  });
  cleanups.push(() => c.close());
  c.start();
  return c;
}

/** Waits (bounded) until the store publishes a snapshot that passes `check`. */
async function until(
  c: WallboardClient,
  check: (s: WallboardSnapshot) => boolean,
  what: string,
  timeoutMs = 5000,
): Promise<WallboardSnapshot> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const snapshot = c.store.getSnapshot();
    if (check(snapshot)) return snapshot;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}: ${JSON.stringify(snapshot.connection)} ${JSON.stringify(snapshot.errors)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const live = (s: WallboardSnapshot) => s.connection.status === 'live' && s.state !== null;

/** An available, idle session in a channel the supervisor manages. */
function idleSession(state: CenterState): AgentSession {
  const supervisor = state.users.get(DEMO_SUPERVISOR_ID);
  if (!supervisor) throw new Error('no demo supervisor');
  for (const session of state.sessions.values()) {
    if (
      session.status === 'available' &&
      session.userId !== DEMO_SUPERVISOR_ID &&
      managesChannel(state, supervisor, session.channelId)
    )
      return session;
  }
  throw new Error('no idle session in the demo');
}

describe('client on a real hub', () => {
  it('connects, takes the snapshot, and sees the delta after a command it sent, with its ack', async () => {
    const h = await hub();
    const c = client(h.url, h.createToken(DEMO_SUPERVISOR_ID));
    const first = await until(c, live, 'the snapshot');
    expect(first.welcome?.user.id).toBe(DEMO_SUPERVISOR_ID);
    expect(first.welcome?.permissions.manageAgents).toBe(true);
    expect(first.state?.channels.size).toBeGreaterThan(0);
    const target = idleSession(h.state());
    const key = pairKey(target.channelId, target.userId);
    expect(first.state?.sessions.get(key)?.status).toBe('available');

    const reason = h.state().pauseReasons[0]!;
    const ack = await c.commands.send({
      type: 'pause',
      channelId: target.channelId,
      userId: target.userId,
      reasonId: reason.id,
    });
    expect(ack).toMatchObject({ type: 'ack', ok: true });
    const after = await until(c, (s) => s.state?.sessions.get(key)?.status === 'paused', 'the pause delta');
    expect(after.state?.sessions.get(key)?.pauseReasonId).toBe(reason.id);
    expect(after.pending).toEqual([]);

    // A refusal comes back as an ack with a typed error, not as a failure.
    const refused = await c.commands.send({
      type: 'pause',
      channelId: target.channelId,
      userId: target.userId,
      reasonId: reason.id,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'already_paused' } });
  });

  it('answers heartbeats and stays live and in step while the simulator runs', async () => {
    const h = await hub({ heartbeatMs: 100, simulate: true });
    const c = client(h.url, h.createToken(DEMO_SUPERVISOR_ID));
    await until(c, live, 'the snapshot');
    const start = c.connection.position?.seq ?? 0;
    await until(c, () => (c.connection.position?.seq ?? 0) > start, 'deltas from the simulator', 10_000);
    // Several heartbeat periods later: still the first connection, no resync, no problem line.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const snapshot = c.store.getSnapshot();
    expect(snapshot.connection.status).toBe('live');
    expect(snapshot.errors).toEqual([]);
    expect(c.connection.generation).toBe(1);
  });

  it('drops a link that went silent (nothing for 2.5 heartbeats) and connects again', async () => {
    const h = await hub({ heartbeatMs: 100 });
    // A TCP relay to the hub that can stop passing the hub's bytes on, the sockets left open: a
    // link gone silent (a network that drops everything), which only the client's deadline ends.
    const links: { fromHub: Socket; toClient: Socket }[] = [];
    const relay = createServer((toClient) => {
      const fromHub = createConnection(Number(new URL(h.url).port), '127.0.0.1');
      toClient.pipe(fromHub);
      fromHub.pipe(toClient);
      toClient.on('error', () => {});
      fromHub.on('error', () => {});
      links.push({ fromHub, toClient });
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      for (const { fromHub, toClient } of links) {
        fromHub.destroy();
        toClient.destroy();
      }
      return new Promise((resolve) => relay.close(resolve));
    });
    const address = relay.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const c = client(`ws://127.0.0.1:${port}`, h.createToken(DEMO_SUPERVISOR_ID));
    await until(c, live, 'the snapshot');
    // Heartbeats keep it live for several deadlines.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(c.connection.generation).toBe(1);
    const problems: unknown[] = [];
    c.connection.on('status', (info) => {
      if (info.lastError !== null) problems.push(info.lastError);
    });
    const silentAt = performance.now();
    const first = links[0]!;
    first.fromHub.unpipe(first.toClient);
    first.fromHub.pause();
    await until(c, () => c.connection.generation === 2, 'a second connection');
    // 2.5 heartbeats (250 ms) after the last frame, which came at most a heartbeat before the
    // relay stopped: not sooner than 150 ms after it, and not long after.
    const droppedAfter = performance.now() - silentAt;
    expect(droppedAfter).toBeGreaterThanOrEqual(140);
    expect(droppedAfter).toBeLessThan(2000);
    expect(problems[0]).toMatchObject({ kind: 'silent', ms: 250 });
    await until(c, (s) => live(s) && c.connection.generation === 2, 'live again');
  });

  it('reconnects after the hub goes away, resyncs, and sends a command asked for meanwhile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccwall-client-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dbPath = join(dir, 'hub.db');
    const first = await startHub({ port: 0, demo: true, simulate: false, dbPath, log: () => {} });
    const token = first.createToken(DEMO_SUPERVISOR_ID);
    const target = idleSession(first.state());
    const c = client(first.url, token);
    await until(c, live, 'the snapshot');
    await first.close();
    const down = await until(c, (s) => s.connection.status !== 'live', 'the link to drop');
    expect(down.connection.staleSince).not.toBeNull();
    await until(c, (s) => s.connection.status === 'stale', 'stale');
    // Asked for while the hub is down: waits, and goes out once the link is live again.
    const ack = c.commands.send({ type: 'logout', channelId: target.channelId, userId: target.userId });
    const second = await startHub({ port: first.port, demo: true, simulate: false, dbPath, log: () => {} });
    cleanups.push(() => second.close());
    await until(c, live, 'live again');
    expect(await ack).toMatchObject({ ok: true });
    await until(
      c,
      (s) => s.state !== null && !s.state.sessions.has(pairKey(target.channelId, target.userId)),
      'the logout delta',
    );
    expect(c.connection.generation).toBeGreaterThan(1);
  });

  it('fails a command visibly when the hub does not answer in time', async () => {
    const h = await hub();
    const c = client(h.url, h.createToken(DEMO_SUPERVISOR_ID), 300);
    await until(c, live, 'the snapshot');
    await h.close();
    await until(c, (s) => s.connection.status !== 'live', 'the link to drop');
    await expect(c.commands.send({ type: 'monitor_stop' })).rejects.toBeInstanceOf(CommandTimeoutError);
    await until(
      c,
      (s) =>
        s.errors.some(
          ({ problem }) =>
            typeof problem === 'object' && problem.kind === 'no_answer' && problem.command === 'monitor_stop',
        ),
      'the error line',
    );
  });

  it('says a refused token in words, with the fix, and tries again only slowly', async () => {
    const h = await hub();
    const attemptsAt: number[] = [];
    const c = createClient({
      url: h.url,
      token: 'not-a-token',
      backoff: { initialMs: 20, maxMs: 200 },
      refusedRetryMs: 600,
      store: { intervalMs: 20 },
    });
    cleanups.push(() => c.close());
    c.connection.on('status', (info) => {
      if (info.attempts > attemptsAt.length) attemptsAt.push(Date.now());
    });
    c.start();
    const snapshot = await until(c, (s) => s.connection.attempts >= 2, 'a second attempt', 5000);
    expect(snapshot.connection.status).toBe('connecting');
    expect(snapshot.connection.lastError).toEqual({ kind: 'token_refused' });
    expect(snapshot.state).toBeNull();
    // Not the 20-200 ms backoff: the refusal's own delay.
    expect((attemptsAt[1] ?? 0) - (attemptsAt[0] ?? 0)).toBeGreaterThanOrEqual(590);
  });

  it('queries the audit trail', async () => {
    const h = await hub();
    const c = client(h.url, h.createToken(DEMO_SUPERVISOR_ID));
    await until(c, live, 'the snapshot');
    const target = idleSession(h.state());
    await c.commands.send({ type: 'logout', channelId: target.channelId, userId: target.userId });
    const audit = await c.commands.queryAudit({ limit: 10 });
    expect(audit.length).toBeGreaterThan(0);
    expect(audit[0]).toMatchObject({ actorId: DEMO_SUPERVISOR_ID });
  });

  it('an agent sees only what the hub scopes for them', async () => {
    const h = await hub();
    const c = client(h.url, h.createToken(DEMO_AGENT_ID));
    const snapshot = await until(c, live, 'the snapshot');
    expect(snapshot.welcome?.permissions.manageAgents).toBe(false);
    for (const session of snapshot.state?.sessions.values() ?? []) expect(session.userId).toBe(DEMO_AGENT_ID);
  });
});
