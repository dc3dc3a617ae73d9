/** A command id is an idempotency key: a retry gets the same ack and changes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_ADMIN_ID,
  DEMO_AGENT_ID,
  DEMO_SUPERVISOR_ID,
  type RunningHub,
  startHub,
} from '../../src/hub/index.js';
import { HubClient } from './hub-client.js';

let hub: RunningHub;
let claire: HubClient;
beforeAll(async () => {
  hub = await startHub({ port: 0, demo: true });
  claire = await HubClient.connect(hub.url, hub.createToken(DEMO_SUPERVISOR_ID));
});
afterAll(async () => {
  await claire.close();
  await hub.close();
});

describe('idempotent commands', () => {
  it('answers a repeated id with the stored ack and applies it once', async () => {
    const pause = { type: 'pause', channelId: 'sales', userId: DEMO_AGENT_ID, reasonId: 'break' };
    const first = await claire.command(pause, 'retry-me-0001');
    expect(first.ok).toBe(true);
    const deltasAfterFirst = claire.deltas().length;
    const again = await claire.command(pause, 'retry-me-0001');
    expect(again).toEqual(first);
    // A later command's delta arrives with nothing in between: the retry applied nothing.
    const resume = await claire.command({ type: 'resume', channelId: 'sales', userId: DEMO_AGENT_ID });
    expect(resume.seq).toBe(first.seq + 1);
    await claire.waitFor((m) => m.type === 'delta' && m.seq === resume.seq, 'the resume');
    expect(claire.deltas().length).toBe(deltasAfterFirst + 1);
  });

  it('refuses the same id with different content', async () => {
    const first = await claire.command(
      { type: 'pause', channelId: 'sales', userId: DEMO_AGENT_ID, reasonId: 'break' },
      'conflict-0001',
    );
    expect(first.ok).toBe(true);
    const second = await claire.command(
      { type: 'pause', channelId: 'sales', userId: DEMO_AGENT_ID, reasonId: 'lunch' },
      'conflict-0001',
    );
    expect(second).toMatchObject({ ok: false, error: { code: 'idempotency_conflict' } });
    expect(hub.state().sessions.get(`sales ${DEMO_AGENT_ID}`)?.pauseReasonId).toBe('break');
  });

  it('refuses a second user sending the same id with the same content: an id is no way into another user’s ack', async () => {
    const marc = await HubClient.connect(hub.url, hub.createToken(DEMO_ADMIN_ID));
    try {
      const logout = { type: 'logout', channelId: 'billing', userId: DEMO_AGENT_ID };
      const first = await claire.command(logout, 'shared-0001');
      const second = await marc.command(logout, 'shared-0001');
      expect(second).toMatchObject({ ok: false, error: { code: 'idempotency_conflict' } });
      expect(second).not.toEqual(first);
    } finally {
      await marc.close();
    }
  });

  it('replays a refusal too', async () => {
    const refused = await claire.command(
      { type: 'resume', channelId: 'billing', userId: DEMO_AGENT_ID },
      'refused-0001',
    );
    expect(refused.ok).toBe(false);
    const again = await claire.command(
      { type: 'resume', channelId: 'billing', userId: DEMO_AGENT_ID },
      'refused-0001',
    );
    expect(again).toEqual(refused);
  });
});
