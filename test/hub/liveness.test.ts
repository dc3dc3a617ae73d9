/** Heartbeats both ways: the hub's heartbeat message, pings that unmask dead peers, the hello deadline. */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/hub/engine.js';
import { DEMO_SUPERVISOR_ID, type RunningHub, startHub } from '../../src/hub/index.js';
import { startServer } from '../../src/hub/server.js';
import { Storage } from '../../src/hub/storage.js';
import { Tokens } from '../../src/hub/tokens.js';
import { demoSeam } from './demo-seam.js';
import { HubClient } from './hub-client.js';

let hub: RunningHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

/** Completes a WebSocket handshake by hand, then never reads or answers again (a dead peer). */
async function deadPeer(url: string, token: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    `GET / HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nAuthorization: Bearer ${token}\r\n\r\n`,
  );
  const head = await new Promise<string>((resolve) =>
    socket.once('data', (data) => resolve(data.toString())),
  );
  expect(head).toMatch(/^HTTP\/1\.1 101/);
  return socket;
}

describe('liveness', () => {
  it('sends heartbeats carrying the last sequence number sent', async () => {
    hub = await startHub({ port: 0, demo: true, heartbeatMs: 50 });
    const client = await HubClient.connect(hub.url, hub.createToken(DEMO_SUPERVISOR_ID));
    const heartbeat = await client.waitFor((m) => m.type === 'heartbeat', 'a heartbeat');
    expect(heartbeat).toMatchObject({ seq: client.snapshot().seq });
    await client.close();
  });

  it('terminates a peer that stops answering pings, and keeps serving the others', async () => {
    hub = await startHub({ port: 0, demo: true, heartbeatMs: 50 });
    const token = hub.createToken(DEMO_SUPERVISOR_ID);
    const dead = await deadPeer(hub.url, token);
    // It reads what the hub sends but never answers a ping.
    dead.on('data', () => {});
    await new Promise((resolve) => dead.once('close', resolve));
    const alive = await HubClient.connect(hub.url, token);
    // A live client answers pings: it outlives several heartbeat periods.
    await alive.until(
      () => (alive.messages.filter((m) => m.type === 'heartbeat').length >= 5 ? true : undefined),
      'five heartbeats',
    );
    expect(alive.closed).toBeUndefined();
    await alive.close();
  });

  it('closes with 4001 a connection that never says hello', async () => {
    const storage = Storage.open(':memory:');
    const engine = Engine.open(storage, { now: Date.now, log: () => {} });
    engine.seed([
      {
        type: 'user_upserted',
        at: 0,
        user: { id: 'ann', name: 'Ann Lee', extension: '1234', roles: ['agent'] },
      },
    ]);
    const tokens = new Tokens(storage);
    const server = await startServer({
      host: '127.0.0.1',
      port: 0,
      engine,
      ...(await demoSeam(engine)),
      tokens,
      hub: { name: 'test', version: '0' },
      heartbeatMs: 5000,
      helloTimeoutMs: 100,
      now: Date.now,
      log: () => {},
    });
    try {
      const client = await HubClient.open(server.url, tokens.create('ann', Date.now()));
      expect((await client.waitClosed()).code).toBe(4001);
    } finally {
      await server.close();
      storage.close();
    }
  });
});
