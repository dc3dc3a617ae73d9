/**
 * A command from a wallboard, from start to ack: the engine decides it with the hub's rules
 * (idempotency, permissions, scope, pending); what the hub alone carries out (a pending logout
 * or pause, org and directory settings) is applied at once; what must happen on the real system
 * is asked of the source, and the ack waits for its answer:
 *
 * - done → ok (the change itself arrives as the source's events);
 * - refused → `source_refused` with the source's reason; failed → `source_failed`;
 * - no answer within 5 s → `source_timeout`; the source down → `source_unavailable`;
 * - an action the source cannot do on that kind of channel → `not_supported`.
 *
 * A transient refusal (`source_unavailable`, `source_timeout`, `source_failed`) is not
 * remembered under the command's id: a retry asks again. A retry that arrives while the first
 * try waits for the source waits in line behind it, then gets the stored ack. While the hub
 * cannot save (degraded), every command is refused with `storage_failed` before anything is
 * decided or asked.
 */

import { sourceRefusal } from '../domain/index.js';
import { type Ack, type Command, protocolError, SYSTEM_ACTOR, sourceActionOf } from '../protocol/index.js';
import type { Engine } from './engine.js';
import type { CommandActor, DecidedCommand } from './engine-commands.js';
import type { SourceLink } from './sources/source-link.js';

const TRANSIENT = new Set(['source_unavailable', 'source_timeout', 'source_failed']);

export class CommandRunner {
  /**
   * Per target (an agent in a channel; a supervisor's monitor): the commands waiting for the one
   * the source is carrying out. Commands on one target are decided in the order they came, each on
   * the state the previous one left (a pause, then a resume); other targets do not wait.
   */
  private readonly lines = new Map<string, Array<() => void>>();

  constructor(
    private readonly engine: Engine,
    private readonly link: SourceLink,
  ) {}

  /**
   * The ack at once when the hub alone answers (a refusal, a duplicate, a pending, a setting) and
   * nothing is waiting on the same target; otherwise a promise of it.
   */
  run(actor: CommandActor, commandId: string, command: Command): Ack | Promise<Ack> {
    // A hub that cannot save asks nothing of the source: the real system would change and the
    // hub could not record it (nor the command's id, nor its audit row).
    if (this.engine.health.degraded) return cannotSave(commandId, this.engine.seq);
    const key = lineOf(actor, command);
    const line = this.lines.get(key);
    if (!line) return this.start(key, actor, commandId, command);
    return new Promise<Ack>((resolve) => {
      line.push(() => {
        const ack = this.start(key, actor, commandId, command);
        if (ack instanceof Promise) void ack.then(resolve);
        else resolve(ack);
      });
    });
  }

  /** Runs a command now; while the source works on it, later ones on its target wait in line. */
  private start(key: string, actor: CommandActor, commandId: string, command: Command): Ack | Promise<Ack> {
    const ack = this.decideAndCarryOut(actor, commandId, command);
    if (!(ack instanceof Promise)) {
      this.next(key);
      return ack;
    }
    if (!this.lines.has(key)) this.lines.set(key, []);
    return ack.finally(() => this.next(key));
  }

  /** The next waiting command on `key`, if any. */
  private next(key: string): void {
    const line = this.lines.get(key);
    if (!line) return;
    const job = line.shift();
    if (!job) {
      this.lines.delete(key);
      return;
    }
    job();
  }

  private decideAndCarryOut(actor: CommandActor, commandId: string, command: Command): Ack | Promise<Ack> {
    const prepared = this.engine.prepareCommand(actor, commandId, command);
    if (prepared.kind === 'answered') return prepared.ack;
    const { decision } = prepared;
    if (!decision.ok) return this.engine.settleCommand(prepared, decision);
    if (!this.needsSource(prepared)) return this.engine.settleCommand(prepared, decision);
    return this.sourceRefusal(prepared) ?? this.askSource(prepared);
  }

  /** Whether the real system must carry the decided events out (a pending or a no-op need not). */
  private needsSource(prepared: DecidedCommand): boolean {
    if (!prepared.decision.ok || sourceActionOf(prepared.command.type) === undefined) return false;
    return prepared.decision.events.some((event) => event.type !== 'pending_set');
  }

  /** Refuses at once what the source cannot do, or cannot do now (the wallboard dims by the same rule). */
  private sourceRefusal(prepared: DecidedCommand): Ack | undefined {
    const error = sourceRefusal(this.engine.state, this.link.info, prepared.command, prepared.actor.userId);
    return error
      ? this.settleError(prepared, error.code, error.message, error.code === 'not_supported')
      : undefined;
  }

  private async askSource(prepared: DecidedCommand): Promise<Ack> {
    const expected = prepared.decision.ok ? prepared.decision.events : [];
    const answer = await this.link.execute({
      command: prepared.command,
      actorId: prepared.actor.userId || SYSTEM_ACTOR,
      why: 'command',
      expected,
    });
    const label = this.link.info.label;
    switch (answer.outcome) {
      case 'done': {
        if (!answer.apply) return this.engine.settleCommand(prepared, { events: [] });
        // The source is its own system of record: the effect is the hub's decision, taken again
        // on the state as it is now (something may have changed while the source answered).
        const again = this.engine.prepareCommand(prepared.actor, prepared.commandId, prepared.command);
        if (again.kind === 'answered') return again.ack;
        return this.engine.settleCommand(
          again,
          again.decision.ok ? { events: again.decision.events } : again.decision,
        );
      }
      case 'refused':
        return this.settleError(prepared, 'source_refused', `${label}: ${answer.reason}`, true);
      case 'failed':
        return this.settleError(prepared, 'source_failed', `${label} failed: ${answer.reason}`, false);
      case 'timeout':
        return this.settleError(
          prepared,
          'source_timeout',
          `${label} did not answer within 5 s: it may still carry the command out`,
          false,
        );
    }
  }

  private settleError(
    prepared: DecidedCommand,
    code: Parameters<typeof protocolError>[0],
    message: string,
    remember: boolean,
  ): Ack {
    return this.engine.settleCommand(
      prepared,
      { error: protocolError(code, message.slice(0, 500)) },
      remember && !TRANSIENT.has(code),
    );
  }
}

/** What a command acts on: the commands on one target are carried out one at a time, in order. */
function lineOf(actor: CommandActor, command: Command): string {
  if ('userId' in command) return `${command.channelId} ${command.userId}`;
  if (command.type.startsWith('monitor_')) return `monitor ${actor.userId}`;
  return 'hub';
}

/** The refusal of every command while the hub is degraded (engine.health); not stored: retry later. */
function cannotSave(commandId: string, seq: number): Ack {
  return {
    type: 'ack',
    id: commandId,
    ok: false,
    seq,
    error: protocolError(
      'storage_failed',
      'the hub cannot save right now (see its log): nothing was asked or changed, try again later',
    ),
  };
}
