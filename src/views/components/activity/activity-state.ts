/**
 * The activity log (`L`) as pure functions: the hub's audit trail, newest first, in words
 * (names instead of ids), filtered by whatever the user types after `/`.
 */
import type { CenterState } from '../../../domain/index.js';
import { currentLocale, t } from '../../../i18n/index.js';
import type { AuditEntry, ErrorCode, MonitorMode, OrgSettings } from '../../../protocol/index.js';
import { REFUSAL_WORDS } from '../../actions/refusals.js';
import { searchable } from '../../agent-rows.js';

export interface ActivityRow {
  id: number;
  at: number;
  who: string;
  action: string;
  target: string;
  result: string;
  ok: boolean;
  detail: string;
}

/** "Agents may log in to unassigned queues: off" (or "unassigned logins: off"): an org setting and a value, in words. */
export function settingText(key: keyof OrgSettings, value: boolean, short = false): string {
  const words = t().settings[key];
  return t().settings.value(short ? words.short : words.label, value ? words.on : words.off);
}

const SETTING_KEYS: readonly (keyof OrgSettings)[] = [
  'agentsMayLogInToUnassigned',
  'supervisorsLimitedToAssigned',
];

/** "supervisors may end wrap-up early: yes": a channel's setting and a value, in words. */
export function channelSettingText(value: boolean, short = false): string {
  const words = t().settings.endWrapUp;
  return t().settings.value(short ? words.short : words.label, value ? words.on : words.off);
}

/** A setting of the audit's `key=value` details (org or channel), in words; undefined if unknown. */
function settingDetail(key: string | undefined, value: boolean): string | undefined {
  if (key === 'supervisorsMayEndWrapUp') return channelSettingText(value, true);
  const orgKey = SETTING_KEYS.find((k) => k === key);
  return orgKey ? settingText(orgKey, value, true) : undefined;
}

const reasonLabel = (state: CenterState | null, id: string) =>
  state?.pauseReasons.find((r) => r.id === id)?.label ?? id;

/** `label "Break"` → ["Break"]; `label "Break" → "Short break"` → both; else undefined. */
function reasonLabels(detail: string): [string] | [string, string] | undefined {
  if (!detail.startsWith('label ')) return undefined;
  const rest = detail.slice('label '.length);
  const one = unquote(rest);
  if (one !== undefined) return [one];
  const arrow = '" → "';
  for (let i = rest.indexOf(arrow); i >= 0; i = rest.indexOf(arrow, i + 1)) {
    const from = unquote(rest.slice(0, i + 1));
    const to = unquote(rest.slice(i + arrow.length - 1));
    if (from !== undefined && to !== undefined) return [from, to];
  }
  return undefined;
}

/** A label as the hub's detail quotes it (JSON), or undefined. */
function unquote(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
const MONITOR_MODES: readonly MonitorMode[] = ['listen', 'whisper', 'barge', 'read'];

/** An id made readable when there is no word for it: "too_many_frames" → "too many frames". */
const spaced = (id: string) => id.replaceAll('_', ' ');

function lookup(words: Readonly<Record<string, string>>, id: string): string | undefined {
  return Object.hasOwn(words, id) ? words[id] : undefined;
}

function actionWords(action: string): string {
  return lookup(t().activity.actions, action) ?? spaced(action);
}

function isRefusal(result: string): boolean {
  return result !== 'ok' && Object.hasOwn(REFUSAL_WORDS, result);
}

function resultWords(result: string): string {
  return (
    lookup(t().activity.results, result) ??
    (isRefusal(result) ? REFUSAL_WORDS[result as ErrorCode] : spaced(result))
  );
}

/** "sales/bruno.diaz" → "Sales / Bruno Diaz" when the names are known; "org" → "the organisation". */
function targetWords(state: CenterState | null, target: string): string {
  if (target === 'org') return t().activity.org;
  if (target === 'own monitor') return t().activity.ownMonitor;
  if (target === 'hub') return t().activity.hub;
  const channelOnly = /^channel (\S+)$/.exec(target)?.[1];
  if (channelOnly !== undefined) return state?.channels.get(channelOnly)?.name ?? channelOnly;
  const reasonId = /^pause reason (\S+)$/.exec(target)?.[1];
  if (reasonId !== undefined) return t().activity.pauseReason(reasonLabel(state, reasonId));
  const [channelId, userId] = target.split('/');
  if (!state || channelId === undefined || userId === undefined) return target;
  const channel = state.channels.get(channelId)?.name ?? channelId;
  const user = state.users.get(userId)?.name ?? userId;
  return `${channel} / ${user}`;
}

/**
 * What the hub recorded about a command, in words: "reason break" → the reason's name,
 * "mode read" → "Read transcript", "agentsMayLogInToUnassigned=false" → the setting and its
 * value, a pause reason's labels (a rename: both; otherwise the label it had, when it has changed
 * since). A refusal's detail is the hub's English sentence: shown in English only (the result
 * column says why in the language in use). Anything else is the hub's own words, as they are.
 */
function detailWords(state: CenterState | null, entry: AuditEntry): string {
  const { detail } = entry;
  if (entry.result === 'ok') {
    const reason = /^reason (\S+)$/.exec(detail);
    if (reason?.[1] !== undefined) {
      const id = reason[1];
      return state?.pauseReasons.find((r) => r.id === id)?.label ?? id;
    }
    const mode = /^mode (\S+)$/.exec(detail)?.[1];
    if (mode !== undefined && (MONITOR_MODES as readonly string[]).includes(mode))
      return t().monitor[mode as MonitorMode];
    const settings = detail.split(' ').map((part) => /^(\w+)=(true|false)$/.exec(part));
    if (detail !== '' && settings.every((m) => m !== null)) {
      const words = settings.flatMap((m) => {
        const text = settingDetail(m?.[1], m?.[2] === 'true');
        return text === undefined ? [] : [text];
      });
      if (words.length === settings.length) return words.join('; ');
    }
    const labels = reasonLabels(detail);
    const reasonId = /^pause reason (\S+)$/.exec(entry.target)?.[1];
    if (labels?.length === 2) return t().activity.renamed(labels[0], labels[1]);
    if (labels?.length === 1 && reasonId !== undefined)
      return labels[0] === reasonLabel(state, reasonId) ? '' : t().settings.quoted(labels[0]);
  }
  if (isRefusal(entry.result) && currentLocale().language !== 'en') return '';
  return detail;
}

export function activityRows(state: CenterState | null, entries: readonly AuditEntry[]): ActivityRow[] {
  return [...entries]
    .sort((a, b) => b.id - a.id)
    .map((e) => ({
      id: e.id,
      at: e.at,
      who: state?.users.get(e.actorId)?.name ?? e.actorId,
      action: actionWords(e.action),
      target: targetWords(state, e.target),
      result: resultWords(e.result),
      ok: e.result === 'ok',
      detail: detailWords(state, e),
    }));
}

export function filterActivity(rows: readonly ActivityRow[], filter: string): ActivityRow[] {
  const needle = searchable(filter.trim());
  if (!needle) return [...rows];
  return rows.filter((r) =>
    searchable(`${r.who} ${r.action} ${r.target} ${r.result} ${r.detail}`).includes(needle),
  );
}

export type ActivityLoad =
  | { status: 'loading' }
  | { status: 'ready'; entries: readonly AuditEntry[] }
  | { status: 'failed'; text: string };

export interface ActivityState {
  load: ActivityLoad;
  filter: string;
  filtering: boolean;
  cursor: number;
}

export const INITIAL_ACTIVITY: ActivityState = {
  load: { status: 'loading' },
  filter: '',
  filtering: false,
  cursor: 0,
};

export type ActivityAction =
  | { type: 'loaded'; entries: readonly AuditEntry[] }
  | { type: 'failed'; text: string }
  | { type: 'filterStart' }
  | { type: 'filterChange'; value: string }
  | { type: 'filterDone' }
  | { type: 'filterClear' }
  | { type: 'cursor'; index: number };

export function activityReducer(state: ActivityState, action: ActivityAction): ActivityState {
  switch (action.type) {
    case 'loaded':
      return { ...state, load: { status: 'ready', entries: action.entries } };
    case 'failed':
      return { ...state, load: { status: 'failed', text: action.text } };
    case 'filterStart':
      return { ...state, filtering: true };
    case 'filterChange':
      return { ...state, filter: action.value, cursor: 0 };
    case 'filterDone':
      return { ...state, filtering: false };
    case 'filterClear':
      return { ...state, filter: '', filtering: false, cursor: 0 };
    case 'cursor':
      return { ...state, cursor: action.index };
  }
}
