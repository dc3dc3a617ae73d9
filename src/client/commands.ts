/**
 * Commands and queries to the hub. Each gets a client-chosen id (the hub's idempotency key,
 * echoed in its answer). A command asked for while the link is down waits, and is sent once
 * the link is live again, with the same id; one sent on a link that then dropped is sent
 * again on the next with the same id (the hub answers a repeated id without acting twice).
 * With no answer within `timeoutMs`, it fails visibly (the promise rejects, the store shows it);
 * it may or may not have been applied, so a retry passes the same id (`CommandTimeoutError`
 * carries it) and the hub applies it at most once.
 */
import { randomUUID } from 'node:crypto';
import type {
  Ack,
  AuditEntry,
  ClientMessage,
  Command,
  ProtocolError,
  QueryResult,
} from '../protocol/index.js';
import type { Connection } from './connection.js';
import { ClientProblemError } from './problems.js';
import type { WallboardStore } from './store.js';

/** No answer in time: not confirmed, and safe to retry with the same id. */
export class CommandTimeoutError extends ClientProblemError {
  override readonly name = 'CommandTimeoutError';
  constructor(
    problem: { kind: 'no_answer'; command: Command['type'] } | { kind: 'no_answer_audit' },
    /** The id to retry with (for a command; a query's id is not worth keeping). */
    readonly commandId?: string,
    readonly command?: Command,
  ) {
    super(problem);
  }
}

/** The hub refused a query (its code, and its message). */
export class QueryError extends ClientProblemError {
  override readonly name = 'QueryError';
  readonly code: ProtocolError['code'];
  constructor(error: ProtocolError) {
    super({ kind: 'query_refused', error });
    this.code = error.code;
  }
}

/** What commands need of a connection. */
export type CommandLink = Pick<Connection, 'isLive' | 'send' | 'on' | 'generation'>;

export interface CommandsOptions {
  timeoutMs?: number;
  store?: WallboardStore;
  now?: () => number;
  newId?: () => string;
}

export interface AuditQueryOptions {
  limit: number;
  /** Only entries older than this audit id. */
  before?: number;
}

export interface Commands {
  /**
   * Resolves with the hub's ack (ok or refused with a typed error); rejects on timeout or close.
   * `id`: retry a command that timed out with its id, so that the hub applies it at most once
   * (the same id while it is still waiting gives the same answer; a new id by default).
   */
  send(command: Command, options?: { id?: string }): Promise<Ack>;
  /** The hub's audit trail, newest first. */
  queryAudit(options: AuditQueryOptions): Promise<AuditEntry[]>;
  /** Rejects everything in flight and stops listening. */
  close(): void;
}

interface InFlight {
  message: ClientMessage;
  /** The connection generation it was last sent on (0: not yet sent). */
  sentOn: number;
  timer: NodeJS.Timeout;
  settle: (answer: { ack?: Ack; result?: QueryResult; error?: Error }) => void;
}

export const DEFAULT_COMMAND_TIMEOUT_MS = 10_000;

export function createCommands(link: CommandLink, options: CommandsOptions = {}): Commands {
  const timeoutMs = options.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const newId = options.newId ?? randomUUID;
  const store = options.store;
  const inFlight = new Map<string, InFlight>();
  let closed = false;

  function trySend(entry: InFlight): void {
    if (entry.sentOn === link.generation) return;
    if (link.send(entry.message)) entry.sentOn = link.generation;
  }

  const offLive = link.on('live', () => {
    for (const entry of inFlight.values()) trySend(entry);
  });
  const offAck = link.on('ack', (ack) => inFlight.get(ack.id)?.settle({ ack }));
  const offResult = link.on('queryResult', (result) => inFlight.get(result.id)?.settle({ result }));

  /** Commands waiting for an answer, by id: a retry with the same id while waiting joins it. */
  const pendingAcks = new Map<string, Promise<Ack>>();

  function start(id: string, message: ClientMessage, settle: InFlight['settle']): void {
    if (closed) {
      settle({ error: new ClientProblemError({ kind: 'closing' }) });
      return;
    }
    const timer = setTimeout(() => {
      // Short enough for the footer: not confirmed (it may or may not have been applied), and
      // retrying is safe (the same id is applied at most once).
      const error =
        message.type === 'command'
          ? new CommandTimeoutError({ kind: 'no_answer', command: message.command.type }, id, message.command)
          : new CommandTimeoutError({ kind: 'no_answer_audit' });
      store?.addError(error.problem);
      entry.settle({ error });
    }, timeoutMs);
    const entry: InFlight = {
      message,
      sentOn: 0,
      timer,
      settle: (answer) => {
        clearTimeout(timer);
        inFlight.delete(id);
        store?.commandSettled(id);
        settle(answer);
      },
    };
    inFlight.set(id, entry);
    trySend(entry);
  }

  function queryPage(limit: number, before: number | undefined) {
    const id = newId();
    const query =
      before === undefined ? { kind: 'audit' as const, limit } : { kind: 'audit' as const, limit, before };
    return new Promise<{ audit: AuditEntry[]; more: boolean }>((resolve, reject) => {
      start(id, { type: 'query', id, query }, ({ result, error }) => {
        if (!result) reject(error ?? new ClientProblemError({ kind: 'no_answer_audit' }));
        else if (result.ok) resolve({ audit: result.audit, more: result.more ?? false });
        else reject(new QueryError(result.error));
      });
    });
  }

  return {
    send(command, options) {
      const id = options?.id ?? newId();
      const waiting = pendingAcks.get(id);
      if (waiting) return waiting;
      store?.commandStarted({ id, command, since: now() });
      const answer = new Promise<Ack>((resolve, reject) => {
        start(id, { type: 'command', id, command }, ({ ack, error }) => {
          pendingAcks.delete(id);
          if (ack) resolve(ack);
          else reject(error ?? new ClientProblemError({ kind: 'no_answer', command: command.type }));
        });
      });
      if (inFlight.has(id)) pendingAcks.set(id, answer);
      return answer;
    },
    async queryAudit({ limit, before }) {
      // The hub answers at most a frame's worth (64 KiB) at a time: page on until `limit`.
      const entries: AuditEntry[] = [];
      let from = before;
      for (;;) {
        const page = await queryPage(limit - entries.length, from);
        entries.push(...page.audit);
        const last = page.audit.at(-1);
        if (!page.more || !last || entries.length >= limit) return entries;
        from = last.id;
      }
    },
    close() {
      closed = true;
      offLive();
      offAck();
      offResult();
      for (const entry of [...inFlight.values()])
        entry.settle({ error: new ClientProblemError({ kind: 'closing' }) });
    },
  };
}
