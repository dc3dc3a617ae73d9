/**
 * One TCP connection to an Asterisk Manager Interface: the banner, `Login` (with events on),
 * actions correlated with their responses by `ActionID`, list actions (`EventList: start`, the
 * events carrying the action's id, then the `…Complete` event) gathered into one answer, a
 * `Ping` now and then so that a silent dead link is noticed, and every other message handed on
 * as an event. Reconnecting is the link's job (ami-link.ts), not this one's.
 */
import { connect, type Socket } from 'node:net';
import { type ActionFields, type AmiMessage, formatAction } from './ami-message.js';
import { AmiParser } from './ami-parser.js';

export interface AmiEndpoint {
  host: string;
  port: number;
  username: string;
  /** Never logged, never shown. */
  secret: string;
}

export interface AmiResponse {
  /** `Response: Success` (an `Error` is not ok: `message` says why). */
  ok: boolean;
  /** Asterisk's `Message`: why, on an error. */
  message: string;
  response: AmiMessage;
  /** A list action's events, without the closing `…Complete` one. */
  events: AmiMessage[];
}

/** Asterisk answered the `Login` with an error: the user name or secret is wrong, or the address is not permitted. */
export class AmiLoginRefused extends Error {}
/** What answers on the port is not an Asterisk Manager Interface. */
export class AmiNotAmi extends Error {}
/** The connection could not be made or was lost. */
export class AmiLinkError extends Error {}

export interface AmiConnectionHandlers {
  /** An event that is not part of a list action's answer. */
  event(message: AmiMessage): void;
  /** The connection ended without `close()` being called: lost, refused, or silent. */
  closed(reason: string): void;
}

export interface AmiConnectionOptions {
  /** How long to wait for the connection, the banner, the login and each action (10 s). */
  timeoutMs?: number;
  /** How often to send `Ping` when all is quiet (15 s); 0: never. */
  keepaliveMs?: number;
}

interface Pending {
  resolve(answer: AmiResponse): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  response?: AmiMessage;
  events: AmiMessage[];
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_KEEPALIVE_MS = 15_000;

export class AmiConnection {
  private readonly parser = new AmiParser();
  private readonly pending = new Map<string, Pending>();
  private nextId = 1;
  private ended = false;
  private keepalive: NodeJS.Timeout | undefined;
  private lastData = Date.now();
  /** The banner's text, `Asterisk Call Manager/5.0.1`. */
  banner = '';

  private constructor(
    private readonly socket: Socket,
    private readonly handlers: AmiConnectionHandlers,
    private readonly timeoutMs: number,
    /** Before the login: the banner came (log in now), or what came is not AMI. */
    private readonly greeting: { banner(): void; notAmi(reason: string): void },
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => this.end(describeSocketError(error)));
    socket.on('close', () => this.end('the connection was closed'));
  }

  /** Connects and logs in; rejects with AmiLoginRefused, AmiNotAmi or AmiLinkError. */
  static open(
    endpoint: AmiEndpoint,
    handlers: AmiConnectionHandlers,
    options: AmiConnectionOptions = {},
  ): Promise<AmiConnection> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const where = `${endpoint.host}:${endpoint.port}`;
    return new Promise((resolve, reject) => {
      const socket = connect({ host: endpoint.host, port: endpoint.port });
      socket.setNoDelay(true);
      socket.setKeepAlive(true, 30_000);
      let settled = false;
      let opened = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new AmiLinkError(`no answer within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      const connection = new AmiConnection(
        socket,
        {
          event: (message) => handlers.event(message),
          closed: (reason) => {
            if (opened) handlers.closed(reason);
            else fail(new AmiLinkError(reason));
          },
        },
        timeoutMs,
        {
          banner: () => login(),
          notAmi: (reason) =>
            fail(new AmiNotAmi(`${where} is not an Asterisk Manager Interface (${reason})`)),
        },
      );
      const login = () => {
        connection
          .send('Login', { Username: endpoint.username, Secret: endpoint.secret, Events: 'on' })
          .then((answer) => {
            if (settled) return;
            if (!answer.ok) {
              fail(
                new AmiLoginRefused(
                  `Asterisk at ${where} refused the login of ${endpoint.username}: ${answer.message}`,
                ),
              );
              return;
            }
            settled = true;
            opened = true;
            clearTimeout(timer);
            connection.startKeepalive(options.keepaliveMs ?? DEFAULT_KEEPALIVE_MS);
            resolve(connection);
          })
          .catch((error: unknown) => fail(error instanceof Error ? error : new AmiLinkError(String(error))));
      };
    });
  }

  /**
   * Sends `action` and resolves with Asterisk's answer (a list action: once its `…Complete`
   * event is in). Rejects with AmiLinkError when the link is lost or Asterisk does not answer
   * within the timeout.
   */
  send(
    action: string,
    fields: ActionFields = {},
    options: { timeoutMs?: number } = {},
  ): Promise<AmiResponse> {
    if (this.ended) return Promise.reject(new AmiLinkError('the AMI connection is closed'));
    const actionId = `ccwall-${this.nextId++}`;
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(actionId);
        reject(new AmiLinkError(`Asterisk did not answer ${action} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.pending.set(actionId, { resolve, reject, timer, events: [] });
      this.socket.write(formatAction(action, { ...fields, ActionID: actionId }));
    });
  }

  /** Logs off and closes; `closed` is not called. */
  close(): void {
    if (this.ended) return;
    if (this.socket.writable) this.socket.end(formatAction('Logoff', {}));
    this.end('closed');
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.lastData = Date.now();
    let frames: ReturnType<AmiParser['feed']>;
    try {
      frames = this.parser.feed(chunk);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (this.banner === '') this.greeting.notAmi(reason);
      this.end(reason);
      this.socket.destroy();
      return;
    }
    for (const frame of frames) {
      if (this.ended) return;
      if (frame.kind === 'banner') {
        this.banner = frame.text;
        this.greeting.banner();
      } else this.dispatch(frame.message);
    }
  }

  private dispatch(message: AmiMessage): void {
    const id = message.actionId;
    const pending = id === undefined ? undefined : this.pending.get(id);
    if (pending && id !== undefined) {
      if (message.response !== undefined && pending.response === undefined) {
        pending.response = message;
        if (message.get('EventList')?.toLowerCase() !== 'start') this.settle(id, pending);
        return;
      }
      if (pending.response !== undefined && message.event !== undefined) {
        if (message.get('EventList')?.toLowerCase() === 'complete') this.settle(id, pending);
        else pending.events.push(message);
        return;
      }
    }
    if (message.event !== undefined) this.handlers.event(message);
  }

  private settle(id: string, pending: Pending): void {
    this.pending.delete(id);
    clearTimeout(pending.timer);
    const response = pending.response as AmiMessage;
    pending.resolve({
      ok: response.response?.toLowerCase() === 'success',
      message: response.text('Message'),
      response,
      events: pending.events,
    });
  }

  private startKeepalive(everyMs: number): void {
    if (everyMs <= 0) return;
    this.keepalive = setInterval(() => {
      if (Date.now() - this.lastData < everyMs) return;
      this.send('Ping', {}, { timeoutMs: Math.min(this.timeoutMs, everyMs) }).catch(() => {
        this.end('Asterisk stopped answering (no answer to Ping)');
        this.socket.destroy();
      });
    }, everyMs);
    this.keepalive.unref();
  }

  private end(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.keepalive);
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new AmiLinkError(`the AMI connection ended: ${reason}`));
      this.pending.delete(id);
    }
    if (reason !== 'closed') this.handlers.closed(reason);
  }
}

function describeSocketError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused (is Asterisk running, and its manager enabled on this port?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `unknown host (${error.message})`;
    case 'ETIMEDOUT':
      return 'the connection timed out';
    case 'ECONNRESET':
      return 'the connection was reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'no route to the host';
    default:
      return error.message;
  }
}
