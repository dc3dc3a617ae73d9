/**
 * What is on top of the board, as a pure reducer: the action menu, a dialog, the activity
 * log, a confirmation; the per-agent results of the last actions; the latest notice (one
 * action's outcome, shown in the footer). Acks arrive later: `settle` fills the results in.
 */
import { t } from '../../i18n/index.js';
import type { Command } from '../../protocol/index.js';

export type Overlay =
  | { kind: 'none' }
  | { kind: 'menu'; channelId: string; targets: readonly string[] }
  | { kind: 'logAgents'; channelId: string }
  | { kind: 'activity' }
  | { kind: 'settings' }
  | { kind: 'unassigned' }
  | { kind: 'report' }
  /** Switching the monitor to barge asks first. */
  | { kind: 'bargeConfirm' };

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

export interface ActionsState {
  overlay: Overlay;
  report: Report | null;
  notice: Notice | null;
}

export const INITIAL_ACTIONS: ActionsState = {
  overlay: { kind: 'none' },
  report: null,
  notice: null,
};

/** One command of a run: about whom, and what to say when the hub accepts it. */
export interface RunItem {
  key: string;
  name: string;
  command: Command;
  okText: string;
}

export type ActionsAction =
  | { type: 'open'; overlay: Overlay }
  | { type: 'close' }
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

export function actionsReducer(state: ActionsState, action: ActionsAction): ActionsState {
  switch (action.type) {
    case 'open':
      return { ...state, overlay: action.overlay, notice: null };
    case 'close':
      return state.overlay.kind === 'none' ? state : { ...state, overlay: { kind: 'none' } };
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
