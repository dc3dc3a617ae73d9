/** Several wallboards on one hub at once: each sees what is in its scope, acts only where allowed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT_ID, DEMO_SUPERVISOR_ID, type RunningHub, startHub } from '../../src/hub/index.js';
import type { Delta, HubMessage } from '../../src/protocol/index.js';
import { HubClient } from './hub-client.js';

/** Julien Moreau supervises billing, returns, accueil, sav-chat and renewals: not sales. */
const OTHER_SUPERVISOR_ID = 'julien.moreau';

let hub: RunningHub;
let claire: HubClient;
let julien: HubClient;
let sarah: HubClient;

beforeAll(async () => {
  hub = await startHub({ port: 0, demo: true });
  claire = await HubClient.connect(hub.url, hub.createToken(DEMO_SUPERVISOR_ID));
  julien = await HubClient.connect(hub.url, hub.createToken(OTHER_SUPERVISOR_ID));
  sarah = await HubClient.connect(hub.url, hub.createToken(DEMO_AGENT_ID));
});
afterAll(async () => {
  await Promise.all([claire.close(), julien.close(), sarah.close()]);
  await hub.close();
});

const isDelta =
  (type: string, userId: string, channelId: string) =>
  (m: HubMessage): m is Delta =>
    m.type === 'delta' &&
    m.event.type === type &&
    'userId' in m.event &&
    m.event.userId === userId &&
    'channelId' in m.event &&
    m.event.channelId === channelId;

describe('three wallboards at once', () => {
  it('gives each a welcome with its permissions and a snapshot in its scope', () => {
    for (const client of [claire, julien, sarah]) expect(client.problems).toEqual([]);
    const welcome = (c: HubClient) => c.messages.find((m) => m.type === 'welcome');
    expect(welcome(claire)).toMatchObject({
      user: { id: DEMO_SUPERVISOR_ID },
      permissions: { manageAgents: true },
    });
    expect(welcome(sarah)).toMatchObject({
      user: { id: DEMO_AGENT_ID },
      permissions: { manageAgents: false },
    });

    const channelsOf = (c: HubClient) => c.snapshot().data.channels.map((ch) => ch.id);
    expect(channelsOf(claire)).toContain('sales');
    expect(channelsOf(julien)).not.toContain('sales');
    expect(julien.snapshot().data.sessions.some((s) => s.channelId === 'sales')).toBe(false);
    expect(julien.snapshot().data.stats.some((s) => s.channelId === 'sales')).toBe(false);
    // The agent sees only her own sessions.
    const own = sarah.snapshot().data.sessions;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((s) => s.userId === DEMO_AGENT_ID)).toBe(true);
  });

  it("shows a supervisor's command to the others in scope as a delta, and not to one out of scope", async () => {
    const ack = await claire.command({
      type: 'pause',
      channelId: 'sales',
      userId: DEMO_AGENT_ID,
      reasonId: 'coaching',
    });
    expect(ack).toMatchObject({ ok: true });
    await claire.waitFor(isDelta('agent_paused', DEMO_AGENT_ID, 'sales'), 'the pause on claire');
    const seen = await sarah.waitFor(isDelta('agent_paused', DEMO_AGENT_ID, 'sales'), 'the pause on sarah');
    expect(seen.seq).toBe(ack.seq);
    // A later event in Julien's own scope: once it reaches him, the pause would have too (deltas
    // are in order), yet he never got anything about sales.
    const billing = [...hub.state().sessions.values()].find(
      (s) => s.channelId === 'billing' && s.status === 'available',
    );
    if (!billing) throw new Error('no available agent in billing');
    const marker = await julien.command({
      type: 'pause',
      channelId: 'billing',
      userId: billing.userId,
      reasonId: 'break',
    });
    expect(marker.ok).toBe(true);
    await julien.waitFor((m) => m.type === 'delta' && m.seq === marker.seq, 'the marker on julien');
    expect(marker.seq).toBeGreaterThan(ack.seq);
    expect(julien.deltas().some((d) => JSON.stringify(d.event).includes('"channelId":"sales"'))).toBe(false);
    expect((await julien.command({ type: 'resume', channelId: 'billing', userId: billing.userId })).ok).toBe(
      true,
    );
    expect((await claire.command({ type: 'resume', channelId: 'sales', userId: DEMO_AGENT_ID })).ok).toBe(
      true,
    );
  });

  it('refuses a supervisor acting on a channel out of scope', async () => {
    const ack = await julien.command({
      type: 'pause',
      channelId: 'sales',
      userId: DEMO_AGENT_ID,
      reasonId: 'break',
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(hub.state().sessions.get(`sales ${DEMO_AGENT_ID}`)?.status).toBe('available');
  });

  it('lets the agent act on herself only', async () => {
    const ack = await sarah.command({
      type: 'pause',
      channelId: 'webchat',
      userId: DEMO_AGENT_ID,
      reasonId: 'break',
    });
    expect(ack.ok).toBe(true);
    await claire.waitFor(isDelta('agent_paused', DEMO_AGENT_ID, 'webchat'), 'her pause on claire');

    const other = [...hub.state().sessions.values()].find(
      (s) => s.channelId === 'sales' && s.userId !== DEMO_AGENT_ID,
    );
    expect(other).toBeDefined();
    const refused = await sarah.command({ type: 'logout', channelId: 'sales', userId: other?.userId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const orgs = await sarah.command({ type: 'set_org_settings', agentsMayLogInToUnassigned: false });
    expect(orgs).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('chains every delta to the previous thing sent on the connection', () => {
    for (const client of [claire, julien, sarah]) {
      let position = client.snapshot().seq;
      for (const delta of client.deltas()) {
        expect(delta.prev).toBe(position);
        position = delta.seq;
      }
    }
  });

  it('lets supervisors read the audit log and refuses agents', async () => {
    claire.send({ type: 'query', id: 'q1', query: { kind: 'audit', limit: 10 } });
    const answer = await claire.waitFor((m) => m.type === 'query_result' && m.id === 'q1', 'the audit page');
    expect(answer).toMatchObject({ ok: true });
    if (answer.type === 'query_result' && answer.ok) {
      expect(answer.audit.some((e) => e.actorId === DEMO_SUPERVISOR_ID && e.action === 'pause')).toBe(true);
      expect(answer.audit.some((e) => e.actorId === OTHER_SUPERVISOR_ID && e.result === 'forbidden')).toBe(
        true,
      );
    }
    sarah.send({ type: 'query', id: 'q2', query: { kind: 'audit', limit: 10 } });
    const refused = await sarah.waitFor((m) => m.type === 'query_result' && m.id === 'q2', 'the refusal');
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
