import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { useEffect, useReducer } from 'react';
import { t } from '../../i18n/index.js';
import {
  type ActionRequest,
  type ActionScope,
  menuEntries,
  nameOf,
  requestLabel,
  subOptions,
} from '../actions/agent-actions.js';
import {
  chooseEntry,
  chooseRequest,
  INITIAL_MENU,
  type MenuOutcome,
  menuReducer,
} from '../actions/menu-state.js';
import { wrapWords } from '../format.js';
import { useKeys } from '../hooks/use-keys.js';
import type { KeyContext } from '../keymap.js';
import { fitSegments, type Segment } from '../table-model.js';
import { displayText } from '../text.js';
import { useTheme } from '../theme.js';
import { Confirm } from './Confirm.js';
import { Line } from './Line.js';

export interface ActionMenuProps {
  scope: ActionScope;
  width: number;
  height: number;
  isActive: boolean;
  onSubmit(request: ActionRequest): void;
  onLogAgents(): void;
  onClose(): void;
  onContext?(context: KeyContext): void;
}

interface Choice {
  label: string;
  value: string;
}

/**
 * Enter on an agent row: what this user may do to the agent (or the selected agents) here.
 * Allowed entries are an ink-select-input list; the others are listed dimmed with the reason.
 */
export function ActionMenu({
  scope,
  width,
  height,
  isActive,
  onSubmit,
  onLogAgents,
  onClose,
  onContext,
}: ActionMenuProps) {
  const theme = useTheme();
  const [step, dispatch] = useReducer(menuReducer, INITIAL_MENU);
  useEffect(() => onContext?.(step.step === 'confirm' ? 'confirm' : 'menu'), [onContext, step.step]);
  const follow = (outcome: MenuOutcome, from: 'main' | 'sub') => {
    if (outcome.go === 'sub') dispatch({ type: 'sub', of: outcome.of });
    else if (outcome.go === 'confirm')
      dispatch({ type: 'confirm', request: outcome.request, question: outcome.question, from });
    else if (outcome.go === 'submit') onSubmit(outcome.request);
    else onLogAgents();
  };
  const back = () => {
    const next = menuReducer(step, { type: 'back' });
    if (next.step === 'closed') onClose();
    else dispatch({ type: 'back' });
  };
  useMenuKeys(isActive && step.step !== 'confirm', back);

  const { state, channelId, targets } = scope;
  const channelName = state.channels.get(channelId)?.name ?? channelId;
  const who =
    targets.length === 1 ? nameOf(state, targets[0] ?? '') : t().actions.selectedAgents(targets.length);
  const title = ` ${who} · ${channelName}`;

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
  const room = Math.max(0, height - 3 - choices.length);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Line segments={fitSegments([{ text: title, tone: 'heading' }], width)} />
      <Line segments={fitSegments([{ text: heading, tone: 'accent' }], width)} />
      {choices.length === 0 ? (
        <Text dimColor> {t().actions.nothing}</Text>
      ) : (
        <SelectInput
          key={step.step === 'sub' ? step.of : 'main'}
          items={choices}
          isFocused={isActive}
          onSelect={(item) => pick(item.value)}
          indicatorComponent={({ isSelected }) => (
            <Text color={theme.style('accent').color}>
              {isSelected ? ` ${theme.symbols.cursor} ` : '   '}
            </Text>
          )}
          itemComponent={({ isSelected, label }) => (
            <Text wrap="truncate" bold={isSelected} inverse={isSelected}>
              {displayText(label)}
            </Text>
          )}
        />
      )}
      <Text> </Text>
      {lines.slice(0, room).map((segments, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static lines
        <Line key={i} segments={fitSegments(segments, width)} />
      ))}
    </Box>
  );
}

/** Esc or ← goes back a step (from the main list: closes the menu); SelectInput has the rest. */
export function useMenuKeys(isActive: boolean, onBack: () => void): void {
  useKeys(
    'menu',
    (action) => {
      if (action === 'menu.back') onBack();
    },
    isActive,
  );
}
