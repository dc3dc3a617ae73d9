/**
 * Keys typed ahead arrive in one read over SSH. Every key of a chunk is handled, in order, each
 * on the screen the previous one left: on the board, in the filter, in the action menu.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { keys, type PtySession, spawnCli } from './pty-session.js';

const sessions: PtySession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});

function board(): PtySession {
  const session = spawnCli([], { cols: 120, rows: 30 });
  sessions.push(session);
  return session;
}

describe('keys typed ahead, in one read', () => {
  it('moves two rows for "jj" and three for "↓↓↓"', async () => {
    const b = board();
    await b.waitFor(/● live/);
    await b.waitFor('› Sales');
    b.type('jj');
    await b.waitFor('› VIP');
    b.type('kk');
    await b.waitFor('› Sales');
    b.type(`${keys.down}${keys.down}`);
    await b.waitFor('› VIP');
  });

  it('filters with "/sarah⏎", and in the menu "↓↓↑⏎" chooses the second entry, not the first', async () => {
    const b = board();
    await b.waitFor(/● live/);
    b.type('/sarah\r');
    await b.waitFor((s) => !s.includes('⏎ keep') && s.includes('/ sarah'));
    await b.press(keys.enter);
    const menu = await b.waitFor('Sarah Thompson · Sales');
    // Log out first, Pause… second, whatever Sarah is doing.
    expect(menu).toMatch(/› Log out[^\n]*\n[^\n]*Pause…/);
    b.type(`${keys.down}${keys.down}${keys.up}\r`);
    await b.waitFor('Pause — pick a reason');
  });

  it('takes an arrow cut across two reads as one arrow', async () => {
    const b = board();
    await b.waitFor(/● live/);
    await b.waitFor('› Sales');
    b.type('\u001b[');
    b.type('B');
    await b.waitFor('› Support');
    b.type('\u001b');
    b.type('[A');
    await b.waitFor('› Sales');
    expect(b.screen()).not.toMatch(/\[A|\[B/);
  });

  it('in the Log agents dialog, "sarah⏎⏎" in one read searches, goes to the list and logs the highlighted one in', async () => {
    const b = board();
    await b.waitFor(/● live/);
    await b.press('j');
    await b.waitFor('› Support');
    await b.press('a');
    await b.waitFor('Log agents in to Support');
    b.type('sarah\r\r');
    await b.waitFor(/Log in to Support: Sarah Thompson: logged in|Sarah Thompson: logged in/);
  });

  it('on the agent dashboard, moves three rows for "jjj"', async () => {
    const dashboard = spawnCli(['--as', 'sarah.thompson'], { cols: 100, rows: 30 });
    sessions.push(dashboard);
    await dashboard.waitFor(/agent dashboard[\s\S]*● live/);
    /** The channel rows, in order, and which one the cursor is on. */
    const rows = (screen: string) => {
      const lines = screen.split('\n').filter((l) => / (queue|chat|campaign) /.test(l));
      return {
        names: lines.map((l) => l.slice(5, 33).trim()),
        cursor: lines.findIndex((l) => l.startsWith(' ›')),
      };
    };
    const before = rows(await dashboard.waitFor((s) => rows(s).cursor >= 0));
    expect(before.names.length).toBeGreaterThan(before.cursor + 3);
    dashboard.type('jjj');
    const wanted = before.names[before.cursor + 3];
    await dashboard.waitFor((s) => {
      const now = rows(s);
      return now.names[now.cursor] === wanted;
    });
  });
});
