/**
 * The wallboard as a person meets it: `ccwall` with no arguments in a real terminal starts
 * the embedded demo hub and shows the live board; every key of the board works; q quits and
 * gives the terminal back. (The demo signs in as Claire Dubois, who supervises Sales,
 * Support, VIP, Web chat, WhatsApp and Winback.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { keys, type PtySession, spawnCli } from './pty-session.js';

const sessions: PtySession[] = [];
function start(cols = 100, rows = 30): PtySession {
  const session = spawnCli([], { cols, rows });
  sessions.push(session);
  return session;
}
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});

/** Agent rows of the right pane: name → status. */
function agentStatuses(screen: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of screen.split('\n')) {
    const right = line.split('│')[1]?.replace(/^[\s›]+/, '');
    // At 80 columns a long name is cut to its column: one space before the extension.
    const match = right?.match(/^(\S.*?)\s+(\d{4})\s+(ready|busy|wrap-up|paused)\b/);
    if (match?.[1] && match[3]) rows.set(match[1], match[3]);
  }
  return rows;
}

/** The channel named on the KPI line under the title bar. */
const selectedChannel = (session: PtySession) =>
  session
    .lines()[1]
    ?.trim()
    .split(/\s{2,}/)[0];
/** Channel names of the left pane. */
const channelList = (screen: string) =>
  screen
    .split('\n')
    .slice(4)
    .map(
      (line) =>
        line
          .split('│')[0]
          ?.replace(/^[\s›]+/, '')
          .match(/^(\S+(?: \S+)?)\s{2,}\d/)?.[1],
    )
    .filter((name): name is string => Boolean(name));

describe('the wallboard in a real terminal', () => {
  it('opens live on the demo, shows every key working, and gives the terminal back on q', async () => {
    const board = start();
    await board.waitFor(/● live/);
    await board.waitFor((s) => agentStatuses(s).size > 3);
    expect(board.isAlternateScreen()).toBe(true);
    expect(channelList(board.screen())).toEqual(['Sales', 'Support', 'VIP']);

    // Live: agents change status without a key being pressed.
    const before = agentStatuses(board.screen());
    await board.waitFor((s) => {
      const now = agentStatuses(s);
      return [...now].some(([name, status]) => before.has(name) && before.get(name) !== status);
    }, 60_000);

    // Panes: 1/2/3, Tab and Shift-Tab.
    await board.press('2');
    await board.waitFor((s) => channelList(s).includes('Web chat'));
    expect(channelList(board.screen())).toEqual(['Web chat', 'WhatsApp']);
    await board.press('3');
    await board.waitFor((s) => channelList(s).join() === 'Winback');
    await board.press(keys.tab);
    await board.waitFor((s) => channelList(s).includes('Sales'));
    await board.press(keys.shiftTab);
    await board.waitFor((s) => channelList(s).join() === 'Winback');
    await board.press('1');
    await board.waitFor((s) => channelList(s).includes('Sales'));

    // Moving in the channel list selects another channel; g/G jump to the ends.
    expect(selectedChannel(board)).toBe('Sales');
    await board.press(keys.down);
    await board.waitFor(() => selectedChannel(board) === 'Support');
    await board.press('j');
    await board.waitFor(() => selectedChannel(board) === 'VIP');
    await board.press('g');
    await board.waitFor(() => selectedChannel(board) === 'Sales');
    await board.press('G');
    await board.waitFor(() => selectedChannel(board) === 'VIP');
    await board.press('k', 'k');
    await board.waitFor(() => selectedChannel(board) === 'Sales');

    // → focuses the agents, where the footer offers agent actions; ← goes back.
    await board.press(keys.right);
    await board.waitFor(/← channels/);
    await board.press('h');
    await board.waitFor(/→ agents/);

    // Filter by name, then Esc clears it.
    await board.press('/', 's', 'a', 'r', 'a', 'h');
    await board.waitFor((s) => {
      const names = [...agentStatuses(s).keys()];
      return names.length === 1 && names[0] === 'Sarah Thompson';
    });
    await board.press(keys.escape);
    await board.waitFor((s) => agentStatuses(s).size > 3);

    // Sort cycles status → time in status → name.
    await board.press('s');
    await board.waitFor(/sort: time in status/);
    await board.press('s');
    await board.waitFor(/sort: name/);
    const names = [...agentStatuses(board.screen()).keys()];
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));

    // Help lists the keys; Esc closes it.
    await board.press('?');
    await board.waitFor(/Keys/);
    expect(board.screen()).toMatch(/Queues pane/);
    await board.press(keys.escape);
    await board.waitFor((s) => !s.includes('Queues pane') && agentStatuses(s).size > 3);

    await board.press('q');
    const { exitCode } = await board.exit;
    expect(exitCode).toBe(0);
    expect(board.isAlternateScreen()).toBe(false);
    expect(board.cursorVisible()).toBe(true);
  }, 120_000);

  it('says when the terminal is too small, and comes back when it grows', async () => {
    const board = start(60, 20);
    await board.waitFor('too small: need 80×24, have 60×20');
    board.resize(100, 30);
    await board.waitFor(/● live/);
    await board.waitFor((s) => agentStatuses(s).size > 3);
    board.resize(80, 24);
    await board.waitFor((s) => agentStatuses(s).size > 3 && !s.includes('too small'));
    expect(board.lines().length).toBe(24);
    await board.press(keys.ctrlC);
    const { exitCode } = await board.exit;
    expect(exitCode).toBe(130);
    expect(board.isAlternateScreen()).toBe(false);
    expect(board.cursorVisible()).toBe(true);
  }, 60_000);
});
