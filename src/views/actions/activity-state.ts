/**
 * The activity log (`L`) as pure functions: the hub's audit trail, newest first, in words
 * (names instead of ids), filtered by whatever the user types after `/`.
 */
import type { CenterState } from '../../domain/index.js';
import type { AuditEntry } from '../../protocol/index.js';
import { searchable } from '../agent-rows.js';

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

const ACTION_WORDS: Record<string, string> = {
  login: 'log in',
  logout: 'log out',
  pause: 'pause',
  resume: 'resume',
  end_wrap_up: 'end wrap-up',
  monitor_start: 'monitor',
  monitor_mode: 'monitor mode',
  monitor_stop: 'stop monitor',
  set_org_settings: 'org settings',
};

/** "sales/bruno.diaz" → "Sales / Bruno Diaz" when the names are known. */
function targetWords(state: CenterState | null, target: string): string {
  const [channelId, userId] = target.split('/');
  if (!state || channelId === undefined || userId === undefined) return target;
  const channel = state.channels.get(channelId)?.name ?? channelId;
  const user = state.users.get(userId)?.name ?? userId;
  return `${channel} / ${user}`;
}

export function activityRows(state: CenterState | null, entries: readonly AuditEntry[]): ActivityRow[] {
  return [...entries]
    .sort((a, b) => b.id - a.id)
    .map((e) => ({
      id: e.id,
      at: e.at,
      who: state?.users.get(e.actorId)?.name ?? e.actorId,
      action: ACTION_WORDS[e.action] ?? e.action.replaceAll('_', ' '),
      target: targetWords(state, e.target),
      result: e.result.replaceAll('_', ' '),
      ok: e.result === 'ok',
      detail: e.detail,
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
