/** Hostile or broken input: refused with a typed error or the right close code; the hub keeps serving. */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT_ID, DEMO_SUPERVISOR_ID, type RunningHub, startHub } from '../../src/hub/index.js';
import { HubClient, upgradeStatus } from './hub-client.js';

let hub: RunningHub;
let bystander: HubClient;
let clock = Date.now();

beforeAll(async () => {
  hub = await startHub({ port: 0, demo: true, now: () => clock });
  bystander = await HubClient.connect(hub.url, hub.createToken(DEMO_SUPERVISOR_ID));
});
afterAll(async () => {
  await bystander.close();
  await hub.close();
});

/** The bystander still gets its commands acknowledged and their deltas. */
async function hubStillServes(): Promise<void> {
  const pause = await bystander.command({
    type: 'pause',
    channelId: 'sales',
    userId: DEMO_AGENT_ID,
    reasonId: 'break',
  });
  expect(pause.ok).toBe(true);
  await bystander.waitFor((m) => m.type === 'delta' && m.seq === pause.seq, 'the delta of the pause');
  const resume = await bystander.command({ type: 'resume', channelId: 'sales', userId: DEMO_AGENT_ID });
  expect(resume.ok).toBe(true);
}

describe('authentication at the upgrade', () => {
  it('answers 401 without a token, with a bad one, a revoked-looking one, or one in the URL', async () => {
    expect(await upgradeStatus(hub.url, {})).toBe(401);
    expect(await upgradeStatus(hub.url, { authorization: 'Bearer ccw_not-a-real-token' })).toBe(401);
    expect(await upgradeStatus(hub.url, { authorization: 'Basic dXNlcjpwYXNz' })).toBe(401);
    const token = hub.createToken(DEMO_SUPERVISOR_ID);
    expect(await upgradeStatus(`${hub.url}/?token=${token}`, {})).toBe(401);
    expect(await upgradeStatus(hub.url, { authorization: `Bearer ${token}` })).toBeUndefined();
  });

  it('refuses an expired token', async () => {
    const token = hub.createToken(DEMO_SUPERVISOR_ID, { expiresAt: clock + 60_000 });
    expect(await upgradeStatus(hub.url, { authorization: `Bearer ${token}` })).toBeUndefined();
    clock += 61_000;
    expect(await upgradeStatus(hub.url, { authorization: `Bearer ${token}` })).toBe(401);
  });

  it('answers a plain HTTP request with 426', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const url = new URL(hub.url.replace('ws:', 'http:'));
      request(url, (response) => {
        response.resume();
        resolve(response.statusCode);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(426);
  });
});

describe('bad frames', () => {
  it('answers malformed JSON and unknown messages with bad_message, and stays open', async () => {
    const client = await HubClient.connect(hub.url, hub.createToken(DEMO_SUPERVISOR_ID));
    client.send('{"type": "hello", ');
    await client.until(() => client.messages.find((m) => m.type === 'error'), 'an error');
    client.send({ type: 'make_coffee', sugar: 2 });
    client.send({ type: 'command', id: 'cmd-bad-00001', command: { type: 'pause', channelId: 'sales' } });
    const nack = await client.waitFor((m) => m.type === 'ack' && m.id === 'cmd-bad-00001', 'a nack');
    expect(nack).toMatchObject({ ok: false, error: { code: 'bad_message' } });
    const errors = client.messages.filter((m) => m.type === 'error');
    expect(errors).toHaveLength(2);
    for (const e of errors) expect(e).toMatchObject({ error: { code: 'bad_message' } });
    client.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    await client.until(
      () => (client.messages.filter((m) => m.type === 'error').length === 3 ? true : undefined),
      'a third error',
    );
    // Still open and working.
    const ack = await client.command({ type: 'monitor_stop' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'not_monitoring' } });
    expect(client.closed).toBeUndefined();
    await client.close();
    await hubStillServes();
  });

  it('closes with 1009 on a frame over 64 KiB', async () => {
    const client = await HubClient.connect(hub.url, hub.createToken(DEMO_SUPERVISOR_ID));
    client.send(JSON.stringify({ type: 'heartbeat', seq: 0, pad: 'x'.repeat(70 * 1024) }));
    expect((await client.waitClosed()).code).toBe(1009);
    await hubStillServes();
  });

  it('closes with 1002 a client that sends nothing but garbage', async () => {
    const client = await HubClient.connect(hub.url, hub.createToken(DEMO_SUPERVISOR_ID));
    for (let i = 0; i < 25; i++) client.send(`garbage ${i}`);
    expect((await client.waitClosed()).code).toBe(1002);
    await hubStillServes();
  });

  it('closes with 4000 on another protocol version', async () => {
    const client = await HubClient.open(hub.url, hub.createToken(DEMO_SUPERVISOR_ID));
    client.send({ type: 'hello', protocol: 2 });
    expect((await client.waitClosed()).code).toBe(4000);
    expect(client.messages).toContainEqual(
      expect.objectContaining({
        type: 'error',
        error: expect.objectContaining({ code: 'unsupported_protocol' }),
      }),
    );
  });

  it('refuses commands before hello', async () => {
    const client = await HubClient.open(hub.url, hub.createToken(DEMO_SUPERVISOR_ID));
    client.send({ type: 'command', id: 'early-cmd-1', command: { type: 'monitor_stop' } });
    const ack = await client.waitFor((m) => m.type === 'ack', 'the nack');
    expect(ack).toMatchObject({ ok: false, error: { code: 'not_ready' } });
    await client.close();
  });

  it('refuses every command from a read-only token', async () => {
    const client = await HubClient.connect(hub.url, hub.createToken(DEMO_SUPERVISOR_ID, { readOnly: true }));
    expect(client.messages.find((m) => m.type === 'welcome')).toMatchObject({
      permissions: { readOnly: true, manageAgents: false },
    });
    const ack = await client.command({
      type: 'pause',
      channelId: 'sales',
      userId: DEMO_AGENT_ID,
      reasonId: 'break',
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'read_only' } });
    await client.close();
  });
});

describe('compression', () => {
  it('is declined: a client that offers permessage-deflate gets plain frames', async () => {
    const client = await HubClient.open(hub.url, hub.createToken(DEMO_SUPERVISOR_ID));
    // ws clients offer permessage-deflate unless told not to; the hub accepts no extension.
    expect(client.ws.extensions).toBe('');
    await client.close();
  });
});
