/**
 * Supervisor actions against a real hub (127.0.0.1, port 0) through the wallboard's client:
 * what the action menu offers (computed with `decide` on the client's copy of the state) is
 * what the hub accepts, for a supervisor in scope and out of it, an admin and an agent; logout
 * and pause on a busy agent become pending and apply when the interaction ends; ending
 * wrap-up early is refused where the admin has not enabled it.
 *
 * The hub runs the demo with the simulator on a clock the test moves: traffic only happens
 * when the test advances time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type WallboardClient } from '../../src/client/index.js';
import type { WallboardSnapshot } from '../../src/client/store.js';
import {
  type Actor,
  type CenterState,
  managesChannel,
  pairKey,
  unassignedSessions,
} from '../../src/domain/index.js';
import {
  DEMO_ADMIN_ID,
  DEMO_AGENT_ID,
  DEMO_SUPERVISOR_ID,
  type RunningHub,
  startHub,
} from '../../src/hub/index.js';
import type { AgentSession, Command } from '../../src/protocol/index.js';
import { type ActionScope, menuEntries } from '../../src/views/actions/agent-actions.js';

/** The sessions an agent opened themselves in an unassigned channel after such logins were turned off. */
const flagged = (state: CenterState, actor: Actor) =>
  unassignedSessions(state, actor.user).filter((s) => s.notAllowed);

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface SteppedHub {
  hub: RunningHub;
  /** Moves the hub's clock on, a simulated step at a time, until `done` holds. */
  advanceUntil(done: () => boolean, what: string): Promise<void>;
}

async function steppedHub(): Promise<SteppedHub> {
  let t = Date.now();
  const hub = await startHub({
    port: 0,
    demo: true,
    simulate: { seed: 3, tickMs: 5 },
    now: () => t,
    log: () => {},
  });
  cleanups.push(() => hub.close());
  return {
    hub,
    async advanceUntil(done, what) {
      for (let i = 0; i < 400; i += 1) {
        if (done()) return;
        t += 5_000;
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
      throw new Error(`still waiting for ${what} after 2000 simulated seconds`);
    },
  };
}

function client(url: string, token: string): WallboardClient {
  const c = createClient({ url, token, backoff: { initialMs: 20, maxMs: 200 }, store: { intervalMs: 10 } });
  cleanups.push(() => c.close());
  c.start();
  return c;
}

async function until(
  c: WallboardClient,
  check: (s: WallboardSnapshot) => boolean,
  what: string,
  timeoutMs = 5000,
): Promise<WallboardSnapshot> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const snapshot = c.store.getSnapshot();
    if (check(snapshot)) return snapshot;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function signIn(
  h: RunningHub,
  userId: string,
): Promise<{ c: WallboardClient; state: () => CenterState; actor: Actor }> {
  const c = client(h.url, h.createToken(userId));
  const first = await until(
    c,
    (s) => s.connection.status === 'live' && s.state !== null && s.welcome !== null,
    'live',
  );
  const welcome = first.welcome!;
  return {
    c,
    state: () => c.store.getSnapshot().state!,
    actor: { user: welcome.user, readOnly: welcome.permissions.readOnly },
  };
}

const session = (state: CenterState, channelId: string, userId: string) =>
  state.sessions.get(pairKey(channelId, userId));

/** Sessions in a channel matching a test, from the hub's state (a fact the test relies on). */
function sessionsWhere(h: RunningHub, channelId: string, test: (s: AgentSession) => boolean): AgentSession[] {
  return [...h.state().sessions.values()].filter(
    (s) => s.channelId === channelId && s.userId !== DEMO_SUPERVISOR_ID && test(s),
  );
}

function entriesFor(state: CenterState, actor: Actor, channelId: string, userId: string, now: number) {
  const scope: ActionScope = { state, actor, channelId, targets: [userId], now };
  return new Map(menuEntries(scope).map((e) => [e.id, e]));
}

describe('actions on a real hub', () => {
  it('a supervisor in scope: pause, resume, log out, log in; what the menu offers is what the hub does', async () => {
    const { hub } = await steppedHub();
    const claire = await signIn(hub, DEMO_SUPERVISOR_ID);
    const idle =
      sessionsWhere(hub, 'sales', (s) => s.status === 'available' && s.interactionId === null)[0] ??
      sessionsWhere(hub, 'sales', (s) => s.interactionId === null)[0];
    if (!idle) throw new Error('no idle session in Sales');
    const { userId } = idle;
    let entries = entriesFor(claire.state(), claire.actor, 'sales', userId, Date.now());
    expect(entries.get('pause')?.enabled).toBe(true);
    expect(entries.get('logout')?.enabled).toBe(true);
    expect(entries.get('monitor')).toMatchObject({ enabled: false, reason: 'agent not busy' });

    const send = (command: Command) => claire.c.commands.send(command);
    expect(await send({ type: 'pause', channelId: 'sales', userId, reasonId: 'coaching' })).toMatchObject({
      ok: true,
    });
    await until(claire.c, (s) => session(s.state!, 'sales', userId)?.pauseReasonId === 'coaching', 'paused');
    entries = entriesFor(claire.state(), claire.actor, 'sales', userId, Date.now());
    expect(entries.get('resume')?.enabled).toBe(true);
    expect(await send({ type: 'resume', channelId: 'sales', userId })).toMatchObject({ ok: true });
    await until(claire.c, (s) => session(s.state!, 'sales', userId)?.status !== 'paused', 'resumed');
    expect(await send({ type: 'logout', channelId: 'sales', userId })).toMatchObject({ ok: true });
    await until(claire.c, (s) => !session(s.state!, 'sales', userId), 'logged out');
    expect(await send({ type: 'login', channelId: 'sales', userId })).toMatchObject({ ok: true });
    const after = await until(claire.c, (s) => session(s.state!, 'sales', userId) !== undefined, 'logged in');
    // Logging in never assigns: the session's flag says whether an assignment already existed.
    expect(session(after.state!, 'sales', userId)?.assigned).toBe(
      hub.state().assignments.get(pairKey('sales', userId))?.asAgent === true,
    );
    expect(session(after.state!, 'sales', userId)?.loggedInBy).toBe(DEMO_SUPERVISOR_ID);
  });

  it('a supervisor out of scope is refused; an admin may act anywhere; set_org_settings is for admins', async () => {
    const { hub } = await steppedHub();
    const claire = await signIn(hub, DEMO_SUPERVISOR_ID);
    const marc = await signIn(hub, DEMO_ADMIN_ID);
    // Billing is Julien's: Claire's wallboard does not even see it.
    const billing = sessionsWhere(hub, 'billing', () => true)[0];
    if (!billing) throw new Error('nobody in Billing');
    expect(claire.state().channels.has('billing')).toBe(false);
    for (const command of [
      { type: 'logout', channelId: 'billing', userId: billing.userId },
      { type: 'pause', channelId: 'billing', userId: billing.userId, reasonId: 'break' },
      { type: 'login', channelId: 'billing', userId: DEMO_AGENT_ID },
      { type: 'monitor_start', channelId: 'billing', agentId: billing.userId, mode: 'listen' },
    ] satisfies Command[]) {
      expect(await claire.c.commands.send(command)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(
      await claire.c.commands.send({ type: 'set_org_settings', agentsMayLogInToUnassigned: false }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const entries = entriesFor(marc.state(), marc.actor, 'billing', billing.userId, Date.now());
    expect(entries.get('logout')?.enabled).toBe(true);
    expect(entries.get('log_agents')?.enabled).toBe(true);
    expect(
      await marc.c.commands.send({ type: 'logout', channelId: 'billing', userId: billing.userId }),
    ).toMatchObject({ ok: true });
    expect(
      await marc.c.commands.send({ type: 'login', channelId: 'billing', userId: DEMO_AGENT_ID }),
    ).toMatchObject({ ok: true });
    await until(marc.c, (s) => session(s.state!, 'billing', DEMO_AGENT_ID) !== undefined, 'Sarah in Billing');
  });

  it('an agent acts on themself only; the menu dims the rest as the hub refuses it', async () => {
    const { hub } = await steppedHub();
    const sarah = await signIn(hub, DEMO_AGENT_ID);
    const own =
      [...sarah.state().sessions.values()].find(
        (s) => s.userId === DEMO_AGENT_ID && s.interactionId === null,
      ) ?? [...sarah.state().sessions.values()].find((s) => s.userId === DEMO_AGENT_ID);
    if (!own) throw new Error('Sarah has no session');
    const entries = entriesFor(sarah.state(), sarah.actor, own.channelId, DEMO_AGENT_ID, Date.now());
    expect(entries.get('monitor')).toMatchObject({ enabled: false, reason: 'not permitted' });
    expect(entries.get('log_agents')).toMatchObject({ enabled: false, reason: 'not permitted' });
    expect(entries.get('logout')?.enabled).toBe(true);
    const other = sessionsWhere(hub, own.channelId, (s) => s.userId !== DEMO_AGENT_ID)[0];
    if (!other) throw new Error('nobody else there');
    expect(
      await sarah.c.commands.send({
        type: 'pause',
        channelId: own.channelId,
        userId: other.userId,
        reasonId: 'break',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(
      await sarah.c.commands.send({
        type: 'pause',
        channelId: own.channelId,
        userId: DEMO_AGENT_ID,
        reasonId: 'coaching',
      }),
    ).toMatchObject({
      ok: true,
    });
  });

  it('logout and pause on busy agents become pending, then apply when their interactions end', async () => {
    const stepped = await steppedHub();
    const { hub } = stepped;
    const claire = await signIn(hub, DEMO_SUPERVISOR_ID);
    const busy = [...hub.state().sessions.values()].filter(
      (s) =>
        s.interactionId !== null &&
        s.pending === null &&
        managesChannel(hub.state(), hub.state().users.get(DEMO_SUPERVISOR_ID)!, s.channelId),
    );
    const [leaving, pausing] = busy;
    if (!leaving || !pausing) throw new Error('fewer than two busy agents in Claire’s channels');
    const menu = entriesFor(claire.state(), claire.actor, leaving.channelId, leaving.userId, Date.now());
    expect(menu.get('monitor')?.enabled).toBe(true);
    expect(
      await claire.c.commands.send({ type: 'logout', channelId: leaving.channelId, userId: leaving.userId }),
    ).toMatchObject({ ok: true });
    expect(
      await claire.c.commands.send({
        type: 'pause',
        channelId: pausing.channelId,
        userId: pausing.userId,
        reasonId: 'coaching',
      }),
    ).toMatchObject({ ok: true });
    const pending = await until(
      claire.c,
      (s) =>
        session(s.state!, leaving.channelId, leaving.userId)?.pending?.kind === 'logout' &&
        session(s.state!, pausing.channelId, pausing.userId)?.pending?.kind === 'pause',
      'both pending',
    );
    expect(session(pending.state!, leaving.channelId, leaving.userId)?.status).toBe('busy');
    expect(session(pending.state!, pausing.channelId, pausing.userId)?.status).toBe('busy');
    // Asking twice is refused in words.
    expect(
      await claire.c.commands.send({ type: 'logout', channelId: leaving.channelId, userId: leaving.userId }),
    ).toMatchObject({
      ok: false,
      error: { code: 'already_pending' },
    });
    const leftInteraction = leaving.interactionId!;
    const pausedInteraction = pausing.interactionId!;
    await stepped.advanceUntil(
      () =>
        !hub.state().interactions.has(leftInteraction) && !hub.state().interactions.has(pausedInteraction),
      'both interactions to end',
    );
    const done = await until(
      claire.c,
      (s) =>
        session(s.state!, leaving.channelId, leaving.userId) === undefined &&
        session(s.state!, pausing.channelId, pausing.userId)?.status === 'paused',
      'the pending actions applied',
    );
    expect(session(done.state!, pausing.channelId, pausing.userId)?.pauseReasonId).toBe('coaching');
  });

  it('ends wrap-up early only where enabled, and monitors a busy agent in every mode', async () => {
    const stepped = await steppedHub();
    const { hub } = stepped;
    const claire = await signIn(hub, DEMO_SUPERVISOR_ID);
    // Support: supervisors may not end wrap-up early.
    const inSupport = sessionsWhere(hub, 'support', () => true)[0];
    if (!inSupport) throw new Error('nobody in Support');
    const entries = entriesFor(claire.state(), claire.actor, 'support', inSupport.userId, Date.now());
    expect(entries.get('end_wrap_up')).toMatchObject({
      enabled: false,
      reason: 'early end not enabled here',
    });
    expect(
      await claire.c.commands.send({ type: 'end_wrap_up', channelId: 'support', userId: inSupport.userId }),
    ).toMatchObject({
      ok: false,
      error: { code: 'wrap_up_end_not_enabled' },
    });
    // Sales: enabled; an agent in wrap-up is ended early.
    await stepped.advanceUntil(
      () => sessionsWhere(hub, 'sales', (s) => s.status === 'wrap_up').length > 0,
      'a wrap-up in Sales',
    );
    const wrapping = sessionsWhere(hub, 'sales', (s) => s.status === 'wrap_up')[0]!;
    await until(
      claire.c,
      (s) => session(s.state!, 'sales', wrapping.userId)?.status === 'wrap_up',
      'the wrap-up on the wallboard',
    );
    expect(
      entriesFor(claire.state(), claire.actor, 'sales', wrapping.userId, Date.now()).get('end_wrap_up')
        ?.enabled,
    ).toBe(true);
    expect(
      await claire.c.commands.send({ type: 'end_wrap_up', channelId: 'sales', userId: wrapping.userId }),
    ).toMatchObject({ ok: true });

    await stepped.advanceUntil(
      () => sessionsWhere(hub, 'sales', (s) => s.interactionId !== null).length > 0,
      'a call in Sales',
    );
    const onCall = sessionsWhere(hub, 'sales', (s) => s.interactionId !== null)[0]!;
    const send = (command: Command) => claire.c.commands.send(command);
    expect(
      await send({ type: 'monitor_start', channelId: 'sales', agentId: onCall.userId, mode: 'read' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_mode' },
    });
    expect(
      await send({ type: 'monitor_start', channelId: 'sales', agentId: onCall.userId, mode: 'listen' }),
    ).toMatchObject({ ok: true });
    await until(claire.c, (s) => s.state!.monitors.get(DEMO_SUPERVISOR_ID)?.mode === 'listen', 'listening');
    expect(await send({ type: 'monitor_mode', mode: 'whisper' })).toMatchObject({ ok: true });
    expect(await send({ type: 'monitor_mode', mode: 'barge' })).toMatchObject({ ok: true });
    await until(claire.c, (s) => s.state!.monitors.get(DEMO_SUPERVISOR_ID)?.mode === 'barge', 'barging');
    expect(await send({ type: 'monitor_stop' })).toMatchObject({ ok: true });
    await until(claire.c, (s) => !s.state!.monitors.has(DEMO_SUPERVISOR_ID), 'stopped');
  });

  it('an admin turns unassigned logins off; flagged sessions stay, listed, and are logged out in one step', async () => {
    const { hub } = await steppedHub();
    const marc = await signIn(hub, DEMO_ADMIN_ID);
    expect(flagged(marc.state(), marc.actor)).toEqual([]);
    expect(
      await marc.c.commands.send({ type: 'set_org_settings', agentsMayLogInToUnassigned: false }),
    ).toMatchObject({ ok: true });
    const after = await until(marc.c, (s) => flagged(s.state!, marc.actor).length > 0, 'flagged sessions');
    const list = flagged(after.state!, marc.actor);
    expect(list.every((f) => f.session.allowed === false)).toBe(true);
    const acks = await Promise.all(
      list.map((f) =>
        marc.c.commands.send({ type: 'logout', channelId: f.session.channelId, userId: f.session.userId }),
      ),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    await until(
      marc.c,
      (s) => flagged(s.state!, marc.actor).every((f) => f.session.pending?.kind === 'logout'),
      'logged out (or pending)',
    );
  });
});
