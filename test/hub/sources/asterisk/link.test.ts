/**
 * The AMI link's faults: a login refused at start is a one-line error (the hub does not start);
 * Asterisk unreachable at start is retried; a lost link is "telephony down" with commands
 * refused, then a reconnection and a resync that counts nothing twice; a silent Asterisk is
 * noticed by Ping.
 */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AsteriskSource } from '../../../../src/hub/sources/asterisk/asterisk-source.js';
import { type Harness, harness } from './asterisk-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('the AMI link', () => {
  it('refuses to start, in one line, when Asterisk refuses the login; and does not retry', async () => {
    h = await harness({ start: false, secret: 'wrong' });
    const failure = await h.link.start().then(
      () => 'started',
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    expect(failure).toBe(`Asterisk at ${h.fake.address} refused the login of ccwall: Authentication failed`);
    const attempts = h.fake.actions.filter((a) => a.name === 'Login').length;
    expect(attempts).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(h.fake.actions.filter((a) => a.name === 'Login').length).toBe(1);
  });

  it('refuses to start when the port is not an Asterisk manager', async () => {
    const server = createServer((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const source = new AsteriskSource({ endpoint: { host: '127.0.0.1', port, username: 'u', secret: 's' } });
    const sink = {
      state: undefined as never,
      now: Date.now,
      emit: () => [],
      resync: () => ({ applied: 0, skipped: [] }),
      health: () => {},
      batch: () => 0,
      clock: () => 0,
      log: () => {},
      onDirectoryChange: () => () => {},
    };
    await expect(source.start(sink)).rejects.toThrow(
      `127.0.0.1:${port} is not an Asterisk Manager Interface`,
    );
    await source.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('keeps trying while Asterisk is not there at start, and comes up when it is', async () => {
    h = await harness({ start: false });
    await h.fake.down();
    await h.link.start();
    expect(h.link.info).toMatchObject({ up: false });
    expect(h.link.info.detail).toMatch(/^cannot reach Asterisk at 127\.0\.0\.1:\d+: connection refused/);
    await h.fake.up();
    await h.until(() => expect(h?.link.info.up).toBe(true));
  });

  it('goes down when the link is lost (commands refused), then resyncs without counting a call twice', async () => {
    h = await harness({
      before: (fake) => {
        fake.pbx.configureMember('ventes', 'PJSIP/6941', { dynamic: true });
        fake.pbx.configureMember('ventes', 'PJSIP/6942', { dynamic: true });
      },
    });
    const pbx = h.fake.pbx;
    const waiting = pbx.callerJoins('ventes', { cidName: 'Still waiting' });
    const talking = pbx.callerJoins('ventes');
    const finishing = pbx.callerJoins('ventes');
    for (const [call, agent] of [
      [talking, 'PJSIP/6941'],
      [finishing, 'PJSIP/6942'],
    ] as const) {
      pbx.offer(call, agent);
      pbx.answer(call, agent);
    }
    await h.until(() => expect(h?.session('sales', 'marc')?.status).toBe('busy'));
    const queuedAt = h.engine.state.interactions.get(waiting)?.queuedAt;
    await h.fake.down();
    await h.until(() => expect(h?.link.info.up).toBe(false));
    expect(h.link.info.detail).toMatch(/^lost the AMI link to 127\.0\.0\.1:\d+/);
    const refused = await h.command('claire', { type: 'login', channelId: 'support', userId: 'lea' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'source_unavailable' } });
    // Meanwhile on the PBX: one call ends, a new caller joins, Léa logs in.
    pbx.complete(finishing);
    const newcomer = pbx.callerJoins('ventes', { cidName: 'New caller' });
    pbx.queueAdd(
      new Map([
        ['queue', 'support'],
        ['interface', 'Local/6943@from-queue/n'],
      ]),
    );
    await h.fake.up();
    await h.until(() => expect(h?.link.info.up).toBe(true));
    const state = h.engine.state;
    expect([...state.interactions.keys()].sort()).toEqual([newcomer, talking, waiting].sort());
    expect(state.interactions.get(waiting)?.queuedAt).toBe(queuedAt);
    expect(h.session('sales', 'sarah')).toMatchObject({ status: 'busy', interactionId: talking });
    expect(h.session('sales', 'marc')?.status).not.toBe('busy');
    expect(h.session('support', 'lea')?.status).toBe('available');
    expect(state.stats.get('sales')).toMatchObject({ answered: 2, abandoned: 0 });
    // And it goes on live.
    pbx.complete(talking);
    await h.until(() => expect(h?.session('sales', 'sarah')?.status).toBe('wrap_up'));
  });

  it('retries a login Asterisk refuses once it has been up (the secret changed), and says why', async () => {
    h = await harness();
    h.fake.secret = 'rotated';
    h.fake.dropAll();
    await h.until(() =>
      expect(h?.link.info.detail).toBe(
        `Asterisk at ${h?.fake.address} refused the login of ccwall: Authentication failed`,
      ),
    );
    expect(h.link.info.up).toBe(false);
    h.fake.secret = 'pa55word';
    await h.until(() => expect(h?.link.info.up).toBe(true));
  });

  it('notices an Asterisk that stopped answering (no answer to Ping) and reconnects', async () => {
    h = await harness({ connection: { keepaliveMs: 50, timeoutMs: 1_000 } });
    const logins = h.fake.logins;
    h.fake.silent = true;
    await h.until(() => expect(h?.link.info.detail).toContain('no answer to Ping'));
    h.fake.silent = false;
    await h.until(() => {
      expect(h?.fake.logins).toBeGreaterThan(logins);
      expect(h?.link.info.up).toBe(true);
    });
  });
});
