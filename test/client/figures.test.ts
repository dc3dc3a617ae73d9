/**
 * The client in the figures view: the hello asks for figures (never a resume), whole figures
 * make the state and the tallies the views read, the heartbeat's position is not checked, the
 * store publishes another channel's agents at once, and the connection tells a hub (a real
 * socket) which channel it features, again after a reconnect.
 */
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { createClient, type WallboardClient } from '../../src/client/client.js';
import { receivedFigures } from '../../src/client/figures-state.js';
import { createStore } from '../../src/client/store.js';
import { SyncMachine } from '../../src/client/sync.js';
import { type CenterState, tallyChannels, viewScope } from '../../src/domain/index.js';
import { figuresData, figuresFrames } from '../../src/hub/figures.js';
import { snapshotFrames } from '../../src/hub/snapshot-frames.js';
import type { ClientMessage, HubMessage, Welcome } from '../../src/protocol/index.js';
import { buildCenter, callAnsweredBy, run, T0, users } from '../fixtures/center.js';
import { centerSnapshot } from '../fixtures/center-snapshot.js';

/** What a hub older than the figures view answers a hello with `view` (it waits for another hello). */
const OLD_HUB_REFUSAL: HubMessage = {
  type: 'error',
  error: { code: 'bad_message', message: '✖ Unrecognized key: "view"' },
};

function center(): CenterState {
  const state = buildCenter();
  run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
  run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'bob' });
  callAnsweredBy(state, 'sales', 'alice');
  return state;
}

/** The hub's frames of the supervisor's figures, featuring `featured`, in parts of at most `budget` bytes. */
function frames(featured: string | null, seq = 5, budget?: number): string[] {
  const state = center();
  const data = figuresData(state, tallyChannels(state), viewScope(state, users.sup), featured);
  return figuresFrames('e1', seq, T0, data, JSON.stringify(data), budget);
}

const welcome: Welcome = {
  type: 'welcome',
  protocol: 1,
  user: users.sup,
  permissions: { manageAgents: false, monitor: false, changeOrgSettings: false, readOnly: true },
  hub: { name: 'test hub', version: '0' },
  epoch: 'e1',
  heartbeatMs: 1000,
};

describe('the sync machine in the figures view', () => {
  it('says hello for figures, never resuming, and is live at the first whole figures', () => {
    const sync = new SyncMachine('figures');
    expect(sync.connectionOpened('kiosk')).toEqual({
      type: 'hello',
      protocol: 1,
      client: 'kiosk',
      view: 'figures',
    });
    sync.receive(welcome);
    const parts = frames('sales', 5, 800);
    expect(parts.length).toBeGreaterThan(1);
    const effects = parts.flatMap((frame) => sync.receiveFrame(frame));
    expect(effects.map((e) => e.type)).toEqual(['figures', 'live']);
    const figures = effects[0]?.type === 'figures' ? effects[0].figures : undefined;
    expect(figures?.featured).toBe('sales');
    expect(figures?.tallies.get('sales')).toMatchObject({ waiting: 0, agents: { busy: 1, available: 1 } });
    expect(sync.state).toBe(figures?.state);
    // The next figures: no second `live`; a heartbeat at any position is only answered.
    expect(
      frames(null, 9)
        .flatMap((frame) => sync.receiveFrame(frame))
        .map((e) => e.type),
    ).toEqual(['figures']);
    const heartbeat: HubMessage = { type: 'heartbeat', epoch: 'e1', seq: 0, at: T0 };
    expect(sync.receive(heartbeat).map((e) => e.type)).toEqual(['send']);
    expect(sync.connectionOpened('kiosk').resume).toBeUndefined();
  });

  it('drops figures whose parts come out of place, without a resync', () => {
    const sync = new SyncMachine('figures');
    sync.connectionOpened('kiosk');
    const parts = frames('sales', 5, 800);
    expect(parts.slice(1).flatMap((frame) => sync.receiveFrame(frame))).toEqual([]);
    expect(parts.flatMap((frame) => sync.receiveFrame(frame)).map((e) => e.type)).toEqual([
      'figures',
      'live',
    ]);
  });
});

describe('against a hub older than the figures view', () => {
  it('says hello again for the events, and takes the snapshot', () => {
    const sync = new SyncMachine('figures');
    sync.connectionOpened('kiosk');
    expect(sync.receive(OLD_HUB_REFUSAL)).toEqual([
      { type: 'send', message: { type: 'hello', protocol: 1, client: 'kiosk' } },
    ]);
    expect(sync.connectionView).toBe('events');
    sync.receive(welcome);
    const effects = snapshotFrames('e1', 3, centerSnapshot()).flatMap((frame) => sync.receiveFrame(frame));
    expect(effects.map((e) => e.type)).toEqual(['state', 'live']);
    // An error after the welcome is only shown.
    expect(sync.receive(OLD_HUB_REFUSAL).map((e) => e.type)).toEqual(['problem']);
    // The next connection asks for figures first again.
    expect(sync.connectionOpened('kiosk').view).toBe('figures');
  });
});

describe('the store in the figures view', () => {
  it("publishes the figures' state and tallies, and another channel's agents at once", () => {
    const store = createStore({ intervalMs: 60_000 });
    const toFigures = (featured: string | null) => {
      const state = center();
      return receivedFigures(
        figuresData(state, tallyChannels(state), viewScope(state, users.sup), featured),
        5,
        T0,
      );
    };
    const first = toFigures(null);
    store.setFigures(first);
    store.flush();
    let snapshot = store.getSnapshot();
    expect(snapshot.state).toBe(first.state);
    expect(snapshot.tallies).toBe(first.tallies);
    expect(snapshot.agentsOf).toBeNull();
    expect(snapshot.state?.sessions.size).toBe(0);

    const version = snapshot.version;
    const sales = toFigures('sales');
    store.setFigures(sales);
    snapshot = store.getSnapshot();
    expect(snapshot.version).toBe(version + 1);
    expect(snapshot.agentsOf).toBe('sales');
    expect([...(snapshot.state?.sessions.values() ?? [])].map((s) => s.userId).sort()).toEqual([
      'alice',
      'bob',
    ]);
    expect(snapshot.tallies?.get('sales')?.agentIds.slice().sort()).toEqual(['alice', 'bob']);

    // The same channel again waits for the next publish.
    store.setFigures(toFigures('sales'));
    expect(store.getSnapshot().version).toBe(version + 1);
    store.close();
  });
});

describe('a figures connection', () => {
  let server: WebSocketServer | undefined;
  let client: WallboardClient | undefined;
  afterEach(async () => {
    client?.close();
    client = undefined;
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  /** A hub on 127.0.0.1 that answers with `answer`; what each connection received, and its sockets. */
  async function fakeHub(answer: (ws: WebSocket, message: ClientMessage) => void) {
    const received: ClientMessage[][] = [];
    const sockets: WebSocket[] = [];
    const hub = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    server = hub;
    await new Promise<void>((resolve) => hub.once('listening', () => resolve()));
    hub.on('connection', (ws) => {
      const messages: ClientMessage[] = [];
      received.push(messages);
      sockets.push(ws);
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString()) as ClientMessage;
        messages.push(message);
        answer(ws, message);
      });
    });
    client = createClient({
      url: `ws://127.0.0.1:${(hub.address() as AddressInfo).port}`,
      token: 't',
      view: 'figures',
      backoff: { initialMs: 10, maxMs: 20 },
      store: { intervalMs: 0 },
    });
    return { received, sockets, client };
  }

  const until = async (test: () => boolean, what: string) => {
    const deadline = Date.now() + 5000;
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('asks for figures, features a channel, and features it again after a reconnect', async () => {
    const { received, sockets, client } = await fakeHub((ws, message) => {
      if (message.type === 'hello') {
        ws.send(JSON.stringify(welcome));
        for (const frame of frames(null)) ws.send(frame);
      } else if (message.type === 'feature') for (const frame of frames(message.channelId)) ws.send(frame);
    });
    const store = client.store;
    client.start();
    await until(() => store.getSnapshot().connection.status === 'live', 'live');
    expect(received[0]?.[0]).toMatchObject({ type: 'hello', view: 'figures' });
    client.connection.feature('sales');
    await until(() => store.getSnapshot().agentsOf === 'sales', "sales' agents");
    expect(received[0]?.[1]).toEqual({ type: 'feature', channelId: 'sales' });

    sockets[0]?.terminate();
    await until(() => (received[1]?.length ?? 0) >= 2, 'the second hello and feature');
    expect(received[1]?.map((m) => m.type)).toEqual(['hello', 'feature']);
    expect(received[1]?.[1]).toEqual({ type: 'feature', channelId: 'sales' });
    await until(() => store.getSnapshot().connection.status === 'live', 'live again');
  });

  it('takes the events from a hub older than the figures view, and asks it for no channel', async () => {
    const { received, client } = await fakeHub((ws, message) => {
      if (message.type !== 'hello')
        return ws.send(JSON.stringify({ type: 'error', error: { code: 'bad_message', message: 'unknown' } }));
      if (message.view) return ws.send(JSON.stringify(OLD_HUB_REFUSAL));
      ws.send(JSON.stringify(welcome));
      for (const frame of snapshotFrames('e1', 3, centerSnapshot())) ws.send(frame);
    });
    const store = client.store;
    client.start();
    await until(() => store.getSnapshot().connection.status === 'live', 'live');
    client.connection.feature('q-sales');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received[0]?.map((m) => m.type)).toEqual(['hello', 'hello']);
    const snapshot = store.getSnapshot();
    expect(snapshot.agentsOf).toBeUndefined();
    expect(snapshot.state?.sessions.size).toBe(centerSnapshot().sessions.length);
    expect(snapshot.errors).toEqual([]);
  });
});
