/**
 * The figures view over a real socket on 127.0.0.1: a hello with `"view": "figures"` gets the
 * welcome and figures (never a snapshot or a delta), a `feature` gets the channel's agents at
 * once, a change comes in the next second's figures, and a channel out of scope is refused with
 * an `error`, the connection staying open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SUPERVISOR_ID, type RunningHub, startHub } from '../../src/hub/index.js';
import type { ErrorMessage, Figures, HubMessage } from '../../src/protocol/index.js';
import { HubClient } from './hub-client.js';

/** Julien Moreau supervises billing, returns, accueil, sav-chat and renewals: not sales. */
const OTHER_SUPERVISOR_ID = 'julien.moreau';

let hub: RunningHub;
const clients: HubClient[] = [];

beforeAll(async () => {
  hub = await startHub({ port: 0, demo: true });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await hub.close();
});

async function figuresClient(userId: string): Promise<HubClient> {
  const client = await HubClient.open(hub.url, hub.createToken(userId));
  clients.push(client);
  client.send({ type: 'hello', protocol: 1, client: 'test kiosk', view: 'figures' });
  return client;
}

const isFigures = (m: HubMessage): m is Figures => m.type === 'figures';
const whole =
  (test: (f: Figures) => boolean) =>
  (m: HubMessage): m is Figures =>
    isFigures(m) && m.part === m.parts - 1 && test(m);
const allFigures = (client: HubClient, from = 0) => client.messages.slice(from).filter(isFigures);

describe('the figures view', () => {
  it('answers the hello with a welcome and figures in scope, no snapshot', async () => {
    const claire = await figuresClient(DEMO_SUPERVISOR_ID);
    const julien = await figuresClient(OTHER_SUPERVISOR_ID);
    const first = await claire.waitFor(
      whole(() => true),
      'figures',
    );
    expect(claire.messages[0]?.type).toBe('welcome');
    expect(first.data.channels.map((c) => c.id)).toContain('sales');
    expect(first.data.figures.map((f) => f.channelId)).toEqual(first.data.channels.map((c) => c.id));
    expect(first.data.featured).toBeNull();
    const other = await julien.waitFor(
      whole(() => true),
      'figures',
    );
    const seen = [...other.data.channels.map((c) => c.id), ...other.data.figures.map((f) => f.channelId)];
    expect(seen).not.toContain('sales');
    expect(other.data.stats.some((s) => s.channelId === 'sales')).toBe(false);
    for (const client of [claire, julien]) {
      expect(client.messages.some((m) => m.type === 'snapshot' || m.type === 'delta')).toBe(false);
      expect(client.problems).toEqual([]);
    }
  });

  it("sends a featured channel's agents at once, and a change within the next second", async () => {
    const claire = await figuresClient(DEMO_SUPERVISOR_ID);
    await claire.waitFor(
      whole(() => true),
      'the first figures',
    );
    claire.send({ type: 'feature', channelId: 'sales' });
    const featured = await claire.waitFor(
      whole((f) => f.data.featured?.channelId === 'sales'),
      "sales' agents",
    );
    const slice = featured.data.featured;
    const available = slice?.sessions.find((s) => s.status === 'available' && !s.elsewhere && !s.pending);
    expect(available).toBeDefined();
    expect(slice?.users.some((u) => u.id === available?.userId)).toBe(true);
    const pausedBefore = featured.data.figures.find((f) => f.channelId === 'sales')?.agents.paused ?? 0;

    const from = claire.messages.length;
    const reasonId = featured.data.pauseReasons[0]?.id ?? '';
    const ack = await claire.command({
      type: 'pause',
      channelId: 'sales',
      userId: available?.userId ?? '',
      reasonId,
    });
    expect(ack.ok).toBe(true);
    const after = await claire.until(
      () =>
        allFigures(claire, from).find(
          (f) =>
            f.data.featured?.sessions.some((s) => s.userId === available?.userId && s.status === 'paused') &&
            f.data.figures.find((x) => x.channelId === 'sales')?.agents.paused === pausedBefore + 1,
        ),
      'figures with the agent paused',
      3000,
    );
    expect(after.seq).toBeGreaterThan(featured.seq);
    expect(claire.messages.some((m) => m.type === 'delta')).toBe(false);
  });

  it('refuses a channel out of scope with an error, and the connection goes on', async () => {
    const julien = await figuresClient(OTHER_SUPERVISOR_ID);
    await julien.waitFor(
      whole(() => true),
      'figures',
    );
    julien.send({ type: 'feature', channelId: 'sales' });
    const error = await julien.waitFor((m): m is ErrorMessage => m.type === 'error', 'an error');
    expect(error.error.code).toBe('unknown_channel');
    expect(error.error.message).toContain('sales');
    const count = allFigures(julien).length;
    julien.send({ type: 'feature', channelId: 'billing' });
    const billing = await julien.waitFor(
      whole((f) => f.data.featured?.channelId === 'billing'),
      "billing's agents",
    );
    expect(allFigures(julien).length).toBeGreaterThan(count);
    expect(billing.data.featured?.sessions.every((s) => s.channelId === 'billing')).toBe(true);
    expect(julien.closed).toBeUndefined();
  });

  it('refuses a feature on a connection of the events view', async () => {
    const events = await HubClient.connect(hub.url, hub.createToken(DEMO_SUPERVISOR_ID));
    clients.push(events);
    events.send({ type: 'feature', channelId: 'sales' });
    const error = await events.waitFor((m): m is ErrorMessage => m.type === 'error', 'an error');
    expect(error.error.code).toBe('bad_message');
    expect(events.messages.some(isFigures)).toBe(false);
  });
});
