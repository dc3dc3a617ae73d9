/**
 * An agent's wallboard, over a real socket on a busy simulated center: never another agent's
 * session and never a chat transcript, neither in the snapshot nor in any delta, while the
 * supervisor beside them does receive the chats' lines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT_ID, DEMO_SUPERVISOR_ID, type RunningHub, startHub } from '../../src/hub/index.js';
import type { CenterEvent, HubMessage } from '../../src/protocol/index.js';
import { HubClient } from './hub-client.js';

let t = Date.now();
let hub: RunningHub;
let sarah: HubClient;
let claire: HubClient;

beforeAll(async () => {
  hub = await startHub({
    port: 0,
    demo: true,
    simulate: { seed: 5, tickMs: 5 },
    now: () => t,
    log: () => {},
  });
  sarah = await HubClient.connect(hub.url, hub.createToken(DEMO_AGENT_ID));
  claire = await HubClient.connect(hub.url, hub.createToken(DEMO_SUPERVISOR_ID));
});
afterAll(async () => {
  await sarah?.close();
  await claire?.close();
  await hub?.close();
});

const events = (client: HubClient): CenterEvent[] => client.deltas().map((d) => d.event);
const chatLines = (client: HubClient) => events(client).filter((e) => e.type === 'chat_message').length;

/** The user a session event is about, if it is one. */
function sessionUser(event: CenterEvent): string | undefined {
  if (event.type === 'agent_logged_in') return event.session.userId;
  if ('userId' in event && 'channelId' in event) return event.userId;
  return undefined;
}

describe('an agent’s wallboard', () => {
  it('never receives another agent’s session or a transcript, snapshot and deltas alike', async () => {
    // Simulated time runs until the supervisor has seen chats talk and sessions change.
    for (let i = 0; i < 400 && (chatLines(claire) < 20 || events(sarah).length < 20); i += 1) {
      t += 5_000;
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    expect(chatLines(claire)).toBeGreaterThanOrEqual(20);
    expect(events(sarah).length).toBeGreaterThanOrEqual(20);
    expect(
      events(claire).some((e) => sessionUser(e) !== undefined && sessionUser(e) !== DEMO_SUPERVISOR_ID),
    ).toBe(true);

    const snapshot = sarah.snapshot().data;
    expect(snapshot.sessions.every((s) => s.userId === DEMO_AGENT_ID)).toBe(true);
    expect(snapshot.interactions.every((i) => i.transcript.length === 0)).toBe(true);
    expect(snapshot.users.map((u) => u.id)).toEqual([DEMO_AGENT_ID]);
    for (const event of events(sarah)) {
      expect(event.type).not.toBe('chat_message');
      const user = sessionUser(event);
      if (user !== undefined) expect(user, JSON.stringify(event)).toBe(DEMO_AGENT_ID);
      if (event.type === 'interaction_queued') expect(event.interaction.transcript).toEqual([]);
    }
    const raw = (sarah.messages as HubMessage[]).map((m) => JSON.stringify(m)).join('\n');
    expect(raw).not.toContain('"transcript":[{');
  });
});
