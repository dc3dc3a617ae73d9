/**
 * A wallboard in a real terminal on a hub with the example directory (docs/examples/center.yaml)
 * and a source (the telephony system) scripted by the test: the source's refusal reaches the
 * supervisor in its own words, an action the source cannot do is dimmed with the reason, and
 * "telephony down" shows within 2 s of the source going down, until it is back.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { pairKey } from '../../src/domain/index.js';
import { type RunningHub, startHub } from '../../src/hub/index.js';
import { RemoteSource } from '../../src/hub/sources/remote/remote-source.js';
import { ScriptedSource } from '../hub/sources/scripted-source.js';
import { keys, type PtySession, spawnCli } from './pty-session.js';

let hub: RunningHub | undefined;
const sessions: PtySession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) s.kill();
  await hub?.close();
  hub = undefined;
});

const EXAMPLE_DIRECTORY = fileURLToPath(new URL('../../docs/examples/center.yaml', import.meta.url));
/** In the example: James Whitfield supervises Sales (UK), where Sarah Thompson works. */
const SUPERVISOR = 'james.whitfield';
const SARAH = 'sarah.thompson';
const QUEUE = 'sales-uk';

async function boardOn(source: ScriptedSource): Promise<{ hub: RunningHub; board: PtySession }> {
  hub = await startHub({ port: 0, directory: EXAMPLE_DIRECTORY, source });
  // The telephony system says Sarah is logged in to the queue.
  const at = Date.now();
  const session = {
    ...{ channelId: QUEUE, userId: SARAH, status: 'available' as const, since: at, pauseReasonId: null },
    ...{ wrapUpEndsAt: null, pending: null, interactionId: null, loggedInBy: SARAH, loggedInAt: at },
    ...{ assigned: true, allowed: true },
  };
  expect(source.sink.emit([{ type: 'agent_logged_in', at, session }])).toEqual([]);
  const board = spawnCli(['--url', hub.url], {
    cols: 120,
    rows: 30,
    env: { CCWALL_TOKEN: hub.createToken(SUPERVISOR) },
  });
  sessions.push(board);
  await board.waitFor(/● live/);
  return { hub, board };
}

/** The agent row naming `name` (right of the separator). */
const agentRow = (screen: string, name: string) =>
  screen
    .split('\n')
    .map((l) => l.split('│')[1] ?? '')
    .find((l) => l.includes(name)) ?? '';

/** Finds `name` with the filter and opens the action menu on her row. */
async function openMenu(board: PtySession, name: string, search: string): Promise<string> {
  await board.waitFor((s) => agentRow(s, name) !== '');
  await board.press('/', ...search);
  await board.waitFor(`/ ${search}`);
  await board.press(keys.enter);
  await board.waitFor((s) => !s.includes('⏎ keep') && agentRow(s, name).includes('›'));
  await board.press(keys.enter);
  return board.waitFor(`${name} · Sales (UK)`);
}

describe('a wallboard on a telephony source', () => {
  it('shows the source’s refusal in its own words', async () => {
    const source = new ScriptedSource();
    source.script = () => ({
      outcome: 'refused',
      reason: 'Interface PJSIP/6941 not found in queue sales-uk',
    });
    const { board } = await boardOn(source);
    await openMenu(board, 'Sarah Thompson', 'sarah');
    const lines = board.lines();
    const logout = lines.findIndex((l) => l.includes('Log out'));
    const heading = lines.findIndex((l) => /^ Actions/.test(l.split('│')[0] ?? ''));
    for (let i = heading + 1; i < logout; i += 1) await board.press(keys.down);
    await board.press(keys.enter);
    await board.waitFor(
      '✖ Log out · Sales (UK): Sarah Thompson: the test PBX: Interface PJSIP/6941 not found in queue sales-uk',
    );
    expect(source.requests.map((r) => r.command.type)).toEqual(['logout']);
  });

  it('dims an action the source cannot carry out, saying why', async () => {
    const source = new ScriptedSource({ queue: ['login', 'logout', 'pause', 'resume', 'monitor'] });
    const { hub, board } = await boardOn(source);
    expect(hub.state().sessions.get(pairKey(QUEUE, SARAH))).toBeDefined();
    await openMenu(board, 'Sarah Thompson', 'sarah');
    // A call to Sarah, answered and ended: she is in wrap-up (the queue has a wrap-up time), and
    // the open menu follows the state.
    const at = Date.now();
    source.sink.emit([
      {
        type: 'interaction_queued',
        at,
        interaction: {
          id: 'call-e2e',
          channelId: QUEUE,
          kind: 'call',
          customer: { name: 'Ann Customer', address: '+44200000000' },
          queuedAt: at,
          answeredAt: null,
          agentId: null,
          transcript: [],
        },
      },
      { type: 'interaction_answered', at, interactionId: 'call-e2e', agentId: SARAH },
      { type: 'interaction_ended', at: at + 1000, interactionId: 'call-e2e' },
    ]);
    expect(hub.state().sessions.get(pairKey(QUEUE, SARAH))?.status).toBe('wrap_up');
    const menu = await board.waitFor('not possible on the test PBX');
    const lines = menu.split('\n');
    const entry = lines.findIndex((l) => l.includes('End wrap-up early'));
    expect(lines.slice(0, entry).join('\n')).toContain('Not available:');
    expect(lines[entry + 1]).toContain('not possible on the test PBX');
  });

  it('says "telephony down" within 2 s of the source going down, and live again when it is back', async () => {
    const source = new ScriptedSource();
    const { board } = await boardOn(source);
    source.sink.health(false, 'AMI connection lost');
    const down = await board.waitFor(/⚠ telephony down since \d\d:\d\d/, 2000);
    expect(down).not.toContain('● live');
    source.sink.health(true);
    await board.waitFor(/● live/, 2000);
  });
});

describe('a wallboard driven only by the example remote source', () => {
  it('is live while the example runs, shows its calls, and says "telephony down" when it dies', async () => {
    // The example directory: nobody is logged in until the source says so.
    hub = await startHub({ port: 0, directory: EXAMPLE_DIRECTORY, source: new RemoteSource() });
    expect(hub.state().sessions.size).toBe(0);
    const board = spawnCli(['--url', hub.url], {
      cols: 120,
      rows: 30,
      env: { CCWALL_TOKEN: hub.createToken(SUPERVISOR) },
    });
    sessions.push(board);
    await board.waitFor(/telephony down/);
    const example = spawn(
      process.execPath,
      [fileURLToPath(new URL('../../docs/examples/remote-source.mjs', import.meta.url))],
      {
        env: {
          ...process.env,
          CCWALL_URL: hub.url,
          CCWALL_SOURCE_TOKEN: hub.createSourceToken('example-acd'),
          CALL_EVERY_MS: '300',
        },
        stdio: 'ignore',
      },
    );
    try {
      await board.waitFor(/● live/);
      await board.waitFor((s) => /\bbusy\b/.test(s.split('\n').slice(4).join('\n')));
      example.kill('SIGKILL');
      await board.waitFor(/⚠ telephony down since \d\d:\d\d/, 2000);
    } finally {
      example.kill('SIGKILL');
    }
  });
});
