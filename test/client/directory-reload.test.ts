/**
 * Wallboards while the hub's directory file changes under them (a reload, SIGHUP): a
 * supervisor's wallboard follows removals and new people live, the wallboard of someone removed
 * is closed, and nothing drifts from what the hub holds. Real hub, real client, real sockets.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient, type WallboardClient } from '../../src/client/index.js';
import type { WallboardSnapshot } from '../../src/client/store.js';
import { scopedSnapshot, toSnapshotData, viewScope } from '../../src/domain/index.js';
import { type RunningHub, startHub } from '../../src/hub/index.js';
import { HubClient } from '../hub/hub-client.js';

const dir = mkdtempSync(join(tmpdir(), 'ccwall-directory-reload-'));
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const EXAMPLE = readFileSync(new URL('../../docs/examples/center.yaml', import.meta.url), 'utf8');

function client(hub: RunningHub, userId: string): WallboardClient {
  const c = createClient({
    url: hub.url,
    token: hub.createToken(userId),
    backoff: { initialMs: 20, maxMs: 200 },
    store: { intervalMs: 10 },
  });
  cleanups.push(() => c.close());
  c.start();
  return c;
}

async function until(c: WallboardClient, check: (s: WallboardSnapshot) => boolean, what: string) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const snapshot = c.store.getSnapshot();
    if (check(snapshot)) return snapshot;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** What a wallboard holds, in a fixed order, next to what the hub says it should. */
function sorted(data: ReturnType<typeof toSnapshotData>) {
  const ids = <T>(list: T[], key: (x: T) => string) => list.map(key).sort();
  return {
    users: ids(data.users, (u) => u.id),
    devices: ids(data.devices, (d) => d.id),
    channels: ids(data.channels, (c) => c.id),
    assignments: ids(data.assignments, (a) => `${a.channelId} ${a.userId} ${a.asAgent} ${a.asSupervisor}`),
    sessions: ids(data.sessions, (s) => `${s.channelId} ${s.userId}`),
  };
}

describe('a directory reload under live wallboards', () => {
  it('updates a supervisor live, and closes the wallboard of someone removed', async () => {
    const file = join(dir, 'center.yaml');
    writeFileSync(file, EXAMPLE);
    const hub = await startHub({ port: 0, directory: file, log: () => {} });
    cleanups.push(() => hub.close());
    const claire = client(hub, 'claire.dubois');
    await until(
      claire,
      (s) => s.connection.status === 'live' && s.state?.users.has('camille.bernard') === true,
      'live',
    );
    const camille = await HubClient.connect(hub.url, hub.createToken('camille.bernard'));

    // Camille and the web chat leave; a new agent joins support.
    writeFileSync(
      file,
      EXAMPLE.replace(/ {2}- id: camille\.bernard[\s\S]*?camille-web.*\n/, '')
        .replace(/ {2}- id: web-chat[\s\S]*?longestWait: \[120, 240\] }\n/, '')
        .replaceAll(', web-chat]', ']')
        .concat('  - { id: nora.fischer, name: Nora Fischer, roles: [agent], memberOf: [support] }\n'),
    );
    const reload = hub.reloadDirectory();
    expect(reload.ok && reload.plan.slice(0, 4)).toEqual([
      'users: 1 added, 0 changed, 1 removed',
      '  + nora.fischer',
      '  - camille.bernard',
      'channels: 0 added, 0 changed, 1 removed',
    ]);

    expect(await camille.waitClosed()).toMatchObject({ code: 1008, reason: 'user removed' });
    const after = await until(
      claire,
      (s) => s.state?.users.has('nora.fischer') === true && !s.state.channels.has('web-chat'),
      'the new directory on the wallboard',
    );
    expect(after.state?.users.has('camille.bernard')).toBe(false);
    const claireUser = hub.state().users.get('claire.dubois');
    if (!claireUser || !after.state) throw new Error('no state');
    expect(sorted(toSnapshotData(after.state))).toEqual(
      sorted(scopedSnapshot(hub.state(), viewScope(hub.state(), claireUser))),
    );
  });
});
