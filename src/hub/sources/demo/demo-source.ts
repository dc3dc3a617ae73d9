/**
 * The `demo` source: ccwall as its own system of record. Commands are carried out at once,
 * exactly as the hub decided them; with `simulate`, the traffic simulator makes calls, chats
 * and dials arrive, get answered and end, and agents pause on their own. Used by `npm start`,
 * `ccwall serve --demo`, and by a hub on a real directory with no telephony behind it yet (the
 * wallboard then shows and changes only ccwall's own state).
 */

import {
  ALL_CAPABILITIES,
  type Source,
  type SourceAnswer,
  type SourceRequest,
  type SourceSink,
} from '../source.js';
import { Simulator, type SimulatorOptions } from './simulator.js';

export interface DemoSourceOptions {
  /** Run the traffic simulator (off by default); an object sets its options. */
  simulate?: boolean | Partial<SimulatorOptions>;
  /** Simulate from this instant up to now before the live traffic starts (a center in full swing). */
  warmUpFrom?: number;
  /**
   * Warm-up step, ms (1 s by default; the large demo uses 5 s). The warm-up's last two minutes
   * go in steps of 1 s whatever this is (see `FINE_WARM_UP_MS`).
   */
  warmUpStepMs?: number;
  now?: () => number;
}

/**
 * The end of the warm-up, simulated second by second whatever the step. Everything that happens
 * within one step happens at the same instant: in 5-second steps, the calls of a step end
 * together, their wrap-ups (multiples of 5 s in the demo) end together again, and so on, so that
 * for a minute after a coarse warm-up ~1,500 agents of the large center came back from wrap-up in
 * one tick every 5 s: bursts no center has. Two minutes of 1-second steps (longer than any of
 * the demo's wrap-ups plus its shortest calls) leave the live traffic spread as a real center's.
 */
const FINE_WARM_UP_MS = 2 * 60_000;
const FINE_STEP_MS = 1000;

/**
 * The instants a warm-up from `from` up to now steps at: every `stepMs`, then every second over
 * the last two minutes (`now` is read at each step: the warm-up itself takes time).
 */
export function* warmUpSteps(from: number, now: () => number, stepMs: number): Generator<number> {
  for (
    let at = from;
    at < now();
    at += at < now() - FINE_WARM_UP_MS ? stepMs : Math.min(stepMs, FINE_STEP_MS)
  )
    yield at;
}

export class DemoSource implements Source {
  readonly kind = 'demo';
  readonly label = 'the demo';
  readonly capabilities = ALL_CAPABILITIES;
  private simulator: Simulator | undefined;

  constructor(private readonly options: DemoSourceOptions = {}) {}

  async start(sink: SourceSink): Promise<void> {
    const now = this.options.now ?? sink.now;
    const { simulate } = this.options;
    if (simulate) {
      this.simulator = new Simulator(
        { tick: (at) => sink.clock(at), system: (work, at) => sink.batch(work, at) },
        typeof simulate === 'object' ? simulate : {},
        now,
      );
      const from = this.options.warmUpFrom;
      const stepMs = this.options.warmUpStepMs ?? 1000;
      if (from !== undefined) for (const at of warmUpSteps(from, now, stepMs)) this.simulator.step(at);
    }
    sink.health(true);
    this.simulator?.start();
  }

  /** A user's command takes effect as decided (the hub applies it); a pending action already has. */
  async execute(request: SourceRequest): Promise<SourceAnswer> {
    return request.why === 'command' ? { outcome: 'done', apply: true } : { outcome: 'done' };
  }

  async stop(): Promise<void> {
    this.simulator?.stop();
  }
}
