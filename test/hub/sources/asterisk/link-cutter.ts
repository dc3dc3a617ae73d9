/**
 * A TCP relay between the hub and an AMI (fake or real) that the test can cut and restore on
 * the same port: the network between ccwall and Asterisk failing, whatever Asterisk it is.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export class LinkCutter {
  private server: Server;
  private readonly pairs = new Set<[Socket, Socket]>();
  port = 0;

  private constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {
    this.server = this.newServer();
  }

  /** Relays 127.0.0.1:<a free port> to `target` (`host:port`). */
  static async start(target: string): Promise<LinkCutter> {
    const colon = target.lastIndexOf(':');
    const cutter = new LinkCutter(target.slice(0, colon), Number(target.slice(colon + 1)));
    await cutter.listen(0);
    return cutter;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Drops every relayed connection and refuses new ones. */
  async cut(): Promise<void> {
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    this.pairs.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Accepts connections again, on the same port. */
  async restore(): Promise<void> {
    this.server = this.newServer();
    await this.listen(this.port);
  }

  async close(): Promise<void> {
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    if (this.server.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private newServer(): Server {
    return createServer((client) => {
      const upstream = connect({ host: this.host, port: this.targetPort });
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      const end = () => {
        this.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
      client.pipe(upstream);
      upstream.pipe(client);
    });
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        const address = this.server.address();
        if (address && typeof address === 'object') this.port = address.port;
        resolve();
      });
    });
  }
}
