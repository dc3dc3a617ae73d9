/**
 * The hub's own work inside one of the engine's transactions (traffic, the clock, seeding):
 * each step sees the state the previous one left, and what it applies is committed together.
 */
import type { CenterState, Decision, TrafficResult } from '../domain/index.js';
import { decide } from '../domain/index.js';
import type { CenterEvent, Command } from '../protocol/index.js';

/** What the hub's own traffic (simulator, clock, seeding) may do inside one transaction. */
export interface SystemBatch {
  readonly state: CenterState;
  readonly now: number;
  /** Applies the events of a traffic result or decision; a refusal changes nothing and returns false. */
  run(result: TrafficResult | Decision): boolean;
  /** Decides `command` as `userId` (every rule applies) and applies its events. */
  act(userId: string, command: Command): boolean;
}

/** A batch over the engine's state (`state()`: as it is now) that hands what it applies to `applyAll`. */
export function systemBatch(
  state: () => CenterState,
  now: number,
  applyAll: (events: readonly CenterEvent[]) => void,
): SystemBatch {
  const batch: SystemBatch = {
    get state() {
      return state();
    },
    now,
    run: (result) => {
      if (!result.ok) return false;
      applyAll(result.events);
      return true;
    },
    act: (userId, command) => {
      const user = state().users.get(userId);
      if (!user) return false;
      return batch.run(decide(state(), { user, readOnly: false }, command, now));
    },
  };
  return batch;
}
