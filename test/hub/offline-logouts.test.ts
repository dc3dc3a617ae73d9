/**
 * `ccwall center apply` with no hub running logs agents out of the hub's database; the telephony
 * system still has them. The hub that next starts on that database asks its source to log them
 * out there too, once the source is up, and forgets each only when the source settled it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { centerCommand } from '../../src/commands/center-command.js';
import { type RunningHub, startHub } from '../../src/hub/index.js';
import { OFFLINE_LOGOUTS_META } from '../../src/hub/offline-logouts.js';
import { Storage } from '../../src/hub/storage.js';
import { io } from '../commands/captured-io.js';
import { ScriptedSource } from './sources/scripted-source.js';

const dir = mkdtempSync(join(tmpdir(), 'ccwall-offline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let hub: RunningHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

const EXAMPLE = new URL('../../docs/examples/center.yaml', import.meta.url).pathname;
/** The example center without Sarah Thompson (her block of the file left out). */
function withoutSarah(): string {
  const lines = readFileSync(EXAMPLE, 'utf8').split('\n');
  const start = lines.findIndex((l) => l.includes('- id: sarah.thompson'));
  let end = start + 1;
  while (end < lines.length && !/^ {2}- id: /.test(lines[end] ?? '') && /^\s/.test(lines[end] ?? '')) end++;
  const path = join(dir, 'without-sarah.yaml');
  writeFileSync(path, [...lines.slice(0, start), ...lines.slice(end)].join('\n'));
  return path;
}

/** A database of the example center where the telephony system logged Sarah in to sales-uk. */
async function centerWithSarahLoggedIn(name: string): Promise<string> {
  const db = join(dir, name);
  expect(await centerCommand(['apply', EXAMPLE, '--db', db], io())).toBe(0);
  const source = new ScriptedSource();
  hub = await startHub({ port: 0, dbPath: db, source });
  const at = Date.now();
  const refused = source.sink.emit([
    {
      type: 'agent_logged_in',
      at,
      session: {
        channelId: 'sales-uk',
        userId: 'sarah.thompson',
        status: 'available',
        since: at,
        pauseReasonId: null,
        wrapUpEndsAt: null,
        pending: null,
        interactionId: null,
        loggedInBy: 'sarah.thompson',
        loggedInAt: at,
        assigned: true,
        allowed: true,
      },
    },
  ]);
  expect(refused).toEqual([]);
  await hub.close();
  hub = undefined;
  return db;
}

const kept = (db: string) => {
  const storage = Storage.open(db);
  try {
    return storage.meta(OFFLINE_LOGOUTS_META);
  } finally {
    storage.close();
  }
};

describe('logouts made while no hub ran', () => {
  it('are told to the telephony system by the next hub, once, as the system', async () => {
    const db = await centerWithSarahLoggedIn('told.db');
    const out = io();
    expect(await centerCommand(['apply', withoutSarah(), '--db', db], out)).toBe(0);
    expect(out.stdout.text).toContain(
      `1 session(s) logged out here: the telephony system is told when a hub next starts on ${db}`,
    );
    expect(kept(db)).toBeDefined();

    const source = new ScriptedSource();
    const lines: string[] = [];
    hub = await startHub({ port: 0, dbPath: db, source, log: (line) => lines.push(line) });
    await expect.poll(() => source.requests.length).toBe(1);
    expect(source.requests[0]).toMatchObject({
      command: { type: 'logout', channelId: 'sales-uk', userId: 'sarah.thompson' },
      actorId: 'system',
    });
    await expect
      .poll(() => lines.some((l) => l.includes('told of 1 logout(s) made while no hub ran')))
      .toBe(true);
    await hub.close();
    hub = undefined;
    expect(kept(db)).toBeUndefined();

    // The next start has nothing left to tell.
    const again = new ScriptedSource();
    hub = await startHub({ port: 0, dbPath: db, source: again });
    expect(again.requests).toEqual([]);
  });

  it('keeps a logout the source failed to carry out, and asks again at the next start', async () => {
    const db = await centerWithSarahLoggedIn('failed.db');
    expect(await centerCommand(['apply', withoutSarah(), '--db', db], io())).toBe(0);

    const failing = new ScriptedSource();
    failing.script = () => ({ outcome: 'failed', reason: 'the PBX did not answer' });
    const lines: string[] = [];
    hub = await startHub({ port: 0, dbPath: db, source: failing, log: (line) => lines.push(line) });
    await expect
      .poll(() => lines.find((l) => l.includes('the telephony system was not told that sarah.thompson')))
      .toContain('the PBX did not answer; asked again at the next start');
    await hub.close();
    hub = undefined;
    expect(kept(db)).toBeDefined();

    const working = new ScriptedSource();
    hub = await startHub({ port: 0, dbPath: db, source: working });
    await expect
      .poll(() => working.requests.map((r) => r.command))
      .toEqual([{ type: 'logout', channelId: 'sales-uk', userId: 'sarah.thompson' }]);
  });

  it('a dry run keeps nothing for the telephony system', async () => {
    const db = await centerWithSarahLoggedIn('dry.db');
    const out = io();
    expect(await centerCommand(['apply', withoutSarah(), '--db', db, '--dry-run'], out)).toBe(0);
    expect(out.stdout.text).not.toContain('telephony');
    expect(kept(db)).toBeUndefined();
  });
});
