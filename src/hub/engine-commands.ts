/**
 * A client's command through the engine, in two halves: `prepareCommand` (idempotency, then the
 * hub's rules decide on the state as it is) and `settleCommand` (the events or the refusal, the
 * command's id and its audit row, in one transaction). The command runner may ask the source to
 * carry the command out in between.
 */
import { createHash } from 'node:crypto';
import { type Actor, type CenterState, type Decision, decide } from '../domain/index.js';
import {
  type Ack,
  type AuditResult,
  type CenterEvent,
  type Command,
  type ProtocolError,
  protocolError,
} from '../protocol/index.js';
import { canonicalJson } from './canonical-json.js';
import { commandDetail, commandTarget } from './command-audit.js';
import type { Storage } from './storage.js';
import type { AuditRecord } from './storage-audit.js';
import type { StoredEvent } from './storage-events.js';

/** What the command path needs of the engine. */
export interface CommandSeat {
  readonly state: CenterState;
  readonly seq: number;
  readonly storage: Storage;
  now(): number;
  /** Adds an audit row, unless the hub cannot save. */
  audit(record: AuditRecord): void;
  /** A write failed: the hub is degraded, and the ack says nothing was saved. */
  failed(commandId: string, cause: unknown): Ack;
  /** Applies committed events and hands them to the listeners. */
  applyCommitted(events: readonly StoredEvent[]): void;
}

/** Who sends a command, and from where (for the audit log). */
export interface CommandActor {
  userId: string;
  readOnly: boolean;
  remote: string;
}

/** A command decided by the hub's rules, not yet settled. */
export interface DecidedCommand {
  kind: 'decided';
  actor: CommandActor;
  commandId: string;
  command: Command;
  now: number;
  hash: string;
  decision: Decision;
}

export type PreparedCommand = { kind: 'answered'; ack: Ack } | DecidedCommand;

/**
 * The first half of a command: a repeated id answers with the stored ack (or a conflict);
 * otherwise the hub's rules decide it on the state as it is now. Nothing is stored or applied.
 */
export function prepareCommand(
  seat: CommandSeat,
  actor: CommandActor,
  commandId: string,
  command: Command,
): PreparedCommand {
  const now = seat.now();
  const hash = commandHash(actor, command);
  const base = { actor, commandId, command, now, hash };
  let stored: ReturnType<Storage['command']>;
  try {
    stored = seat.storage.command(commandId);
  } catch (cause) {
    return { kind: 'answered', ack: seat.failed(commandId, cause) };
  }
  if (stored) {
    const same = stored.hash === hash;
    seat.audit(auditRecord(base, same ? 'duplicate' : 'idempotency_conflict', `command id ${commandId}`));
    if (same) return { kind: 'answered', ack: stored.ack };
    return {
      kind: 'answered',
      ack: refusalAck(
        commandId,
        seat.seq,
        protocolError(
          'idempotency_conflict',
          `command id ${commandId} was already used for a different command`,
        ),
      ),
    };
  }
  return { kind: 'decided', ...base, decision: decideAs(seat.state, actor, command, now) };
}

/**
 * The second half: applies `outcome.events` (none when a source carries the command out and
 * reports the change itself) or records the refusal, with the command's id (unless `remember`
 * is false: a transient refusal a retry should not get again) and its audit row, in one
 * transaction; returns the ack.
 */
export function settleCommand(
  seat: CommandSeat,
  prepared: DecidedCommand,
  outcome: { events: readonly CenterEvent[] } | { error: ProtocolError },
  remember: boolean,
): Ack {
  const { commandId, command, hash, now } = prepared;
  const seq = seat.seq;
  const events: StoredEvent[] =
    'events' in outcome ? outcome.events.map((event, index) => ({ seq: seq + 1 + index, event })) : [];
  const ack: Ack =
    'events' in outcome
      ? { type: 'ack', id: commandId, ok: true, seq: seq + events.length }
      : refusalAck(commandId, seq, outcome.error);
  const row =
    'events' in outcome
      ? auditRecord(prepared, 'ok', commandDetail(command, seat.state))
      : auditRecord(prepared, outcome.error.code, outcome.error.message);
  try {
    seat.storage.commit({
      events,
      ...(remember ? { command: { id: commandId, actor: prepared.actor.userId, hash, ack, at: now } } : {}),
      audit: [row],
    });
  } catch (cause) {
    return seat.failed(commandId, cause);
  }
  seat.applyCommitted(events);
  return ack;
}

/** What tells a retry of a command from another command under the same id: the sender and the content. */
function commandHash(actor: CommandActor, command: Command): string {
  return createHash('sha256')
    .update(canonicalJson({ actor: actor.userId, command }))
    .digest('hex');
}

/** The hub's rules on `command`, as `actor` holds the state now (an unknown user is refused). */
function decideAs(state: CenterState, actor: CommandActor, command: Command, now: number): Decision {
  const user = state.users.get(actor.userId);
  return user
    ? decide(state, { user, readOnly: actor.readOnly } satisfies Actor, command, now)
    : { ok: false, error: protocolError('unknown_user', `no user ${actor.userId}`) };
}

function auditRecord(
  prepared: Pick<DecidedCommand, 'actor' | 'command' | 'now'>,
  result: AuditResult,
  detail: string,
): AuditRecord {
  return {
    at: prepared.now,
    actorId: prepared.actor.userId,
    remote: prepared.actor.remote,
    action: prepared.command.type,
    target: commandTarget(prepared.command),
    result,
    detail,
  };
}

function refusalAck(commandId: string, seq: number, error: ProtocolError): Ack {
  return { type: 'ack', id: commandId, ok: false, seq, error };
}

/** The ack of a command the hub could not save (nothing of it was stored or applied). */
export function notSavedAck(commandId: string, seq: number): Ack {
  return refusalAck(
    commandId,
    seq,
    protocolError(
      'storage_failed',
      'the hub cannot save right now (see its log): nothing was changed, try again later',
    ),
  );
}
