/**
 * The example remote source of docs/examples/, run as it is (so that it cannot rot) against a
 * real hub: it signs in with a source token, resyncs, feeds calls, carries out a supervisor's
 * pause; killing it makes the source go down for every wallboard, and a new process resyncs.
 * Also: a second process of the same source replaces the first (sign-in: sign-in-matrix.test.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEMO_SUPERVISOR_ID, type RunningHub, startHub } from '../../../src/hub/index.js';
import { RemoteSource } from '../../../src/hub/sources/remote/remote-source.js';
import type { HubMessage, SourceInfo } from '../../../src/protocol/index.js';
import { HubClient } from '../hub-client.js';

/** A process starting on a loaded machine: generous, it only bounds a failure. */
const SLOW_MS = 20_000;
const EXAMPLE = fileURLToPath(new URL('../../../docs/examples/remote-source.mjs', import.meta.url));

let hub: RunningHub | undefined;
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await hub?.close();
  hub = undefined;
});

function runExample(running: RunningHub, token: string): ChildProcess {
  const child = spawn(process.execPath, [EXAMPLE], {
    env: { ...process.env, CCWALL_URL: running.url, CCWALL_SOURCE_TOKEN: token, CALL_EVERY_MS: '150' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  return child;
}

const statusOf = (client: HubClient): SourceInfo | undefined =>
  client.messages
    .filter((m): m is Extract<HubMessage, { type: 'source_status' }> => m.type === 'source_status')
    .at(-1)?.source;

describe('the example remote source', () => {
  it('drives a hub: resync, calls, a pause carried out; down when it dies, resynced by the next one', async () => {
    hub = await startHub({ port: 0, demo: true, source: new RemoteSource() });
    const running = hub;
    const supervisor = await HubClient.connect(running.url, running.createToken(DEMO_SUPERVISOR_ID));
    expect(statusOf(supervisor)).toMatchObject({ kind: 'remote', up: false });
    const token = running.createSourceToken('example-acd');
    const first = runExample(running, token);
    await supervisor.until(
      () => (statusOf(supervisor)?.up ? true : undefined),
      'the example source up',
      SLOW_MS,
    );
    expect(statusOf(supervisor)).toMatchObject({
      label: 'Example ACD',
      capabilities: { queue: expect.any(Array) },
    });
    await supervisor.until(
      () => supervisor.deltas().find((d) => d.event.type === 'interaction_answered'),
      'a call answered by an agent',
      SLOW_MS,
    );

    const idle = [...running.state().sessions.values()].find(
      (s) => s.channelId === 'sales' && s.status === 'available',
    );
    if (!idle) throw new Error('no idle agent in sales');
    const ack = await supervisor.command({
      type: 'pause',
      channelId: 'sales',
      userId: idle.userId,
      reasonId: 'break',
    });
    expect(ack.ok).toBe(true);
    await supervisor.until(
      () =>
        supervisor
          .deltas()
          .find(
            (d) => d.event.type === 'agent_paused' && 'userId' in d.event && d.event.userId === idle.userId,
          ),
      'the pause, reported by the source',
      SLOW_MS,
    );
    // The example cannot end a wrap-up: an agent whose call ended is in wrap-up, and stays so.
    const inWrapUp = await supervisor.until(
      () =>
        [...running.state().sessions.values()].find((s) => s.channelId === 'sales' && s.status === 'wrap_up'),
      'an agent in wrap-up after a call',
      SLOW_MS,
    );
    const wrapUp = await supervisor.command({
      type: 'end_wrap_up',
      channelId: 'sales',
      userId: inWrapUp.userId,
    });
    expect(wrapUp).toMatchObject({
      ok: false,
      error: { code: 'not_supported', message: 'ending a wrap-up early is not possible on Example ACD' },
    });

    first.kill('SIGKILL');
    await supervisor.until(
      () => (statusOf(supervisor)?.up === false ? true : undefined),
      'the source down',
      SLOW_MS,
    );
    const refused = await supervisor.command({ type: 'resume', channelId: 'sales', userId: idle.userId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'source_unavailable' } });

    runExample(running, token);
    await supervisor.until(
      () => (statusOf(supervisor)?.up ? true : undefined),
      'the next process up',
      SLOW_MS,
    );
    const ids = [...running.state().interactions.keys()];
    expect(new Set(ids).size).toBe(ids.length);
  }, 90_000);

  it('a second process of the same source replaces the first, which is closed with 4002', async () => {
    hub = await startHub({ port: 0, demo: true, source: new RemoteSource() });
    const token = hub.createSourceToken('bridge');
    const open = async () => {
      const ws = new WebSocket(`${hub?.url}/source`, { headers: { authorization: `Bearer ${token}` } });
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      return ws;
    };
    const first = await open();
    const closed = new Promise<number>((resolve) => first.once('close', resolve));
    const second = await open();
    expect(await closed).toBe(4002);
    second.close();
  });
});
