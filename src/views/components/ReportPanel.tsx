import { Box } from 'ink';
import { useState } from 'react';
import { type Report, type ReportItem, reportCounts } from '../actions/overlay-state.js';
import { useKeys } from '../hooks/use-keys.js';
import { moveCursor } from '../scroll.js';
import { fitSegments, type Segment } from '../table-model.js';
import { type Theme, useTheme } from '../theme.js';
import { Line } from './Line.js';
import { VirtualList } from './VirtualList.js';

export interface ReportPanelProps {
  report: Report;
  width: number;
  height: number;
  isActive: boolean;
  onClose(): void;
}

function itemSegments(theme: Theme, item: ReportItem, width: number): Segment[] {
  const mark: Segment =
    item.outcome === 'sending'
      ? { text: ` ${theme.symbols.inFlight} `, tone: 'pending' }
      : item.outcome === 'done'
        ? { text: ` ${theme.symbols.ok} `, tone: 'ok' }
        : { text: ` ${theme.symbols.critical} `, tone: 'critical' };
  const text = item.outcome === 'sending' ? 'sending…' : item.text;
  return fitSegments(
    [
      mark,
      { text: `${item.name}  ` },
      { text, tone: item.outcome === 'done' ? 'muted' : item.outcome === 'sending' ? 'pending' : 'critical' },
    ],
    width,
  );
}

/** What each agent's command came to: accepted, refused (and why), or no answer. */
export function ReportPanel({ report, width, height, isActive, onClose }: ReportPanelProps) {
  const theme = useTheme();
  const [cursor, setCursor] = useState(0);
  const listHeight = Math.max(1, height - 2);
  useKeys(
    'results',
    (action) => {
      if (action === 'dialog.close' || action === 'list.act') onClose();
      else if (action === 'cursor.up') setCursor((c) => moveCursor(c, 'up', report.items.length, listHeight));
      else if (action === 'cursor.down')
        setCursor((c) => moveCursor(c, 'down', report.items.length, listHeight));
    },
    isActive,
  );
  const counts = reportCounts(report);
  const summary = `${counts.done} done · ${counts.refused + counts.failed} refused${counts.sending ? ` · ${counts.sending} waiting` : ''}`;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Line
        segments={fitSegments(
          [
            { text: ` ${report.title}`, tone: 'heading' },
            { text: `  ${summary}`, tone: counts.refused + counts.failed > 0 ? 'warning' : 'ok' },
          ],
          width,
        )}
      />
      <VirtualList
        items={report.items}
        height={listHeight}
        cursor={cursor}
        cursorHighlight={undefined}
        keyOf={(item) => item.key}
        line={(item) => itemSegments(theme, item, width)}
      />
      <Line segments={fitSegments([{ text: ' Esc or Enter closes', tone: 'muted' }], width)} />
    </Box>
  );
}
