/**
 * The link to Asterisk over time: connects, tells when it is up (logged in) and down (lost), and
 * reconnects with capped exponential backoff. At the very start, a login Asterisk refuses or a
 * port that is not AMI is a configuration error: `start` rejects with one line and there is no
 * retry. Once the link has been up, every failure (the secret changed, Asterisk restarting) is
 * retried, and each reason is logged once per outage.
 */
import { type BackoffPolicy, backoffDelay } from '../../../protocol/reconnect-backoff.js';
import {
  AmiConnection,
  type AmiConnectionOptions,
  type AmiEndpoint,
  AmiLinkError,
  AmiLoginRefused,
  AmiNotAmi,
  type AmiResponse,
} from './ami-connection.js';
import type { ActionFields, AmiMessage } from './ami-message.js';

export interface AmiLinkHandlers {
  /** Logged in (again). */
  up(connection: AmiConnection): void;
  /** Lost, or a (re)connection failed; `reason` is one line for operators. */
  down(reason: string): void;
  /** An event from Asterisk. */
  event(message: AmiMessage): void;
}

export interface AmiLinkOptions {
  backoff?: BackoffPolicy;
  connection?: AmiConnectionOptions;
  random?: () => number;
}

const AMI_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000 };

export class AmiLink {
  private current: AmiConnection | undefined;
  private attempt = 0;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;
  private everUp = false;

  constructor(
    private readonly endpoint: AmiEndpoint,
    private readonly handlers: AmiLinkHandlers,
    private readonly options: AmiLinkOptions = {},
  ) {}

  /** `HOST:PORT` (no user, no secret). */
  get where(): string {
    return `${this.endpoint.host}:${this.endpoint.port}`;
  }

  get up(): boolean {
    return this.current !== undefined;
  }

  /**
   * The first connection. Resolves once logged in, or once a failure that may pass (Asterisk not
   * running yet) has scheduled a retry; rejects when Asterisk refuses the login or the port is
   * not AMI.
   */
  async start(): Promise<void> {
    try {
      await this.connect();
    } catch (error) {
      if (error instanceof AmiLoginRefused || error instanceof AmiNotAmi) {
        this.stop();
        throw error;
      }
      this.failed(error);
    }
  }

  /** Sends an action on the live connection; rejects with AmiLinkError while down. */
  send(
    action: string,
    fields: ActionFields = {},
    options: { timeoutMs?: number } = {},
  ): Promise<AmiResponse> {
    if (!this.current) return Promise.reject(new AmiLinkError(`no AMI link to ${this.where}`));
    return this.current.send(action, fields, options);
  }

  /** Closes the link and stops retrying. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    const connection = this.current;
    this.current = undefined;
    connection?.close();
  }

  /** Drops the live connection (as if lost) so that it is made again: after a fatal read, for example. */
  drop(reason: string): void {
    const connection = this.current;
    if (!connection) return;
    this.current = undefined;
    connection.close();
    this.lost(reason);
  }

  private async connect(): Promise<void> {
    // Events that come with the login's answer, before `up`, are dropped: the picture read on
    // `up` comes after them and holds what they said.
    let connection: AmiConnection | undefined;
    connection = await AmiConnection.open(
      this.endpoint,
      {
        event: (message) => {
          if (connection !== undefined && this.current === connection) this.handlers.event(message);
        },
        closed: (reason) => {
          if (connection === undefined || this.current !== connection) return;
          this.current = undefined;
          this.lost(reason);
        },
      },
      this.options.connection,
    );
    if (this.stopped) {
      connection.close();
      return;
    }
    this.current = connection;
    this.attempt = 0;
    this.everUp = true;
    this.handlers.up(connection);
  }

  private lost(reason: string): void {
    if (this.stopped) return;
    this.handlers.down(`lost the AMI link to ${this.where}: ${reason}`);
    this.schedule();
  }

  private failed(error: unknown): void {
    if (this.stopped) return;
    const reason = error instanceof Error ? error.message : String(error);
    const detail =
      error instanceof AmiLoginRefused || (this.everUp && error instanceof AmiNotAmi)
        ? reason
        : `cannot reach Asterisk at ${this.where}: ${reason}`;
    this.handlers.down(detail);
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    clearTimeout(this.retry);
    const wait = backoffDelay(this.attempt++, this.options.backoff ?? AMI_BACKOFF, this.options.random);
    this.retry = setTimeout(() => {
      this.connect().catch((error: unknown) => this.failed(error));
    }, wait);
  }
}
