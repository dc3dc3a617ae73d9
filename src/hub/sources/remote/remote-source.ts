/**
 * The `remote` source: a process anywhere that signs in on the hub's `/source` path with a
 * source token and speaks the remote-source protocol (src/protocol/source-protocol.ts,
 * docs/sources.md). One process at a time is the source: a second one signing in replaces the
 * first, which is closed with 4002. Until a process has said hello and sent its whole picture
 * (resync), and while none is connected, the source is down: wallboards show "telephony down"
 * and commands are refused with `source_unavailable`.
 */
import type { WebSocket } from 'ws';
import {
  CloseCode,
  type HubToSourceMessage,
  parseFrame,
  SOURCE_PROTOCOL_VERSION,
  type SourceCapabilities,
  type SourceDirectory,
  SourceMessage,
} from '../../../protocol/index.js';
import type { Source, SourceAnswer, SourceRequest, SourceSink } from '../source.js';
import { EventIds } from './event-ids.js';

export interface RemoteSourceOptions {
  /** Milliseconds between pings (and heartbeats); a peer that misses one ping is dropped. 5000 by default. */
  heartbeatMs?: number;
  /** A connection that has not said hello by then is closed with 4001. 5000 by default. */
  helloTimeoutMs?: number;
}

/** One signed-in source process. */
/** Who signed in as the source: its name, address and token (by hash, never the token). */
export interface SourceSignIn {
  name: string;
  remote: string;
  tokenHash: string;
}

interface Peer extends SourceSignIn {
  ws: WebSocket;
  phase: 'hello' | 'syncing' | 'ready' | 'closed';
  awaitingPong: boolean;
}

export class RemoteSource implements Source {
  readonly kind = 'remote';
  label = 'the remote source';
  capabilities: SourceCapabilities = {};
  private sinkValue: SourceSink | undefined;
  private peer: Peer | undefined;
  private nextRequest = 0;
  private readonly waiting = new Map<string, (answer: SourceAnswer) => void>();
  private readonly seen = new EventIds();
  private heartbeat: NodeJS.Timeout | undefined;
  private stopDirectory: (() => void) | undefined;

  constructor(private readonly options: RemoteSourceOptions = {}) {}

  private get sink(): SourceSink {
    if (!this.sinkValue) throw new Error('the remote source has not started');
    return this.sinkValue;
  }

  async start(sink: SourceSink): Promise<void> {
    this.sinkValue = sink;
    sink.health(false, 'no source process connected yet');
    this.heartbeat = setInterval(() => this.ping(), this.options.heartbeatMs ?? 5000);
    this.stopDirectory = sink.onDirectoryChange(() => {
      if (this.peer?.phase === 'ready' || this.peer?.phase === 'syncing')
        this.send(this.peer, { type: 'directory', directory: this.directory() });
    });
  }

  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    this.stopDirectory?.();
    if (this.peer) this.close(this.peer, CloseCode.goingAway, 'hub shutting down');
  }

  /** A process signed in with a source token: it becomes the source, replacing any other. */
  attach(ws: WebSocket, signIn: SourceSignIn): void {
    const { name, remote } = signIn;
    const previous = this.peer;
    const peer: Peer = { ws, ...signIn, phase: 'hello', awaitingPong: false };
    this.peer = peer;
    if (previous) {
      this.sink.log(`${previous.remote} replaced by ${remote} (source ${name})`);
      this.close(previous, CloseCode.replaced, 'replaced by another connection of this source');
      this.failWaiting('the source process was replaced');
    }
    this.sink.health(false, `source ${name} connected: waiting for its hello and resync`);
    const helloTimer = setTimeout(() => {
      if (peer.phase === 'hello') this.close(peer, CloseCode.helloTimeout, 'no hello received');
    }, this.options.helloTimeoutMs ?? 5000);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return this.error(peer, 'bad_message', 'frames are JSON text');
      this.receive(peer, String(data));
    });
    ws.on('pong', () => {
      peer.awaitingPong = false;
    });
    ws.on('error', (error) => this.sink.log(`${remote}: ${error.message}`));
    ws.on('close', () => {
      clearTimeout(helloTimer);
      peer.phase = 'closed';
      if (this.peer !== peer) return;
      this.peer = undefined;
      this.failWaiting('the source process disconnected');
      this.sink.health(false, `source ${name} disconnected`);
    });
  }

  /** The hub lost events while it could not save: the source process sends its picture again. */
  requestPicture(): void {
    const peer = this.peer;
    if (peer?.phase === 'ready') this.send(peer, { type: 'resync_request' });
  }

  /** The process signed in as the source now, if any. */
  signedIn(): SourceSignIn | undefined {
    const peer = this.peer;
    return peer ? { name: peer.name, remote: peer.remote, tokenHash: peer.tokenHash } : undefined;
  }

  /** Closes the source process's connection (its token was revoked or expired). */
  disconnect(code: number, reason: string): void {
    if (this.peer) this.close(this.peer, code, reason);
  }

  execute(request: SourceRequest): Promise<SourceAnswer> {
    const peer = this.peer;
    if (peer?.phase !== 'ready')
      return Promise.resolve({ outcome: 'failed', reason: 'no source process connected' });
    this.nextRequest += 1;
    const id = `x${this.nextRequest}`;
    return new Promise<SourceAnswer>((resolve) => {
      this.waiting.set(id, resolve);
      this.send(peer, {
        type: 'execute',
        id,
        command: request.command,
        actorId: request.actorId,
        why: request.why,
        expected: [...request.expected],
      });
    });
  }

  private receive(peer: Peer, frame: string): void {
    if (peer.phase === 'closed' || this.peer !== peer) return;
    const parsed = parseFrame(SourceMessage, frame);
    if (!parsed.ok) return this.error(peer, parsed.error.code, parsed.error.message);
    const message = parsed.value;
    if (peer.phase === 'hello' && message.type !== 'hello')
      return this.error(peer, 'not_ready', 'say hello first');
    switch (message.type) {
      case 'hello': {
        if (peer.phase !== 'hello') return this.error(peer, 'bad_message', 'hello was already received');
        if (message.protocol !== SOURCE_PROTOCOL_VERSION) {
          this.error(
            peer,
            'unsupported_protocol',
            `this hub speaks source protocol ${SOURCE_PROTOCOL_VERSION}, not ${message.protocol}`,
          );
          return this.close(peer, CloseCode.unsupportedProtocol, 'unsupported protocol');
        }
        this.label = message.label;
        this.capabilities = message.capabilities;
        peer.phase = 'syncing';
        this.send(peer, {
          type: 'welcome',
          protocol: SOURCE_PROTOCOL_VERSION,
          name: peer.name,
          directory: this.directory(),
          heartbeatMs: this.options.heartbeatMs ?? 5000,
        });
        this.sink.health(false, `${message.label}: waiting for its resync`);
        return;
      }
      case 'resync': {
        const { applied, skipped } = this.sink.resync({
          sessions: message.sessions,
          interactions: message.interactions,
          activeDevices: message.activeDevices,
          ...(message.monitors ? { monitors: message.monitors } : {}),
        });
        this.send(peer, {
          type: 'result',
          id: message.id,
          applied,
          duplicates: 0,
          refused: skipped.map((reason, i) => ({ id: `${message.id}/${i}`, reason: reason.slice(0, 300) })),
        });
        peer.phase = 'ready';
        this.sink.health(true);
        return;
      }
      case 'events': {
        if (peer.phase !== 'ready') return this.error(peer, 'not_ready', 'send a resync first');
        const fresh = message.events.filter((item) => !this.seen.has(item.id));
        const refusals = this.sink.emit(fresh.map((item) => item.event));
        const refusedAt = new Set(refusals.map((r) => r.index));
        for (const [index, item] of fresh.entries()) if (!refusedAt.has(index)) this.seen.add(item.id);
        this.send(peer, {
          type: 'result',
          id: message.id,
          applied: fresh.length - refusals.length,
          duplicates: message.events.length - fresh.length,
          refused: refusals.map((r) => ({ id: fresh[r.index]?.id ?? '?', reason: r.reason.slice(0, 300) })),
        });
        return;
      }
      case 'health':
        if (peer.phase !== 'ready') return this.error(peer, 'not_ready', 'send a resync first');
        this.sink.health(message.up, message.detail ?? `${this.label} reports it is down`);
        return;
      case 'answer': {
        const resolve = this.waiting.get(message.id);
        if (!resolve)
          return this.error(peer, 'bad_message', `no request ${message.id} is waiting (late answer?)`);
        this.waiting.delete(message.id);
        if (message.outcome === 'done')
          resolve({ outcome: 'done', ...(message.apply ? { apply: true } : {}) });
        else resolve({ outcome: message.outcome, reason: message.reason ?? 'no reason given' });
        return;
      }
      case 'heartbeat':
        return;
    }
  }

  private directory(): SourceDirectory {
    const state = this.sink.state;
    return {
      users: [...state.users.values()],
      devices: [...state.devices.values()],
      channels: [...state.channels.values()],
      assignments: [...state.assignments.values()],
      pauseReasons: state.pauseReasons,
      org: state.org,
    };
  }

  private ping(): void {
    const peer = this.peer;
    if (!peer || peer.phase === 'closed') return;
    if (peer.awaitingPong) {
      this.sink.log(`${peer.remote}: no pong, source connection terminated`);
      peer.ws.terminate();
      return;
    }
    peer.awaitingPong = true;
    peer.ws.ping();
    if (peer.phase !== 'hello') this.send(peer, { type: 'heartbeat', at: this.sink.now() });
  }

  private failWaiting(reason: string): void {
    for (const resolve of this.waiting.values()) resolve({ outcome: 'failed', reason });
    this.waiting.clear();
  }

  private error(peer: Peer, code: Parameters<typeof errorMessage>[0], message: string): void {
    this.send(peer, errorMessage(code, message));
  }

  private send(peer: Peer, message: HubToSourceMessage): void {
    if (peer.phase === 'closed' || peer.ws.readyState !== peer.ws.OPEN) return;
    peer.ws.send(JSON.stringify(message));
  }

  private close(peer: Peer, code: number, reason: string): void {
    if (peer.phase === 'closed') return;
    peer.phase = 'closed';
    peer.ws.close(code, reason);
  }
}

function errorMessage(
  code: Extract<HubToSourceMessage, { type: 'error' }>['error']['code'],
  message: string,
): HubToSourceMessage {
  return { type: 'error', error: { code, message: message.slice(0, 500) } };
}
