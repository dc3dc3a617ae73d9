/**
 * What a user may do to agents in a channel, decided with the hub's own rules: every entry
 * of the action menu is a command run through `decide` on the wallboard's copy of the state,
 * so the menu dims exactly what the hub would refuse, and says why in plain words.
 */

import {
  type Actor,
  type CenterState,
  decide,
  managesChannel,
  monitorModesFor,
  pairKey,
  pauseReasonsInUse,
  sourceRefusal,
} from '../../domain/index.js';
import { lazyRecord, t } from '../../i18n/index.js';
import type {
  Command,
  InteractionKind,
  MonitorMode,
  ProtocolError,
  SourceInfo,
} from '../../protocol/index.js';
import { busyElsewhere } from '../agent-rows.js';
import { REFUSAL_WORDS, refusalWord } from './refusals.js';

/** What the user asked for, before it becomes one command per agent. */
export type ActionRequest =
  | { kind: 'logout' }
  | { kind: 'pause'; reasonId: string }
  | { kind: 'resume' }
  | { kind: 'end_wrap_up' }
  /**
   * `channelId`: the channel of the interaction when it is not the menu's (an agent ready here
   * but on an interaction in another channel the user also supervises).
   */
  | { kind: 'monitor'; mode: MonitorMode; channelId?: string };

export type MenuEntryId = 'logout' | 'pause' | 'resume' | 'monitor' | 'end_wrap_up' | 'log_agents';

export interface MenuEntry {
  id: MenuEntryId;
  label: string;
  enabled: boolean;
  /** Why it is dimmed (or, in bulk, why some agents are left out). */
  reason: string | null;
}

export interface ActionScope {
  state: CenterState;
  actor: Actor;
  channelId: string;
  /** The agents the menu acts on: the selection, or the one under the cursor. */
  targets: readonly string[];
  now: number;
  /** The hub's source: what it cannot do (or cannot do now, being down) is dimmed too. */
  source?: SourceInfo | null;
}

export const MONITOR_LABELS: Readonly<Record<MonitorMode, string>> = lazyRecord(() => {
  const m = t().monitor;
  return { listen: m.listen, whisper: m.whisper, barge: m.barge, read: m.read };
});

export const ACTION_LABELS: Readonly<Record<ActionRequest['kind'], string>> = lazyRecord(() => {
  const a = t().actions;
  return {
    logout: a.logout,
    pause: a.pause,
    resume: a.resume,
    end_wrap_up: a.end_wrap_up,
    monitor: a.monitor,
  };
});

/** The commands a request becomes: one per agent (monitoring: only the first). */
export function commandsFor(
  request: ActionRequest,
  channelId: string,
  targets: readonly string[],
): Command[] {
  switch (request.kind) {
    case 'logout':
    case 'resume':
    case 'end_wrap_up':
      return targets.map((userId) => ({ type: request.kind, channelId, userId }));
    case 'pause':
      return targets.map((userId) => ({ type: 'pause', channelId, userId, reasonId: request.reasonId }));
    case 'monitor':
      return targets.slice(0, 1).map((agentId) => ({
        type: 'monitor_start',
        channelId: request.channelId ?? channelId,
        agentId,
        mode: request.mode,
      }));
  }
}

/** `decide` on a command: null when allowed, else the refusal. */
export function refusalOf(
  scope: Pick<ActionScope, 'state' | 'actor' | 'now' | 'source'>,
  command: Command,
): ProtocolError | null {
  const decision = decide(scope.state, scope.actor, command, scope.now);
  if (!decision.ok) return decision.error;
  return sourceRefusal(scope.state, scope.source ?? null, command, scope.actor.user.id);
}

/** How many of the targets a request is allowed for, and the first refusal. */
export function checkRequest(
  scope: ActionScope,
  request: ActionRequest,
): { allowed: number; total: number; refusal: ProtocolError | null } {
  const commands = commandsFor(request, scope.channelId, scope.targets);
  let allowed = 0;
  let refusal: ProtocolError | null = null;
  for (const command of commands) {
    const error = refusalOf(scope, command);
    if (error) refusal ??= error;
    else allowed += 1;
  }
  return { allowed, total: commands.length, refusal };
}

function entry(
  id: MenuEntryId,
  label: string,
  scope: ActionScope,
  requests: readonly ActionRequest[],
): MenuEntry {
  let best = { allowed: 0, total: scope.targets.length, refusal: null as ProtocolError | null };
  for (const request of requests) {
    const result = checkRequest(scope, request);
    if (result.allowed > best.allowed || (best.refusal === null && result.refusal)) best = result;
    if (result.allowed === result.total && result.total > 0) break;
  }
  if (best.allowed === 0) {
    return {
      id,
      label,
      enabled: false,
      reason: best.refusal ? refusalWord(best.refusal, scope.source) : t().actions.nobody,
    };
  }
  const partial = best.allowed < best.total ? t().actions.someOf(best.allowed, best.total) : null;
  return { id, label, enabled: true, reason: partial };
}

/** The pause requests worth offering: every reason in use (a retired one is offered to no one). */
export function pauseRequests(state: CenterState): ActionRequest[] {
  return pauseReasonsInUse(state).map((r) => ({ kind: 'pause', reasonId: r.id }));
}

/**
 * The monitor requests of the menu's channel; or, when the one target is ready here but on an
 * interaction in another channel, the requests for that interaction (in that channel).
 */
export function monitorRequests(state: CenterState, channelId: string, agentId?: string): ActionRequest[] {
  const other = agentId === undefined ? null : (busyElsewhere(state, channelId, agentId)?.seen ?? null);
  const where = other?.channelId ?? channelId;
  const kind = state.channels.get(where)?.kind ?? 'queue';
  return monitorModesFor(kind).map((mode) =>
    other ? { kind: 'monitor', mode, channelId: other.channelId } : { kind: 'monitor', mode },
  );
}

/** The monitor requests of a menu's scope (its one target, if one). */
export function scopeMonitorRequests(scope: ActionScope): ActionRequest[] {
  const single = scope.targets.length === 1 ? scope.targets[0] : undefined;
  return monitorRequests(scope.state, scope.channelId, single);
}

/**
 * The monitor entry. An agent ready here but busy in another channel has nothing to monitor
 * here: their interaction there is offered when the user supervises that channel, else the
 * entry is dimmed saying where they are busy.
 */
function monitorEntry(scope: ActionScope): MenuEntry {
  const { state, channelId, targets } = scope;
  const words = t().actions;
  const kind = state.channels.get(channelId)?.kind ?? 'queue';
  const label = kind === 'chat' ? words.readTranscript : words.monitorMenu;
  if (targets.length > 1) return { id: 'monitor', label, enabled: false, reason: words.oneAtATime };
  const hereRequests = monitorRequests(state, channelId);
  const here = entry('monitor', label, scope, hereRequests);
  const elsewhere = targets[0] === undefined ? null : busyElsewhere(state, channelId, targets[0]);
  const firstHere = hereRequests[0];
  // Only an agent the user could monitor here, were they busy here, is looked for elsewhere.
  if (!elsewhere || here.enabled || !firstHere || checkRequest(scope, firstHere).refusal?.code !== 'not_busy')
    return here;
  const other = elsewhere.seen;
  // In a channel this user may not see: say so, without naming it.
  if (!other) return { ...here, reason: words.busyInAnother };
  const otherKind = state.channels.get(other.channelId)?.kind ?? 'queue';
  const otherLabel =
    otherKind === 'chat'
      ? words.monitorIn(words.readTranscript, other.channelName)
      : `${words.monitorIn(words.monitor, other.channelName)}…`;
  const thereRequests = scopeMonitorRequests(scope);
  const there = entry('monitor', otherLabel, scope, thereRequests);
  if (there.enabled) return there;
  const firstThere = thereRequests[0];
  const refusal = firstThere ? checkRequest(scope, firstThere).refusal : null;
  // Not theirs to monitor there: say where the agent is busy rather than "not busy".
  if (refusal?.code === 'forbidden') return { ...here, reason: words.busyElsewhere(other.channelName) };
  return { ...here, reason: refusal ? refusalWord(refusal, scope.source) : here.reason };
}

/** The action menu: every entry, enabled or dimmed with its reason, in a fixed order. */
export function menuEntries(scope: ActionScope): MenuEntry[] {
  const { state, channelId, targets } = scope;
  const single = targets.length === 1 ? state.sessions.get(pairKey(channelId, targets[0] ?? '')) : undefined;
  const words = t().actions;
  const resumeLabel =
    single?.pending?.kind === 'pause' && single.interactionId !== null
      ? words.resumeCancelsPending
      : words.resume;
  const entries: MenuEntry[] = [
    entry('logout', words.logout, scope, [{ kind: 'logout' }]),
    entry('pause', words.pauseMenu, scope, pauseRequests(state)),
    entry('resume', resumeLabel, scope, [{ kind: 'resume' }]),
  ];
  entries.push(monitorEntry(scope));
  entries.push(entry('end_wrap_up', words.end_wrap_up, scope, [{ kind: 'end_wrap_up' }]));
  const manages = scope.actor.readOnly ? false : managesChannel(state, scope.actor.user, channelId);
  entries.push({
    id: 'log_agents',
    label: words.logAgents,
    enabled: manages,
    reason: manages ? null : REFUSAL_WORDS[scope.actor.readOnly ? 'read_only' : 'forbidden'],
  });
  return entries;
}

/** Options of a sub-menu (pause reasons, monitor modes), each enabled or dimmed. */
export interface SubOption {
  request: ActionRequest;
  label: string;
  enabled: boolean;
  reason: string | null;
}

export function subOptions(scope: ActionScope, of: 'pause' | 'monitor'): SubOption[] {
  const labels = new Map(scope.state.pauseReasons.map((r) => [r.id, r.label]));
  const requests = of === 'pause' ? pauseRequests(scope.state) : scopeMonitorRequests(scope);
  return requests.map((request) => {
    const { allowed, total, refusal } = checkRequest(scope, request);
    const label =
      request.kind === 'pause'
        ? (labels.get(request.reasonId) ?? request.reasonId)
        : request.kind === 'monitor'
          ? MONITOR_LABELS[request.mode]
          : '';
    const reason =
      allowed === 0
        ? refusal
          ? refusalWord(refusal, scope.source)
          : null
        : allowed < total
          ? t().actions.someOf(allowed, total)
          : null;
    return { request, label, enabled: allowed > 0, reason };
  });
}

const INTERACTION_WORDS: Readonly<Record<InteractionKind, string>> = lazyRecord(() => {
  const w = t().interactionWords;
  return { call: w.call, chat: w.chat, dial: w.dial };
});

/** The user's name, or the id when unknown. */
export function nameOf(state: CenterState, userId: string): string {
  return state.users.get(userId)?.name ?? userId;
}

/** The targets on a live interaction in this channel (logout and pause wait for it to end). */
export function busyTargets(state: CenterState, channelId: string, targets: readonly string[]): string[] {
  return targets.filter((userId) => state.sessions.get(pairKey(channelId, userId))?.interactionId != null);
}

/**
 * The targets ready here but on an interaction in another channel: the board shows them busy,
 * yet logout and pause here apply at once (the hub waits only for an interaction of this
 * channel) and their interaction there goes on.
 */
export function busyElsewhereTargets(
  state: CenterState,
  channelId: string,
  targets: readonly string[],
): string[] {
  return targets.filter((userId) => busyElsewhere(state, channelId, userId) !== null);
}

/**
 * The question to ask before a disruptive request, or null: logging out or pausing an agent
 * on a live interaction (it takes effect when the interaction ends), or one the board shows
 * busy with an interaction in another channel (it takes effect here at once, the interaction
 * there goes on), and barging.
 */
export function confirmationFor(scope: ActionScope, request: ActionRequest): string | null {
  const { state, channelId, targets } = scope;
  if (request.kind === 'monitor') {
    if (request.mode !== 'barge') return null;
    const agentId = targets[0] ?? '';
    const session = state.sessions.get(pairKey(request.channelId ?? channelId, agentId));
    const interaction = session?.interactionId ? state.interactions.get(session.interactionId) : undefined;
    const customer = interaction
      ? interaction.customer.name || interaction.customer.address
      : t().confirm.theCustomer;
    return t().confirm.barge(nameOf(state, agentId), customer);
  }
  if (request.kind !== 'logout' && request.kind !== 'pause') return null;
  const busy = busyTargets(state, channelId, targets);
  const elsewhere = busyElsewhereTargets(state, channelId, targets);
  if (busy.length === 0 && elsewhere.length === 0) return null;
  const logout = request.kind === 'logout';
  const here = state.channels.get(channelId)?.name ?? channelId;
  if (targets.length === 1 && busy.length === 0) {
    const agentId = elsewhere[0] ?? '';
    const other = busyElsewhere(state, channelId, agentId)?.seen;
    const word = other ? INTERACTION_WORDS[other.interaction.kind] : t().interactionWords.interaction;
    const where = other?.channelName ?? t().confirm.anotherChannel;
    return t().confirm.busyElsewhereOne(nameOf(state, agentId), word, where, here, logout);
  }
  if (elsewhere.length > 0)
    return t().confirm.busyMixed(busy.length, elsewhere.length, targets.length, logout);
  if (targets.length === 1) {
    const session = state.sessions.get(pairKey(channelId, busy[0] ?? ''));
    const interaction = session?.interactionId ? state.interactions.get(session.interactionId) : undefined;
    const word = interaction ? INTERACTION_WORDS[interaction.kind] : t().interactionWords.interaction;
    return t().confirm.busyOne(nameOf(state, busy[0] ?? ''), word, logout);
  }
  return t().confirm.busyMany(busy.length, targets.length, logout);
}

/** How a request is named in results: "Pause (Lunch)", "Monitor (listen)". */
export function requestLabel(state: CenterState, request: ActionRequest): string {
  if (request.kind === 'pause') {
    const reason = state.pauseReasons.find((r) => r.id === request.reasonId)?.label ?? request.reasonId;
    return t().actions.pauseWith(reason);
  }
  if (request.kind === 'monitor') {
    const mode = MONITOR_LABELS[request.mode];
    if (request.channelId === undefined) return mode;
    return t().actions.monitorIn(mode, state.channels.get(request.channelId)?.name ?? request.channelId);
  }
  return ACTION_LABELS[request.kind];
}
