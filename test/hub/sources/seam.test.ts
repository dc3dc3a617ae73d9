/**
 * The sources seam, end to end over real sockets: a hub whose source is scripted by the test.
 * The hub decides (permissions, pending), the source carries out; the wallboard's ack waits for
 * the source's answer and the state changes only when the source reports it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { pairKey } from '../../../src/domain/index.js';
import { DEMO_ADMIN_ID, DEMO_SUPERVISOR_ID, type RunningHub, startHub } from '../../../src/hub/index.js';
import type { AgentSession, HubMessage, SourceInfo } from '../../../src/protocol/index.js';
import { HubClient } from '../hub-client.js';
import { ScriptedSource } from './scripted-source.js';

let hub: RunningHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

async function hubWith(source: ScriptedSource, sourceTimeoutMs = 5000) {
  hub = await startHub({ port: 0, demo: true, source, sourceTimeoutMs });
  const supervisor = await HubClient.connect(hub.url, hub.createToken(DEMO_SUPERVISOR_ID));
  return { hub, supervisor };
}

/** An available agent in sales (the demo supervisor's queue), as the hub holds it. */
function availableInSales(running: RunningHub): AgentSession {
  const session = [...running.state().sessions.values()].find(
    (s) => s.channelId === 'sales' && s.status === 'available',
  );
  if (!session) throw new Error('no available agent in sales');
  return session;
}

const sourceStatus = (m: HubMessage): m is Extract<HubMessage, { type: 'source_status' }> =>
  m.type === 'source_status';
const lastStatus = (client: HubClient): SourceInfo | undefined =>
  client.messages.filter(sourceStatus).at(-1)?.source;

describe('the sources seam', () => {
  it('acks after the source carried the command out; the change is the source’s event', async () => {
    const source = new ScriptedSource();
    const { hub, supervisor } = await hubWith(source);
    const agent = availableInSales(hub);
    const target = { channelId: agent.channelId, userId: agent.userId };
    const ack = await supervisor.command({ type: 'pause', ...target, reasonId: 'break' });
    expect(ack.ok).toBe(true);
    expect(source.requests.map((r) => [r.command.type, r.actorId, r.why])).toEqual([
      ['pause', DEMO_SUPERVISOR_ID, 'command'],
    ]);
    // Nothing changed until the system says so.
    expect(hub.state().sessions.get(pairKey(agent.channelId, agent.userId))?.status).toBe('available');
    const refused = source.sink.emit([
      { type: 'agent_paused', at: Date.now(), ...target, reasonId: 'break', by: DEMO_SUPERVISOR_ID },
    ]);
    expect(refused).toEqual([]);
    await supervisor.until(
      () => supervisor.deltas().find((d) => d.event.type === 'agent_paused'),
      'the pause as a delta',
    );
    expect(hub.state().sessions.get(pairKey(agent.channelId, agent.userId))?.status).toBe('paused');
  });

  it('shows the source’s refusal with its text, and a failure as a failure', async () => {
    const source = new ScriptedSource();
    const { hub, supervisor } = await hubWith(source);
    const target = { channelId: 'sales', userId: availableInSales(hub).userId };
    source.script = () => ({ outcome: 'refused', reason: 'Interface not found' });
    const refused = await supervisor.command({ type: 'logout', ...target });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'source_refused', message: 'the test PBX: Interface not found' },
    });
    source.script = () => ({ outcome: 'failed', reason: 'socket closed' });
    const failed = await supervisor.command({ type: 'logout', ...target });
    expect(failed).toMatchObject({ ok: false, error: { code: 'source_failed' } });
    expect(hub.state().sessions.has(pairKey(target.channelId, target.userId))).toBe(true);
  });

  it('answers source_timeout when the source says nothing in time, and a retry asks again', async () => {
    const source = new ScriptedSource();
    const { hub, supervisor } = await hubWith(source, 200);
    const target = { channelId: 'sales', userId: availableInSales(hub).userId };
    source.script = () => 'never';
    const timedOut = await supervisor.command({ type: 'logout', ...target }, 'cmd-timeout-1');
    expect(timedOut).toMatchObject({ ok: false, error: { code: 'source_timeout' } });
    source.script = () => ({ outcome: 'done' });
    const retried = await supervisor.command({ type: 'logout', ...target }, 'cmd-timeout-1');
    expect(retried.ok).toBe(true);
    expect(source.requests).toHaveLength(2);
  });

  it('refuses what the source cannot do, with the reason, without asking it', async () => {
    const source = new ScriptedSource({ queue: ['login', 'logout', 'pause', 'resume', 'monitor'] });
    const { hub } = await hubWith(source);
    expect(hub.source().capabilities.queue).not.toContain('end_wrap_up');
    const admin = await HubClient.connect(hub.url, hub.createToken(DEMO_ADMIN_ID));
    const target = { channelId: 'sales', userId: availableInSales(hub).userId };
    // Put the agent in wrap-up through the source: a call comes, is answered and ends.
    const at = Date.now();
    const interaction = {
      id: 'call-wrap',
      channelId: 'sales',
      kind: 'call' as const,
      customer: { name: 'Ann Customer', address: '+33100000000' },
      queuedAt: at,
      answeredAt: null,
      agentId: null,
      transcript: [],
    };
    expect(
      source.sink.emit([
        { type: 'interaction_queued', at, interaction },
        { type: 'interaction_answered', at, interactionId: 'call-wrap', agentId: target.userId },
        { type: 'interaction_ended', at: at + 1000, interactionId: 'call-wrap' },
      ]),
    ).toEqual([]);
    expect(hub.state().sessions.get(pairKey('sales', target.userId))?.status).toBe('wrap_up');
    const ack = await admin.command({ type: 'end_wrap_up', ...target });
    expect(ack).toMatchObject({
      ok: false,
      error: { code: 'not_supported', message: 'ending a wrap-up early is not possible on the test PBX' },
    });
    expect(source.requests).toEqual([]);
  });

  it('refuses an event that makes no sense, per event, with the reason, and applies the rest', async () => {
    const source = new ScriptedSource();
    const { hub } = await hubWith(source);
    const before = hub.state().interactions.size;
    const at = Date.now();
    const refused = source.sink.emit([
      { type: 'interaction_answered', at, interactionId: 'no-such-call', agentId: 'nobody' },
      { type: 'agent_logged_out', at, channelId: 'sales', userId: 'no.such.user', by: 'system' },
      {
        type: 'user_upserted',
        at,
        user: { id: 'intruder', name: 'Intruder', extension: '', roles: ['admin'] },
      },
      {
        type: 'interaction_queued',
        at,
        interaction: {
          id: 'call-ok',
          channelId: 'sales',
          kind: 'call',
          customer: { name: 'Bob', address: '+33100000001' },
          queuedAt: at,
          answeredAt: null,
          agentId: null,
          transcript: [],
        },
      },
    ]);
    expect(refused.map((r) => [r.index, r.reason])).toEqual([
      [0, 'no interaction no-such-call'],
      [1, 'no user no.such.user'],
      [2, "user_upserted is not a live event: the directory comes from the organisation's file"],
    ]);
    expect(hub.state().interactions.size).toBe(before + 1);
    expect(hub.state().users.has('intruder')).toBe(false);
  });

  it('while the source is down: commands refused, wallboards told; back up, a resync changes only what differs', async () => {
    const source = new ScriptedSource();
    const { hub, supervisor } = await hubWith(source);
    expect(lastStatus(supervisor)).toMatchObject({ kind: 'test', up: true });
    const target = { channelId: 'sales', userId: availableInSales(hub).userId };
    source.sink.health(false, 'connection refused');
    await supervisor.until(() => (lastStatus(supervisor)?.up === false ? true : undefined), 'source down');
    expect(lastStatus(supervisor)?.detail).toBe('connection refused');
    const ack = await supervisor.command({ type: 'pause', ...target, reasonId: 'break' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'source_unavailable' } });
    expect(source.requests).toEqual([]);

    // Back: the source sends its whole picture: one agent logged out meanwhile, the rest the same.
    const state = hub.state();
    const seqBefore = supervisor.deltas().length;
    const interactionsBefore = [...state.interactions.keys()].sort();
    const sessions = [...state.sessions.values()].filter(
      (s) => !(s.channelId === target.channelId && s.userId === target.userId),
    );
    source.sink.resync({
      sessions,
      interactions: [...state.interactions.values()],
      activeDevices: [...state.devices.values()].filter((d) => d.active).map((d) => d.id),
    });
    source.sink.health(true);
    await supervisor.until(() => (lastStatus(supervisor)?.up ? true : undefined), 'source up');
    const changes = await supervisor.until(() => {
      const fresh = supervisor.deltas().slice(seqBefore);
      return fresh.length > 0 ? fresh : undefined;
    }, 'the resync delta');
    expect(changes.map((d) => d.event.type)).toEqual(['agent_logged_out']);
    expect([...hub.state().interactions.keys()].sort()).toEqual(interactionsBefore);
  });
});
