/**
 * What the supervisor is looking at, as a pure reducer: the pane, the focus, the selected
 * channel and agent (by id, so rows can reorder under the cursor), the filter, the sort and
 * the help overlay. Keys become actions through the key map; this knows nothing of keys.
 */
import type { ChannelKind } from '../../../protocol/index.js';
import { SORT_KEYS, type SortKey } from '../../agent-rows.js';
import { PANE_KINDS } from '../../channel-rows.js';
import type { KeyContext } from '../../keymap.js';
import { type CursorMove, moveCursor } from '../../scroll.js';

export type Focus = 'channels' | 'agents';

export interface WallboardView {
  pane: ChannelKind;
  focus: Focus;
  /** The selected channel of each pane. */
  channelByPane: Readonly<Record<ChannelKind, string | null>>;
  /** The agent under the cursor. */
  agentId: string | null;
  filter: string;
  /** The filter's text input has the keyboard. */
  filtering: boolean;
  sort: SortKey;
  help: boolean;
  /** Agents selected with Space in the current channel (the action menu then acts on them all). */
  selected: readonly string[];
}

export const INITIAL_VIEW: WallboardView = {
  pane: 'queue',
  focus: 'channels',
  channelByPane: { queue: null, chat: null, campaign: null },
  agentId: null,
  filter: '',
  filtering: false,
  sort: 'status',
  help: false,
  selected: [],
};

export type ViewAction =
  | { type: 'pane'; pane: ChannelKind }
  | { type: 'paneStep'; by: 1 | -1 }
  | { type: 'focus'; focus: Focus }
  /** `ids`: the rows of the focused list, in screen order; `page`: rows on screen. */
  | { type: 'move'; move: CursorMove; ids: readonly string[]; page: number }
  | { type: 'filterStart' }
  | { type: 'filterChange'; value: string }
  | { type: 'filterDone' }
  | { type: 'filterClear' }
  | { type: 'sortCycle' }
  | { type: 'helpToggle' }
  | { type: 'helpClose' }
  | { type: 'selectToggle'; id: string }
  | { type: 'selectClear' };

export function viewReducer(view: WallboardView, action: ViewAction): WallboardView {
  switch (action.type) {
    case 'pane':
      return view.pane === action.pane ? view : { ...view, pane: action.pane, agentId: null, selected: [] };
    case 'paneStep': {
      const i = PANE_KINDS.indexOf(view.pane);
      const pane = PANE_KINDS[(i + action.by + PANE_KINDS.length) % PANE_KINDS.length] ?? 'queue';
      return { ...view, pane, agentId: null, selected: [] };
    }
    case 'focus':
      return view.focus === action.focus ? view : { ...view, focus: action.focus };
    case 'move': {
      const selected = view.focus === 'channels' ? view.channelByPane[view.pane] : view.agentId;
      const index = selected === null ? -1 : action.ids.indexOf(selected);
      const next = action.ids[moveCursor(index, action.move, action.ids.length, action.page)] ?? null;
      if (next === selected) return view;
      if (view.focus === 'agents') return { ...view, agentId: next };
      return {
        ...view,
        channelByPane: { ...view.channelByPane, [view.pane]: next },
        agentId: null,
        selected: [],
      };
    }
    case 'filterStart':
      return { ...view, filtering: true, focus: 'agents', help: false };
    case 'filterChange':
      return { ...view, filter: action.value };
    case 'filterDone':
      return { ...view, filtering: false };
    case 'filterClear':
      return { ...view, filter: '', filtering: false };
    case 'sortCycle': {
      const i = SORT_KEYS.indexOf(view.sort);
      return { ...view, sort: SORT_KEYS[(i + 1) % SORT_KEYS.length] ?? 'status' };
    }
    case 'helpToggle':
      return { ...view, help: !view.help };
    case 'helpClose':
      return view.help ? { ...view, help: false } : view;
    case 'selectToggle':
      return {
        ...view,
        selected: view.selected.includes(action.id)
          ? view.selected.filter((id) => id !== action.id)
          : [...view.selected, action.id],
      };
    case 'selectClear':
      return view.selected.length === 0 ? view : { ...view, selected: [] };
  }
}

/** Which key bindings apply now. */
export function keyContext(view: WallboardView): KeyContext {
  if (view.help) return 'help';
  if (view.filtering) return 'filter';
  return view.focus;
}
