/** Restart on the same database file: sessions, pauses, the audit log and the epoch survive; clients resume. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN_ID, DEMO_AGENT_ID, DEMO_SUPERVISOR_ID, startHub } from '../../src/hub/index.js';
import { HubClient } from './hub-client.js';

const dir = mkdtempSync(join(tmpdir(), 'ccwall-restart-'));
const dbPath = join(dir, 'hub.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('restart on the same database', () => {
  it('keeps sessions, pauses, the audit log and the epoch', async () => {
    const first = await startHub({ port: 0, dbPath, demo: true });
    const token = first.createToken(DEMO_SUPERVISOR_ID, { label: 'wall' });
    const claire = await HubClient.connect(first.url, token);
    const welcome = claire.messages.find((m) => m.type === 'welcome');
    const epoch = welcome?.type === 'welcome' ? welcome.epoch : '';
    const paused = await claire.command({
      type: 'pause',
      channelId: 'sales',
      userId: DEMO_AGENT_ID,
      reasonId: 'lunch',
    });
    expect(paused.ok).toBe(true);
    const loggedIn = await claire.command({ type: 'login', channelId: 'vip', userId: DEMO_AGENT_ID });
    expect(loggedIn.ok).toBe(true);
    const sessionsBefore = [...first.state().sessions.values()];
    await claire.waitFor((m) => m.type === 'delta' && m.seq === loggedIn.seq, 'the login delta');
    await first.close();
    expect((await claire.waitClosed()).code).toBe(1001);

    // demo: true on a database that is not empty does not seed again.
    const second = await startHub({ port: 0, dbPath, demo: true });
    try {
      expect([...second.state().sessions.values()]).toEqual(sessionsBefore);
      expect(second.state().sessions.get(`sales ${DEMO_AGENT_ID}`)).toMatchObject({
        status: 'paused',
        pauseReasonId: 'lunch',
      });
      // The same token still works, the epoch is the same, and a client at the last position resumes.
      const again = await HubClient.connect(second.url, token, { epoch, seq: loggedIn.seq });
      expect(again.messages.find((m) => m.type === 'welcome')).toMatchObject({ epoch });
      expect(again.messages.find((m) => m.type === 'resumed')).toEqual({
        type: 'resumed',
        epoch,
        seq: loggedIn.seq,
      });
      again.send({ type: 'query', id: 'audit-1', query: { kind: 'audit', limit: 50 } });
      const audit = await again.waitFor((m) => m.type === 'query_result', 'the audit log');
      expect(audit.type === 'query_result' && audit.ok).toBe(true);
      if (audit.type === 'query_result' && audit.ok) {
        const actions = audit.audit
          .filter((e) => e.actorId === DEMO_SUPERVISOR_ID)
          .map((e) => `${e.action} ${e.target} ${e.result}`);
        expect(actions).toContain(`pause sales/${DEMO_AGENT_ID} ok`);
        expect(actions).toContain(`login vip/${DEMO_AGENT_ID} ok`);
        expect(audit.audit.every((e) => !JSON.stringify(e).includes(token))).toBe(true);
      }
      await again.close();
      const admin = await HubClient.connect(second.url, second.createToken(DEMO_ADMIN_ID));
      expect(admin.snapshot().seq).toBe(loggedIn.seq);
      await admin.close();
    } finally {
      await second.close();
    }
  });
});

describe('resume after a dropped connection', () => {
  it('replays only the missed deltas in scope, chained from the resume position', async () => {
    const hub = await startHub({ port: 0, demo: true });
    try {
      const token = hub.createToken(DEMO_AGENT_ID);
      const sarah = await HubClient.connect(hub.url, token);
      const welcome = sarah.messages.find((m) => m.type === 'welcome');
      const epoch = welcome?.type === 'welcome' ? welcome.epoch : '';
      const position = sarah.snapshot().seq;
      await sarah.close();

      const claire = await HubClient.connect(hub.url, hub.createToken(DEMO_SUPERVISOR_ID));
      const pause = await claire.command({
        type: 'pause',
        channelId: 'sales',
        userId: DEMO_AGENT_ID,
        reasonId: 'break',
      });
      const other = [...hub.state().sessions.values()].find(
        (s) => s.channelId === 'support' && s.status === 'available',
      );
      const unrelated = await claire.command({
        type: 'pause',
        channelId: 'support',
        userId: other?.userId,
        reasonId: 'break',
      });
      const resume = await claire.command({ type: 'resume', channelId: 'sales', userId: DEMO_AGENT_ID });
      expect([pause.ok, unrelated.ok, resume.ok]).toEqual([true, true, true]);

      const back = await HubClient.connect(hub.url, token, { epoch, seq: position });
      await back.waitFor((m) => m.type === 'delta' && m.seq === resume.seq, 'the last missed delta');
      expect(back.messages.some((m) => m.type === 'snapshot')).toBe(false);
      expect(back.deltas().map((d) => [d.prev, d.seq])).toEqual([
        [position, pause.seq],
        [pause.seq, resume.seq],
      ]);

      // Another epoch (or a position the hub cannot replay) gets a snapshot instead.
      const stranger = await HubClient.connect(hub.url, token, { epoch: 'another-epoch', seq: 3 });
      expect(stranger.snapshot().seq).toBe(resume.seq);
      await Promise.all([claire.close(), back.close(), stranger.close()]);
    } finally {
      await hub.close();
    }
  });
});
