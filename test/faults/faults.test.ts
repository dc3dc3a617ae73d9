/**
 * Fault tests on real processes and sockets (127.0.0.1): the hub killed with SIGKILL 20 times
 * under traffic and commands, a client that stops reading, the network cut while a command is in
 * flight, 200 wallboards reconnecting at once after a restart. They need `npm run build` (npm
 * test's pretest does it): the hub runs as `node bin/ccwall.js serve`. The figures are printed
 * at the end: restarts survived, commands lost, duplicates, resumes vs snapshots, peak memory.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { CommandTimeoutError } from '../../src/client/index.js';
import { type CenterState, managesChannel } from '../../src/domain/index.js';
import { DEMO_ADMIN_ID, DEMO_AGENT_ID, DEMO_SUPERVISOR_ID, startHub } from '../../src/hub/index.js';
import { Storage, type StoredAudit } from '../../src/hub/storage.js';
import type { Ack, CenterEvent, Command } from '../../src/protocol/index.js';
import { HubClient } from '../hub/hub-client.js';
import { Board, createTokens, normalised } from './board.js';
import { figures, note } from './figures.js';
import { freePort, HubProcess, mb, waitUntil } from './hub-process.js';
import { TcpProxy } from './tcp-proxy.js';

const dir = mkdtempSync(join(tmpdir(), 'ccwall-faults-'));
const cleanups: (() => unknown)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
  const lines = [
    '',
    '── fault tests: figures ─────────────────────────────────────────',
    `restarts survived (SIGKILL):      ${figures.restartsSurvived}`,
    `commands acknowledged:            ${figures.commandsAcknowledged}`,
    `commands lost:                    ${figures.commandsLost}`,
    `commands applied twice:           ${figures.duplicatesApplied}`,
    `retries answered from the store:  ${figures.retriesAnsweredFromStore}`,
    `reconnections resumed:            ${figures.resumes}`,
    `reconnections with a snapshot:    ${figures.snapshots}`,
    `peak hub memory (RSS):            ${mb(figures.peakHubRss)}`,
    ...figures.lines.map((line) => `  ${line}`),
    '─────────────────────────────────────────────────────────────────',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
});

function board(url: string, token: string, options: ConstructorParameters<typeof Board>[2] = {}): Board {
  const b = new Board(url, token, options);
  cleanups.push(() => b.close());
  return b;
}

function countReconnections(boards: readonly Board[]): { resumes: number; snapshots: number } {
  let resumes = 0;
  let snapshots = 0;
  for (const b of boards) {
    resumes += b.resumes;
    snapshots += b.snapshots;
  }
  figures.resumes += resumes;
  figures.snapshots += snapshots;
  return { resumes, snapshots };
}

/** Sessions a supervisor may pause: in channels they manage, not their own. */
function manageable(state: CenterState, supervisorId: string): { channelId: string; userId: string }[] {
  const supervisor = state.users.get(supervisorId);
  if (!supervisor) throw new Error(`no ${supervisorId}`);
  return [...state.sessions.values()]
    .filter((s) => s.userId !== supervisorId && managesChannel(state, supervisor, s.channelId))
    .map(({ channelId, userId }) => ({ channelId, userId }));
}

/** Whether `event` is the effect of a pause that `supervisorId` asked for. */
function pauseBy(event: CenterEvent, supervisorId: string): boolean {
  if (event.type === 'agent_paused') return event.by === supervisorId;
  return (
    event.type === 'pending_set' &&
    event.pending?.kind === 'pause' &&
    event.pending.requestedBy === supervisorId
  );
}

function matchesPause(event: CenterEvent | undefined, command: Command, supervisorId: string): boolean {
  if (!event || command.type !== 'pause' || !pauseBy(event, supervisorId)) return false;
  if (event.type !== 'agent_paused' && event.type !== 'pending_set') return false;
  const reasonId =
    event.type === 'agent_paused'
      ? event.reasonId
      : event.pending?.kind === 'pause'
        ? event.pending.reasonId
        : '';
  return (
    event.channelId === command.channelId && event.userId === command.userId && reasonId === command.reasonId
  );
}

function allAudit(storage: Storage): StoredAudit[] {
  const entries: StoredAudit[] = [];
  let before: number | undefined;
  for (;;) {
    const page = storage.audit(1000, before);
    entries.push(...page);
    const last = page.at(-1);
    if (!last || page.length < 1000) return entries;
    before = last.id;
  }
}

/** A board resumed over and over shows exactly what a fresh snapshot at the same position shows. */
async function expectSameAsFresh(url: string, token: string, b: Board): Promise<void> {
  const fresh = new Board(url, token);
  try {
    await waitUntil(
      () => fresh.live && b.live && fresh.seq === b.seq,
      'a fresh wallboard at the same position',
      15_000,
    );
    const [mine, theirs] = [b.state, fresh.state];
    expect(mine && normalised(mine)).toEqual(theirs && normalised(theirs));
  } finally {
    fresh.close();
  }
}

describe('faults', () => {
  it('survives 20 SIGKILLs during traffic and commands: nothing acknowledged is lost or applied twice', async () => {
    const dbPath = join(dir, 'kill.db');
    const port = await freePort();
    const url = `ws://127.0.0.1:${port}`;
    const args = ['--db', dbPath, '--port', String(port), '--demo', '--history-events', '100000'];
    let hub = await HubProcess.serve(args);
    cleanups.push(() => hub.kill());
    const users = [DEMO_SUPERVISOR_ID, DEMO_SUPERVISOR_ID, DEMO_ADMIN_ID, DEMO_AGENT_ID];
    const tokens = createTokens(dbPath, users);
    const boards = tokens.map((token) =>
      board(url, token, { backoff: { initialMs: 50, maxMs: 1_000 }, commandTimeoutMs: 60_000 }),
    );
    await waitUntil(() => boards.every((b) => b.live), 'every wallboard live', 15_000);
    const driver = boards[0];
    if (!driver?.state) throw new Error('no driver');
    const baseline = driver.seq;
    const targets = manageable(driver.state, DEMO_SUPERVISOR_ID);
    const reasons = ['break', 'lunch', 'training', 'meeting'];

    interface Issued {
      command: Command;
      ack?: Ack;
      error?: unknown;
    }
    const issued = new Map<string, Issued>();
    let acks = 0;
    let running = true;
    let next = 0;
    /** Called as a lane sends a command: half the kills happen right then, with the command in flight. */
    let onSend: (() => void) | undefined;
    // Two lanes of supervisor commands, each waiting for its ack (held while the hub is down,
    // resent with the same id once the link is live again), about 15 a second in all (the hub
    // allows 20 a second per connection).
    const lane = async () => {
      while (running) {
        const n = next++;
        const target = targets[n % targets.length];
        if (!target) throw new Error('no target');
        const command: Command = {
          type: 'pause',
          ...target,
          reasonId: reasons[n % reasons.length] ?? 'break',
        };
        const id = `kill-test-${n.toString().padStart(6, '0')}`;
        const entry: Issued = { command };
        issued.set(id, entry);
        onSend?.();
        try {
          entry.ack = await driver.client.commands.send(command, { id });
          acks += 1;
        } catch (error) {
          entry.error = error;
        }
        await new Promise((resolve) => setTimeout(resolve, 120));
      }
    };
    const lanes = [lane(), lane()];

    for (let cycle = 0; cycle < 20; cycle++) {
      const target = acks + 4 + Math.floor(Math.random() * 8);
      await waitUntil(() => acks >= target, `${target} acks`, 20_000);
      if (cycle % 2 === 0) {
        await new Promise<void>((resolve) => {
          onSend = resolve;
        });
        onSend = undefined;
        // Before the hub read it, while it commits, or after it committed and before the ack is read.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
      } else {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 100));
      }
      await hub.kill();
      figures.peakHubRss = Math.max(figures.peakHubRss, hub.peakRss);
      hub = await HubProcess.serve(args);
      await waitUntil(() => boards.every((b) => b.live), 'every wallboard live again', 20_000);
      figures.restartsSurvived += 1;
    }
    running = false;
    await Promise.all(lanes);
    for (const [i, b] of boards.entries()) await expectSameAsFresh(url, tokens[i] ?? '', b);
    const { resumes, snapshots } = countReconnections(boards);
    expect(await hub.stop()).toBe(0);
    figures.peakHubRss = Math.max(figures.peakHubRss, hub.peakRss);

    // What the database holds after all that: the judge of "lost" and "applied twice".
    const storage = Storage.open(dbPath);
    try {
      let lost = 0;
      let acknowledged = 0;
      let okAcks = 0;
      const lastEventOf = new Map<number, CenterEvent>();
      for (const { seq, event } of storage.eventsAfter(baseline)) lastEventOf.set(seq, event);
      for (const [id, entry] of issued) {
        expect(entry.error).toBeUndefined();
        const ack = entry.ack;
        if (!ack || (!ack.ok && ack.error.code === 'rate_limited')) continue;
        acknowledged += 1;
        const stored = storage.command(id);
        if (!stored || !isDeepStrictEqual(stored.ack, ack)) lost += 1;
        else if (ack.ok) {
          okAcks += 1;
          if (!matchesPause(lastEventOf.get(ack.seq), entry.command, DEMO_SUPERVISOR_ID)) lost += 1;
        }
      }
      const pausesInLog = [...lastEventOf.values()].filter((e) => pauseBy(e, DEMO_SUPERVISOR_ID)).length;
      const audit = allAudit(storage).filter((e) => e.actorId === DEMO_SUPERVISOR_ID && e.action === 'pause');
      const decided = audit.filter((e) => e.result !== 'duplicate' && e.result !== 'idempotency_conflict');
      const retried = audit.filter((e) => e.result === 'duplicate').length;
      const duplicates = pausesInLog - okAcks + Math.max(0, decided.length - acknowledged);
      figures.commandsAcknowledged += acknowledged;
      figures.commandsLost += lost;
      figures.duplicatesApplied += duplicates;
      figures.retriesAnsweredFromStore += retried;
      note(
        `SIGKILL ×20: ${acknowledged} commands acknowledged (${okAcks} applied), ${lost} lost, ${duplicates} applied twice, ` +
          `${retried} resends answered from the store; ${boards.length} wallboards: ${resumes} resumed, ${snapshots} snapshots`,
      );
      expect(lost).toBe(0);
      expect(duplicates).toBe(0);
      expect(pausesInLog).toBe(okAcks);
      expect(acknowledged).toBeGreaterThan(100);
    } finally {
      storage.close();
    }
  }, 150_000);

  it('applies a command once when the network drops while it is in flight, or is down when it is sent', async () => {
    const hub = await startHub({ port: 0, demo: true, simulate: false, heartbeatMs: 60_000 });
    cleanups.push(() => hub.close());
    const proxy = await TcpProxy.start(hub.port);
    cleanups.push(() => proxy.close());
    const token = hub.createToken(DEMO_SUPERVISOR_ID);
    const b = board(proxy.url, token, { backoff: { initialMs: 20, maxMs: 200 }, commandTimeoutMs: 1_500 });
    const observer = await HubClient.connect(hub.url, hub.createToken(DEMO_SUPERVISOR_ID));
    cleanups.push(() => observer.close());
    await waitUntil(() => b.live, 'the wallboard live');
    const state = hub.state();
    const supervisor = state.users.get(DEMO_SUPERVISOR_ID);
    const idle = [...state.sessions.values()].filter(
      (s) =>
        s.status === 'available' &&
        s.userId !== DEMO_SUPERVISOR_ID &&
        supervisor !== undefined &&
        managesChannel(state, supervisor, s.channelId),
    );
    const pauseOf = (i: number): Command => {
      const session = idle[i];
      if (!session) throw new Error('not enough idle sessions');
      return { type: 'pause', channelId: session.channelId, userId: session.userId, reasonId: 'coaching' };
    };
    const { commands } = b.client;

    // 1. The command reaches the hub; the connection dies before the ack is read.
    const lostAnswer = proxy.cutAroundNextRequest('lose-answer');
    const first = commands.send(pauseOf(0), { id: 'drop-answer-0001' });
    await lostAnswer;
    expect(await first).toMatchObject({ ok: true });

    // 2. The command is lost on the way; the connection dies.
    const lostRequest = proxy.cutAroundNextRequest('lose-request');
    const second = commands.send(pauseOf(1), { id: 'drop-request-0001' });
    await lostRequest;
    expect(await second).toMatchObject({ ok: true });

    // 3. The network is down when the command is asked for: it waits, and goes once it is back.
    proxy.refuse(true);
    proxy.cutAll();
    await waitUntil(() => !b.live, 'the link down');
    const third = commands.send(pauseOf(2), { id: 'network-down-0001' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    proxy.refuse(false);
    expect(await third).toMatchObject({ ok: true });

    // 4. The ack is lost and the network stays down past the timeout: the failure is visible,
    //    and a retry with the same id gets the stored ack.
    await waitUntil(() => b.live, 'the link live');
    const lost = proxy.cutAroundNextRequest('lose-answer');
    proxy.refuse(true);
    const fourth = commands.send(pauseOf(3), { id: 'timeout-retry-0001' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    await lost;
    const failure = await fourth;
    expect(failure).toBeInstanceOf(CommandTimeoutError);
    if (!(failure instanceof CommandTimeoutError) || !failure.command || !failure.commandId)
      throw new Error('no retry information');
    b.client.store.flush();
    expect(b.client.store.getSnapshot().errors.map((e) => e.problem)).toContainEqual({
      kind: 'no_answer',
      command: 'pause',
    });
    proxy.refuse(false);
    const retried = await commands.send(failure.command, { id: failure.commandId });
    expect(retried).toMatchObject({ ok: true });

    // 5. Never sent before the timeout (network down all along): the retry is its first run.
    proxy.refuse(true);
    proxy.cutAll();
    const fifth = await commands.send(pauseOf(4), { id: 'never-sent-0001' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(fifth).toBeInstanceOf(CommandTimeoutError);
    proxy.refuse(false);
    expect(await commands.send(pauseOf(4), { id: 'never-sent-0001' })).toMatchObject({ ok: true });

    // Each pause happened exactly once: one event each, one decision each in the audit log.
    const seen = observer.deltas().map((d) => d.event);
    for (let i = 0; i < 5; i++) {
      const command = pauseOf(i);
      expect(seen.filter((e) => matchesPause(e, command, DEMO_SUPERVISOR_ID))).toHaveLength(1);
    }
    observer.send({ type: 'query', id: 'audit-faults', query: { kind: 'audit', limit: 100 } });
    const answer = await observer.waitFor((m) => m.type === 'query_result', 'the audit log');
    const audit = answer.type === 'query_result' && answer.ok ? answer.audit : [];
    const pauses = audit.filter((e) => e.action === 'pause' && e.actorId === DEMO_SUPERVISOR_ID);
    expect(pauses.filter((e) => e.result === 'ok')).toHaveLength(5);
    const retriedFromStore = pauses.filter((e) => e.result === 'duplicate').length;
    // The lost answers (1 and 4) were answered from the store when resent.
    expect(retriedFromStore).toBe(2);
    figures.retriesAnsweredFromStore += retriedFromStore;
    figures.commandsAcknowledged += 5;
    note(
      `network drops: 5 commands (answer lost ×2, request lost, network down, never sent), each applied once`,
    );
  }, 60_000);

  it('closes a client that stops reading with 1013, keeps its memory bounded, and the client resumes', async () => {
    const big = 1_000_000;
    const sendBufferBytes = 512 * 1024;
    const hub = await HubProcess.fixture(
      {
        port: 0,
        dbPath: join(dir, 'slow.db'),
        demo: true,
        simulate: true,
        sendBufferBytes,
        limits: { commandsPerSecond: big, commandBurst: big, framesPerSecond: big, frameBurst: big },
      },
      [DEMO_SUPERVISOR_ID, DEMO_ADMIN_ID],
    );
    cleanups.push(() => hub.stop());
    const port = Number(/listening (\d+)/.exec(hub.stdout)?.[1]);
    const url = `ws://127.0.0.1:${port}`;
    const supervisorToken = hub.tokens().get(DEMO_SUPERVISOR_ID) ?? '';
    const adminToken = hub.tokens().get(DEMO_ADMIN_ID) ?? '';
    // A wallboard that stops reading for a while, and a raw client that never reads again.
    const pausing = await TcpProxy.start(port);
    cleanups.push(() => pausing.close());
    const stuck = await TcpProxy.start(port);
    cleanups.push(() => stuck.close());
    const slow = board(pausing.url, supervisorToken, { backoff: { initialMs: 50, maxMs: 500 } });
    await waitUntil(() => slow.live, 'the slow wallboard live');
    const neverReads = await HubClient.connect(stuck.url, supervisorToken);
    cleanups.push(() => neverReads.ws.terminate());
    const admin = await HubClient.connect(url, adminToken);
    cleanups.push(() => admin.close());
    const snapshotBytes = neverReads.messages
      .filter((m) => m.type === 'snapshot')
      .reduce((sum, m) => sum + JSON.stringify(m).length, 0);

    const rssBefore = currentRss(hub.pid);
    let rssDuring = rssBefore;
    pausing.pauseDownstream(true);
    stuck.pauseDownstream(true);
    // Each toggle of the org setting changes every supervisor's scope: a fresh snapshot for each
    // supervisor's wallboard (and a delta for the admin). An unbounded hub would keep them all.
    let toggles = 0;
    const toggle = async (count: number) => {
      const from = admin.messages.length;
      for (let i = 0; i < count; i++) {
        admin.send({
          type: 'command',
          id: `toggle-${(toggles++).toString().padStart(8, '0')}`,
          command: { type: 'set_org_settings', supervisorsLimitedToAssigned: toggles % 2 === 1 },
        });
      }
      await admin.until(
        () => (admin.messages.slice(from).filter((m) => m.type === 'ack').length >= count ? true : undefined),
        'the acks of the toggles',
        30_000,
      );
      admin.messages.splice(0);
      rssDuring = Math.max(rssDuring, currentRss(hub.pid));
    };
    const closedSlow = () => hub.stderr.match(/too far behind/g)?.length ?? 0;
    while (closedSlow() < 2) {
      if (toggles > 20_000) throw new Error(`no 1013 after ${toggles} toggles: ${hub.stderr.slice(-1000)}`);
      await toggle(20);
    }
    const togglesToClose = toggles;
    pausing.pauseDownstream(false);
    await waitUntil(
      () => slow.closes.includes(1013),
      'the slow wallboard to see 1013',
      15_000,
      () => JSON.stringify(slow.closes),
    );
    await waitUntil(() => slow.live, 'the slow wallboard live again', 15_000);
    await expectSameAsFresh(url, supervisorToken, slow);
    const { resumes, snapshots } = countReconnections([slow]);
    slow.close();
    // The load goes on until well over 100 MB of snapshots were meant for the client that never
    // reads: the hub's memory does not follow.
    const meant = () => toggles * snapshotBytes;
    while (meant() < 128 * 1024 * 1024) await toggle(100);
    const grown = rssDuring - rssBefore;
    expect(await hub.stop()).toBe(0);
    figures.peakHubRss = Math.max(figures.peakHubRss, hub.peakRss);
    note(
      `slow consumers: closed with 1013 after ${togglesToClose} snapshots (~${mb(togglesToClose * snapshotBytes)}; ` +
        `bound ${mb(sendBufferBytes)} + the kernel's buffers); ${mb(meant())} meant for a client that never ` +
        `reads: hub RSS ${mb(rssBefore)} → at most ${mb(rssDuring)} (+${mb(grown)}); ` +
        `the wallboard came back: ${resumes} resumed, ${snapshots} snapshot`,
    );
    expect(grown).toBeLessThan(64 * 1024 * 1024);
  }, 90_000);

  it('brings 200 wallboards back to live after a clean restart of the hub', async () => {
    const dbPath = join(dir, 'crowd.db');
    const port = await freePort();
    const url = `ws://127.0.0.1:${port}`;
    const args = ['--db', dbPath, '--port', String(port), '--demo'];
    let hub = await HubProcess.serve(args);
    cleanups.push(() => hub.kill());
    // 20 users × 10 wallboards (the hub allows 20 connections per user).
    const probe = await HubClient.connect(url, createTokens(dbPath, [DEMO_ADMIN_ID])[0] ?? '');
    const userIds = probe
      .snapshot()
      .data.users.map((u) => u.id)
      .slice(0, 20);
    await probe.close();
    const tokens = createTokens(dbPath, userIds);
    const boards = Array.from({ length: 200 }, (_, i) => board(url, tokens[i % tokens.length] ?? ''));
    await waitUntil(() => boards.every((b) => b.live), '200 wallboards live', 30_000);

    expect(await hub.stop()).toBe(0);
    figures.peakHubRss = Math.max(figures.peakHubRss, hub.peakRss);
    await waitUntil(() => boards.every((b) => b.closes.includes(1001)), 'every wallboard told 1001', 10_000);
    const restartedAt = Date.now();
    hub = await HubProcess.serve(args);
    const listeningAt = Date.now();
    await waitUntil(
      () => boards.every((b) => b.live),
      '200 wallboards live again',
      60_000,
      () => `${boards.filter((b) => b.live).length} live`,
    );
    const backAt = Date.now();
    const { resumes, snapshots } = countReconnections(boards);
    expect(resumes + snapshots).toBe(200);
    expect(await hub.stop()).toBe(0);
    figures.peakHubRss = Math.max(figures.peakHubRss, hub.peakRss);
    note(
      `200 wallboards after a clean restart (1001): all live ${((backAt - restartedAt) / 1000).toFixed(2)} s after ` +
        `the restart began, ${((backAt - listeningAt) / 1000).toFixed(2)} s after the hub listened; ` +
        `${resumes} resumed, ${snapshots} snapshots`,
    );
  }, 120_000);
});

/** The resident set of a process now, in bytes (0 where /proc is missing). */
function currentRss(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}
