import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { useEffect, useState } from 'react';
import type { OrgSettings } from '../../protocol/index.js';
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

interface Toggle {
  key: keyof OrgSettings;
  label: string;
  on: string;
  off: string;
  /** What turning it off (or on) means, asked before doing it. */
  question(next: boolean): string;
}

const TOGGLES: readonly Toggle[] = [
  {
    key: 'agentsMayLogInToUnassigned',
    label: 'Agents may log in to unassigned queues',
    on: 'on',
    off: 'off',
    question: (next) =>
      next
        ? 'Let agents log themselves in to channels they are not assigned to?'
        : 'Turn off unassigned logins? Agents already logged in stay logged in, flagged ⊘: press u to list them and log them out.',
  },
  {
    key: 'supervisorsLimitedToAssigned',
    label: 'Supervisors see only their assigned channels',
    on: 'yes',
    off: 'no',
    question: (next) =>
      next
        ? 'Limit supervisors to the channels they are assigned to supervise?'
        : 'Let every supervisor see and manage every channel?',
  },
];

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
  const [asking, setAsking] = useState<Toggle | null>(null);
  useEffect(() => onContext?.(asking ? 'confirm' : 'menu'), [onContext, asking]);
  useMenuKeys(isActive && asking === null, onClose);
  if (asking) {
    const next = !org[asking.key];
    return (
      <Box flexDirection="column" width={width} height={height} overflow="hidden">
        <Confirm
          width={width}
          title={`Org settings · ${asking.label}`}
          question={asking.question(next)}
          verb={`turn ${next ? 'on' : 'off'}`}
          isActive={isActive}
          onConfirm={() =>
            onChange({ [asking.key]: next }, `${asking.label}: ${next ? asking.on : asking.off}`)
          }
          onCancel={() => setAsking(null)}
        />
      </Box>
    );
  }
  const items = TOGGLES.map((t) => ({
    label: `${t.label}: ${org[t.key] ? t.on : t.off}  → turn ${org[t.key] ? 'off' : 'on'}`,
    value: t.key,
  }));
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Line segments={fitSegments([{ text: ' Org settings (admin)', tone: 'heading' }], width)} />
      <Text> </Text>
      <SelectInput
        items={items}
        isFocused={isActive}
        onSelect={(item) => setAsking(TOGGLES.find((t) => t.key === item.value) ?? null)}
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
