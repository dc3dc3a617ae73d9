/**
 * The resume history survives a restart: a wallboard that missed events while the hub was down
 * (or before its last checkpoint) resumes, within the configured history; beyond it, or on
 * another database, it gets a fresh snapshot. The epoch stays as long as the history does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT_ID, DEMO_SUPERVISOR_ID, type HubOptions, startHub } from '../../src/hub/index.js';
import type { Ack, AgentSession } from '../../src/protocol/index.js';
import { HubClient } from './hub-client.js';

const dir = mkdtempSync(join(tmpdir(), 'ccwall-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

function epochOf(client: HubClient): string {
  const welcome = client.messages.find((m) => m.type === 'welcome');
  return welcome?.type === 'welcome' ? welcome.epoch : '';
}

/** Pauses and resumes available agents (other than `except`) in the supervisor's channels: `count` events. */
async function traffic(client: HubClient, sessions: AgentSession[], count: number): Promise<Ack> {
  let last: Ack | undefined;
  for (let i = 0; i < count; i++) {
    const session = sessions[Math.floor(i / 2) % sessions.length];
    if (!session) throw new Error('no session');
    const target = { channelId: session.channelId, userId: session.userId };
    last = await client.command(
      i % 2 === 0 ? { type: 'pause', ...target, reasonId: 'break' } : { type: 'resume', ...target },
    );
    expect(last.ok).toBe(true);
  }
  if (!last) throw new Error('no traffic');
  return last;
}

async function hubAndTraffic(options: HubOptions) {
  const dbPath = join(dir, `hub-${++files}.db`);
  const hub = await startHub({ port: 0, dbPath, demo: true, simulate: false, ...options });
  const token = hub.createToken(DEMO_SUPERVISOR_ID);
  const sessions = [...hub.state().sessions.values()].filter(
    (s) => s.status === 'available' && s.userId !== DEMO_AGENT_ID && s.channelId === 'sales',
  );
  return { dbPath, hub, token, sessions };
}

describe('resume across a restart', () => {
  it('resumes a wallboard that was behind before the restart, with exactly the missed deltas', async () => {
    const { dbPath, hub, token, sessions } = await hubAndTraffic({});
    const watcher = await HubClient.connect(hub.url, token);
    const epoch = epochOf(watcher);
    const position = watcher.snapshot().seq;
    await watcher.close();
    const actor = await HubClient.connect(hub.url, token);
    const before = await traffic(actor, sessions, 6);
    await actor.close();
    // A clean stop writes a checkpoint after every event: the old hub could resume no one behind it.
    await hub.close();

    const again = await startHub({ port: 0, dbPath, demo: true, simulate: false });
    try {
      const actor2 = await HubClient.connect(again.url, token);
      const after = await traffic(actor2, sessions.slice(3), 2);
      const back = await HubClient.connect(again.url, token, { epoch, seq: position });
      expect(epochOf(back)).toBe(epoch);
      expect(back.messages.find((m) => m.type === 'resumed')).toEqual({
        type: 'resumed',
        epoch,
        seq: position,
      });
      await back.waitFor((m) => m.type === 'delta' && m.seq === after.seq, 'the last missed delta');
      const chain = back.deltas().map((d) => [d.prev, d.seq]);
      expect(chain).toEqual(Array.from({ length: 8 }, (_, i) => [position + i, position + i + 1]));
      expect(before.seq).toBe(position + 6);
      expect(back.messages.some((m) => m.type === 'snapshot')).toBe(false);
      await Promise.all([actor2.close(), back.close()]);
    } finally {
      await again.close();
    }
  });

  it('gives a snapshot beyond the history (count or age), or for a position from another database', async () => {
    let now = Date.now();
    const clock = () => now;
    const { dbPath, hub, token, sessions } = await hubAndTraffic({ historyEvents: 4, now: clock });
    const watcher = await HubClient.connect(hub.url, token);
    const epoch = epochOf(watcher);
    const start = watcher.snapshot().seq;
    await watcher.close();
    const actor = await HubClient.connect(hub.url, token);
    const last = await traffic(actor, sessions, 6);
    await actor.close();
    await hub.close();

    const again = await startHub({ port: 0, dbPath, historyEvents: 4, historyMinutes: 60, now: clock });
    try {
      // 6 events missed, 4 kept: a snapshot. 4 missed: resumed.
      const far = await HubClient.connect(again.url, token, { epoch, seq: start });
      expect(far.snapshot().seq).toBe(last.seq);
      const near = await HubClient.connect(again.url, token, { epoch, seq: last.seq - 4 });
      expect(near.messages.find((m) => m.type === 'resumed')).toMatchObject({ seq: last.seq - 4 });
      await near.waitFor((m) => m.type === 'delta' && m.seq === last.seq, 'the last delta');
      // Ahead of the hub (a position it never gave out): a snapshot, never a silent resume.
      const ahead = await HubClient.connect(again.url, token, { epoch, seq: last.seq + 10 });
      expect(ahead.snapshot().seq).toBe(last.seq);
      await Promise.all([far.close(), near.close(), ahead.close()]);
    } finally {
      await again.close();
    }

    // Two hours later, the same missed events are too old to replay.
    now += 2 * 60 * 60_000;
    const later = await startHub({ port: 0, dbPath, historyEvents: 4, historyMinutes: 60, now: clock });
    try {
      const old = await HubClient.connect(later.url, token, { epoch, seq: last.seq - 1 });
      expect(old.messages.some((m) => m.type === 'resumed')).toBe(false);
      expect(old.snapshot().seq).toBe(last.seq);
      // Still the same history, so still the same epoch; at the current position, nothing to replay.
      const current = await HubClient.connect(later.url, token, { epoch, seq: last.seq });
      expect(current.messages.find((m) => m.type === 'resumed')).toMatchObject({ epoch, seq: last.seq });
      await Promise.all([old.close(), current.close()]);
    } finally {
      await later.close();
    }

    // A database made again from scratch has another epoch: every position from before is void.
    rmSync(dbPath);
    const fresh = await startHub({ port: 0, dbPath, demo: true, simulate: false });
    try {
      const stranger = await HubClient.connect(fresh.url, fresh.createToken(DEMO_SUPERVISOR_ID), {
        epoch,
        seq: 3,
      });
      expect(epochOf(stranger)).not.toBe(epoch);
      expect(stranger.messages.some((m) => m.type === 'snapshot')).toBe(true);
      await stranger.close();
    } finally {
      await fresh.close();
    }
  });
});
