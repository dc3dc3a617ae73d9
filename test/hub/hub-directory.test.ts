/**
 * A hub serving a directory file: a removal that waits for a live interaction is finished by
 * the hub itself as soon as that interaction ends, audited, without another reload.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { answerInteraction, endInteraction, pairKey, queueInteraction } from '../../src/domain/index.js';
import { Engine } from '../../src/hub/engine.js';
import { HubDirectory } from '../../src/hub/hub-directory.js';
import { Storage } from '../../src/hub/storage.js';

const dir = mkdtempSync(join(tmpdir(), 'ccwall-hub-directory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CENTER = `channels:
  - { id: sales, kind: queue, name: Sales }
users:
  - { id: sam, name: Samuel Roux, roles: [supervisor], supervises: [sales] }
  - { id: alice, name: Alice Dupont, roles: [agent], memberOf: [sales] }
`;
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);

describe('a hub serving a directory file', () => {
  it('removes a user it had to keep for a live call as soon as the call ends', async () => {
    const path = join(dir, 'center.yaml');
    writeFileSync(path, CENTER);
    let now = T0;
    const lines: string[] = [];
    let heard: ((line: string) => void) | undefined;
    const log = (line: string) => {
      lines.push(line);
      heard?.(line);
    };
    const storage = Storage.open(':memory:');
    const engine = Engine.open(storage, { now: () => now, log });
    const directory = new HubDirectory(path, engine, storage, () => now, log);
    expect(directory.apply('hub start').ok).toBe(true);
    engine.subscribe(directory);

    // Alice takes a call.
    engine.system((batch) => {
      batch.act('sam', { type: 'login', channelId: 'sales', userId: 'alice' });
      batch.run(
        queueInteraction(
          batch.state,
          {
            id: 'call-1',
            channelId: 'sales',
            kind: 'call',
            customer: { name: 'Jean Client', address: '+33 1 23 45 67 89' },
            queuedAt: now,
            answeredAt: null,
            agentId: null,
            transcript: [],
          },
          now,
        ),
      );
      batch.run(answerInteraction(batch.state, 'call-1', 'alice', now + 2000));
    });

    // The file drops her: she keeps her call, with a pending logout.
    writeFileSync(path, CENTER.replace(/ {2}- \{ id: alice.*\n/, ''));
    now += 10_000;
    const reload = directory.reload('SIGHUP');
    expect(reload.ok && reload.plan).toContain(
      "  … user alice stays until alice's interaction in sales ends",
    );
    expect(engine.state.users.has('alice')).toBe(true);
    expect(engine.state.sessions.get(pairKey('sales', 'alice'))?.pending?.kind).toBe('logout');

    // The call ends: the pending logout applies, and the hub finishes the removal by itself.
    const removed = new Promise<string>((resolve) => {
      heard = (line) => {
        if (line.includes('removed user alice')) resolve(line);
      };
    });
    now += 50_000;
    engine.system((batch) => batch.run(endInteraction(batch.state, 'call-1', now)));
    expect(await removed).toBe(`directory ${path}: removed user alice (their last interaction ended)`);
    expect(engine.state.users.has('alice')).toBe(false);
    expect(engine.state.assignments.size).toBe(1);
    expect(storage.audit(1, undefined)[0]).toMatchObject({
      action: 'directory_apply',
      detail: 'removed once their interactions ended: user alice',
    });
    // Nothing is left waiting: the file and the hub agree.
    const again = directory.apply('SIGHUP');
    expect(again.ok && again.plan).toEqual(['no changes: the directory is already as the file says']);
    directory.stop();
    storage.close();
  });

  it('keeps its directory when a reload finds problems, and logs them', () => {
    const path = join(dir, 'reload.yaml');
    writeFileSync(path, CENTER);
    const lines: string[] = [];
    const storage = Storage.open(':memory:');
    const engine = Engine.open(storage, { now: () => T0, log: () => {} });
    const directory = new HubDirectory(
      path,
      engine,
      storage,
      () => T0,
      (line) => lines.push(line),
    );
    directory.apply('hub start');
    writeFileSync(path, `${CENTER}  - { id: bob, name: Bob, memberOf: [sales] }\n`);
    expect(directory.reload('SIGHUP')).toEqual({
      ok: false,
      problems: [
        `${path}:6:37 users[2].memberOf: bob is a member of channels but not an agent: add agent to roles`,
      ],
    });
    expect(lines.slice(-2)).toEqual([
      `directory ${path} refused (SIGHUP): the directory stays as it was`,
      `  ${path}:6:37 users[2].memberOf: bob is a member of channels but not an agent: add agent to roles`,
    ]);
    expect([...engine.state.users.keys()]).toEqual(['sam', 'alice']);
    storage.close();
  });
});
