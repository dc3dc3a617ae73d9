/**
 * A TCP proxy for fault tests, between a client and the hub on 127.0.0.1: it can cut every
 * connection (a network drop), refuse new ones for a while (the network is down), stop reading
 * from the hub (the client looks like a slow consumer to the hub: its buffers fill), and cut a
 * connection around the next request (the command is lost on the way, or its answer is).
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

interface Pair {
  client: Socket;
  upstream: Socket;
}

/** What happens to the next chunk a client sends. */
export type CutMode =
  /** The request never reaches the hub: dropped, then the connection is cut. */
  | 'lose-request'
  /** The request reaches the hub; the connection is cut as the hub's first answer comes back, unseen. */
  | 'lose-answer';

export class TcpProxy {
  private readonly pairs = new Set<Pair>();
  private refusing = false;
  private paused = false;
  private armed: { mode: CutMode; done: () => void } | undefined;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetPort: number): Promise<TcpProxy> {
    let proxy: TcpProxy | undefined;
    const server = createServer((client) => proxy?.accept(client, targetPort));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no proxy address');
    proxy = new TcpProxy(server, address.port);
    return proxy;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get connections(): number {
    return this.pairs.size;
  }

  /** Cuts every connection now (both ends see the TCP connection reset). */
  cutAll(): void {
    for (const pair of this.pairs) this.cut(pair);
  }

  /** While refusing, new connections are accepted and reset at once. */
  refuse(on: boolean): void {
    this.refusing = on;
  }

  /** Stops (or starts again) reading what the hub sends: the hub's send buffers fill up. */
  pauseDownstream(on: boolean): void {
    this.paused = on;
    for (const { upstream } of this.pairs) {
      if (on) upstream.pause();
      else upstream.resume();
    }
  }

  /** Arms a cut around the next chunk any client sends; resolves once it happened. */
  cutAroundNextRequest(mode: CutMode): Promise<void> {
    return new Promise((resolve) => {
      this.armed = { mode, done: resolve };
    });
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, targetPort: number): void {
    if (this.refusing) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    const pair: Pair = { client, upstream };
    this.pairs.add(pair);
    if (this.paused) upstream.pause();
    let answerCut: (() => void) | undefined;
    client.on('data', (chunk: Buffer) => {
      const armed = this.armed;
      if (armed) {
        this.armed = undefined;
        if (armed.mode === 'lose-request') {
          this.cut(pair);
          armed.done();
          return;
        }
        answerCut = armed.done;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (answerCut) {
        const done = answerCut;
        answerCut = undefined;
        this.cut(pair);
        done();
        return;
      }
      client.write(chunk);
    });
    const end = () => this.cut(pair);
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  }

  private cut(pair: Pair): void {
    if (!this.pairs.delete(pair)) return;
    if (!pair.client.destroyed) pair.client.resetAndDestroy();
    if (!pair.upstream.destroyed) pair.upstream.resetAndDestroy();
  }
}
