import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import { useMemo, useState } from 'react';
import type { Actor, CenterState } from '../../../domain/index.js';
import { t } from '../../../i18n/index.js';
import type { OrgSettings } from '../../../protocol/index.js';
import { refusalOf } from '../../actions/agent-actions.js';
import { refusalText } from '../../actions/refusals.js';
import { useKeys } from '../../hooks/use-keys.js';
import { useScrollOffset } from '../../hooks/use-scroll-offset.js';
import { cursorMoveOf, moveCursor } from '../../scroll.js';
import { fitSegments, type Segment } from '../../table-model.js';
import { type Theme, useTheme } from '../../theme.js';
import { Confirm } from '../Confirm.js';
import { Line } from '../Line.js';
import {
  channelChange,
  cleanLabel,
  orgChange,
  pausedWith,
  reasonChange,
  reasonIdFor,
  reasonKey,
  type SettingsChange,
  type SettingsRow,
  settingsRows,
} from './settings-rows.js';
import { SETTINGS_LIST, type SettingsStep } from './settings-step.js';

export interface SettingsPanelProps {
  state: CenterState;
  actor: Actor;
  now: number;
  width: number;
  height: number;
  isActive: boolean;
  /**
   * Sends a change. `close`: the panel closes (an org setting: what follows it is on the board,
   * `u`); otherwise it stays open for the next change, and the footer says what came of this one.
   */
  onChange(change: SettingsChange, close: boolean): void;
  onClose(): void;
  /** Where the panel is (held by the overlay state: it decides the key context). */
  step: SettingsStep;
  onStep(step: SettingsStep): void;
}

/**
 * `o` (admins): the org settings, whether supervisors may end an agent's wrap-up early in each
 * channel, and the pause reasons (add, rename, retire, restore). ⏎ acts on the row; turning a
 * setting on or off and retiring a reason ask first; the footer shows what the hub answered.
 */
export function SettingsPanel({
  state,
  actor,
  now,
  width,
  height,
  isActive,
  onChange,
  onClose,
  step,
  onStep: setStep,
}: SettingsPanelProps) {
  const theme = useTheme();
  const [cursorKey, setCursorKey] = useState<string | null>(null);

  const rows = useMemo(() => settingsRows(state), [state]);
  const choices = useMemo(() => rows.filter((r) => r.kind !== 'heading'), [rows]);
  const listHeight = Math.max(1, height - 2);
  const found = choices.findIndex((r) => r.key === cursorKey);
  const position = found >= 0 ? found : 0;
  const current = choices[position];
  // The list shows only the rows on screen; a heading stays in view above the first row under it.
  const at = rows.findIndex((r) => r.key === current?.key);
  const first = useScrollOffset(at, listHeight, rows.length, (offset) =>
    offset === at && rows[at - 1]?.kind === 'heading' ? Math.max(0, at - 1) : offset,
  );
  const reasonOf = (id: string) => state.pauseReasons.find((r) => r.id === id);
  const words = t().settings;

  const send = (change: SettingsChange, close: boolean) => {
    setStep(SETTINGS_LIST);
    onChange(change, close);
  };
  const choose = (row: SettingsRow | undefined) => {
    if (!row) return;
    switch (row.kind) {
      case 'org': {
        const next = !state.org[row.setting];
        const toggle = words[row.setting];
        return setStep({
          step: 'confirm',
          title: words.confirmTitle(toggle.label),
          question: next ? toggle.askOn : toggle.askOff,
          verb: next ? words.turnOn : words.turnOff,
          change: orgChange(row.setting, next),
          close: true,
        });
      }
      case 'channel': {
        const next = !row.channel.settings.supervisorsMayEndWrapUp;
        return setStep({
          step: 'confirm',
          title: `${row.channel.name} · ${words.endWrapUp.label}`,
          question: next ? words.endWrapUp.askOn(row.channel.name) : words.endWrapUp.askOff(row.channel.name),
          verb: next ? words.turnOn : words.turnOff,
          change: channelChange(row.channel, next),
          close: false,
        });
      }
      case 'reason':
        return setStep({ step: 'reason', reasonId: row.reason.id, choice: 0 });
      case 'add':
        return setStep({ step: 'label', reasonId: null, value: '', error: null });
      case 'heading':
        return;
    }
  };

  useKeys(
    'settings',
    (action) => {
      const move = cursorMoveOf(action);
      if (move) {
        const to = moveCursor(position, move, choices.length, listHeight);
        setCursorKey(choices[to]?.key ?? null);
      } else if (action === 'menu.choose') choose(current);
      else if (action === 'dialog.close') onClose();
    },
    isActive && step.step === 'list',
  );

  const reasonStep = step.step === 'reason' ? step : null;
  const reason = reasonStep ? reasonOf(reasonStep.reasonId) : undefined;
  const reasonChoices = reason ? (['rename', reason.retired ? 'restore' : 'retire'] as const) : [];
  useKeys(
    'menu',
    (action) => {
      if (!reasonStep || !reason) return;
      if (action === 'menu.back') return setStep(SETTINGS_LIST);
      if (action === 'cursor.up' || action === 'cursor.down') {
        const choice = moveCursor(reasonStep.choice, action === 'cursor.up' ? 'up' : 'down', 2, 2);
        return setStep({ ...reasonStep, choice });
      }
      if (action !== 'menu.choose') return;
      const chosen = reasonChoices[reasonStep.choice];
      if (chosen === 'rename')
        setStep({ step: 'label', reasonId: reason.id, value: reason.label, error: null });
      else if (chosen === 'restore')
        send(reasonChange({ type: 'restore_pause_reason', reasonId: reason.id }, reason.label), false);
      else if (chosen === 'retire')
        setStep({
          step: 'confirm',
          title: words.retireTitle(reason.label),
          question: words.retireQuestion(reason.label, pausedWith(state, reason.id)),
          verb: words.retireVerb,
          change: reasonChange({ type: 'retire_pause_reason', reasonId: reason.id }, reason.label),
          close: false,
        });
    },
    isActive && reasonStep !== null,
  );

  const labelStep = step.step === 'label' ? step : null;
  const renaming = labelStep?.reasonId ? reasonOf(labelStep.reasonId) : undefined;
  const label = labelStep ? labelStep.value.trim() : '';
  const newId = reasonIdFor(label, new Set(state.pauseReasons.map((r) => r.id)));
  useKeys(
    'input',
    (action) => {
      if (!labelStep) return;
      if (action === 'input.cancel') return setStep(SETTINGS_LIST);
      if (action !== 'input.submit') return;
      if (label === '') return setStep({ ...labelStep, error: words.typeALabel });
      const change = renaming
        ? reasonChange({ type: 'rename_pause_reason', reasonId: renaming.id, label }, renaming.label)
        : reasonChange({ type: 'add_pause_reason', reasonId: newId, label }, label);
      const refused = refusalOf({ state, actor, now }, change.item.command);
      if (refused) return setStep({ ...labelStep, error: refusalText(refused) });
      setCursorKey(reasonKey(renaming?.id ?? newId));
      send(change, false);
    },
    isActive && labelStep !== null,
  );

  const heading = (text: string) => (
    <Line segments={fitSegments([{ text: ` ${text}`, tone: 'heading' }], width)} />
  );

  if (step.step === 'confirm') {
    return (
      <Box flexDirection="column" width={width} height={height} overflow="hidden">
        <Confirm
          width={width}
          title={step.title}
          question={step.question}
          verb={step.verb}
          isActive={isActive}
          onConfirm={() => send(step.change, step.close)}
          onCancel={() => setStep(SETTINGS_LIST)}
        />
      </Box>
    );
  }

  if (reasonStep && reason) {
    const labels = { rename: words.rename, retire: words.retire, restore: words.restore };
    return (
      <Box flexDirection="column" width={width} height={height} overflow="hidden">
        {heading(
          `${words.reasonMenu(reason.label)}  (${reason.id})${reason.retired ? ` · ${words.retired}` : ''}`,
        )}
        <Text> </Text>
        {reasonChoices.map((choice, i) => (
          <Line
            key={choice}
            highlight={i === reasonStep.choice ? 'cursor' : undefined}
            segments={fitSegments([mark(theme, i === reasonStep.choice), { text: labels[choice] }], width)}
          />
        ))}
      </Box>
    );
  }

  if (labelStep) {
    const note = renaming ? words.idKept(renaming.id) : label === '' ? '' : words.idWillBe(newId);
    return (
      <Box flexDirection="column" width={width} height={height} overflow="hidden">
        {heading(renaming ? words.renameReason(renaming.label) : words.newReason)}
        <Text> </Text>
        <Box width={width} height={1} overflow="hidden">
          <Text color={theme.style('accent').color}> {words.labelPrompt}</Text>
          <TextInput
            value={labelStep.value}
            onChange={(value) => setStep({ ...labelStep, value: cleanLabel(value), error: null })}
            focus={isActive}
            placeholder={words.labelPlaceholder}
          />
        </Box>
        <Line segments={fitSegments([{ text: ` ${note}`, tone: 'muted' }], width)} />
        {labelStep.error ? (
          <Line segments={fitSegments([{ text: ` ${labelStep.error}`, tone: 'error' }], width)} />
        ) : null}
      </Box>
    );
  }

  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {heading(words.title)}
      <Text> </Text>
      {rows.slice(first, first + listHeight).map((row) => {
        const cursor = row.key === current?.key;
        return (
          <Line
            key={row.key}
            highlight={cursor ? 'cursor' : undefined}
            segments={fitSegments(rowSegments(theme, state.org, row, cursor), width)}
          />
        );
      })}
    </Box>
  );
}

function mark(theme: Theme, cursor: boolean): Segment {
  return { text: cursor ? ` ${theme.symbols.cursor} ` : '   ', tone: 'accent' };
}

function rowSegments(theme: Theme, org: OrgSettings, row: SettingsRow, cursor: boolean): Segment[] {
  const words = t().settings;
  switch (row.kind) {
    case 'heading':
      return [{ text: ` ${row.text}`, tone: 'accent' }];
    case 'org': {
      const toggle = words[row.setting];
      const on = org[row.setting];
      return [
        mark(theme, cursor),
        { text: words.item(toggle.label, on ? toggle.on : toggle.off, on ? words.turnOff : words.turnOn) },
      ];
    }
    case 'channel': {
      const on = row.channel.settings.supervisorsMayEndWrapUp;
      const value = on ? words.endWrapUp.on : words.endWrapUp.off;
      const verb = on ? words.turnOff : words.turnOn;
      return [
        mark(theme, cursor),
        { text: words.channelItem(row.channel.name, t().kinds[row.channel.kind], value, verb) },
      ];
    }
    case 'reason': {
      const { reason } = row;
      return [
        mark(theme, cursor),
        { text: reason.label },
        { text: `  (${reason.id})`, tone: 'muted' },
        ...(reason.retired ? [{ text: ` · ${words.retired}`, tone: 'warning' } as const] : []),
        { text: `  ${words.reasonActions(reason.retired === true)}`, tone: 'muted' },
      ];
    }
    case 'add':
      return [mark(theme, cursor), { text: words.addReason, tone: 'accent' }];
  }
}
