/**
 * Command ids stay idempotency keys across a restart (a retry after a crash gets the stored ack,
 * a reused id with other content a typed error), and are forgotten after their retry window so
 * that the table stays bounded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/hub/engine.js';
import { DEFAULT_COMMAND_ID_TTL_MS } from '../../src/hub/engine-options.js';
import { DEMO_AGENT_ID, DEMO_SUPERVISOR_ID, startHub } from '../../src/hub/index.js';
import { demoCenterEvents } from '../../src/hub/sources/demo/demo-center.js';
import { Storage } from '../../src/hub/storage.js';
import { HubClient } from './hub-client.js';

const dir = mkdtempSync(join(tmpdir(), 'ccwall-idempotency-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('idempotency across a restart', () => {
  it('answers a retried id with the stored ack and a reused id with idempotency_conflict', async () => {
    const dbPath = join(dir, 'hub.db');
    const pause = { type: 'pause', channelId: 'sales', userId: DEMO_AGENT_ID, reasonId: 'break' };
    const first = await startHub({ port: 0, dbPath, demo: true, simulate: false });
    const token = first.createToken(DEMO_SUPERVISOR_ID);
    const claire = await HubClient.connect(first.url, token);
    const ack = await claire.command(pause, 'crash-retry-0001');
    expect(ack.ok).toBe(true);
    await claire.close();
    await first.close();

    const second = await startHub({ port: 0, dbPath, simulate: false });
    try {
      const again = await HubClient.connect(second.url, token);
      const seq = again.snapshot().seq;
      expect(await again.command(pause, 'crash-retry-0001')).toEqual(ack);
      const conflict = await again.command({ ...pause, reasonId: 'lunch' }, 'crash-retry-0001');
      expect(conflict).toMatchObject({ ok: false, error: { code: 'idempotency_conflict' } });
      expect(second.state().sessions.get(`sales ${DEMO_AGENT_ID}`)).toMatchObject({
        status: 'paused',
        pauseReasonId: 'break',
      });
      // Nothing was applied: the next event is the next command's.
      const next = await again.command({ type: 'resume', channelId: 'sales', userId: DEMO_AGENT_ID });
      expect(next).toMatchObject({ ok: true, seq: seq + 1 });
      await again.close();
    } finally {
      await second.close();
    }
  });

  it('forgets command ids once their retry window is over', () => {
    let now = Date.UTC(2026, 10, 23, 9, 0, 0);
    const storage = Storage.open(':memory:');
    try {
      const engine = Engine.open(storage, { now: () => now, log: () => {} });
      engine.seed(demoCenterEvents(1, now));
      const actor = { userId: DEMO_SUPERVISOR_ID, readOnly: false, remote: 'test' };
      const pause = {
        type: 'pause' as const,
        channelId: 'sales',
        userId: DEMO_AGENT_ID,
        reasonId: 'break',
      };
      expect(engine.execute(actor, 'old-command-0001', pause).ok).toBe(true);
      now += DEFAULT_COMMAND_ID_TTL_MS / 2;
      expect(engine.execute(actor, 'new-command-0001', { ...pause, reasonId: 'lunch' }).ok).toBe(true);
      engine.prune(now);
      expect(storage.commandCount()).toBe(2);
      now += DEFAULT_COMMAND_ID_TTL_MS / 2 + 1;
      // The clock prunes on its own (at most every few minutes).
      engine.tick(now);
      expect(storage.commandCount()).toBe(1);
      expect(storage.command('old-command-0001')).toBeUndefined();
      expect(storage.command('new-command-0001')?.ack.ok).toBe(true);
    } finally {
      storage.close();
    }
  });
});
