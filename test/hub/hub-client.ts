/**
 * A small test client for the hub: a raw `ws` socket that parses every frame with the
 * protocol schemas (a frame the schemas reject fails the test) and waits for messages by
 * predicate, with a timeout, instead of sleeping.
 */
import { WebSocket } from 'ws';
import {
  type Ack,
  type Delta,
  type HubMessage,
  parseHubMessage,
  type Snapshot,
  type SnapshotData,
  unbatch,
} from '../../src/protocol/index.js';

export interface Closed {
  code: number;
  reason: string;
}

export class HubClient {
  readonly messages: HubMessage[] = [];
  readonly problems: string[] = [];
  /** The size of each `deltas` batch received, in deltas, and the largest frame, in bytes. */
  readonly batchSizes: number[] = [];
  largestFrame = 0;
  closed: Closed | undefined;
  private waiters: (() => void)[] = [];
  private nextCommand = 0;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      this.largestFrame = Math.max(this.largestFrame, Buffer.byteLength(text, 'utf8'));
      const parsed = parseHubMessage(text);
      // A batch stands for its deltas: tests wait for and count single deltas.
      if (parsed.ok && parsed.value.type === 'deltas') {
        this.batchSizes.push(parsed.value.deltas.length);
        this.messages.push(...unbatch(parsed.value));
      } else if (parsed.ok) this.messages.push(parsed.value);
      else this.problems.push(`${parsed.error.message}: ${text.slice(0, 200)}`);
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
    ws.on('error', () => this.wake());
  }

  /** Opens a socket with `Authorization: Bearer <token>`; resolves once it is open. */
  static async open(url: string, token: string | undefined): Promise<HubClient> {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const ws = new WebSocket(url, { headers, maxPayload: 64 * 1024 });
    const client = new HubClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  /** Opens, says hello and waits for the whole snapshot (or `resumed`). */
  static async connect(
    url: string,
    token: string,
    resume?: { epoch: string; seq: number },
  ): Promise<HubClient> {
    const client = await HubClient.open(url, token);
    client.send({ type: 'hello', protocol: 1, client: 'test', ...(resume ? { resume } : {}) });
    await client.waitFor(
      (m) => (m.type === 'snapshot' && m.part === m.parts - 1) || m.type === 'resumed',
      'a snapshot or resumed',
    );
    return client;
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Sends a command and waits for its ack. */
  async command(command: unknown, id = `cmd-${Date.now()}-${++this.nextCommand}`): Promise<Ack> {
    const from = this.messages.length;
    this.send({ type: 'command', id, command });
    return this.until(
      () => this.messages.slice(from).find((m): m is Ack => m.type === 'ack' && m.id === id),
      `the ack of ${id}`,
    );
  }

  /** Waits until a message (received before or after the call) matches. */
  waitFor<T extends HubMessage>(
    match: (m: HubMessage) => m is T,
    what: string,
    timeoutMs?: number,
  ): Promise<T>;
  waitFor(match: (m: HubMessage) => boolean, what: string, timeoutMs?: number): Promise<HubMessage>;
  waitFor(match: (m: HubMessage) => boolean, what: string, timeoutMs = 5000): Promise<HubMessage> {
    return this.until(() => this.messages.find(match), what, timeoutMs);
  }

  /** Waits for the socket to close. */
  async waitClosed(timeoutMs = 5000): Promise<Closed> {
    return this.until(() => this.closed, 'the connection to close', timeoutMs);
  }

  async until<T>(probe: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = probe();
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0) {
        const seen = this.messages.map((m) => m.type).join(', ');
        throw new Error(
          `timed out waiting for ${what}; received: ${seen}; closed: ${JSON.stringify(this.closed)}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The snapshot parts received, merged (the latest complete snapshot). */
  snapshot(): { seq: number; data: SnapshotData } {
    const snapshots = this.messages.filter((m): m is Snapshot => m.type === 'snapshot');
    const last = snapshots.at(-1);
    if (!last) throw new Error('no snapshot received');
    const parts = snapshots.slice(snapshots.length - last.parts);
    const data: SnapshotData = {
      ...last.data,
      users: [],
      devices: [],
      channels: [],
      assignments: [],
      sessions: [],
      interactions: [],
      monitors: [],
      stats: [],
    };
    for (const part of parts) {
      data.users.push(...part.data.users);
      data.devices.push(...part.data.devices);
      data.channels.push(...part.data.channels);
      data.assignments.push(...part.data.assignments);
      data.sessions.push(...part.data.sessions);
      data.interactions.push(...part.data.interactions);
      data.monitors.push(...part.data.monitors);
      data.stats.push(...part.data.stats);
    }
    return { seq: last.seq, data };
  }

  deltas(): Delta[] {
    return this.messages.filter((m): m is Delta => m.type === 'delta');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.ws.close(1000);
    await this.waitClosed();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** The status line of an HTTP upgrade that was refused (e.g. 401), or undefined if it upgraded. */
export async function upgradeStatus(
  url: string,
  headers: Record<string, string>,
): Promise<number | undefined> {
  const ws = new WebSocket(url, { headers });
  return new Promise((resolve) => {
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode);
      ws.terminate();
    });
    ws.once('open', () => {
      resolve(undefined);
      ws.close();
    });
    ws.once('error', () => {});
  });
}
