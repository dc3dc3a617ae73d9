import { Box } from 'ink';
import { useState } from 'react';
import { t } from '../../i18n/index.js';
import { type Report, type ReportItem, reportCounts } from '../actions/overlay-state.js';
import { useKeys } from '../hooks/use-keys.js';
import { cursorMoveOf, moveCursor } from '../scroll.js';
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
  const tone = item.outcome === 'done' ? 'muted' : item.outcome === 'sending' ? 'pending' : 'critical';
  // The outcome often names the agent already ("George Evans: done"): the name is shown once.
  const text = item.outcome === 'sending' ? t().report.sending : item.text;
  const named = text.startsWith(item.name) && item.name !== '';
  let rest = named ? text.slice(item.name.length) : text;
  // "Chloe Petit: Chloe Petit is not in wrap-up" (the hub's sentence names her too): once.
  const colon = /^\s*:\s*/.exec(rest);
  if (named && colon && rest.slice(colon[0].length).startsWith(item.name))
    rest = rest.slice(colon[0].length + item.name.length);
  return fitSegments([mark, { text: named ? item.name : `${item.name}  ` }, { text: rest, tone }], width);
}

/** What each agent's command came to: accepted, refused (and why), or no answer. */
export function ReportPanel({ report, width, height, isActive, onClose }: ReportPanelProps) {
  const theme = useTheme();
  const [cursor, setCursor] = useState(0);
  const listHeight = Math.max(1, height - 2);
  useKeys(
    'results',
    (action) => {
      const move = cursorMoveOf(action);
      if (action === 'results.close') onClose();
      else if (move) setCursor((c) => moveCursor(c, move, report.items.length, listHeight));
    },
    isActive,
  );
  const counts = reportCounts(report);
  const words = t().report;
  const summary = `${words.summary(counts.done, counts.refused + counts.failed)}${counts.sending ? words.waiting(counts.sending) : ''}`;
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
      <Line segments={fitSegments([{ text: ` ${words.closes}`, tone: 'muted' }], width)} />
    </Box>
  );
}
