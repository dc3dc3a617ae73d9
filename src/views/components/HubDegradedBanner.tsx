/**
 * The hub cannot save (its `hub_status` says degraded): what is on screen is frozen, not live,
 * and changes are refused. A one-line banner on the wallboard and the agent dashboard, a block
 * over the KPIs on the kiosk: "hub cannot save since 14:02: changes refused".
 */
import { t } from '../../i18n/index.js';
import { formatClock, textWidth } from '../format.js';
import { fitSegments, type Segment } from '../table-model.js';
import { type Theme, useTheme } from '../theme.js';
import { Line } from './Line.js';

const BANNER: Segment = { text: '', tone: 'critical', style: { inverse: true, bold: true } };

/** The banner's line, centred on `width` columns. */
export function hubDegradedSegments(theme: Theme, since: number, width: number): Segment[] {
  const text = `${theme.symbols.stale} ${t().link.hubDegraded(formatClock(since))}`;
  const pad = Math.max(0, Math.floor((width - textWidth(text)) / 2));
  const line = fitSegments([{ ...BANNER, text: ' '.repeat(pad) + text }], width);
  const used = line.reduce((sum, segment) => sum + textWidth(segment.text), 0);
  return used < width ? [...line, { ...BANNER, text: ' '.repeat(width - used) }] : line;
}

export function HubDegradedLine({ width, since }: { width: number; since: number }) {
  const theme = useTheme();
  return <Line segments={hubDegradedSegments(theme, since, width)} />;
}

/** The kiosk's block (as many lines as its KPIs), the banner in the middle. */
export function HubDegradedBlock({ width, since, rows }: { width: number; since: number; rows: number }) {
  const theme = useTheme();
  const blank = fitSegments([{ ...BANNER, text: ' '.repeat(width) }], width);
  const middle = Math.floor((rows - 1) / 2);
  return (
    <>
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed lines
        <Line key={i} segments={i === middle ? hubDegradedSegments(theme, since, width) : blank} />
      ))}
    </>
  );
}
