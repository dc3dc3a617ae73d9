/**
 * Live traffic for the demo: calls, chats and campaign dials arrive per channel, go to the
 * longest-idle available agent, are handled for a realistic time and end (wrap-up follows,
 * the clock ends it), or are abandoned when the customer runs out of patience. Agents pause
 * and resume on their own (through `decide`, as themselves), devices come and go, chats talk.
 *
 * Everything goes through the engine's domain functions. Deterministic for a seed and a
 * sequence of `step(now)` calls; `start()` runs it on a real timer.
 */
import {
  abandonInteraction,
  answerInteraction,
  type CenterState,
  endInteraction,
  pairKey,
  pauseReasonsInUse,
  queueInteraction,
} from '../../../domain/index.js';
import type {
  AgentSession,
  Channel,
  ChannelKind,
  Interaction,
  InteractionKind,
} from '../../../protocol/index.js';
import type { SystemBatch } from '../../system-batch.js';
import { AGENT_LINES, CUSTOMER_LINES } from './chat-lines.js';
import { emailOf, personName, phoneNumber } from './names.js';
import { mulberry32, type Random } from './prng.js';

/** Where the traffic goes: the hub's clock and its transactions (an engine, or a source's sink). */
export interface TrafficTarget {
  tick(now: number): number;
  system(work: (batch: SystemBatch) => void, now?: number): number;
}

type Range = readonly [min: number, max: number];

export interface SimulatorOptions {
  seed: number;
  /** Traffic runs this many times faster: arrivals × speed, handling, patience and pauses ÷ speed. */
  speed: number;
  /** Arrivals per minute for a channel kind. */
  kindRates: Record<ChannelKind, number>;
  /** Arrivals per minute for one channel (by id), instead of its kind's rate. */
  rates: Record<string, number>;
  /** Handling time, seconds. */
  handleSeconds: Record<InteractionKind, Range>;
  /** How long a customer waits before giving up, seconds. */
  patienceSeconds: Record<InteractionKind, Range>;
  /** How often an available agent takes a pause on their own. */
  pausesPerAgentHour: number;
  /** How long a pause lasts, seconds (lunch lasts three times as long). */
  pauseSeconds: Range;
  /** How often a device goes online/offline. */
  deviceTogglesPerHour: number;
  /** Average gap between chat messages, seconds. */
  chatMessageSeconds: number;
  /** Real-timer mode: a step this often (100 ms by default when `eventsPerSecond` is set). */
  tickMs: number;
  /**
   * Aim for this many events a second (the whole center's traffic): the simulator measures what
   * each step produced and adjusts `speed` towards the target (0: off, `speed` stays as given).
   */
  eventsPerSecond: number;
}

const DEFAULT_SIMULATOR_OPTIONS: SimulatorOptions = {
  seed: 1,
  speed: 1,
  kindRates: { queue: 1.2, chat: 0.6, campaign: 0.8 },
  rates: { sales: 2.5, support: 1.5, vip: 0.4, accueil: 1.5 },
  handleSeconds: { call: [60, 360], chat: [120, 600], dial: [30, 240] },
  patienceSeconds: { call: [20, 240], chat: [60, 600], dial: [4, 15] },
  pausesPerAgentHour: 0.5,
  pauseSeconds: [180, 900],
  deviceTogglesPerHour: 0.2,
  chatMessageSeconds: 25,
  tickMs: 1000,
  eventsPerSecond: 0,
};

/** With a target rate, the speed moves at most this factor per step, within these bounds. */
const SPEED_STEP = 1.25;
const SPEED_BOUNDS = [0.01, 1000] as const;

const KIND_OF: Record<ChannelKind, InteractionKind> = { queue: 'call', chat: 'chat', campaign: 'dial' };
/** A step never simulates more than this much time at once (a laptop waking up). */
const MAX_STEP_MS = 60_000;

export class Simulator {
  private readonly options: SimulatorOptions;
  private readonly random: Random;
  /** Events per second per unit of speed, smoothed: what the target rate steers by. */
  private ratePerSpeed: number | undefined;
  private last: number | undefined;
  private counter = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Interaction id → when the customer hangs up (waiting) or the agent finishes (answered). */
  private readonly due = new Map<string, number>();
  private readonly nextMessage = new Map<string, number>();
  /** Session key → when a paused agent comes back. */
  private readonly resumeAt = new Map<string, number>();

  constructor(
    private readonly engine: TrafficTarget,
    options: Partial<SimulatorOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = {
      ...DEFAULT_SIMULATOR_OPTIONS,
      ...(options.eventsPerSecond ? { tickMs: 100 } : {}),
      ...options,
    };
    this.random = mulberry32(this.options.seed);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.step(this.now()), this.options.tickMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Simulates the time since the previous step, up to `now`. Returns the number of events. */
  step(now: number): number {
    const elapsed = Math.min(Math.max(now - (this.last ?? now), 0), MAX_STEP_MS);
    this.last = now;
    let count = this.engine.tick(now);
    count += this.engine.system((batch) => {
      this.forget(batch.state);
      this.finish(batch, now);
      // Who can take an interaction: arrivals change no agent, so routing uses the same index.
      const idle = idleAgentsByChannel(batch.state);
      this.arrive(batch, now, elapsed, idle);
      this.route(batch, now, idle);
      this.talk(batch, now);
      this.pauses(batch, now, elapsed);
      this.devices(batch, now, elapsed);
    }, now);
    this.steer(count, elapsed);
    return count;
  }

  /** The current speed factor (it moves when `eventsPerSecond` is set). */
  get speed(): number {
    return this.options.speed;
  }

  /** Moves `speed` towards the target rate, from the events the last step made. */
  private steer(count: number, elapsed: number): void {
    const target = this.options.eventsPerSecond;
    if (!(target > 0) || elapsed <= 0) return;
    const observed = (count * 1000) / elapsed / this.options.speed;
    this.ratePerSpeed = this.ratePerSpeed === undefined ? observed : this.ratePerSpeed * 0.8 + observed * 0.2;
    if (this.ratePerSpeed <= 0) {
      this.options.speed = Math.min(SPEED_BOUNDS[1], this.options.speed * SPEED_STEP);
      return;
    }
    const wanted = target / this.ratePerSpeed;
    const next = Math.min(this.options.speed * SPEED_STEP, Math.max(this.options.speed / SPEED_STEP, wanted));
    this.options.speed = Math.min(SPEED_BOUNDS[1], Math.max(SPEED_BOUNDS[0], next));
  }

  // ------------------------------------------------------------------ traffic

  private arrive(
    batch: SystemBatch,
    now: number,
    elapsed: number,
    idle: ReadonlyMap<string, AgentSession[]>,
  ): void {
    for (const channel of batch.state.channels.values()) {
      // Campaigns dial only when someone can take the call.
      if (channel.kind === 'campaign' && !idle.has(channel.id)) continue;
      const perMinute = this.options.rates[channel.id] ?? this.options.kindRates[channel.kind];
      const arrivals = this.poisson((perMinute * this.options.speed * elapsed) / 60_000);
      for (let i = 0; i < arrivals; i++) {
        const interaction = this.newInteraction(channel, now);
        if (batch.run(queueInteraction(batch.state, interaction, now))) {
          this.due.set(interaction.id, now + this.duration(this.options.patienceSeconds[interaction.kind]));
        }
      }
    }
  }

  /**
   * Each channel's oldest waiting interaction goes to its longest-idle agent (the domain's
   * `oldestWaiting` and `longestIdleAgent`), from indexes built once per step: at 300 channels
   * and thousands of sessions, scanning everything per channel and per answer was the
   * simulator's whole cost.
   */
  private route(batch: SystemBatch, now: number, idle: ReadonlyMap<string, AgentSession[]>): void {
    const waitingByChannel = new Map<string, Interaction[]>();
    for (const interaction of batch.state.interactions.values()) {
      if (interaction.answeredAt !== null) continue;
      const list = waitingByChannel.get(interaction.channelId);
      if (list) list.push(interaction);
      else waitingByChannel.set(interaction.channelId, [interaction]);
    }
    if (waitingByChannel.size === 0) return;
    const taken = new Set<string>();
    for (const channel of batch.state.channels.values()) {
      const queue = waitingByChannel.get(channel.id);
      const agents = idle.get(channel.id);
      if (!queue || !agents) continue;
      // Oldest first; equal times keep their order (as `oldestWaiting` does).
      queue.sort((a, b) => a.queuedAt - b.queuedAt);
      agents.sort((a, b) => a.since - b.since || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
      let next = 0;
      for (const waiting of queue) {
        while (next < agents.length && taken.has(agents[next]!.userId)) next += 1;
        const agentId = agents[next]?.userId;
        if (!agentId) break;
        if (!batch.run(answerInteraction(batch.state, waiting.id, agentId, now))) break;
        taken.add(agentId);
        this.due.set(waiting.id, now + this.duration(this.options.handleSeconds[waiting.kind]));
        if (waiting.kind === 'chat') this.nextMessage.set(waiting.id, now);
      }
    }
  }

  /** Ends handled interactions whose time is up, and abandons waits past the customer's patience. */
  private finish(batch: SystemBatch, now: number): void {
    for (const interaction of [...batch.state.interactions.values()]) {
      const due = this.dueOf(interaction, now);
      if (due > now) continue;
      this.due.delete(interaction.id);
      this.nextMessage.delete(interaction.id);
      if (interaction.answeredAt === null) batch.run(abandonInteraction(batch.state, interaction.id, now));
      else batch.run(endInteraction(batch.state, interaction.id, now));
    }
  }

  private talk(batch: SystemBatch, now: number): void {
    for (const interaction of batch.state.interactions.values()) {
      if (interaction.kind !== 'chat' || interaction.answeredAt === null) continue;
      const next = this.nextMessage.get(interaction.id) ?? now;
      if (next > now) continue;
      const last = interaction.transcript.at(-1);
      const from = last?.from === 'customer' ? 'agent' : 'customer';
      const text = this.random.pick(from === 'customer' ? CUSTOMER_LINES : AGENT_LINES);
      batch.run({
        ok: true,
        events: [
          { type: 'chat_message', at: now, interactionId: interaction.id, message: { from, text, at: now } },
        ],
      });
      this.nextMessage.set(interaction.id, now + this.duration([5, this.options.chatMessageSeconds * 2]));
    }
  }

  /** Agents pause on their own now and then, and come back when their pause is over. */
  private pauses(batch: SystemBatch, now: number, elapsed: number): void {
    const { state } = batch;
    const chance = (this.options.pausesPerAgentHour * this.options.speed * elapsed) / 3_600_000;
    const pausing = new Map<string, string>();
    const reasons = pauseReasonsInUse(state);
    // The plan of a pause that ended otherwise (a supervisor's resume) is forgotten. Looked up
    // from the few plans, not from each of the thousands of sessions: this loop runs every step
    // of traffic, and a key made and hashed per session was most of its cost.
    for (const key of this.resumeAt.keys()) {
      const session = state.sessions.get(key);
      if (session && session.status !== 'paused') this.resumeAt.delete(key);
    }
    for (const session of [...state.sessions.values()]) {
      if (session.status === 'paused') {
        const key = pairKey(session.channelId, session.userId);
        let back = this.resumeAt.get(key);
        if (back === undefined) {
          const lunch = session.pauseReasonId === 'lunch' ? 3 : 1;
          back = session.since + lunch * this.duration(this.options.pauseSeconds);
          this.resumeAt.set(key, back);
        }
        if (back <= now) {
          this.resumeAt.delete(key);
          batch.act(session.userId, { type: 'resume', channelId: session.channelId, userId: session.userId });
        }
        continue;
      }
      if (session.status !== 'available' || reasons.length === 0) continue;
      let reasonId = pausing.get(session.userId);
      if (reasonId === undefined) {
        if (!this.random.chance(chance)) continue;
        reasonId = this.random.pick(reasons).id;
        pausing.set(session.userId, reasonId);
      }
      batch.act(session.userId, {
        type: 'pause',
        channelId: session.channelId,
        userId: session.userId,
        reasonId,
      });
    }
  }

  private devices(batch: SystemBatch, now: number, elapsed: number): void {
    const chance = (this.options.deviceTogglesPerHour * this.options.speed * elapsed) / 3_600_000;
    for (const device of batch.state.devices.values()) {
      if (!this.random.chance(chance)) continue;
      batch.run({
        ok: true,
        events: [{ type: 'device_state_changed', at: now, deviceId: device.id, active: !device.active }],
      });
    }
  }

  // ------------------------------------------------------------------ helpers

  /** When an interaction this simulator did not start (a restart) is due: planned now. */
  private dueOf(interaction: Interaction, now: number): number {
    let due = this.due.get(interaction.id);
    if (due === undefined) {
      const range =
        interaction.answeredAt === null
          ? this.options.patienceSeconds[interaction.kind]
          : this.options.handleSeconds[interaction.kind];
      due = now + this.duration(range);
      this.due.set(interaction.id, due);
    }
    return due;
  }

  /** Drops plans for interactions that are gone (ended by someone else). */
  private forget(state: CenterState): void {
    for (const id of this.due.keys()) if (!state.interactions.has(id)) this.due.delete(id);
    for (const id of this.nextMessage.keys()) if (!state.interactions.has(id)) this.nextMessage.delete(id);
  }

  private newInteraction(channel: Channel, now: number): Interaction {
    const kind = KIND_OF[channel.kind];
    const name = personName(this.random);
    this.counter += 1;
    return {
      id: `${kind}-${now.toString(36)}-${this.counter}`,
      channelId: channel.id,
      kind,
      customer: { name, address: kind === 'chat' ? emailOf(name, this.random) : phoneNumber(this.random) },
      queuedAt: now,
      answeredAt: null,
      agentId: null,
      transcript: [],
    };
  }

  /** A duration in ms drawn from a range of seconds, shortened by the speed factor. */
  private duration([min, max]: Range): number {
    return Math.round((this.random.between(min, max) * 1000) / this.options.speed);
  }

  private poisson(mean: number): number {
    if (mean <= 0) return 0;
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.random.next();
    while (product > limit && count < 1000) {
      count += 1;
      product *= this.random.next();
    }
    return count;
  }
}

/** Available sessions of agents on no interaction, by channel (what `longestIdleAgent` chooses from). */
function idleAgentsByChannel(state: CenterState): Map<string, AgentSession[]> {
  const busy = new Set<string>();
  for (const interaction of state.interactions.values())
    if (interaction.agentId) busy.add(interaction.agentId);
  const idle = new Map<string, AgentSession[]>();
  for (const session of state.sessions.values()) {
    if (session.status !== 'available' || busy.has(session.userId)) continue;
    const list = idle.get(session.channelId);
    if (list) list.push(session);
    else idle.set(session.channelId, [session]);
  }
  return idle;
}
