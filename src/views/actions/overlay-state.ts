/**
 * What is on top of the board, as a pure reducer: the action menu, a dialog, the activity
 * log, a confirmation, with where each is (its step), so the overlay that is open decides the
 * live key context (`overlayKeyContext`); the per-agent results of the last actions; the latest
 * notice (one action's outcome, shown in the footer). Acks arrive later: `settle` fills the
 * results in.
 */
import type { UnassignedSession } from '../../domain/index.js';
import { t } from '../../i18n/index.js';
import {
  INITIAL_MENU,
  type MenuAction,
  type MenuStep,
  menuKeyContext,
  menuReducer,
} from '../components/action-menu/menu-state.js';
import {
  SETTINGS_LIST,
  type SettingsStep,
  settingsKeyContext,
} from '../components/settings/settings-step.js';
import type { KeyContext } from '../keymap.js';
import type { RunItem } from './run-item.js';

export type { RunItem } from './run-item.js';

/** What can be opened, as the board asks for it; each opens at its first step. */
export type OverlayRequest =
  | { kind: 'menu'; channelId: string; targets: readonly string[] }
  | { kind: 'logAgents'; channelId: string }
  | { kind: 'activity' }
  | { kind: 'settings' }
  | { kind: 'unassigned' }
  | { kind: 'report' }
  /** Switching the monitor to barge asks first. */
  | { kind: 'bargeConfirm' };

export type Overlay =
  | { kind: 'none' }
  | { kind: 'menu'; channelId: string; targets: readonly string[]; step: MenuStep }
  /** `keys`: the search field or the list has the keyboard (the dialog says which). */
  | { kind: 'logAgents'; channelId: string; keys: KeyContext }
  /** `keys`: the list or its filter has the keyboard (the log says which). */
  | { kind: 'activity'; keys: KeyContext }
  | { kind: 'settings'; step: SettingsStep }
  /** `confirming`: the sessions a question asks to log out. */
  | { kind: 'unassigned'; confirming: readonly UnassignedSession[] | null }
  | { kind: 'report' }
  | { kind: 'bargeConfirm' };

function opened(request: OverlayRequest): Overlay {
  switch (request.kind) {
    case 'menu':
      return { ...request, step: INITIAL_MENU };
    case 'logAgents':
      return { ...request, keys: 'search' };
    case 'activity':
      return { kind: 'activity', keys: 'list' };
    case 'settings':
      return { kind: 'settings', step: SETTINGS_LIST };
    case 'unassigned':
      return { kind: 'unassigned', confirming: null };
    default:
      return request;
  }
}

/** The key context of what is open (null: nothing is, the board has the keyboard). */
export function overlayKeyContext(overlay: Overlay): KeyContext | null {
  switch (overlay.kind) {
    case 'none':
      return null;
    case 'menu':
      return menuKeyContext(overlay.step);
    case 'logAgents':
    case 'activity':
      return overlay.keys;
    case 'settings':
      return settingsKeyContext(overlay.step);
    case 'unassigned':
      return overlay.confirming ? 'confirm' : 'unassigned';
    case 'report':
      return 'results';
    case 'bargeConfirm':
      return 'confirm';
  }
}

export type Outcome = 'sending' | 'done' | 'refused' | 'failed';

export interface ReportItem {
  key: string;
  /** Who (and where) it is about. */
  name: string;
  outcome: Outcome;
  /** What happened, in words (empty while sending). */
  text: string;
}

export interface Report {
  id: number;
  title: string;
  items: readonly ReportItem[];
  /** Shown as a list (several agents) or only as a notice (one). */
  shown: boolean;
}

export interface Notice {
  tone: 'ok' | 'error' | 'info';
  text: string;
}

export interface OverlayState {
  overlay: Overlay;
  report: Report | null;
  notice: Notice | null;
}

export const INITIAL_OVERLAYS: OverlayState = {
  overlay: { kind: 'none' },
  report: null,
  notice: null,
};

export type OverlayAction =
  | { type: 'open'; overlay: OverlayRequest }
  | { type: 'close' }
  /** A step in the open action menu. */
  | { type: 'menu'; action: MenuAction }
  | { type: 'settingsStep'; step: SettingsStep }
  | { type: 'unassignedConfirm'; sessions: readonly UnassignedSession[] | null }
  /** The Log agents dialog or the activity log says where its keyboard is. */
  | { type: 'keys'; context: KeyContext }
  | {
      type: 'reportStart';
      id: number;
      title: string;
      items: readonly RunItem[];
      show: boolean;
      /** Leave what is open as it is (the settings panel stays while its changes are sent). */
      keep?: boolean;
    }
  | { type: 'settle'; reportId: number; key: string; outcome: Exclude<Outcome, 'sending'>; text: string }
  | { type: 'notice'; notice: Notice | null };

export function overlayReducer(state: OverlayState, action: OverlayAction): OverlayState {
  const { overlay } = state;
  switch (action.type) {
    case 'open':
      return { ...state, overlay: opened(action.overlay), notice: null };
    case 'close':
      return overlay.kind === 'none' ? state : { ...state, overlay: { kind: 'none' } };
    case 'menu':
      if (overlay.kind !== 'menu') return state;
      return { ...state, overlay: { ...overlay, step: menuReducer(overlay.step, action.action) } };
    case 'settingsStep':
      return overlay.kind === 'settings' ? { ...state, overlay: { ...overlay, step: action.step } } : state;
    case 'unassignedConfirm':
      if (overlay.kind !== 'unassigned') return state;
      return { ...state, overlay: { ...overlay, confirming: action.sessions } };
    case 'keys':
      if (overlay.kind !== 'logAgents' && overlay.kind !== 'activity') return state;
      return overlay.keys === action.context
        ? state
        : { ...state, overlay: { ...overlay, keys: action.context } };
    case 'reportStart': {
      const report: Report = {
        id: action.id,
        title: action.title,
        shown: action.show,
        items: action.items.map((i) => ({ key: i.key, name: i.name, outcome: 'sending', text: '' })),
      };
      return {
        ...state,
        report,
        overlay: action.show ? { kind: 'report' } : action.keep ? state.overlay : { kind: 'none' },
        notice: action.show ? null : { tone: 'info', text: t().actions.sent(action.title) },
      };
    }
    case 'settle': {
      const report = state.report;
      if (!report || report.id !== action.reportId) return state;
      const items = report.items.map((i) =>
        i.key === action.key ? { ...i, outcome: action.outcome, text: action.text } : i,
      );
      const next = { ...state, report: { ...report, items } };
      if (report.shown) return next;
      const tone = action.outcome === 'done' ? 'ok' : 'error';
      const mark = action.outcome === 'done' ? '✓' : '✖';
      return { ...next, notice: { tone, text: `${mark} ${t().report.outcome(report.title, action.text)}` } };
    }
    case 'notice':
      return { ...state, notice: action.notice };
  }
}

/** Counts of a report, for its title line. */
export function reportCounts(report: Report): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { sending: 0, done: 0, refused: 0, failed: 0 };
  for (const item of report.items) counts[item.outcome] += 1;
  return counts;
}
