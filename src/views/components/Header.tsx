import { Box } from 'ink';
import type { ConnectionInfo } from '../../client/connection.js';
import type { Welcome } from '../../protocol/index.js';
import { levelSymbol } from '../cells.js';
import type { ChannelRow } from '../channel-rows.js';
import { formatClock, formatDuration, formatPercent, textWidth } from '../format.js';
import type { Segment } from '../table-model.js';
import { fitSegments } from '../table-model.js';
import { type Theme, useTheme } from '../theme.js';
import { Line } from './Line.js';

export function connectionSegments(theme: Theme, info: ConnectionInfo): Segment[] {
  const { symbols } = theme;
  const since = info.staleSince === null ? '' : ` since ${formatClock(info.staleSince)}`;
  switch (info.status) {
    case 'live':
      return [{ text: `${symbols.live} live`, tone: 'ok' }];
    case 'connecting':
      return [{ text: `${symbols.connecting} connecting`, tone: 'muted' }];
    case 'reconnecting':
      return [{ text: `${symbols.reconnecting} reconnecting · stale${since}`, tone: 'warning' }];
    case 'stale':
      return [{ text: `${symbols.stale} stale${since}`, tone: 'critical' }];
  }
}

function who(welcome: Welcome | null): string {
  if (!welcome) return 'not signed in yet';
  const roles = welcome.user.roles.length > 0 ? welcome.user.roles.join(', ') : 'no role';
  return `${welcome.user.name} (${roles}${welcome.permissions.readOnly ? ', read-only' : ''})`;
}

/** Left and right parts on one line of exactly `width` columns; the left is cut first. */
function spread(left: Segment[], right: Segment[], width: number): Segment[] {
  const rightWidth = right.reduce((s, seg) => s + textWidth(seg.text), 0);
  return [...fitSegments(left, Math.max(0, width - rightWidth - 1)), { text: ' ' }, ...right];
}

const AGENT_LABELS = {
  full: { available: 'available', busy: 'busy', wrap_up: 'wrap-up', paused: 'paused', separator: ' · ' },
  compact: { available: 'ready', busy: 'busy', wrap_up: 'wrap', paused: 'paused', separator: ' ' },
} as const;

/** The selected channel's KPIs, in words that fit `width` (short labels on a narrow screen). */
export function kpiSegments(theme: Theme, row: ChannelRow | undefined, width: number): Segment[] {
  if (!row) return [{ text: ' no channel selected', tone: 'muted' }];
  const { kpis } = row;
  const a = kpis.agents;
  const marked = (text: string, level: ChannelRow['waitLevel']) =>
    level === 'ok' ? text : `${text} ${levelSymbol(theme, level)}`;
  const build = (labels: (typeof AGENT_LABELS)[keyof typeof AGENT_LABELS]): Segment[] => {
    const segments: Segment[] = [
      { text: ` ${row.channel.name}`, tone: 'heading' },
      { text: '  waiting ' },
      { text: String(kpis.waiting), tone: 'heading' },
      { text: '  longest ' },
      { text: marked(formatDuration(kpis.longestWaitSeconds), row.waitLevel), tone: row.waitLevel },
      { text: '  SL ' },
      { text: marked(formatPercent(kpis.serviceLevel), row.serviceLevel), tone: row.serviceLevel },
      { text: '  ' },
      { text: `${labels.available} ${a.available}`, tone: 'available' },
      { text: labels.separator },
      { text: `${labels.busy} ${a.busy}`, tone: 'busy' },
      { text: labels.separator },
      { text: `${labels.wrap_up} ${a.wrap_up}`, tone: 'wrap_up' },
      { text: labels.separator },
      { text: `${labels.paused} ${a.paused}`, tone: 'paused' },
    ];
    if (a.pending > 0) segments.push({ text: ` (${a.pending} pending)`, tone: 'pending' });
    return segments;
  };
  const full = build(AGENT_LABELS.full);
  return full.reduce((s, seg) => s + textWidth(seg.text), 0) <= width ? full : build(AGENT_LABELS.compact);
}

export interface HeaderProps {
  width: number;
  welcome: Welcome | null;
  hubLabel: string;
  connection: ConnectionInfo;
  now: number;
  channel: ChannelRow | undefined;
}

/** Who is signed in, the hub, the link, the clock; then the selected channel's KPIs. */
export function Header({ width, welcome, hubLabel, connection, now, channel }: HeaderProps) {
  const theme = useTheme();
  const left: Segment[] = [
    { text: ' ccwall ', tone: 'accent' },
    { text: ` ${who(welcome)}` },
    { text: `  hub ${hubLabel}`, tone: 'muted' },
  ];
  const right: Segment[] = [...connectionSegments(theme, connection), { text: `  ${formatClock(now)} ` }];
  return (
    <Box flexDirection="column" width={width}>
      <Line segments={spread(left, right, width)} />
      <Line segments={fitSegments(kpiSegments(theme, channel, width), width)} />
    </Box>
  );
}
