/**
 * Supervisor actions as a person does them in a real terminal, on the embedded demo:
 * open the menu on an agent and pause her with a reason; log an agent in through the
 * Log agents dialog; as the admin, turn unassigned logins off and log the flagged sessions out.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { keys, type PtySession, spawnCli } from './pty-session.js';

const sessions: PtySession[] = [];
function start(args: string[] = [], cols = 120, rows = 30): PtySession {
  const session = spawnCli(args, { cols, rows });
  sessions.push(session);
  return session;
}
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});

/** The left part of the screen (the menu, when open). */
const left = (screen: string) => screen.split('\n').map((l) => l.split('│')[0] ?? '');
/** The agent row naming `name` (right of the separator). */
const agentRow = (screen: string, name: string) =>
  screen
    .split('\n')
    .map((l) => l.split('│')[1] ?? '')
    .find((l) => l.includes(name)) ?? '';

/** Picks an allowed entry of the open menu by its label, with ↓ and Enter. */
async function choose(board: PtySession, labels: string[]): Promise<string> {
  const lines = left(board.screen());
  const heading = lines.findIndex((l) => /^ (Actions|Pause — |Monitor — )/.test(l));
  const entries: string[] = [];
  for (const line of lines.slice(heading + 1)) {
    if (line.trim() === '') break;
    entries.push(line);
  }
  for (const label of labels) {
    const index = entries.findIndex((l) => l.includes(label));
    if (index < 0) continue;
    for (let i = 0; i < index; i += 1) await board.press(keys.down);
    await board.press(keys.enter);
    return label;
  }
  throw new Error(`none of ${labels.join(', ')} in the menu:\n${board.screen()}`);
}

describe('supervisor actions in a real terminal', () => {
  it('opens the menu on an agent, pauses her with a reason, and the row changes', async () => {
    const board = start();
    await board.waitFor(/● live/);
    await board.waitFor((s) => agentRow(s, 'Sarah Thompson') !== '');
    await board.press('/', ...'sarah', keys.enter);
    await board.waitFor((s) => agentRow(s, 'Sarah Thompson').includes('›'));
    await board.press(keys.enter);
    await board.waitFor('Sarah Thompson · Sales');
    expect(board.lines().at(-1)).toMatch(/⏎ choose.*Esc back/);
    await choose(board, ['Pause…']);
    await board.waitFor('Pause — pick a reason');
    const reason = await choose(board, ['Meeting', 'Coaching']);
    const after = await board.waitFor((s) => s.includes('takes effect') || /✓ Pause/.test(s));
    if (after.includes('takes effect now')) {
      // She is on an interaction in another channel: the pause here is at once, and it goes on.
      const question = left(after).join(' ').replace(/\s+/g, ' ');
      expect(question).toMatch(/Sarah Thompson is on a (call|chat) in .+, not in Sales/);
      await board.press('y');
      await board.waitFor((s) =>
        new RegExp(`paused\\s+\\d+:\\d+\\s+${reason}`).test(agentRow(s, 'Sarah Thompson')),
      );
    } else if (after.includes('takes effect')) {
      // She is on a call here: the pause waits for it to end, and the screen says so.
      expect(after).toMatch(/Sarah Thompson is on a (call|chat)/);
      await board.press('y');
      await board.waitFor((s) => agentRow(s, 'Sarah Thompson').includes(`→ pause: ${reason}`));
    } else {
      await board.waitFor((s) =>
        new RegExp(`paused\\s+\\d+:\\d+\\s+${reason}`).test(agentRow(s, 'Sarah Thompson')),
      );
    }
    await board.waitFor(`Pause (${reason}) · Sales: Sarah Thompson`);
  });

  it('logs an agent in through the Log agents dialog; the row shows the not-assigned mark', async () => {
    const board = start();
    await board.waitFor(/● live/);
    await board.waitFor((s) => agentRow(s, 'busy') !== '' || agentRow(s, 'ready') !== '');
    await board.press('a');
    await board.waitFor('Log agents in to Sales');
    await board.waitFor((s) => /Tab role/.test(s.trimEnd().split('\n').at(-1) ?? ''));
    await board.press(...'lefevre');
    await board.waitFor((s) => s.includes('Marc Lefèvre') && !s.includes('Amelia Hughes'));
    await board.press(keys.enter);
    await board.waitFor(/›\s+Marc Lefèvre/);
    await board.press(keys.right);
    await board.waitFor(/[●○] (Mobile app|Softphone|Web client|Desk phone)/);
    await board.press(' ');
    await board.waitFor('1 selected');
    await board.press(keys.enter);
    await board.waitFor('Log in to Sales: Marc Lefèvre: logged in, not assigned here');
    await board.waitFor((s) => /◇ Marc Lefèvre/.test(agentRow(s, 'Marc Lef')));
  });

  it('as the admin, turns unassigned logins off and logs the flagged (⊘) sessions out', async () => {
    const board = start(['--as', 'marc.lefevre']);
    await board.waitFor(/● live/);
    await board.waitFor('o settings');
    await board.press('o');
    await board.waitFor('Agents may log in to unassigned queues: on');
    await board.press(keys.enter);
    await board.waitFor('Turn off unassigned logins?');
    await board.press(keys.enter);
    await board.waitFor('Agents may log in to unassigned queues: off');
    await board.press('u');
    const flaggedLines = (screen: string) =>
      screen.split('\n').filter((l) => /^ ⊘ /.test(l) && l.includes('logged in by themself'));
    // The list follows the hub: the flags arrive with the settings change; ⊘ come first.
    const flagged = flaggedLines(await board.waitFor((s) => flaggedLines(s).length > 0));
    expect(flagged.length).toBeGreaterThan(0);
    for (let i = 0; i < flagged.length; i += 1) await board.press(' ');
    await board.waitFor(`${flagged.length} selected`);
    await board.press(keys.enter);
    await board.waitFor(/Log out \d+ sessions? in channels?/);
    await board.press('y');
    const report = await board.waitFor((s) =>
      s.split('\n').some((l) => l.trimEnd().endsWith(`${flagged.length} done · 0 refused`)),
    );
    expect(report.split('\n').filter((l) => /^ ✓ .*(logged out|pending)/.test(l)).length).toBe(
      flagged.length,
    );
    await board.press(keys.escape);
    await board.press('u');
    await board.waitFor((s) => flaggedLines(s).length === 0 || /pending|on an interaction/.test(s));
  });
});
