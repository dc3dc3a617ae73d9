/**
 * A publish that changes nothing on screen draws no frame (each frame is a pass of Ink over the
 * whole screen); what it changed shows as soon as the screen shows it.
 */
import { render } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../../src/client/store.js';
import { apply, stateFromSnapshot } from '../../src/domain/index.js';
import type { CenterEvent } from '../../src/protocol/index.js';
import { WallboardApp } from '../../src/views/components/wallboard/WallboardApp.js';
import { createTheme } from '../../src/views/theme.js';
import { centerSnapshot, T0 } from '../fixtures/center-snapshot.js';
import { WELCOME } from './app-fixture.js';
import { FakeStdin, FakeStdout, stripAnsi } from './render-at.js';

const queued = (id: string, channelId: string, name: string): CenterEvent => ({
  type: 'interaction_queued',
  at: T0,
  interaction: {
    id,
    channelId,
    kind: channelId.startsWith('c-') ? 'chat' : 'call',
    customer: { name, address: '+33 1 00 00 00 00' },
    queuedAt: T0,
    answeredAt: null,
    agentId: null,
    transcript: [],
  },
});

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('frames on a publish', () => {
  it('draws none for a change no pane shows, and shows it when its pane is chosen', async () => {
    const store = createStore({ intervalMs: 0 });
    store.setWelcome(WELCOME);
    store.setConnection({ status: 'live', staleSince: null, lastError: null, attempts: 0 });
    const live = stateFromSnapshot(centerSnapshot());
    store.setState(live);
    store.flush();
    const stdout = new FakeStdout(100, 30);
    const stdin = new FakeStdin();
    const instance = render(
      <WallboardApp
        store={store}
        hubLabel="test-hub:1234"
        theme={createTheme()}
        clock={() => T0}
        onExit={() => {}}
      />,
      {
        stdout: stdout as unknown as NodeJS.WriteStream,
        stdin: stdin as unknown as NodeJS.ReadStream,
        debug: true,
        exitOnCtrlC: false,
        patchConsole: false,
        interactive: true,
      },
    );
    unmount = () => instance.unmount();
    const frame = () => stripAnsi(stdout.frames[stdout.frames.length - 1] ?? '');
    const publish = (event: CenterEvent) => {
      apply(live, event);
      store.stateChanged(event);
      store.flush();
    };
    await until(() => /Billing\s+waiting 1 /.test(frame()), 'the board on Billing');
    // A call waits in Billing: its header shows it (and the board has drawn all it had to).
    publish(queued('i-call-1', 'q-billing', 'Yann Appel'));
    await until(() => /Billing\s+waiting 2 /.test(frame()), 'Billing waiting 2');
    const before = stdout.frames.length;

    // A chat waits in WhatsApp: neither the queues pane nor Billing's header shows it.
    publish(queued('i-chat', 'c-whatsapp', 'Zoé Chat'));
    // React draws a store's update in a microtask: one turn of the event loop is time enough.
    await new Promise((resolve) => setImmediate(resolve));
    // Another call waits in Billing: one frame, for it alone.
    publish(queued('i-call-2', 'q-billing', 'Inès Appel'));
    await until(() => /Billing\s+waiting 3 /.test(frame()), 'Billing waiting 3');
    expect(stdout.frames.length - before).toBe(1);

    stdin.write('2');
    await until(() => /WhatsApp\s+1 /.test(frame()), 'the chats pane with WhatsApp waiting 1');
  });
});
