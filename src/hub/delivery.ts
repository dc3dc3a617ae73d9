/** What the engine hands its listeners (the server's connections, the directory watcher), and how. */
import type { EventRoute } from '../domain/index.js';
import type { CenterEvent } from '../protocol/index.js';
import type { HubHealth } from './hub-health.js';
import type { HubLog } from './log.js';
import { reasonOf } from './storage-error.js';

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

/** The engine's listeners: each one is told in turn, and one that throws is logged, not let stop the others. */
export class Listeners {
  private readonly all = new Set<EngineListener>();

  constructor(private readonly log: HubLog) {}

  subscribe(listener: EngineListener): () => void {
    this.all.add(listener);
    return () => this.all.delete(listener);
  }

  /** The deliveries of one step, then `settled`; `seq` is the position after the step. */
  deliver(deliveries: readonly Delivery[], seq: number): void {
    for (const delivery of deliveries) {
      for (const listener of this.all) {
        try {
          listener.deliver(delivery);
        } catch (cause) {
          this.log(`a listener failed on event ${delivery.seq}: ${reasonOf(cause)}`);
        }
      }
    }
    for (const listener of this.all) {
      try {
        listener.settled?.();
      } catch (cause) {
        this.log(`a listener failed after event ${seq}: ${reasonOf(cause)}`);
      }
    }
  }

  reset(): void {
    for (const listener of this.all) listener.reset();
  }

  status(health: HubHealth): void {
    for (const listener of this.all) {
      try {
        listener.status?.(health);
      } catch (cause) {
        this.log(`a listener failed on a status change: ${reasonOf(cause)}`, 'error');
      }
    }
  }
}
