/** Commands keep their id through waits, resends, timeouts and retries: the hub applies each at most once. */
import { describe, expect, it } from 'vitest';
import type { ConnectionEvents } from '../../src/client/connection.js';
import { type CommandLink, CommandTimeoutError, createCommands } from '../../src/client/index.js';
import type { Ack, ClientMessage, Command } from '../../src/protocol/index.js';

type Listeners = { [K in keyof ConnectionEvents]: Set<ConnectionEvents[K]> };

/** A link whose liveness the test sets; it records what was sent on which generation. */
function fakeLink() {
  const sent: { generation: number; message: ClientMessage }[] = [];
  const listeners: Listeners = {
    status: new Set(),
    welcome: new Set(),
    state: new Set(),
    figures: new Set(),
    live: new Set(),
    ack: new Set(),
    queryResult: new Set(),
    hubStatus: new Set(),
    problem: new Set(),
    source: new Set(),
  };
  let isLive = false;
  let generation = 1;
  const link: CommandLink = {
    get isLive() {
      return isLive;
    },
    get generation() {
      return generation;
    },
    send(message) {
      if (!isLive) return false;
      sent.push({ generation, message });
      return true;
    },
    on(name, listener) {
      const set: Set<typeof listener> = listeners[name];
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  return {
    link,
    sent,
    /** A new socket went live. */
    reconnect() {
      generation += 1;
      isLive = true;
      for (const listener of listeners.live) listener(generation);
    },
    ack(ack: Ack) {
      for (const listener of listeners.ack) listener(ack);
    },
  };
}

const pause: Command = { type: 'pause', channelId: 'sales', userId: 'sarah.thompson', reasonId: 'break' };
const idsSent = (sent: { message: ClientMessage }[]) =>
  sent.map(({ message }) => (message.type === 'command' ? message.id : message.type));

describe('commands and their ids', () => {
  it('waits while the link is down, sends once per link with the same id, and joins a retry in flight', async () => {
    const fake = fakeLink();
    let n = 0;
    const commands = createCommands(fake.link, { timeoutMs: 5_000, newId: () => `id-${++n}-0000000` });
    const answer = commands.send(pause);
    expect(fake.sent).toEqual([]);
    fake.reconnect();
    fake.reconnect(); // the first link dropped before an ack: sent again, same id
    expect(idsSent(fake.sent)).toEqual(['id-1-0000000', 'id-1-0000000']);
    expect(fake.sent.map((s) => s.generation)).toEqual([2, 3]);
    // Asking again with the same id while it waits joins it: nothing more is sent.
    const joined = commands.send(pause, { id: 'id-1-0000000' });
    expect(fake.sent).toHaveLength(2);
    fake.ack({ type: 'ack', id: 'id-1-0000000', ok: true, seq: 7 });
    expect(await answer).toEqual({ type: 'ack', id: 'id-1-0000000', ok: true, seq: 7 });
    expect(await joined).toEqual(await answer);
    commands.close();
  });

  it('fails visibly after the timeout, with the id to retry with', async () => {
    const fake = fakeLink();
    const commands = createCommands(fake.link, { timeoutMs: 30, newId: () => 'timed-out-0001' });
    const failure = await commands.send(pause).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(CommandTimeoutError);
    if (!(failure instanceof CommandTimeoutError)) throw new Error('not a timeout');
    // Short enough for the footer, and plain: not confirmed, and it may be retried.
    expect(failure.problem).toEqual({ kind: 'no_answer', command: 'pause' });
    expect(failure.commandId).toBe('timed-out-0001');
    expect(failure.command).toEqual(pause);
    fake.reconnect();
    const retry = commands.send(pause, { id: failure.commandId });
    expect(idsSent(fake.sent)).toEqual(['timed-out-0001']);
    fake.ack({ type: 'ack', id: 'timed-out-0001', ok: true, seq: 9 });
    expect(await retry).toMatchObject({ ok: true, seq: 9 });
    commands.close();
  });
});
