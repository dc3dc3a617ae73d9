/**
 * The sign-in matrix for sources, beside the authorization matrix of commands: which kind of
 * token opens which path, on a hub that takes a remote source and on one that does not. THE
 * TABLE IS THE SPECIFICATION: a status code is the HTTP answer to the upgrade, 101 an open link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SUPERVISOR_ID, type RunningHub, startHub } from '../../../src/hub/index.js';
import { RemoteSource } from '../../../src/hub/sources/remote/remote-source.js';
import { upgradeStatus } from '../hub-client.js';

type Token = 'user' | 'readOnlyUser' | 'source' | 'revokedLooking' | 'none';
type Hub = 'remote' | 'demo';
type Path = '/' | '/source';

// biome-ignore format: the table is easier to read aligned
const EXPECTED: Record<Hub, Record<Path, Record<Token, number>>> = {
  remote: {
    '/':       { user: 101, readOnlyUser: 101, source: 401, revokedLooking: 401, none: 401 },
    '/source': { user: 401, readOnlyUser: 401, source: 101, revokedLooking: 401, none: 401 },
  },
  demo: {
    '/':       { user: 101, readOnlyUser: 101, source: 401, revokedLooking: 401, none: 401 },
    '/source': { user: 401, readOnlyUser: 401, source: 409, revokedLooking: 401, none: 401 },
  },
};

const hubs: Partial<Record<Hub, RunningHub>> = {};
beforeAll(async () => {
  hubs.remote = await startHub({ port: 0, demo: true, source: new RemoteSource() });
  hubs.demo = await startHub({ port: 0, demo: true });
});
afterAll(async () => {
  await Promise.all(Object.values(hubs).map((hub) => hub?.close()));
});

function tokenFor(hub: RunningHub, token: Token): string | undefined {
  switch (token) {
    case 'user':
      return hub.createToken(DEMO_SUPERVISOR_ID);
    case 'readOnlyUser':
      return hub.createToken(DEMO_SUPERVISOR_ID, { readOnly: true });
    case 'source':
      return hub.createSourceToken('bridge');
    case 'revokedLooking':
      return `ccw_${'A'.repeat(43)}`;
    case 'none':
      return undefined;
  }
}

const CASES = (Object.keys(EXPECTED) as Hub[]).flatMap((hub) =>
  (Object.keys(EXPECTED[hub]) as Path[]).flatMap((path) =>
    (Object.keys(EXPECTED[hub][path]) as Token[]).map((token) => ({
      hub,
      path,
      token,
      expected: EXPECTED[hub][path][token],
    })),
  ),
);

describe('the sign-in matrix: users and sources', () => {
  it.each(CASES)('$hub hub, $path, $token token → $expected', async ({ hub, path, token, expected }) => {
    const running = hubs[hub];
    if (!running) throw new Error(`no ${hub} hub`);
    const secret = tokenFor(running, token);
    const status = await upgradeStatus(
      `${running.url}${path === '/' ? '' : path}`,
      secret ? { authorization: `Bearer ${secret}` } : {},
    );
    expect(status ?? 101).toBe(expected);
  });
});
