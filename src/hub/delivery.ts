/** What the engine hands its listeners (the server's connections, the directory watcher). */
import type { EventRoute } from '../domain/index.js';
import type { CenterEvent } from '../protocol/index.js';
import type { HubHealth } from './hub-health.js';

/** One applied event, as listeners receive it. */
export interface Delivery {
  seq: number;
  event: CenterEvent;
  /** Who the event concerns, worked out on the state before it applied. */
  route: EventRoute;
  /** Users whose view scope this event may change ('all': everyone's). */
  scopeChanges: 'all' | ReadonlySet<string>;
}

export interface EngineListener {
  /** Called after the event's transaction committed and the state includes it. */
  deliver(delivery: Delivery): void;
  /** The state was reloaded from storage: every view must start again from a snapshot. */
  reset(): void;
  /** Every delivery of one step (a command, a batch of traffic, a tick) has been made. */
  settled?(): void;
  /** The hub became unable to save (degraded), or able again. */
  status?(status: HubHealth): void;
}
