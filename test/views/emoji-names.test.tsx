import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';
import { stateFromSnapshot } from '../../src/domain/index.js';
import { centerSnapshot } from '../fixtures/center-snapshot.js';
import { type AppHarness, renderApp } from './app-fixture.js';
import { KEYS } from './render-at.js';

let app: AppHarness | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

/** A family emoji: three people joined by zero-width joiners, one grapheme two columns wide. */
const FAMILY = '👩‍👩‍👧';

describe('a name with an emoji sequence in a table row', () => {
  it('keeps the row aligned with the others: the columns after the name start where theirs do', async () => {
    app = renderApp();
    const state = stateFromSnapshot(centerSnapshot());
    const bruno = state.users.get('a02');
    if (!bruno) throw new Error('the fixture has no a02');
    state.users.set('a02', { ...bruno, name: `Bruno ${FAMILY} Diaz` });
    app.store.setState(state);
    app.store.flush();
    await app.waitFor((f) => f.includes('Billing'), 'the queues');
    await app.press('j');
    await app.press(KEYS.right);
    const frame = await app.waitFor(
      (f) => f.includes(FAMILY) && f.includes('Alice Martin'),
      'the agents of Sales',
    );
    const lines = frame.split('\n');
    const brunoRow = lines.find((l) => l.includes(FAMILY)) ?? '';
    const alice = lines.find((l) => l.includes('Alice Martin')) ?? '';
    // Where each row's extension column starts, in terminal columns (as the terminal draws it).
    const columnOf = (line: string, text: string) => stringWidth(line.slice(0, line.indexOf(text)));
    expect(columnOf(brunoRow, '1002')).toBe(columnOf(alice, '1001'));
    expect(stringWidth(brunoRow)).toBe(stringWidth(alice));
  });
});
