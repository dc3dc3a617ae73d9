/**
 * A real wallboard client (src/client) for fault tests, watched from outside: whether it is
 * live, how each reconnection went (resumed, or a fresh snapshot), and the close codes it saw.
 */
import { type ClientOptions, createClient, type WallboardClient } from '../../src/client/index.js';
import { type CenterState, toSnapshotData } from '../../src/domain/index.js';
import { Storage } from '../../src/hub/storage.js';
import { Tokens } from '../../src/hub/tokens.js';
import type { SnapshotData } from '../../src/protocol/index.js';

export class Board {
  readonly client: WallboardClient;
  /** Reconnections that resumed (no snapshot) and that took a fresh snapshot; the first connection is neither. */
  resumes = 0;
  snapshots = 0;
  /** Close codes the hub sent, in order (from the link's last error). */
  readonly closes: number[] = [];
  private lives = 0;
  private liveGeneration = 0;
  private snapshotSinceLive = false;

  constructor(url: string, token: string, options: Partial<ClientOptions> = {}) {
    this.client = createClient({ url, token, staleAfterMs: 1_000, store: { intervalMs: 50 }, ...options });
    const { connection } = this.client;
    connection.on('state', (_state, change) => {
      if (change.reset) this.snapshotSinceLive = true;
    });
    connection.on('live', (generation) => {
      // A scope change sends a fresh snapshot on the same link: only a new link counts.
      if (generation === this.liveGeneration) return;
      this.liveGeneration = generation;
      this.lives += 1;
      if (this.lives > 1) {
        if (this.snapshotSinceLive) this.snapshots += 1;
        else this.resumes += 1;
      }
      this.snapshotSinceLive = false;
    });
    connection.on('status', (info) => {
      const problem = info.lastError;
      const code = typeof problem === 'object' && problem?.kind === 'hub_closed' ? problem.code : undefined;
      if (code && info.status !== 'live' && this.closes.at(-1) !== code) this.closes.push(code);
    });
    this.client.start();
  }

  get live(): boolean {
    return this.client.connection.isLive;
  }

  get seq(): number {
    return this.client.connection.position?.seq ?? -1;
  }

  get state(): CenterState | null {
    return this.client.connection.state;
  }

  close(): void {
    this.client.close();
  }
}

/** Creates sign-in tokens straight in the hub's database (as `ccwall token create` does). */
export function createTokens(dbPath: string, users: readonly string[]): string[] {
  const storage = Storage.open(dbPath);
  try {
    const tokens = new Tokens(storage);
    return users.map((user) => tokens.create(user, Date.now(), { label: 'fault test' }));
  } finally {
    storage.close();
  }
}

/** A state's data in a canonical order, to compare a resumed wallboard with a fresh snapshot. */
export function normalised(state: CenterState): SnapshotData {
  const data = toSnapshotData(state);
  const sort = <T>(items: T[]) =>
    [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    ...data,
    users: sort(data.users),
    devices: sort(data.devices),
    channels: sort(data.channels),
    assignments: sort(data.assignments),
    sessions: sort(data.sessions),
    interactions: sort(data.interactions),
    monitors: sort(data.monitors),
    stats: sort(data.stats),
  };
}
