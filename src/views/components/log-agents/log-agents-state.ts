/**
 * The Log agents dialog as a pure reducer and pure queries: everyone the user may log in to
 * the channel, searched by name or extension, filtered by role; the ones already logged in
 * are marked and cannot be picked (the hub's own `decide` says so); → shows devices; Space
 * selects several. Logging in never assigns.
 */
import { type Actor, type CenterState, decide, devicesOf } from '../../../domain/index.js';
import { t } from '../../../i18n/index.js';
import type { Device, Role, User } from '../../../protocol/index.js';
import { REFUSAL_WORDS } from '../../actions/refusals.js';
import { searchable } from '../../agent-rows.js';

export type RoleFilter = 'all' | Role;
export const ROLE_FILTERS: readonly RoleFilter[] = ['all', 'agent', 'supervisor', 'admin'];

export interface PickerState {
  query: string;
  role: RoleFilter;
  /** The search field or the list has the keyboard. */
  focus: 'search' | 'list';
  /** The user under the cursor. */
  cursorId: string | null;
  /** Users whose devices are shown. */
  expanded: readonly string[];
  selected: readonly string[];
}

export const INITIAL_PICKER: PickerState = {
  query: '',
  role: 'all',
  focus: 'search',
  cursorId: null,
  expanded: [],
  selected: [],
};

export interface Candidate {
  user: User;
  devices: readonly Device[];
  /** May be logged in now. */
  selectable: boolean;
  /** Why not ("logged in", "not permitted"). */
  mark: string | null;
  loggedIn: boolean;
}

/** Everyone with a role the user may log in to `channelId`, matching the search and the role filter. */
export function candidates(
  state: CenterState,
  actor: Actor,
  channelId: string,
  query: string,
  role: RoleFilter,
  now: number,
): Candidate[] {
  const needle = searchable(query.trim());
  const out: Candidate[] = [];
  for (const user of state.users.values()) {
    if (user.roles.length === 0) continue;
    if (role !== 'all' && !user.roles.includes(role)) continue;
    if (needle && !searchable(user.name).includes(needle) && !user.extension.includes(needle)) continue;
    const decision = decide(state, actor, { type: 'login', channelId, userId: user.id }, now);
    // Only people this user may manage: out-of-scope refusals are not listed at all.
    if (!decision.ok && decision.error.code === 'forbidden') continue;
    const loggedIn = !decision.ok && decision.error.code === 'already_logged_in';
    out.push({
      user,
      devices: devicesOf(state, user.id).sort((a, b) => a.id.localeCompare(b.id)),
      selectable: decision.ok,
      mark: decision.ok ? null : loggedIn ? t().logAgents.loggedIn : REFUSAL_WORDS[decision.error.code],
      loggedIn,
    });
  }
  return out.sort((a, b) => a.user.name.localeCompare(b.user.name) || a.user.id.localeCompare(b.user.id));
}

export type PickerAction =
  | { type: 'query'; value: string }
  | { type: 'roleCycle' }
  | { type: 'focus'; focus: PickerState['focus'] }
  | { type: 'cursor'; id: string | null }
  | { type: 'expand'; id: string }
  | { type: 'collapse'; id: string }
  | { type: 'toggle'; id: string }
  | { type: 'clearSelection' };

export function pickerReducer(state: PickerState, action: PickerAction): PickerState {
  switch (action.type) {
    case 'query':
      return { ...state, query: action.value, cursorId: null };
    case 'roleCycle': {
      const i = ROLE_FILTERS.indexOf(state.role);
      return { ...state, role: ROLE_FILTERS[(i + 1) % ROLE_FILTERS.length] ?? 'all', cursorId: null };
    }
    case 'focus':
      return { ...state, focus: action.focus };
    case 'cursor':
      return { ...state, cursorId: action.id };
    case 'expand':
      return state.expanded.includes(action.id)
        ? state
        : { ...state, expanded: [...state.expanded, action.id] };
    case 'collapse':
      return { ...state, expanded: state.expanded.filter((id) => id !== action.id) };
    case 'toggle':
      return {
        ...state,
        selected: state.selected.includes(action.id)
          ? state.selected.filter((id) => id !== action.id)
          : [...state.selected, action.id],
      };
    case 'clearSelection':
      return { ...state, selected: [] };
  }
}

/** One line of the list: a person, or one of the devices of an expanded person. */
export type PickerLine =
  | { kind: 'user'; candidate: Candidate }
  | { kind: 'device'; device: Device; ownerId: string };

export function pickerLines(list: readonly Candidate[], expanded: readonly string[]): PickerLine[] {
  const lines: PickerLine[] = [];
  for (const candidate of list) {
    lines.push({ kind: 'user', candidate });
    if (expanded.includes(candidate.user.id)) {
      for (const device of candidate.devices)
        lines.push({ kind: 'device', device, ownerId: candidate.user.id });
    }
  }
  return lines;
}

/** The selected users that may still be logged in (someone may have logged them in meanwhile). */
export function selectedToLogIn(list: readonly Candidate[], selected: readonly string[]): Candidate[] {
  return list.filter((c) => c.selectable && selected.includes(c.user.id));
}
