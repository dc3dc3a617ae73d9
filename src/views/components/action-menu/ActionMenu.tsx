import { Box } from 'ink';
import { useState } from 'react';
import { t } from '../../../i18n/index.js';
import {
  type ActionRequest,
  type ActionScope,
  menuEntries,
  nameOf,
  requestLabel,
  subOptions,
} from '../../actions/agent-actions.js';
import { wrapWords } from '../../format.js';
import { useKeys } from '../../hooks/use-keys.js';
import type { ActionName } from '../../keymap.js';
import { moveCursor } from '../../scroll.js';
import { fitSegments, type Segment } from '../../table-model.js';
import { useTheme } from '../../theme.js';
import { Confirm } from '../Confirm.js';
import { Line } from '../Line.js';
import {
  chooseEntry,
  chooseRequest,
  type MenuAction,
  type MenuOutcome,
  type MenuStep,
  menuReducer,
} from './menu-state.js';

export interface ActionMenuProps {
  scope: ActionScope;
  width: number;
  height: number;
  isActive: boolean;
  /** Where the menu is (held by the overlay state: it decides the key context). */
  step: MenuStep;
  onStep(action: MenuAction): void;
  onSubmit(request: ActionRequest): void;
  onLogAgents(): void;
  onClose(): void;
}

interface Choice {
  label: string;
  value: string;
}

/**
 * Enter on an agent row: what this user may do to the agent (or the selected agents) here.
 * The allowed entries are a list (↑↓ or j/k, stopping at its ends; ⏎ chooses; no other key picks
 * an entry); the others are listed dimmed with the reason.
 */
export function ActionMenu({
  scope,
  width,
  height,
  isActive,
  step,
  onStep: dispatch,
  onSubmit,
  onLogAgents,
  onClose,
}: ActionMenuProps) {
  const theme = useTheme();
  const [cursor, setCursor] = useState(0);
  const follow = (outcome: MenuOutcome, from: 'main' | 'sub') => {
    setCursor(0);
    if (outcome.go === 'sub') dispatch({ type: 'sub', of: outcome.of });
    else if (outcome.go === 'confirm')
      dispatch({ type: 'confirm', request: outcome.request, question: outcome.question, from });
    else if (outcome.go === 'submit') onSubmit(outcome.request);
    else onLogAgents();
  };
  const back = () => {
    const next = menuReducer(step, { type: 'back' });
    setCursor(0);
    if (next.step === 'closed') onClose();
    else dispatch({ type: 'back' });
  };

  const { state, channelId, targets } = scope;
  const channelName = state.channels.get(channelId)?.name ?? channelId;
  const who =
    targets.length === 1 ? nameOf(state, targets[0] ?? '') : t().actions.selectedAgents(targets.length);
  const title = ` ${who} · ${channelName}`;

  let choices: Choice[];
  let dimmed: { label: string; reason: string }[];
  let heading: string;
  let pick: (value: string) => void;
  if (step.step === 'sub') {
    const options = subOptions(scope, step.of);
    heading = ` ${step.of === 'pause' ? t().actions.pickReason : t().actions.pickMode}`;
    choices = options
      .map((o, i) => ({ o, i }))
      .filter(({ o }) => o.enabled)
      .map(({ o, i }) => ({ label: o.reason ? `${o.label} (${o.reason})` : o.label, value: String(i) }));
    dimmed = options.filter((o) => !o.enabled).map((o) => ({ label: o.label, reason: o.reason ?? '' }));
    pick = (value) => {
      const option = options[Number(value)];
      if (option) follow(chooseRequest(scope, option.request), 'sub');
    };
  } else {
    const entries = menuEntries(scope);
    heading = ` ${t().actions.menuTitle}`;
    choices = entries
      .filter((e) => e.enabled)
      .map((e) => ({ label: e.reason ? `${e.label} (${e.reason})` : e.label, value: e.id }));
    dimmed = entries.filter((e) => !e.enabled).map((e) => ({ label: e.label, reason: e.reason ?? '' }));
    pick = (value) => {
      const entry = entries.find((e) => e.id === value);
      if (entry) follow(chooseEntry(scope, entry.id), 'main');
    };
  }

  const lines: Segment[][] = [];
  if (dimmed.length > 0) {
    lines.push([{ text: ` ${t().actions.notAvailable}`, tone: 'muted' }]);
    for (const d of dimmed) {
      lines.push([{ text: `   ${d.label}`, tone: 'muted' }]);
      for (const part of wrapWords(d.reason, Math.max(8, width - 6)))
        lines.push([{ text: `     ${part}`, tone: 'muted' }]);
    }
  }
  const at = Math.min(cursor, Math.max(0, choices.length - 1));
  useMenuKeys(isActive && step.step !== 'confirm', (action) => {
    if (action === 'menu.back') back();
    else if (action === 'cursor.up' || action === 'cursor.down')
      setCursor(moveCursor(at, action === 'cursor.up' ? 'up' : 'down', choices.length, 1));
    else if (action === 'menu.choose') {
      const choice = choices[at];
      if (choice) pick(choice.value);
    }
  });
  if (step.step === 'confirm') {
    return (
      <Box flexDirection="column" width={width} height={height} overflow="hidden">
        <Confirm
          width={width}
          title={title}
          question={step.question}
          verb={requestLabel(state, step.request)}
          isActive={isActive}
          onConfirm={() => onSubmit(step.request)}
          onCancel={back}
        />
      </Box>
    );
  }

  const room = Math.max(0, height - 3 - choices.length);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Line segments={fitSegments([{ text: title, tone: 'heading' }], width)} />
      <Line segments={fitSegments([{ text: heading, tone: 'accent' }], width)} />
      {choices.length === 0 ? (
        <Line segments={fitSegments([{ text: ` ${t().actions.nothing}`, tone: 'muted' }], width)} />
      ) : (
        choices.map((choice, i) => (
          <Line
            key={choice.value}
            highlight={i === at ? 'cursor' : undefined}
            segments={fitSegments(
              [
                { text: i === at ? ` ${theme.symbols.cursor} ` : '   ', tone: 'accent' },
                { text: choice.label },
              ],
              width,
            )}
          />
        ))
      )}
      <Line segments={fitSegments([{ text: '' }], width)} />
      {lines.slice(0, room).map((segments, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static lines
        <Line key={i} segments={fitSegments(segments, width)} />
      ))}
    </Box>
  );
}

/** The menu's keys from the key table: move, choose, back (Esc or ←; from the main list: close). */
function useMenuKeys(isActive: boolean, onAction: (action: ActionName) => void): void {
  useKeys('menu', onAction, isActive);
}
