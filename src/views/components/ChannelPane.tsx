import { Box } from 'ink';
import { useMemo } from 'react';
import { t } from '../../i18n/index.js';
import { CHANNEL_COLUMNS, type ChannelCellContext } from '../channel-columns.js';
import type { ChannelRow } from '../channel-rows.js';
import { headerSegments, layoutTable, rowSegments, staleSegments } from '../table-model.js';
import { useTheme } from '../theme.js';
import { Line } from './Line.js';
import { VirtualList } from './VirtualList.js';

export interface ChannelPaneProps {
  width: number;
  height: number;
  rows: readonly ChannelRow[];
  selectedId: string | null;
  focused: boolean;
  title: string;
  /** The data is not live (the link is down): rows dim. */
  stale?: boolean;
}

/** The channels of the current pane, with waiting, longest wait and service level. */
export function ChannelPane({
  width,
  height,
  rows,
  selectedId,
  focused,
  title,
  stale = false,
}: ChannelPaneProps) {
  const theme = useTheme();
  const layout = useMemo(() => layoutTable(CHANNEL_COLUMNS, width), [width]);
  const ctx: ChannelCellContext = { theme, cursorId: selectedId };
  const cursor = Math.max(
    0,
    rows.findIndex((r) => r.channel.id === selectedId),
  );
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Line segments={headerSegments(layout)} highlight={focused ? 'cursor' : undefined} />
      <VirtualList
        items={rows}
        height={height - 1}
        cursor={cursor}
        cursorHighlight={focused ? 'cursor' : 'selected'}
        keyOf={(row) => row.channel.id}
        line={(row) => {
          const segments = rowSegments(layout, row, ctx, theme.symbols.ellipsis);
          return stale ? staleSegments(segments) : segments;
        }}
        empty={[{ text: ` ${t().lists.noChannels(title)}`, tone: 'muted' }]}
      />
    </Box>
  );
}
