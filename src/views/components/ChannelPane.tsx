import { memo, useMemo } from 'react';
import { t } from '../../i18n/index.js';
import { CHANNEL_COLUMNS } from '../channel-columns.js';
import type { ChannelRow } from '../channel-rows.js';
import { useTheme } from '../theme.js';
import { emptyLine, TablePane, useTableLayout } from './table-pane/TablePane.js';

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

/**
 * The channels of the current pane, with waiting, longest wait and service level. Drawn again
 * only when a prop changes (the rows are kept while no channel's KPIs change).
 */
export const ChannelPane = memo(function ChannelPane({
  rows,
  selectedId,
  focused,
  ...pane
}: ChannelPaneProps) {
  const theme = useTheme();
  const layout = useTableLayout(CHANNEL_COLUMNS, pane.width);
  // One context while its parts hold: the table keeps the lines of unchanged rows with it.
  const context = useMemo(() => ({ theme, cursorId: selectedId }), [theme, selectedId]);
  return (
    <TablePane
      layout={layout}
      height={pane.height}
      rows={rows}
      context={context}
      keyOf={(row) => row.channel.id}
      cursor={Math.max(
        0,
        rows.findIndex((r) => r.channel.id === selectedId),
      )}
      cursorHighlight={focused ? 'cursor' : 'selected'}
      headerHighlight={focused ? 'cursor' : undefined}
      stale={pane.stale ?? false}
      empty={emptyLine(t().lists.noChannels(pane.title))}
    />
  );
});
