/**
 * `ccwall serve --source asterisk` and a supervisor's wallboard, each in a real terminal, on an
 * AMI: the fake one of the test suite, and a real Asterisk when CCWALL_TEST_AMI is set (else that
 * run is reported skipped, "not run"). A caller joins: Sales shows 1 waiting; Sarah answers: she
 * is busy with the call's time; the supervisor pauses Marc: Asterisk gets QueuePause with the
 * reason and the row turns paused only when QueueMemberPause comes back; the supervisor listens
 * to Sarah: the Originate runs ChanSpy on her channel with the right options; the link to
 * Asterisk drops: "telephony down", then back in sync with no call counted twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SnapshotData } from '../../src/protocol/index.js';
import { HubClient } from '../hub/hub-client.js';
import { LinkCutter } from '../hub/sources/asterisk/link-cutter.js';
import { fakePbx, realPbx, type ScenarioPbx } from './asterisk-pbx.js';
import { type AsteriskBoard, asteriskBoard } from './asterisk-scenarios.js';
import { keys, type PtySession } from './pty-session.js';

const REAL_AMI = process.env.CCWALL_TEST_AMI;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/** The channel row naming `name` (left of the separator), and the agent row naming `name` (right of it). */
const channelRow = (screen: string, name: string) =>
  screen
    .split('\n')
    .filter((l) => l.includes('│'))
    .map((l) => l.split('│')[0] ?? '')
    .find((l) => new RegExp(`^[ ›]\\s*${name}\\s`).test(l)) ?? '';
const agentRow = (screen: string, name: string) =>
  screen
    .split('\n')
    .map((l) => l.split('│')[1] ?? '')
    .find((l) => l.includes(name)) ?? '';

/** Picks an entry of the open menu by its label: ↓ until the cursor is on it, then Enter. */
async function choose(board: PtySession, label: string): Promise<void> {
  const selected = (screen: string) =>
    screen
      .split('\n')
      .map((l) => l.split('│')[0] ?? '')
      .find((l) => /^ › /.test(l)) ?? '';
  for (let moves = 0; moves < 12; moves += 1) {
    const line = selected(await board.waitFor((s) => selected(s) !== ''));
    if (line.includes(label)) {
      await board.press(keys.enter);
      return;
    }
    await board.press(keys.down);
    await board.waitFor((s) => selected(s) !== line);
  }
  throw new Error(`no ${label} in the menu:\n${board.screen()}`);
}

/** Opens the action menu on `name`'s row in the channel shown. */
async function openMenu(board: PtySession, name: string, search: string, channel: string): Promise<void> {
  await board.press('/', ...search);
  await board.waitFor(`/ ${search}`);
  await board.press(keys.enter);
  await board.waitFor((s) => new RegExp(`/ ${search}\\s+sort:`).test(s) && agentRow(s, name).includes('›'));
  await board.press(keys.enter);
  await board.waitFor(`${name} · ${channel}`);
}

async function interactionsOf(url: string, token: string): Promise<SnapshotData['interactions']> {
  const client = await HubClient.connect(url, token);
  try {
    return client.snapshot().data.interactions;
  } finally {
    await client.close();
  }
}

async function scenario(pbx: ScenarioPbx): Promise<void> {
  const cutter = await LinkCutter.start(pbx.ami);
  cleanups.push(() => cutter.close());
  const running: AsteriskBoard = await asteriskBoard({
    names: pbx.names,
    supervisorId: 'claire',
    ami: cutter.address,
    user: pbx.user,
    secret: pbx.secret,
  });
  cleanups.push(() => running.close());
  const { board } = running;
  await board.waitFor(/● live/, 10_000);
  await board.waitFor((s) => /paused\s+\d+:\d\d\s+Break/.test(agentRow(s, 'Sarah Thompson')));

  // A caller joins, then a second one: Sales shows them waiting.
  await pbx.callerJoins();
  await board.waitFor((s) => /^\S?\s*Sales\s+1\s/.test(channelRow(s, 'Sales').trim()));
  await pbx.callerJoins();
  await board.waitFor((s) => /^\S?\s*Sales\s+2\s/.test(channelRow(s, 'Sales').trim()));

  // Sarah answers: busy, with the call's time running.
  await pbx.sarahAnswers();
  await board.waitFor((s) => /busy\s+0:0\d/.test(agentRow(s, 'Sarah Thompson')));
  await board.waitFor((s) => /^\S?\s*Sales\s+1\s/.test(channelRow(s, 'Sales').trim()));

  // The supervisor pauses Marc in Support; the row turns paused when Asterisk says so.
  await board.press(keys.down);
  await board.waitFor((s) => agentRow(s, 'Marc Lefèvre') !== '' && channelRow(s, 'Support').startsWith('›'));
  await board.press(keys.right);
  await board.waitFor('← channels');
  await openMenu(board, 'Marc Lefèvre', 'marc', 'Support');
  const release = pbx.holdPauseEvents();
  await choose(board, 'Pause…');
  await board.waitFor('Pause — pick a reason');
  await choose(board, 'Break');
  await pbx.marcPausedOnPbx('Break');
  await board.waitFor('Pause (Break) · Support: Marc Lefèvre');
  if (release) {
    expect(agentRow(board.screen(), 'Marc Lefèvre')).toMatch(/ready/);
    release();
  }
  await board.waitFor((s) => /paused\s+\d+:\d\d\s+Break/.test(agentRow(s, 'Marc Lefèvre')));

  // The supervisor listens to Sarah: ChanSpy on her channel, quiet, DTMF modes, ends with the call.
  await board.press(keys.escape);
  await board.waitFor((s) => !s.includes('/ marc'));
  await board.press(keys.left);
  await board.waitFor('→ agents');
  await board.press(keys.up);
  await board.waitFor((s) => channelRow(s, 'Sales').startsWith('›'));
  await board.press(keys.right);
  await board.waitFor('← channels');
  await openMenu(board, 'Sarah Thompson', 'sarah', 'Sales');
  await choose(board, 'Monitor…');
  await board.waitFor('Monitor — ');
  await choose(board, 'Listen');
  const spy = await pbx.spyCall();
  expect(spy).toEqual({ application: 'ChanSpy', data: `${await pbx.sarahsChannel()},qdE` });

  // The link to Asterisk drops: telephony down within 2 s; back in sync, nothing counted twice.
  const before = await interactionsOf(running.url, running.token);
  expect(before).toHaveLength(2);
  await cutter.cut();
  const down = await board.waitFor(/⚠ telephony down since \d\d:\d\d/, 2_000);
  expect(down).not.toContain('● live');
  await cutter.restore();
  await board.waitFor(/● live/, 10_000);
  const after = await interactionsOf(running.url, running.token);
  expect(after.map((i) => i.id).sort()).toEqual(before.map((i) => i.id).sort());
  await board.waitFor((s) => /^\S?\s*Sales\s+1\s/.test(channelRow(s, 'Sales').trim()));
}

describe('ccwall serve --source asterisk, in real terminals', () => {
  it('on the fake AMI: waiting, answered, paused on the PBX’s word, monitored, down and back', async () => {
    const pbx = await fakePbx();
    cleanups.push(() => pbx.close());
    await scenario(pbx);
  }, 60_000);

  it.skipIf(REAL_AMI === undefined)(
    REAL_AMI === undefined
      ? 'on a real Asterisk — not run: set CCWALL_TEST_AMI=host:port, CCWALL_TEST_AMI_USER and CCWALL_TEST_AMI_SECRET'
      : `on the real Asterisk at ${REAL_AMI}: the same scenario`,
    async () => {
      const pbx = await realPbx(
        REAL_AMI ?? '',
        process.env.CCWALL_TEST_AMI_USER ?? 'ccwall',
        process.env.CCWALL_TEST_AMI_SECRET ?? '',
      );
      cleanups.push(() => pbx.close());
      await scenario(pbx);
    },
    90_000,
  );
});
