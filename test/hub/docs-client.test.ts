/**
 * A client written from docs/protocol.md alone: a raw WebSocket, plain JSON.parse, nothing
 * imported from the project's protocol code. It connects, reads the (chunked) snapshot,
 * pauses an agent, sees the ack and the delta, then drops and resumes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DEMO_SUPERVISOR_ID, type RunningHub, startHub } from '../../src/hub/index.js';

type Json = Record<string, unknown>;

/** A minimal client: every frame JSON-parsed, waits by predicate. */
class DocClient {
  /** Every frame, a `deltas` batch as the single deltas it stands for. */
  readonly frames: Json[] = [];
  /** How many `deltas` batches arrived. */
  batches = 0;
  private wake: (() => void) | undefined;
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const value: unknown = JSON.parse(data.toString());
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        const frame: Json = { ...value };
        if (frame.type === 'deltas') {
          // "the first follows the batch's prev, each next one the item before it"
          this.batches += 1;
          let prev = frame.prev;
          for (const item of arrayOf(frame.deltas)) {
            this.frames.push({ type: 'delta', seq: item.seq, prev, event: item.event });
            prev = item.seq;
          }
        } else this.frames.push(frame);
      }
      this.wake?.();
    });
  }
  static async open(url: string, token: string): Promise<DocClient> {
    const ws = new WebSocket(url, { headers: { Authorization: `Bearer ${token}` } });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return new DocClient(ws);
  }
  send(frame: Json): void {
    this.ws.send(JSON.stringify(frame));
  }
  async next(match: (frame: Json) => boolean, from = 0): Promise<Json> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const found = this.frames.slice(from).find(match);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`timed out; frames: ${this.frames.map((f) => f.type).join(', ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}

const arrayOf = (value: unknown): Json[] => (Array.isArray(value) ? value : []);
const objectOf = (value: unknown): Json => (typeof value === 'object' && value !== null ? { ...value } : {});

let hub: RunningHub;
let token: string;
beforeAll(async () => {
  hub = await startHub({ port: 0, demo: true });
  token = hub.createToken(DEMO_SUPERVISOR_ID);
});
afterAll(() => hub.close());

describe('a client written from docs/protocol.md', () => {
  it('connects, reads the snapshot, pauses an agent, sees the ack and the delta, resumes', async () => {
    const client = await DocClient.open(hub.url, token);
    client.send({ type: 'hello', protocol: 1, client: 'doc-client' });
    const welcome = await client.next((f) => f.type === 'welcome');
    expect(welcome.protocol).toBe(1);
    const epoch = welcome.epoch;

    // Snapshot parts: concatenate until part = parts - 1.
    const last = await client.next((f) => f.type === 'snapshot' && f.part === Number(f.parts) - 1);
    const parts = client.frames.filter((f) => f.type === 'snapshot');
    expect(parts.length).toBe(last.parts);
    const sessions = parts.flatMap((p) => arrayOf(objectOf(p.data).sessions));
    const channels = parts.flatMap((p) => arrayOf(objectOf(p.data).channels));
    const reasons = arrayOf(objectOf(last.data).pauseReasons);
    expect(channels.length).toBeGreaterThan(0);
    let position = Number(last.seq);

    const target = sessions.find((s) => s.status === 'available' && s.userId !== DEMO_SUPERVISOR_ID);
    expect(target).toBeDefined();
    const from = client.frames.length;
    client.send({
      type: 'command',
      id: 'doc-client-0001',
      command: {
        type: 'pause',
        channelId: target?.channelId,
        userId: target?.userId,
        reasonId: reasons[0]?.id,
      },
    });
    const delta = await client.next((f) => f.type === 'delta', from);
    const ack = await client.next((f) => f.type === 'ack' && f.id === 'doc-client-0001', from);
    expect(ack).toEqual({ type: 'ack', id: 'doc-client-0001', ok: true, seq: delta.seq });
    expect(delta.prev).toBe(position);
    expect(objectOf(delta.event)).toMatchObject({
      type: 'agent_paused',
      userId: target?.userId,
      by: DEMO_SUPERVISOR_ID,
    });
    expect(client.frames.indexOf(delta)).toBeLessThan(client.frames.indexOf(ack));
    position = Number(delta.seq);
    client.ws.close(1000);

    // Someone else resumes the agent while we are away; we resume from our position.
    const other = await DocClient.open(hub.url, hub.createToken(DEMO_SUPERVISOR_ID));
    other.send({ type: 'hello', protocol: 1 });
    await other.next((f) => f.type === 'snapshot');
    other.send({
      type: 'command',
      id: 'doc-client-0002',
      command: { type: 'resume', channelId: target?.channelId, userId: target?.userId },
    });
    const resumedAck = await other.next((f) => f.type === 'ack');
    other.send({
      type: 'command',
      id: 'doc-client-0003',
      command: {
        type: 'pause',
        channelId: target?.channelId,
        userId: target?.userId,
        reasonId: reasons[1]?.id,
      },
    });
    const pausedAgainAck = await other.next((f) => f.type === 'ack' && f.id === 'doc-client-0003');
    other.ws.close(1000);

    const back = await DocClient.open(hub.url, token);
    back.send({ type: 'hello', protocol: 1, resume: { epoch, seq: position } });
    expect(await back.next((f) => f.type === 'resumed')).toEqual({ type: 'resumed', epoch, seq: position });
    // Both missed events come back, chained, in one batch.
    const missed = await back.next((f) => f.type === 'delta');
    expect(missed).toMatchObject({ seq: resumedAck.seq, prev: position, event: { type: 'agent_resumed' } });
    const missedToo = await back.next((f) => f.type === 'delta' && f.seq === pausedAgainAck.seq);
    expect(missedToo).toMatchObject({ prev: resumedAck.seq, event: { type: 'agent_paused' } });
    expect(back.batches).toBeGreaterThan(0);
    expect(back.frames.some((f) => f.type === 'snapshot')).toBe(false);
    back.ws.close(1000);
  });
});
