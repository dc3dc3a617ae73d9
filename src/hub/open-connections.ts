/**
 * The wallboard connections a hub holds: who signed each one in (their tokens are checked
 * again while they are open), how many each user holds (a per-user limit), and each one's
 * allowance of commands and queries (a rate limit).
 */
import type { Connection } from './connection.js';
import type { SignIn } from './identity.js';
import type { LimitedStream } from './limits.js';

export class OpenConnections implements Iterable<Connection> {
  private readonly all = new Set<Connection>();
  /** The sign-ins whose tokens are still checked: a connection closed for its token leaves. */
  readonly signIns = new Map<Connection, SignIn>();
  private readonly perUser = new Map<string, number>();
  private readonly commandStreams = new WeakMap<Connection, LimitedStream>();

  get size(): number {
    return this.all.size;
  }

  [Symbol.iterator](): Iterator<Connection> {
    return this.all[Symbol.iterator]();
  }

  has(connection: Connection): boolean {
    return this.all.has(connection);
  }

  /** How many connections `userId` holds. */
  heldBy(userId: string): number {
    return this.perUser.get(userId) ?? 0;
  }

  add(connection: Connection, signIn: SignIn, commands: LimitedStream): void {
    const { userId } = signIn.identity;
    this.all.add(connection);
    this.signIns.set(connection, signIn);
    this.perUser.set(userId, this.heldBy(userId) + 1);
    this.commandStreams.set(connection, commands);
  }

  /** Forgets a closed connection; false if it was not held. */
  remove(connection: Connection): boolean {
    if (!this.all.delete(connection)) return false;
    this.signIns.delete(connection);
    const { userId } = connection.identity;
    const left = (this.perUser.get(userId) ?? 1) - 1;
    if (left > 0) this.perUser.set(userId, left);
    else this.perUser.delete(userId);
    return true;
  }

  /** The connection's allowance of commands and queries. */
  commandStream(connection: Connection): LimitedStream | undefined {
    return this.commandStreams.get(connection);
  }
}
