import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { useEffect, useState } from 'react';
import { t } from '../../i18n/index.js';
import type { OrgSettings } from '../../protocol/index.js';
import { settingText } from '../actions/activity-state.js';
import type { KeyContext } from '../keymap.js';
import { fitSegments } from '../table-model.js';
import { useTheme } from '../theme.js';
import { useMenuKeys } from './ActionMenu.js';
import { Confirm } from './Confirm.js';
import { Line } from './Line.js';

export interface SettingsPanelProps {
  org: OrgSettings;
  width: number;
  height: number;
  isActive: boolean;
  /** Sends the change; the panel closes. */
  onChange(change: Partial<OrgSettings>, label: string): void;
  onClose(): void;
  onContext?(context: KeyContext): void;
}

type SettingKey = keyof OrgSettings;

/** The org settings, in the order the panel lists them. */
const TOGGLES: readonly SettingKey[] = ['agentsMayLogInToUnassigned', 'supervisorsLimitedToAssigned'];

/** A setting's words: its label, its two values, and the question asked before changing it. */
function toggleWords(key: SettingKey) {
  return t().settings[key];
}

/** `o` (admins): the org settings; changing one asks first. */
export function SettingsPanel({
  org,
  width,
  height,
  isActive,
  onChange,
  onClose,
  onContext,
}: SettingsPanelProps) {
  const theme = useTheme();
  const [asking, setAsking] = useState<SettingKey | null>(null);
  useEffect(() => onContext?.(asking ? 'confirm' : 'menu'), [onContext, asking]);
  useMenuKeys(isActive && asking === null, onClose);
  const words = t().settings;
  if (asking) {
    const next = !org[asking];
    const toggle = toggleWords(asking);
    return (
      <Box flexDirection="column" width={width} height={height} overflow="hidden">
        <Confirm
          width={width}
          title={words.confirmTitle(toggle.label)}
          question={next ? toggle.askOn : toggle.askOff}
          verb={next ? words.turnOn : words.turnOff}
          isActive={isActive}
          onConfirm={() => onChange({ [asking]: next }, settingText(asking, next))}
          onCancel={() => setAsking(null)}
        />
      </Box>
    );
  }
  const items = TOGGLES.map((key) => {
    const toggle = toggleWords(key);
    return {
      label: words.item(
        toggle.label,
        org[key] ? toggle.on : toggle.off,
        org[key] ? words.turnOff : words.turnOn,
      ),
      value: key,
    };
  });
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Line segments={fitSegments([{ text: ` ${words.title}`, tone: 'heading' }], width)} />
      <Text> </Text>
      <SelectInput
        items={items}
        isFocused={isActive}
        onSelect={(item) => setAsking(TOGGLES.find((key) => key === item.value) ?? null)}
        indicatorComponent={({ isSelected }) => (
          <Text color={theme.style('accent').color}>{isSelected ? ` ${theme.symbols.cursor} ` : '   '}</Text>
        )}
        itemComponent={({ isSelected, label }) => (
          <Text wrap="truncate" inverse={isSelected}>
            {label}
          </Text>
        )}
      />
    </Box>
  );
}
