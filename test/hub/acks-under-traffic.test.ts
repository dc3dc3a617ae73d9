/**
 * Acks under traffic: a step's deltas are written after the step, a slice of connections at a
 * time (fan-out-writer.ts), and a command that arrives meanwhile is answered at once. Its ack
 * still comes after every delta the connection was owed before it (docs/protocol.md, `ack`):
 * no delta at or below the ack's seq arrives after the ack, and no connection's chain has a gap.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_ADMIN_ID, DEMO_SUPERVISOR_ID, startHub } from '../../src/hub/index.js';
import type { HubMessage } from '../../src/protocol/index.js';
import { HubClient } from './hub-client.js';

const LIMITS = {
  commandsPerSecond: 10_000,
  commandBurst: 10_000,
  framesPerSecond: 10_000,
  frameBurst: 10_000,
};

/** The deltas that arrived after an ack though their seq is at or below the ack's. */
function overtaken(messages: readonly HubMessage[]): string[] {
  const late: string[] = [];
  messages.forEach((message, i) => {
    if (message.type !== 'ack') return;
    for (const after of messages.slice(i + 1))
      if (after.type === 'delta' && after.seq <= message.seq)
        late.push(`delta ${after.seq} after the ack of ${message.id} (seq ${message.seq})`);
  });
  return late;
}

/** Breaks in a client's chain: a delta whose `prev` is not the seq before it. */
function gaps(client: HubClient): string[] {
  let prev = client.snapshot().seq;
  const found: string[] = [];
  for (const delta of client.deltas()) {
    if (delta.prev !== prev) found.push(`delta ${delta.seq} follows ${delta.prev}, not ${prev}`);
    prev = delta.seq;
  }
  return found;
}

describe('acks under traffic', () => {
  it('come after every delta before them, while other connections are still being written to', async () => {
    const live = await startHub({
      port: 0,
      demo: true,
      simulate: { seed: 11, speed: 1000, tickMs: 20 },
      limits: LIMITS,
    });
    try {
      const supervisor = await HubClient.connect(live.url, live.createToken(DEMO_SUPERVISOR_ID));
      const watchers = await Promise.all(
        [DEMO_ADMIN_ID, DEMO_SUPERVISOR_ID, DEMO_ADMIN_ID].map((user) =>
          HubClient.connect(live.url, live.createToken(user)),
        ),
      );
      const sessions = [...live.state().sessions.values()].filter((s) => s.channelId === 'sales');
      // Commands one after the other, while traffic flows, until enough of both went by: each
      // agent is paused, then resumed. How many commands that takes depends on how fast this
      // machine answers them compared with the simulator's pace, so the bound is a time.
      const deadline = Date.now() + 15_000;
      let answered = 0;
      while (answered < 40 || supervisor.deltas().length < 200) {
        if (Date.now() > deadline)
          throw new Error(
            `in 15 s, ${answered} commands answered and ${supervisor.deltas().length} deltas received`,
          );
        const session = sessions[Math.floor(answered / 2) % sessions.length];
        if (!session) throw new Error('no session in sales');
        const target = { channelId: session.channelId, userId: session.userId };
        await supervisor.command(
          answered % 2 === 0
            ? { type: 'pause', ...target, reasonId: 'break' }
            : { type: 'resume', ...target },
        );
        answered += 1;
      }
      expect(overtaken(supervisor.messages)).toEqual([]);
      for (const client of [supervisor, ...watchers]) {
        expect(gaps(client)).toEqual([]);
        expect(client.problems).toEqual([]);
      }
      await Promise.all([supervisor, ...watchers].map((client) => client.close()));
    } finally {
      await live.close();
    }
  });
});
