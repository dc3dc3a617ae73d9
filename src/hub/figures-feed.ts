/**
 * Sends the figures view's messages (figures.ts) to the connections that asked for it: at once
 * after the welcome and after each `feature`, then on the hub's figures tick (once a second)
 * when they changed, and every FIGURES_REFRESH_MS whatever. The whole state's tallies are counted
 * once per position of the hub, and a message is built once per scope and featured channel, for
 * every connection that shares them (a wall of kiosks signed in as one supervisor).
 */
import { type ChannelTally, tallyChannels, type ViewScope } from '../domain/index.js';
import { FIGURES_REFRESH_MS, type ProtocolError, protocolError } from '../protocol/index.js';
import type { Engine } from './engine.js';
import { figuresData, figuresFrames } from './figures.js';

interface Built {
  /** The data as JSON: what a connection compares with what it sent last. */
  content: string;
  frames: string[];
}

export class FiguresFeed {
  /** The position the caches below are of. */
  #at = '';
  #state: unknown = null;
  #tallies: ReadonlyMap<string, ChannelTally> = new Map();
  readonly #built = new Map<string, Built>();

  constructor(
    private readonly engine: Pick<Engine, 'state' | 'seq' | 'epoch'>,
    private readonly now: () => number,
  ) {}

  /** The figures of `scope` with `featured`'s agents, as frames, as of the hub's position now. */
  build(scope: ViewScope, featured: string | null): Built {
    const { engine } = this;
    const at = `${engine.epoch}:${engine.seq}`;
    // A reload replaces the state object (and may keep the position).
    if (at !== this.#at || engine.state !== this.#state) {
      this.#at = at;
      this.#state = engine.state;
      this.#tallies = tallyChannels(engine.state);
      this.#built.clear();
    }
    const key = `${scopeKey(scope)}|${featured ?? ''}`;
    let built = this.#built.get(key);
    if (!built) {
      const data = figuresData(engine.state, this.#tallies, scope, featured);
      const content = JSON.stringify(data);
      built = { content, frames: figuresFrames(engine.epoch, engine.seq, this.now(), data, content) };
      this.#built.set(key, built);
    }
    return built;
  }
}

/**
 * Scopes that see the same: the same channels managed and seen, and, for a viewer who sees a
 * channel without managing it (their own session there), the same viewer.
 */
function scopeKey(scope: ViewScope): string {
  const managed = [...scope.managed].join(',');
  const own =
    scope.visible.size === scope.managed.size ? '' : `${scope.userId}:${[...scope.visible].join(',')}`;
  return `${scope.manager ? 'm' : 'a'}|${managed}|${own}`;
}

/** One connection's figures: which channel it features, what it was sent last and when. */
export class FiguresSubscription {
  featured: string | null = null;
  #lastContent = '';
  #lastSentAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly feed: FiguresFeed,
    private readonly now: () => number,
    /** Writes a frame. */
    private readonly write: (frame: string) => void,
  ) {}

  /**
   * Sends the figures of `scope` if they changed since the last sent, or are due anyway (every
   * FIGURES_REFRESH_MS), or `force` (a hello, a `feature`). True when sent.
   */
  update(scope: ViewScope, force = false): boolean {
    const built = this.feed.build(scope, this.featured);
    const now = this.now();
    if (!force && built.content === this.#lastContent && now - this.#lastSentAt < FIGURES_REFRESH_MS)
      return false;
    this.#lastContent = built.content;
    this.#lastSentAt = now;
    for (const frame of built.frames) this.write(frame);
    return true;
  }
}

/**
 * A `feature` message: refused (why) on a connection of the events view or for a channel the
 * scope does not see (the same answer whether or not the channel exists); else taken (null).
 */
export function featureRefusal(
  figures: FiguresSubscription | undefined,
  scope: ViewScope,
  channelId: string | null,
): ProtocolError | null {
  if (!figures)
    return protocolError(
      'bad_message',
      'feature goes with the figures view: say hello with "view": "figures"',
    );
  if (channelId !== null && !scope.visible.has(channelId))
    return protocolError('unknown_channel', `no channel ${channelId} among those you may see`);
  figures.featured = channelId;
  return null;
}
