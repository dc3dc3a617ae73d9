/**
 * The directory file a hub serves (`ccwall serve --directory FILE`): applied at start and again
 * on every reload (SIGHUP). A file that fails its check changes nothing: at start the hub does
 * not start (DirectoryRefused), on a reload it keeps its current directory and logs why.
 * Removals that wait for live interactions (see src/directory/removals.ts) are finished here as
 * soon as the last of those interactions ends, without waiting for the next reload. Sessions the
 * directory logs out are logged out on the real system too: the source is asked to follow, as
 * for a pending logout (`why: 'pending'`).
 */
import {
  formatPlan,
  type Leaving,
  readDirectory,
  removeLeaving,
  type SessionRef,
} from '../directory/index.js';
import { SYSTEM_ACTOR } from '../protocol/index.js';
import { applyDirectory } from './apply-directory.js';
import type { Delivery, EngineListener } from './delivery.js';
import type { Engine } from './engine.js';
import type { SourceLink } from './sources/source-link.js';
import type { Storage } from './storage.js';

/** A directory file that failed its check: one line `FILE:LINE:COL message` per problem. */
export class DirectoryRefused extends Error {
  override readonly name = 'DirectoryRefused';
  constructor(readonly problems: readonly string[]) {
    super(`the directory file has ${problems.length} problem(s)`);
  }
}

export type DirectoryReload = { ok: true; plan: string[] } | { ok: false; problems: string[] };

/** Events after which a waiting removal may be free to go. */
const FREEING = new Set(['interaction_ended', 'agent_logged_out', 'user_removed', 'channel_removed']);

export class HubDirectory implements EngineListener {
  private waiting: { users: Set<string>; channels: Set<string> } = { users: new Set(), channels: new Set() };
  private dirty = false;
  private scheduled = false;
  private stopped = false;
  private link: SourceLink | undefined;
  /** Logouts for the source to carry out, while it is not yet started. */
  private followUps: SessionRef[] = [];

  constructor(
    readonly path: string,
    private readonly engine: Engine,
    private readonly storage: Storage,
    private readonly now: () => number,
    private readonly log: (line: string) => void,
  ) {}

  /**
   * Reads, checks and applies the file; `why` says what asked (`hub start`, `SIGHUP`) in the
   * log and the audit. A refusal is the caller's to report (see `reload`).
   */
  apply(why: string): DirectoryReload {
    const read = readDirectory(this.path);
    if (!read.ok) return { ok: false, problems: read.problems };
    const applied = applyDirectory(this.engine, this.storage, read.directory, {
      file: this.path,
      remote: why,
      now: this.now(),
    });
    if (!applied.ok) {
      this.log(`directory ${this.path} not applied (${why}): ${applied.error}`);
      return { ok: false, problems: [applied.error] };
    }
    this.follow(undefined, applied.plan.sessions.loggedOut);
    const { waiting } = applied.plan;
    this.waiting = {
      users: new Set(waiting.users.map((w) => w.id)),
      channels: new Set(waiting.channels.map((w) => w.id)),
    };
    const plan = formatPlan(applied.plan);
    this.log(`directory ${this.path} applied (${why}):`);
    for (const line of plan) this.log(`  ${line}`);
    return { ok: true, plan };
  }

  /**
   * Asks the source to log out, on the real system, the sessions the directory logged out in the
   * hub's state; given a link, sends what was kept for it (the logouts of the start's apply).
   */
  follow(link: SourceLink | undefined, sessions: readonly SessionRef[] = []): void {
    if (link) this.link = link;
    this.followUps.push(...sessions);
    if (!this.link) return;
    const source = this.link;
    for (const session of this.followUps.splice(0)) {
      const command = { type: 'logout' as const, ...session };
      void source.execute({ command, actorId: SYSTEM_ACTOR, why: 'pending', expected: [] }).then((answer) => {
        if (answer.outcome !== 'done')
          this.log(
            `directory ${this.path}: the source did not log ${session.userId} out of ${session.channelId}: ` +
              ('reason' in answer ? answer.reason : answer.outcome),
          );
      });
    }
  }

  /** Applies the file again; a file that fails its check is logged with its problems, and changes nothing. */
  reload(why: string): DirectoryReload {
    const result = this.apply(why);
    if (!result.ok) {
      this.log(`directory ${this.path} refused (${why}): the directory stays as it was`);
      for (const problem of result.problems) this.log(`  ${problem}`);
    }
    return result;
  }

  stop(): void {
    this.stopped = true;
  }

  deliver(delivery: Delivery): void {
    if (this.isWaiting() && FREEING.has(delivery.event.type)) this.dirty = true;
  }

  reset(): void {
    this.dirty = this.isWaiting();
  }

  settled(): void {
    if (!this.dirty || this.scheduled) return;
    this.scheduled = true;
    // After the step that freed them, not inside it.
    setImmediate(() => {
      this.scheduled = false;
      this.dirty = false;
      if (!this.stopped) this.finishWaiting();
    });
  }

  private isWaiting(): boolean {
    return this.waiting.users.size > 0 || this.waiting.channels.size > 0;
  }

  /** Removes the waiting users and channels whose last live interaction has ended. */
  private finishWaiting(): void {
    const leaving: Leaving = this.waiting;
    let removed: string[] = [];
    let loggedOut: SessionRef[] = [];
    let next = this.waiting;
    const now = this.now();
    this.engine.system((batch) => {
      const result = removeLeaving(batch.state, leaving, now, SYSTEM_ACTOR);
      const events = result.events.filter((e) => e.type === 'user_removed' || e.type === 'channel_removed');
      if (events.length === 0) return;
      batch.run({ ok: true, events: result.events });
      loggedOut = result.loggedOut;
      removed = [
        ...result.removedUsers.map((id) => `user ${id}`),
        ...result.removedChannels.map((id) => `channel ${id}`),
      ];
      next = {
        users: new Set(result.waitingUsers.map((w) => w.id)),
        channels: new Set(result.waitingChannels.map((w) => w.id)),
      };
    }, now);
    if (removed.length === 0) return;
    this.waiting = next;
    this.follow(undefined, loggedOut);
    this.engine.recordAudit({
      at: now,
      actorId: SYSTEM_ACTOR,
      remote: 'directory',
      action: 'directory_apply',
      target: this.path,
      result: 'ok',
      detail: `removed once their interactions ended: ${removed.join(', ')}`,
    });
    this.log(`directory ${this.path}: removed ${removed.join(', ')} (their last interaction ended)`);
  }
}
