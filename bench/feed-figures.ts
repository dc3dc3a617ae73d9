/**
 * What a hub sends a figures-view client (a kiosk) of a recorded feed: the feed's snapshot made a
 * state, each delta applied to it as it is played, and the figures built from it by the hub's
 * own code (src/hub/figures-feed.ts: the builder, the change check, the frames), once a second
 * and at once after a hello or a `feature`.
 */
import { type Domain, dist, type Protocol } from './lib.ts';

type FiguresFeedModule = typeof import('../src/hub/figures-feed.js');
type CenterState = import('../src/domain/index.js').CenterState;
type ViewScope = import('../src/domain/index.js').ViewScope;
type SnapshotData = import('../src/protocol/index.js').SnapshotData;
type FiguresSubscription = import('../src/hub/figures-feed.js').FiguresSubscription;

export interface FiguresSource {
  snapshot: readonly string[];
  welcome: string;
  events: readonly string[];
  epoch: string;
}

export class FeedFigures {
  seq = 0;
  readonly #state: CenterState;
  readonly #scope: ViewScope;
  readonly #domain: Domain;
  readonly #feed: InstanceType<FiguresFeedModule['FiguresFeed']>;
  readonly #module: FiguresFeedModule;
  readonly #subscriptions = new Map<object, FiguresSubscription>();

  private constructor(source: FiguresSource, domain: Domain, protocol: Protocol, module: FiguresFeedModule) {
    this.#domain = domain;
    this.#module = module;
    let data: SnapshotData | undefined;
    for (const frame of source.snapshot) {
      const part = protocol.Snapshot.parse(JSON.parse(frame)).data;
      if (!data) data = protocol.startSnapshot(part);
      else protocol.appendSnapshotPart(data, part);
    }
    if (!data) throw new Error('the feed has no snapshot');
    this.#state = domain.stateFromSnapshot(data);
    const user = protocol.Welcome.parse(JSON.parse(source.welcome)).user;
    this.#scope = domain.viewScope(this.#state, user);
    const self = this;
    this.#feed = new module.FiguresFeed(
      {
        get state() {
          return self.#state;
        },
        get seq() {
          return self.seq;
        },
        epoch: source.epoch,
      },
      Date.now,
    );
  }

  static async of(source: FiguresSource): Promise<FeedFigures> {
    const [domain, protocol, module] = await Promise.all([
      dist<Domain>('domain/index.js'),
      dist<Protocol>('protocol/index.js'),
      dist<FiguresFeedModule>('hub/figures-feed.js'),
    ]);
    return new FeedFigures(source, domain, protocol, module);
  }

  /** A delta played (its event as JSON, the hub's sequence number after it). */
  apply(event: string, seq: number): void {
    this.#domain.apply(this.#state, JSON.parse(event));
    this.seq = seq;
  }

  /** A figures client connected (`send` writes a frame to it): its first figures go at once. */
  open(client: object, send: (frame: string) => void): void {
    const subscription = new this.#module.FiguresSubscription(this.#feed, Date.now, send);
    this.#subscriptions.set(client, subscription);
    subscription.update(this.#scope, true);
  }

  close(client: object): void {
    this.#subscriptions.delete(client);
  }

  /** The client's `feature`: answered at once, as the hub does (the hub's refusal for a channel out of scope). */
  feature(client: object, channelId: string | null): void {
    const subscription = this.#subscriptions.get(client);
    if (!subscription) return;
    if (this.#module.featureRefusal(subscription, this.#scope, channelId)) return;
    subscription.update(this.#scope, true);
  }

  /** The hub's figures tick: figures to each client whose figures changed. */
  tick(): void {
    for (const subscription of this.#subscriptions.values()) subscription.update(this.#scope);
  }
}
