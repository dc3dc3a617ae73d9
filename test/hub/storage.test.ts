/** A database the hub cannot use is refused with a clear message, never a crash or a stack trace. */
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { textParts } from '../../src/hub/background-checkpoint.js';
import { Engine } from '../../src/hub/engine.js';
import { startHub } from '../../src/hub/index.js';
import { Storage } from '../../src/hub/storage.js';
import { StorageError } from '../../src/hub/storage-error.js';

const dir = mkdtempSync(join(tmpdir(), 'ccwall-storage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => join(dir, name);

async function refusal(dbPath: string): Promise<StorageError> {
  const error = await startHub({ port: 0, dbPath }).then(
    async (hub) => {
      await hub.close();
      throw new Error(`${dbPath} was accepted`);
    },
    (cause: unknown) => cause,
  );
  if (!(error instanceof StorageError)) throw error;
  return error;
}

/** A ccwall database with a demo center and a few commands in it. */
async function makeDatabase(name: string): Promise<string> {
  const path = file(name);
  const hub = await startHub({ port: 0, dbPath: path, demo: true });
  await hub.close();
  return path;
}

describe('opening a database', () => {
  it('refuses a file that is not SQLite at all', async () => {
    const path = file('junk.db');
    writeFileSync(path, Buffer.alloc(8192, 'not a database, just some text '));
    const error = await refusal(path);
    expect(error.message).toMatch(/junk\.db is not a ccwall database/);
  });

  it('refuses a foreign SQLite database and leaves it alone', async () => {
    const path = file('foreign.db');
    const db = new DatabaseSync(path);
    db.exec("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('crêpes')");
    db.close();
    expect((await refusal(path)).message).toBe(`${path} is not a ccwall database`);
    const check = new DatabaseSync(path);
    expect(check.prepare('SELECT name FROM recipes').all()).toEqual([{ name: 'crêpes' }]);
    check.close();
  });

  it('refuses a damaged file', async () => {
    const path = await makeDatabase('damaged.db');
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    for (let offset = 4096; offset < size; offset += 4096)
      writeSync(fd, Buffer.alloc(512, 0xa5), 0, 512, offset + 16);
    closeSync(fd);
    expect((await refusal(path)).message).toMatch(/damaged\.db is (damaged|not a ccwall database)/);
  });

  it('refuses a log entry that does not parse', async () => {
    const path = await makeDatabase('bad-event.db');
    const db = new DatabaseSync(path);
    db.prepare(
      'INSERT INTO events (seq, at, event) VALUES ((SELECT MAX(seq) FROM checkpoints) + 1, 0, ?)',
    ).run('{"type":"teleport"}');
    db.close();
    expect((await refusal(path)).message).toMatch(
      /bad-event\.db is damaged: event \d+ does not match the schema/,
    );
  });

  it('refuses a state that breaks the rules', async () => {
    const path = await makeDatabase('broken.db');
    const db = new DatabaseSync(path);
    const session = {
      channelId: 'nowhere',
      userId: 'ghost',
      status: 'busy',
      since: 0,
      pauseReasonId: null,
      wrapUpEndsAt: null,
      pending: null,
      interactionId: null,
      loggedInBy: 'ghost',
      loggedInAt: 0,
      assigned: false,
      allowed: true,
    };
    db.prepare(
      'INSERT INTO events (seq, at, event) VALUES ((SELECT MAX(seq) FROM checkpoints) + 1, 0, ?)',
    ).run(JSON.stringify({ type: 'agent_logged_in', at: 0, session }));
    db.close();
    expect((await refusal(path)).message).toMatch(
      /broken\.db holds a state that breaks the center's rules: session nowhere ghost/,
    );
  });

  it('refuses a database from a newer ccwall', async () => {
    const path = await makeDatabase('newer.db');
    const db = new DatabaseSync(path);
    db.exec("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
    db.close();
    expect((await refusal(path)).message).toMatch(/newer\.db was written by a newer ccwall \(schema 99/);
  });

  it('keeps the epoch and bounds the event log to the resume history, which a restart rebuilds', async () => {
    const path = file('bounded.db');
    const storage = Storage.open(path);
    const options = { now: Date.now, log: () => {}, checkpointEvery: 50, historyEvents: 20, historyMs: 0 };
    const engine = Engine.open(storage, options);
    const epoch = engine.epoch;
    for (let i = 0; i < 200; i++)
      engine.seed([{ type: 'pause_reasons_set', at: i, reasons: [{ id: `r${i}`, label: `Reason ${i}` }] }]);
    expect(storage.latestCheckpointSeq()).toBe(200);
    // The history is events 181–200: the log keeps them from the checkpoint before them (150).
    expect(engine.resumableFrom).toBe(180);
    expect(storage.firstLoggedSeq()).toBe(151);
    expect(storage.checkpointCount()).toBe(2);
    engine.seed([{ type: 'pause_reasons_set', at: 1, reasons: [] }]);
    storage.close();
    const again = Storage.open(path);
    const reloaded = Engine.open(again, options);
    expect(reloaded.epoch).toBe(epoch);
    expect(reloaded.seq).toBe(201);
    expect(reloaded.state.pauseReasons).toEqual([]);
    expect(reloaded.historySince(181)?.map((d) => d.seq)).toEqual(
      Array.from({ length: 20 }, (_, i) => 182 + i),
    );
    expect(reloaded.historySince(180)).toBeUndefined();
    again.close();
  });
});

describe('the journal', () => {
  it('is write-ahead (WAL), on a new database and on one opened again', async () => {
    const path = await makeDatabase('wal.db');
    const journal = () => {
      const db = new DatabaseSync(path);
      try {
        return db.prepare('PRAGMA journal_mode').get();
      } finally {
        db.close();
      }
    };
    expect(journal()).toEqual({ journal_mode: 'wal' });
    // Another process may have turned it back: the hub sets it again when it opens the file.
    const db = new DatabaseSync(path);
    db.exec('PRAGMA journal_mode = DELETE');
    db.close();
    expect(journal()).toEqual({ journal_mode: 'delete' });
    const storage = Storage.open(path);
    try {
      expect(journal()).toEqual({ journal_mode: 'wal' });
    } finally {
      storage.close();
    }
  });
});

describe('checkpoints in parts', () => {
  it('are cut without splitting a character, and join back to the same text', () => {
    const text = `{"name":"Zoë 😀 Ngọc 𝒜"}`.repeat(50);
    for (const size of [2, 3, 5, 7, 64, 1000]) {
      const parts = textParts(text, size);
      expect(parts.join('')).toBe(text);
      for (const part of parts) {
        expect(part.length).toBeLessThanOrEqual(size);
        // Each part survives a round trip through UTF-8 unchanged: no half surrogate pair.
        expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
      }
    }
    expect(textParts('', 10)).toEqual(['']);
  });

  it('are read back whole, and a missing part is damage', async () => {
    const path = await makeDatabase('parts.db');
    const storage = Storage.open(path);
    const whole = storage.latestCheckpoint();
    if (!whole) throw new Error('no checkpoint');
    const json = JSON.stringify(whole.data);
    const parts = textParts(json, 1000);
    const seq = whole.seq + 1;
    for (const [part, text] of parts.entries()) storage.writeCheckpointPart(seq, part, text);
    storage.writeCheckpoint(seq, Date.now(), `parts:${parts.length}`, 0, { prune: false });
    expect(storage.latestCheckpoint()).toEqual({ seq, data: whole.data });
    storage.close();
    const db = new DatabaseSync(path);
    db.prepare('DELETE FROM checkpoint_parts WHERE seq = ? AND part = 1').run(seq);
    db.close();
    const again = Storage.open(path);
    try {
      expect(() => again.latestCheckpoint()).toThrow(/checkpoint \d+ is missing parts/);
    } finally {
      again.close();
    }
  });

  it('upgrade a database of schema 1 on open, which then older versions refuse', async () => {
    const path = await makeDatabase('schema1.db');
    const db = new DatabaseSync(path);
    db.exec('DROP TABLE checkpoint_parts');
    db.exec("UPDATE meta SET value = '1' WHERE key = 'schema_version'");
    db.close();
    const hub = await startHub({ port: 0, dbPath: path });
    expect(hub.state().users.size).toBeGreaterThan(0);
    await hub.close();
    const check = new DatabaseSync(path);
    try {
      expect(check.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get()).toEqual({
        value: '2',
      });
      expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'checkpoint_parts'").get()).toEqual({
        name: 'checkpoint_parts',
      });
    } finally {
      check.close();
    }
  });
});
