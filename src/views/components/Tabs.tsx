import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import { memo } from 'react';
import { t } from '../../i18n/index.js';
import type { ChannelKind } from '../../protocol/index.js';
import { SORT_LABELS, type SortKey } from '../agent-rows.js';
import { PANE_KINDS, PANE_TITLES } from '../channel-rows.js';
import { textWidth } from '../format.js';
import { fitSegments, type Segment } from '../table-model.js';
import { Line } from './Line.js';

export interface TabsProps {
  width: number;
  pane: ChannelKind;
  filter: string;
  filtering: boolean;
  sort: SortKey;
  onFilterChange(value: string): void;
  /** e.g. "rows 1-18 of 208" when the agent list scrolls. */
  position: string;
}

/**
 * The pane tabs (1 Queues, 2 Chats, 3 Campaigns), then the filter, sort and list position. Drawn
 * again only when a prop changes, not on every tick of the board's clock.
 */
export const Tabs = memo(function Tabs({
  width,
  pane,
  filter,
  filtering,
  sort,
  onFilterChange,
  position,
}: TabsProps) {
  const tabs: Segment[] = PANE_KINDS.flatMap((kind, i): Segment[] => [
    { text: ' ' },
    kind === pane
      ? { text: ` ${i + 1} ${PANE_TITLES[kind]} `, style: { inverse: true, bold: true } }
      : { text: ` ${i + 1} ${PANE_TITLES[kind]} `, tone: 'muted' },
  ]);
  const status = `${position ? `${position}  ` : ''}${t().sort.label(SORT_LABELS[sort])} `;
  if (filtering) {
    const tabsWidth = tabs.reduce((s, seg) => s + textWidth(seg.text), 0);
    const inputWidth = Math.max(8, width - tabsWidth - textWidth(status) - 4);
    return (
      <Box width={width} height={1} overflow="hidden">
        <Line segments={tabs} />
        <Text> / </Text>
        <Box width={inputWidth} overflow="hidden">
          <TextInput
            value={filter}
            onChange={onFilterChange}
            focus
            placeholder={t().lists.filterPlaceholder}
          />
        </Box>
        <Text wrap="truncate"> {status}</Text>
      </Box>
    );
  }
  const right: Segment[] = [
    ...(filter ? [{ text: `/ ${filter}  `, tone: 'accent' as const }] : []),
    { text: status, tone: 'muted' },
  ];
  const rightWidth = right.reduce((s, seg) => s + textWidth(seg.text), 0);
  return <Line segments={[...fitSegments(tabs, Math.max(0, width - rightWidth)), ...right]} />;
});
