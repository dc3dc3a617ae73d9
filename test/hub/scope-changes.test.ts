/** When an event changes what a connected user may see, that wallboard gets a fresh snapshot. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN_ID, DEMO_AGENT_ID, type RunningHub, startHub } from '../../src/hub/index.js';
import { HubClient } from './hub-client.js';

const JULIEN = 'julien.moreau';
let hub: RunningHub;
let admin: HubClient;
let julien: HubClient;
let sarah: HubClient;

beforeAll(async () => {
  hub = await startHub({ port: 0, demo: true });
  admin = await HubClient.connect(hub.url, hub.createToken(DEMO_ADMIN_ID));
  julien = await HubClient.connect(hub.url, hub.createToken(JULIEN));
  sarah = await HubClient.connect(hub.url, hub.createToken(DEMO_AGENT_ID));
});
afterAll(async () => {
  await Promise.all([admin.close(), julien.close(), sarah.close()]);
  await hub.close();
});

const snapshots = (c: HubClient) => c.messages.filter((m) => m.type === 'snapshot').length;

describe('scope changes', () => {
  it('gives a supervisor every channel when the org limit is turned off, and takes them back', async () => {
    expect(julien.snapshot().data.channels.map((c) => c.id)).not.toContain('sales');
    const before = snapshots(julien);
    const off = await admin.command({ type: 'set_org_settings', supervisorsLimitedToAssigned: false });
    expect(off.ok).toBe(true);
    await julien.until(() => (snapshots(julien) > before ? true : undefined), 'a fresh snapshot');
    const { seq, data } = julien.snapshot();
    expect(seq).toBe(off.seq);
    expect(data.channels.map((c) => c.id)).toContain('sales');
    expect(data.sessions.some((s) => s.channelId === 'sales')).toBe(true);

    // Now in scope: Julien may act in sales, and gets its deltas chained from the snapshot.
    const pause = await julien.command({
      type: 'pause',
      channelId: 'sales',
      userId: DEMO_AGENT_ID,
      reasonId: 'break',
    });
    expect(pause.ok).toBe(true);
    const delta = await julien.waitFor((m) => m.type === 'delta' && m.seq === pause.seq, 'the pause');
    expect(delta).toMatchObject({ prev: off.seq });

    const on = await admin.command({ type: 'set_org_settings', supervisorsLimitedToAssigned: true });
    await julien.until(() => (julien.snapshot().seq === on.seq ? true : undefined), 'the narrower snapshot');
    expect(julien.snapshot().data.channels.map((c) => c.id)).not.toContain('sales');
  });

  it('sends an agent her new session as a delta, and a snapshot when unassigned channels close to her', async () => {
    const login = await admin.command({ type: 'login', channelId: 'billing', userId: DEMO_AGENT_ID });
    expect(login.ok).toBe(true);
    // Every channel was already visible to her (unassigned logins are allowed): a delta is enough.
    await sarah.waitFor(
      (m) => m.type === 'delta' && m.seq === login.seq && m.event.type === 'agent_logged_in',
      'her session',
    );
    expect(sarah.snapshot().data.channels.map((c) => c.id)).toContain('vip');

    const closed = await admin.command({ type: 'set_org_settings', agentsMayLogInToUnassigned: false });
    await sarah.until(
      () => (sarah.snapshot().seq === closed.seq ? true : undefined),
      'her narrower snapshot',
    );
    const channels = sarah
      .snapshot()
      .data.channels.map((c) => c.id)
      .sort();
    expect(channels).toEqual(['billing', 'sales', 'webchat']);
  });
});
