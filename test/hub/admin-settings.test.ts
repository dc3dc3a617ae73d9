/**
 * Admin settings over real sockets (127.0.0.1, port 0): an admin changes a channel's "end
 * wrap-up early" setting and the pause reasons; a supervisor's wallboard store (the real client)
 * follows live, and so do the menus computed from it; the hub refuses a retired reason, keeps it
 * on the agent already paused with it, and audits each change in its own words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type WallboardClient, type WallboardSnapshot } from '../../src/client/index.js';
import { type Actor, type CenterState, pairKey } from '../../src/domain/index.js';
import {
  DEMO_ADMIN_ID,
  DEMO_AGENT_ID,
  DEMO_SUPERVISOR_ID,
  type RunningHub,
  startHub,
} from '../../src/hub/index.js';
import type { Command } from '../../src/protocol/index.js';
import { menuEntries, pauseRequests } from '../../src/views/actions/agent-actions.js';
import { REFUSAL_WORDS } from '../../src/views/actions/refusals.js';
import { HubClient } from './hub-client.js';

let hub: RunningHub;
let admin: HubClient;
let claire: WallboardClient;
let sarah: WallboardClient;

function client(token: string): WallboardClient {
  const c = createClient({
    url: hub.url,
    token,
    backoff: { initialMs: 20, maxMs: 200 },
    store: { intervalMs: 10 },
  });
  c.start();
  return c;
}

async function until(
  c: WallboardClient,
  check: (state: CenterState, s: WallboardSnapshot) => boolean,
  what: string,
): Promise<CenterState> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const snapshot = c.store.getSnapshot();
    if (snapshot.state && snapshot.connection.status === 'live' && check(snapshot.state, snapshot))
      return snapshot.state;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function asAdmin(command: Command): Promise<void> {
  const ack = await admin.command(command);
  expect(ack, command.type).toMatchObject({ ok: true });
}

beforeAll(async () => {
  hub = await startHub({ port: 0, demo: true, simulate: false, log: () => {} });
  admin = await HubClient.connect(hub.url, hub.createToken(DEMO_ADMIN_ID));
  claire = client(hub.createToken(DEMO_SUPERVISOR_ID));
  sarah = client(hub.createToken(DEMO_AGENT_ID));
  // Sarah in Support (Claire supervises it; supervisors may not end wrap-up early there).
  await asAdmin({ type: 'login', channelId: 'support', userId: DEMO_AGENT_ID });
  await until(claire, (s) => s.sessions.has(pairKey('support', DEMO_AGENT_ID)), 'Sarah in Support');
});

afterAll(async () => {
  claire?.close();
  sarah?.close();
  await admin?.close();
  await hub?.close();
});

const claireActor = (state: CenterState): Actor => {
  const user = state.users.get(DEMO_SUPERVISOR_ID);
  if (!user) throw new Error('Claire is not in her own state');
  return { user, readOnly: false };
};

/** Why "End wrap-up early" is dimmed on Sarah in Support, on Claire's board (null: offered). */
function endWrapUpReason(state: CenterState): string | null {
  const scope = {
    state,
    actor: claireActor(state),
    channelId: 'support',
    targets: [DEMO_AGENT_ID],
    now: Date.now(),
  };
  return menuEntries(scope).find((e) => e.id === 'end_wrap_up')?.reason ?? null;
}

describe('admin settings, live on a supervisor wallboard', () => {
  it('turns "supervisors may end wrap-up early" on and off; the reason in the menu follows', async () => {
    let state = await until(claire, () => true, 'Claire live');
    expect(state.channels.get('support')?.settings.supervisorsMayEndWrapUp).toBe(false);
    expect(endWrapUpReason(state)).toBe(REFUSAL_WORDS.wrap_up_end_not_enabled);

    await asAdmin({ type: 'set_channel_settings', channelId: 'support', supervisorsMayEndWrapUp: true });
    state = await until(
      claire,
      (s) => s.channels.get('support')?.settings.supervisorsMayEndWrapUp === true,
      'on',
    );
    // Now only her status stands in the way: she is not in wrap-up.
    expect(endWrapUpReason(state)).toBe(REFUSAL_WORDS.not_in_wrap_up);
    const tried = await claire.commands.send({
      type: 'end_wrap_up',
      channelId: 'support',
      userId: DEMO_AGENT_ID,
    });
    expect(tried).toMatchObject({ ok: false, error: { code: 'not_in_wrap_up' } });

    await asAdmin({ type: 'set_channel_settings', channelId: 'support', supervisorsMayEndWrapUp: false });
    state = await until(
      claire,
      (s) => s.channels.get('support')?.settings.supervisorsMayEndWrapUp === false,
      'off',
    );
    expect(endWrapUpReason(state)).toBe(REFUSAL_WORDS.wrap_up_end_not_enabled);
    // The other settings of the channel and its counters are untouched.
    expect(state.channels.get('support')?.settings.wrapUpSeconds).toBe(45);
  });

  it('adds, renames and retires a pause reason: every wallboard follows; the paused agent keeps it', async () => {
    await asAdmin({ type: 'add_pause_reason', reasonId: 'coffee', label: 'Coffee' });
    await until(
      sarah,
      (s) => s.pauseReasons.some((r) => r.id === 'coffee'),
      'the reason on the agent dashboard',
    );
    let state = await until(claire, (s) => s.pauseReasons.some((r) => r.id === 'coffee'), 'the reason, live');
    expect(pauseRequests(state)).toContainEqual({ kind: 'pause', reasonId: 'coffee' });

    const pause = await claire.commands.send({
      type: 'pause',
      channelId: 'support',
      userId: DEMO_AGENT_ID,
      reasonId: 'coffee',
    });
    expect(pause.ok).toBe(true);
    await until(
      claire,
      (s) => s.sessions.get(pairKey('support', DEMO_AGENT_ID))?.pauseReasonId === 'coffee',
      'paused',
    );

    await asAdmin({ type: 'retire_pause_reason', reasonId: 'coffee' });
    state = await until(
      claire,
      (s) => s.pauseReasons.find((r) => r.id === 'coffee')?.retired === true,
      'retired',
    );
    expect(pauseRequests(state)).not.toContainEqual({ kind: 'pause', reasonId: 'coffee' });
    expect(state.sessions.get(pairKey('support', DEMO_AGENT_ID))).toMatchObject({
      status: 'paused',
      pauseReasonId: 'coffee',
    });
    await until(
      sarah,
      (s) => s.pauseReasons.find((r) => r.id === 'coffee')?.retired === true,
      'retired for Sarah',
    );

    // No one may be paused with it any more, not even the agent herself.
    const again = await sarah.commands.send({
      type: 'pause',
      channelId: 'sales',
      userId: DEMO_AGENT_ID,
      reasonId: 'coffee',
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'reason_retired' } });

    await asAdmin({ type: 'rename_pause_reason', reasonId: 'coffee', label: 'Coffee break' });
    state = await until(
      claire,
      (s) => s.pauseReasons.find((r) => r.id === 'coffee')?.label === 'Coffee break',
      'the new label',
    );
    expect(state.sessions.get(pairKey('support', DEMO_AGENT_ID))?.pauseReasonId).toBe('coffee');

    const refused = await admin.command({ type: 'add_pause_reason', reasonId: 'coffee', label: 'Espresso' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'already_exists' } });
    const notAdmin = await claire.commands.send({ type: 'restore_pause_reason', reasonId: 'coffee' });
    expect(notAdmin).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('audits each admin change with its target and detail', async () => {
    const audit = await claire.commands.queryAudit({ limit: 50 });
    const rows = audit
      .filter((e) => e.actorId === DEMO_ADMIN_ID && e.action !== 'authenticate' && e.action !== 'login')
      .map((e) => [e.action, e.target, e.result, e.detail])
      .reverse();
    expect(rows).toEqual([
      ['set_channel_settings', 'channel support', 'ok', 'supervisorsMayEndWrapUp=true'],
      ['set_channel_settings', 'channel support', 'ok', 'supervisorsMayEndWrapUp=false'],
      ['add_pause_reason', 'pause reason coffee', 'ok', 'label "Coffee"'],
      ['retire_pause_reason', 'pause reason coffee', 'ok', 'label "Coffee"'],
      ['rename_pause_reason', 'pause reason coffee', 'ok', 'label "Coffee" → "Coffee break"'],
      [
        'add_pause_reason',
        'pause reason coffee',
        'already_exists',
        expect.stringContaining('restore it instead'),
      ],
    ]);
  });
});
