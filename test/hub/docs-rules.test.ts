/**
 * The state built from docs/protocol.md's rules alone ("What each event changes"), by a client
 * that imports nothing of the project's domain or protocol code, stays equal to the hub's own
 * snapshots: for an admin (everything), a supervisor (their channels, every user and device)
 * and an agent (a small scope that must tolerate deltas about what it does not hold). Traffic,
 * pending pauses and logouts, monitors that end with their call, wrap-ups the clock ends, an org
 * setting turned on and off, and local midnight all happen on the way.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DEMO_ADMIN_ID, DEMO_AGENT_ID, DEMO_SUPERVISOR_ID } from '../../src/hub/index.js';
import { Simulator } from '../../src/hub/sources/demo/simulator.js';
import { startPartsHub } from './security-fixtures.js';

type Json = Record<string, unknown>;
type Entity = Json;

const record = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.map(record) : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);
const pair = (channelId: unknown, userId: unknown) => `${text(channelId)} ${text(userId)}`;

/** The state, keyed as the document says. */
interface DocState {
  users: Map<string, Entity>;
  devices: Map<string, Entity>;
  channels: Map<string, Entity>;
  assignments: Map<string, Entity>;
  sessions: Map<string, Entity>;
  interactions: Map<string, Entity>;
  monitors: Map<string, Entity>;
  stats: Map<string, Entity>;
  org: Json;
  pauseReasons: unknown;
}

const COLLECTIONS = [
  'users',
  'devices',
  'channels',
  'assignments',
  'sessions',
  'interactions',
  'monitors',
  'stats',
] as const;

function keyOf(collection: (typeof COLLECTIONS)[number], entity: Entity): string {
  switch (collection) {
    case 'assignments':
    case 'sessions':
      return pair(entity.channelId, entity.userId);
    case 'monitors':
      return text(entity.supervisorId);
    case 'stats':
      return text(entity.channelId);
    default:
      return text(entity.id);
  }
}

function fromSnapshot(data: Json): DocState {
  const state: DocState = {
    users: new Map(),
    devices: new Map(),
    channels: new Map(),
    assignments: new Map(),
    sessions: new Map(),
    interactions: new Map(),
    monitors: new Map(),
    stats: new Map(),
    org: record(data.org),
    pauseReasons: data.pauseReasons,
  };
  for (const collection of COLLECTIONS)
    for (const entity of list(data[collection])) state[collection].set(keyOf(collection, entity), entity);
  return state;
}

const emptyStats = (channelId: unknown, since: unknown): Entity => ({
  channelId,
  since,
  answered: 0,
  abandoned: 0,
  answeredWithinThreshold: 0,
  answeredWaitMs: 0,
  handled: 0,
  talkMs: 0,
  wrapUpMs: 0,
});

/** `allowed`: assigned, or unassigned logins allowed, or opened by someone else. */
const allowed = (org: Json, session: Entity) =>
  session.assigned === true ||
  org.agentsMayLogInToUnassigned === true ||
  session.loggedInBy !== session.userId;

function addStats(state: DocState, channelId: unknown, changes: Record<string, number>): void {
  const stats = state.stats.get(text(channelId));
  if (!stats) return;
  const next = { ...stats };
  for (const [field, amount] of Object.entries(changes)) next[field] = num(stats[field]) + amount;
  state.stats.set(text(channelId), next);
}

/** "If it was in wrap_up, first add at − since to its channel's stats.wrapUpMs." */
function leaveWrapUp(state: DocState, session: Entity, at: number): void {
  if (session.status === 'wrap_up')
    addStats(state, session.channelId, { wrapUpMs: Math.max(0, at - num(session.since)) });
}

function setSession(state: DocState, key: string, change: (session: Entity) => Entity): void {
  const session = state.sessions.get(key);
  if (session) state.sessions.set(key, change(session));
}

/** An interaction that goes without an outcome (its channel or agent left): its monitors go with it. */
function dropInteraction(state: DocState, interactionId: string): void {
  state.interactions.delete(interactionId);
  clearElsewhere(state, interactionId);
  for (const [key, monitor] of state.monitors)
    if (monitor.interactionId === interactionId) state.monitors.delete(key);
}

/** Sessions marked busy on `interactionId` elsewhere lose the mark. */
function clearElsewhere(state: DocState, interactionId: string): void {
  for (const [key, session] of state.sessions) {
    if (record(session.elsewhere).interactionId !== interactionId) continue;
    const { elsewhere: _gone, ...rest } = session;
    state.sessions.set(key, rest);
  }
}

/** docs/protocol.md, "What each event changes", row by row. */
function applyDocumented(state: DocState, event: Json): void {
  const at = num(event.at);
  const sessionKey = pair(event.channelId, event.userId);
  switch (event.type) {
    case 'user_upserted':
    case 'device_upserted': {
      const entity = record(event.type === 'user_upserted' ? event.user : event.device);
      (event.type === 'user_upserted' ? state.users : state.devices).set(text(entity.id), entity);
      return;
    }
    case 'device_removed':
      state.devices.delete(text(event.deviceId));
      return;
    case 'user_removed': {
      const userId = text(event.userId);
      state.users.delete(userId);
      for (const [key, device] of state.devices) if (device.userId === userId) state.devices.delete(key);
      for (const [key, a] of state.assignments) if (a.userId === userId) state.assignments.delete(key);
      for (const [key, session] of state.sessions) {
        if (session.userId !== userId) continue;
        leaveWrapUp(state, session, at);
        state.sessions.delete(key);
      }
      for (const [id, interaction] of state.interactions)
        if (interaction.agentId === userId) dropInteraction(state, id);
      state.monitors.delete(userId);
      for (const [key, monitor] of state.monitors) if (monitor.agentId === userId) state.monitors.delete(key);
      return;
    }
    case 'channel_removed': {
      const channelId = text(event.channelId);
      state.channels.delete(channelId);
      state.stats.delete(channelId);
      for (const [key, a] of state.assignments) if (a.channelId === channelId) state.assignments.delete(key);
      for (const [key, session] of state.sessions)
        if (session.channelId === channelId) state.sessions.delete(key);
      for (const [id, interaction] of state.interactions)
        if (interaction.channelId === channelId) dropInteraction(state, id);
      for (const [key, monitor] of state.monitors)
        if (monitor.channelId === channelId) state.monitors.delete(key);
      return;
    }
    case 'device_state_changed': {
      const device = state.devices.get(text(event.deviceId));
      if (device) state.devices.set(text(device.id), { ...device, active: event.active });
      return;
    }
    case 'channel_upserted': {
      const channel = record(event.channel);
      if (!state.channels.has(text(channel.id)))
        state.stats.set(text(channel.id), emptyStats(channel.id, at));
      state.channels.set(text(channel.id), channel);
      return;
    }
    case 'assignment_set': {
      const assignment = record(event.assignment);
      const key = pair(assignment.channelId, assignment.userId);
      if (assignment.asAgent === true || assignment.asSupervisor === true)
        state.assignments.set(key, assignment);
      else state.assignments.delete(key);
      setSession(state, key, (s) => {
        const next = { ...s, assigned: assignment.asAgent === true };
        return { ...next, allowed: allowed(state.org, next) };
      });
      return;
    }
    case 'org_settings_changed':
      state.org = record(event.settings);
      for (const [key, session] of state.sessions)
        state.sessions.set(key, { ...session, allowed: allowed(state.org, session) });
      return;
    case 'pause_reasons_set':
      state.pauseReasons = event.reasons;
      return;
    case 'agent_logged_in': {
      const session = record(event.session);
      state.sessions.set(pair(session.channelId, session.userId), session);
      return;
    }
    case 'agent_logged_out': {
      const session = state.sessions.get(sessionKey);
      if (session) leaveWrapUp(state, session, at);
      state.sessions.delete(sessionKey);
      return;
    }
    case 'agent_paused':
      return setSession(state, sessionKey, (s) => {
        leaveWrapUp(state, s, at);
        return {
          ...s,
          status: 'paused',
          since: at,
          pauseReasonId: event.reasonId,
          wrapUpEndsAt: null,
          pending: null,
        };
      });
    case 'agent_resumed':
      return setSession(state, sessionKey, (s) => ({
        ...s,
        status: 'available',
        since: at,
        pauseReasonId: null,
        wrapUpEndsAt: null,
        pending: null,
      }));
    case 'pending_set':
      return setSession(state, sessionKey, (s) => ({ ...s, pending: event.pending }));
    case 'wrap_up_ended':
      return setSession(state, sessionKey, (s) => {
        if (s.status !== 'wrap_up') return s;
        leaveWrapUp(state, s, at);
        return { ...s, status: 'available', since: at, wrapUpEndsAt: null };
      });
    case 'interaction_queued': {
      const interaction = record(event.interaction);
      state.interactions.set(text(interaction.id), interaction);
      return;
    }
    case 'interaction_answered': {
      const interaction = state.interactions.get(text(event.interactionId));
      for (const [key, session] of state.sessions)
        if (session.userId === event.agentId && (!interaction || session.channelId !== interaction.channelId))
          state.sessions.set(key, {
            ...session,
            elsewhere: { interactionId: event.interactionId, since: at },
          });
      if (!interaction) return;
      state.interactions.set(text(interaction.id), {
        ...interaction,
        answeredAt: at,
        agentId: event.agentId,
      });
      const wait = Math.max(0, at - num(interaction.queuedAt));
      const settings = record(state.channels.get(text(interaction.channelId))?.settings);
      const within =
        state.channels.has(text(interaction.channelId)) && wait <= num(settings.serviceLevelSeconds) * 1000;
      addStats(state, interaction.channelId, {
        answered: 1,
        answeredWaitMs: wait,
        answeredWithinThreshold: within ? 1 : 0,
      });
      setSession(state, pair(interaction.channelId, event.agentId), (s) => ({
        ...s,
        status: 'busy',
        since: at,
        pauseReasonId: null,
        wrapUpEndsAt: null,
        interactionId: interaction.id,
      }));
      return;
    }
    case 'interaction_abandoned': {
      const interaction = state.interactions.get(text(event.interactionId));
      if (!interaction) return;
      state.interactions.delete(text(interaction.id));
      addStats(state, interaction.channelId, { abandoned: 1 });
      return;
    }
    case 'interaction_ended': {
      const interaction = state.interactions.get(text(event.interactionId));
      if (!interaction || interaction.answeredAt !== null) clearElsewhere(state, text(event.interactionId));
      if (!interaction) return;
      state.interactions.delete(text(interaction.id));
      for (const [key, monitor] of state.monitors)
        if (monitor.interactionId === interaction.id) state.monitors.delete(key);
      if (interaction.answeredAt === null || interaction.agentId === null) return;
      addStats(state, interaction.channelId, {
        handled: 1,
        talkMs: Math.max(0, at - num(interaction.answeredAt)),
      });
      const key = pair(interaction.channelId, interaction.agentId);
      const session = state.sessions.get(key);
      if (!session || session.interactionId !== interaction.id) return;
      const pending = record(session.pending);
      if (pending.kind === 'logout') {
        state.sessions.delete(key);
        return;
      }
      const base = { ...session, since: at, interactionId: null, pending: null, wrapUpEndsAt: null };
      // The event's own wrap-up (the agent's, from the telephony system), else the channel's.
      const wrapUpSeconds =
        typeof event.wrapUpSeconds === 'number'
          ? event.wrapUpSeconds
          : num(record(state.channels.get(text(interaction.channelId))?.settings).wrapUpSeconds);
      if (pending.kind === 'pause')
        state.sessions.set(key, { ...base, status: 'paused', pauseReasonId: pending.reasonId });
      else if (wrapUpSeconds > 0)
        state.sessions.set(key, { ...base, status: 'wrap_up', wrapUpEndsAt: at + wrapUpSeconds * 1000 });
      else state.sessions.set(key, { ...base, status: 'available' });
      return;
    }
    case 'chat_message': {
      const interaction = state.interactions.get(text(event.interactionId));
      if (!interaction) return;
      const transcript = [...list(interaction.transcript), record(event.message)].slice(-100);
      state.interactions.set(text(interaction.id), { ...interaction, transcript });
      return;
    }
    case 'monitor_started': {
      const monitor = record(event.monitor);
      state.monitors.set(text(monitor.supervisorId), monitor);
      return;
    }
    case 'monitor_mode_changed': {
      const monitor = state.monitors.get(text(event.supervisorId));
      if (monitor) state.monitors.set(text(event.supervisorId), { ...monitor, mode: event.mode });
      return;
    }
    case 'monitor_stopped':
      state.monitors.delete(text(event.supervisorId));
      return;
    case 'stats_reset':
      for (const channelId of state.stats.keys())
        state.stats.set(channelId, emptyStats(channelId, event.since));
      return;
  }
}

/** A client from the document: snapshot parts, deltas and batches checked by `prev`, fresh snapshots. */
class DocReader {
  state: DocState | undefined;
  seq = -1;
  deltas = 0;
  snapshots = 0;
  problems: string[] = [];
  readonly acks = new Set<string>();
  private parts: Json[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.receive(record(JSON.parse(data.toString()))));
  }

  static async connect(url: string, token: string): Promise<DocReader> {
    const ws = new WebSocket(url, { headers: { Authorization: `Bearer ${token}` } });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const reader = new DocReader(ws);
    ws.send(JSON.stringify({ type: 'hello', protocol: 1, client: 'docs-rules' }));
    return reader;
  }

  private receive(frame: Json): void {
    if (frame.type === 'snapshot') {
      if (frame.part === 0) this.parts = [];
      this.parts.push(record(frame.data));
      if (this.parts.length < num(frame.parts)) return;
      const [first] = this.parts;
      const data: Json = { ...first };
      for (const collection of COLLECTIONS)
        data[collection] = this.parts.flatMap((part) => list(part[collection]));
      this.state = fromSnapshot(data);
      this.seq = num(frame.seq);
      this.snapshots += 1;
    } else if (frame.type === 'ack') this.acks.add(text(frame.id));
    else if (frame.type === 'delta') this.delta(num(frame.seq), num(frame.prev), record(frame.event));
    else if (frame.type === 'deltas') {
      let prev = num(frame.prev);
      for (const item of list(frame.deltas)) {
        this.delta(num(item.seq), prev, record(item.event));
        prev = num(item.seq);
      }
    }
  }

  private delta(seq: number, prev: number, event: Json): void {
    if (!this.state || prev !== this.seq) {
      this.problems.push(`delta ${seq} after ${prev}, but we are at ${this.seq}`);
      return;
    }
    applyDocumented(this.state, event);
    this.seq = seq;
    this.deltas += 1;
  }

  /**
   * Everything sent before now has arrived: an ack comes after every delta sent before it (a
   * refused `monitor_stop` changes nothing; the hub's own position is in its `seq`).
   */
  async sync(id: string): Promise<void> {
    this.ws.send(JSON.stringify({ type: 'command', id, command: { type: 'monitor_stop' } }));
    await until(() => this.acks.has(id), `the ack of ${id}`);
  }

  close(): void {
    this.ws.close();
  }
}

/** Comparable: every collection sorted by key. */
function normalised(state: DocState): Json {
  const out: Json = { org: state.org, pauseReasons: state.pauseReasons };
  for (const collection of COLLECTIONS)
    out[collection] = [...state[collection].entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, e]) => e);
  return out;
}

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until(probe: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the documented rules', () => {
  it('build the same state as the hub, for an admin, a supervisor and an agent', async () => {
    const midnight = new Date();
    midnight.setHours(24, 0, 0, 0);
    let clock = midnight.getTime() - 3 * 60_000;
    const hub = await startPartsHub({ now: () => clock });
    cleanups.push(() => hub.close());
    const simulator = new Simulator(hub.engine, { seed: 7, speed: 30 }, () => clock);
    const watchers = [DEMO_ADMIN_ID, DEMO_SUPERVISOR_ID, DEMO_AGENT_ID];
    const readers = await Promise.all(watchers.map((user) => DocReader.connect(hub.url, hub.token(user))));
    cleanups.push(() => {
      for (const reader of readers) reader.close();
    });
    const admin = await DocReader.connect(hub.url, hub.token(DEMO_ADMIN_ID));
    cleanups.push(() => admin.close());
    await until(() => [...readers, admin].every((r) => r.state !== undefined), 'the snapshots');
    let nextCommand = 0;
    const command = (body: Json) =>
      admin.ws.send(JSON.stringify({ type: 'command', id: `docs-rules-${++nextCommand}`, command: body }));

    for (let step = 0; step < 360; step++) {
      clock += 1_000;
      simulator.step(clock);
      hub.engine.tick(clock);
      const state = hub.engine.state;
      const busy = [...state.sessions.values()].filter((s) => s.status === 'busy' && s.interactionId);
      const target = busy[step % Math.max(1, busy.length)];
      if (target && step % 7 === 0) {
        // Pending: a pause or a logout on a busy agent, applied when the interaction ends.
        command(
          step % 14 === 0
            ? { type: 'pause', channelId: target.channelId, userId: target.userId, reasonId: 'break' }
            : { type: 'logout', channelId: target.channelId, userId: target.userId },
        );
      }
      if (target && step % 11 === 0)
        command({
          type: 'monitor_start',
          channelId: target.channelId,
          agentId: target.userId,
          mode: 'listen',
        });
      if (step % 90 === 45)
        command({ type: 'set_org_settings', agentsMayLogInToUnassigned: step % 180 !== 45 });
      await new Promise((resolve) => setImmediate(resolve));
    }
    // The admin's own monitor (if any) stays: only the others' refused monitor_stop are no-ops.
    for (const [index, reader] of readers.entries()) if (index > 0) await reader.sync(`sync-${index}-0001`);
    await readers[0]?.sync('sync-admin-01');
    for (const [index, reader] of readers.entries()) await reader.sync(`sync-${index}-0002`);
    const seq = hub.engine.seq;
    for (const [index, reader] of readers.entries()) {
      expect(reader.problems, watchers[index]).toEqual([]);
      const fresh = await DocReader.connect(hub.url, hub.token(watchers[index] ?? ''));
      await until(() => fresh.state !== undefined, 'a fresh snapshot');
      fresh.close();
      expect(fresh.seq).toBe(seq);
      expect(reader.seq).toBeLessThanOrEqual(seq);
      expect(reader.deltas, `${watchers[index]} received deltas`).toBeGreaterThan(0);
      expect(reader.state && normalised(reader.state), watchers[index]).toEqual(
        fresh.state && normalised(fresh.state),
      );
    }
    // The run went through what the rules are about.
    const events = hub.storage.eventsAfter(0);
    const kinds = new Set<string>();
    for (const { event } of events)
      kinds.add(event.type === 'pending_set' ? `pending_${event.pending?.kind ?? 'cleared'}` : event.type);
    for (const kind of [
      'pending_pause',
      'pending_logout',
      'monitor_started',
      'wrap_up_ended',
      'stats_reset',
      'org_settings_changed',
    ])
      expect(kinds, kind).toContain(kind);
  });
});
