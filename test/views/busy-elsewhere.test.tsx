/**
 * An agent ready in one channel but on an interaction in another: the board shows them busy
 * there, so the time, the action menu, the confirmations and the bulk count must agree with it
 * and say what the hub will really do (logout and pause here apply at once; the interaction
 * elsewhere goes on; monitoring targets the interaction where it is).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { pairKey, stateFromSnapshot } from '../../src/domain/index.js';
import type { SnapshotData } from '../../src/protocol/index.js';
import { confirmationFor, menuEntries } from '../../src/views/actions/agent-actions.js';
import { centerSnapshot, SUPERVISOR, T0 } from '../fixtures/center-snapshot.js';
import { type ActionsHarness, boardRow, renderActions } from './actions-fixture.js';
import { KEYS } from './render-at.js';

let app: ActionsHarness | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

const row = boardRow;
/** The agent pane's part of a row: right of the separator. */
const agentPart = (frame: string, name: string): string => row(frame, name).split('│')[1] ?? '';
/** The menu's words in one line: the left of the separator, wrapped lines joined by spaces. */
const menuText = (frame: string): string =>
  frame
    .split('\n')
    .map((l) => (l.split('│')[0] ?? '').trim())
    .filter(Boolean)
    .join(' ');

/** Opens Sales (the second queue) and focuses its agents. */
async function openSales(harness: ActionsHarness): Promise<void> {
  await harness.waitFor((f) => f.includes('Billing'), 'the queues');
  await harness.press('j');
  await harness.waitFor((f) => f.includes('› Sales') && f.includes('Bruno Diaz'), 'the agents of Sales');
  await harness.press(KEYS.right);
  await harness.waitFor((f) => agentPart(f, 'Greta Larsen').includes('›'), 'the cursor on the first agent');
}

/** Moves the cursor down to `name` (the list starts with the cursor on its first row). */
async function cursorTo(harness: ActionsHarness, name: string): Promise<void> {
  for (let i = 0; i < 12 && !agentPart(harness.frame(), name).includes('›'); i += 1) await harness.press('j');
  await harness.waitFor((f) => agentPart(f, name).includes('›'), `the cursor on ${name}`);
}

async function openMenuOn(name: string, options: Parameters<typeof renderActions>[0] = {}) {
  app = renderActions(options);
  await openSales(app);
  await cursorTo(app, name);
  await app.press(KEYS.enter);
  await app.waitFor((f) => f.includes('Not available:'), 'the action menu');
  return app;
}

/** Picks the allowed entry (or option) whose label contains `label`. */
async function choose(harness: ActionsHarness, label: string): Promise<void> {
  const lines = harness
    .frame()
    .split('\n')
    .map((l) => l.split('│')[0] ?? '');
  const heading = lines.findIndex((l) => /^ (Actions|Pause — |Monitor — )/.test(l));
  const entries: string[] = [];
  for (const line of lines.slice(heading + 1)) {
    if (line.trim() === '') break;
    entries.push(line);
  }
  const index = entries.findIndex((l) => l.includes(label));
  if (index < 0) throw new Error(`no entry ${label} in:\n${entries.join('\n')}`);
  for (let i = 0; i < index; i += 1) await harness.press(KEYS.down);
  await harness.press(KEYS.enter);
}

/** Sam supervises Sales only (not Web chat, where Alice is on a chat). */
const salesOnly = (data: SnapshotData) => {
  data.org = { ...data.org, supervisorsLimitedToAssigned: true };
  data.assignments.push({ userId: 'sup', channelId: 'q-sales', asAgent: false, asSupervisor: true });
};

describe('an agent ready here but busy in another channel', () => {
  it('shows the time of the interaction there, the same as its duration', async () => {
    app = renderActions({ columns: 120 });
    await openSales(app);
    const frame = await app.waitFor((f) => f.includes('Interaction'), 'the interaction column');
    // Her session in Sales has been ready for 1:05, but she has been on the chat for 0:38.
    expect(agentPart(frame, 'Alice Martin')).toMatch(/busy\s+0:38\s+busy · Web chat\s+0:38 Chat Person/);
    expect(agentPart(frame, 'Alice Martin')).not.toContain('1:05');
  });

  it('offers to read the chat where it is when the supervisor supervises that channel too', async () => {
    const a = await openMenuOn('Alice Martin');
    const [allowed] = menuText(a.frame()).split('Not available:');
    expect(allowed).toContain('Read transcript in Web chat');
    expect(menuText(a.frame())).not.toContain('agent not busy');
    await choose(a, 'Read transcript in Web chat');
    await a.waitFor((f) => f.includes('◉ Monitoring'), 'the monitor bar');
    expect(a.sent).toEqual([{ type: 'monitor_start', channelId: 'c-web', agentId: 'a01', mode: 'read' }]);
    expect(a.frame()).toMatch(/Alice Martin · chat with Chat Person · Web chat · read transcript/);
  });

  it('dims monitoring with where the agent is busy when that channel is not theirs', async () => {
    const a = await openMenuOn('Alice Martin', { tweak: salesOnly });
    const [, dimmed] = menuText(a.frame()).split('Not available:');
    expect(dimmed).toContain('Monitor… busy in Web chat, not here');
    expect(dimmed).not.toContain('agent not busy');
  });

  it('asks before logging out, saying it applies here at once and the chat goes on', async () => {
    const a = await openMenuOn('Alice Martin');
    await choose(a, 'Log out');
    const ask = await a.waitFor((f) => menuText(f).includes('goes on'), 'the confirmation');
    expect(menuText(ask)).toContain(
      'Alice Martin is on a chat in Web chat, not in Sales. The logout from Sales takes effect now; the chat goes on.',
    );
    await a.press('y');
    // The hub logs her out of Sales at once (no pending logout); her chat in Web chat goes on.
    // Her row is gone from the agents pane (right of the separator); the footer may still name
    // her in the command's outcome ("Log out · Sales: Alice Martin: done").
    await a.waitFor(
      (f) => !f.split('\n').some((l) => (l.split('│')[1] ?? '').includes('Alice Martin')),
      'Alice gone from Sales',
    );
    expect(a.sent).toEqual([{ type: 'logout', channelId: 'q-sales', userId: 'a01' }]);
    expect(a.live.sessions.has(pairKey('q-sales', 'a01'))).toBe(false);
    expect(a.live.interactions.get('i-c1')?.agentId).toBe('a01');
  });

  it('counts in bulk every agent the rows show busy, and says what happens to each kind', async () => {
    app = renderActions();
    const a = app;
    await openSales(a);
    // Greta (ready), Bruno (on a call here), Alice (on a chat in Web chat).
    await a.press(' ');
    await a.waitFor((f) => /✓◇ Greta/.test(f), 'Greta selected');
    await cursorTo(a, 'Bruno Diaz');
    await a.press(' ');
    await a.waitFor((f) => /✓\s+Bruno/.test(f), 'Bruno selected');
    await cursorTo(a, 'Alice Martin');
    await a.press(' ');
    await a.waitFor((f) => /✓\s+Alice/.test(f), 'Alice selected');
    await a.press(KEYS.enter);
    await a.waitFor((f) => f.includes('3 selected agents · Sales'), 'the bulk menu');
    await choose(a, 'Log out');
    const ask = await a.waitFor((f) => menuText(f).includes('goes on'), 'the confirmation');
    expect(menuText(ask)).toContain(
      '2 of 3 agents are busy. 1 on an interaction here: the logout takes effect when it ends. ' +
        '1 only in another channel: logged out here now, their interaction goes on.',
    );
  });
});

/**
 * What the hub sends a supervisor of Sales only: not Web chat, nor Alice's chat there; her
 * session in Sales carries the hub's mark that she is busy elsewhere.
 */
const salesOnlyAsScoped = (data: SnapshotData) => {
  salesOnly(data);
  data.channels = data.channels.filter((c) => c.id !== 'c-web');
  data.interactions = data.interactions.filter((i) => i.channelId !== 'c-web');
  data.sessions = data.sessions.filter((x) => x.channelId !== 'c-web');
  data.stats = data.stats.filter((x) => x.channelId !== 'c-web');
};

describe('an agent busy in a channel the supervisor may not see', () => {
  it('shows "busy elsewhere", never "ready", without that channel or customer, and never counts her ready', async () => {
    app = renderActions({ columns: 120, tweak: salesOnlyAsScoped });
    await openSales(app);
    const frame = await app.waitFor((f) => f.includes('Interaction'), 'the interaction column');
    const alice = agentPart(frame, 'Alice Martin');
    expect(alice).toMatch(/busy\s+0:38\s+busy elsewhere/);
    expect(alice).not.toMatch(/ready|Web chat|Chat Person/);
    // Greta and Hugo are ready in Sales; Alice counts busy (with Bruno, Emma and Farid).
    expect(app.lines()[1]).toMatch(/ready 2 · busy 4 ·/);
  });

  it('dims monitoring and asks before logging out without naming the other channel', async () => {
    const a = await openMenuOn('Alice Martin', { tweak: salesOnlyAsScoped });
    const [, dimmed] = menuText(a.frame()).split('Not available:');
    expect(dimmed).toContain('Monitor… busy in another channel, not here');
    await choose(a, 'Log out');
    const ask = await a.waitFor((f) => menuText(f).includes('goes on'), 'the confirmation');
    expect(menuText(ask)).toContain(
      'Alice Martin is on an interaction in another channel, not in Sales. The logout from Sales takes effect now; the interaction goes on.',
    );
    expect(menuText(ask)).not.toContain('Web chat');
  });
});

describe('the menu model for an agent busy elsewhere', () => {
  const state = stateFromSnapshot(centerSnapshot());
  const scope = (targets: string[]) => ({
    state,
    actor: { user: SUPERVISOR, readOnly: false },
    channelId: 'q-sales',
    targets,
    now: T0,
  });

  it('asks before pausing, saying it applies here at once', () => {
    expect(confirmationFor(scope(['a01']), { kind: 'pause', reasonId: 'lunch' })).toBe(
      'Alice Martin is on a chat in Web chat, not in Sales. The pause in Sales takes effect now; the chat goes on.',
    );
  });

  it('keeps the pending wording for agents busy only here', () => {
    expect(confirmationFor(scope(['a02', 'a07']), { kind: 'logout' })).toBe(
      '1 of 2 agents are on an interaction. For them, the logout takes effect when it ends.',
    );
    expect(confirmationFor(scope(['a01', 'a07']), { kind: 'pause', reasonId: 'lunch' })).toBe(
      '1 of 2 agents are busy. 1 only in another channel: paused here now, their interaction goes on.',
    );
  });

  it('monitors the interaction in its own channel, with that channel’s modes', () => {
    const monitor = menuEntries(scope(['a01'])).find((e) => e.id === 'monitor');
    expect(monitor).toMatchObject({ label: 'Read transcript in Web chat', enabled: true, reason: null });
    // An agent who is simply ready has nothing to monitor.
    const ready = menuEntries(scope(['a07'])).find((e) => e.id === 'monitor');
    expect(ready).toMatchObject({ label: 'Monitor…', enabled: false, reason: 'agent not busy' });
  });
});
