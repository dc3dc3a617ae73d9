import { Box } from 'ink';
import type { ConnectionInfo } from '../../client/connection.js';
import { t } from '../../i18n/index.js';
import type { Welcome } from '../../protocol/index.js';
import { levelSymbol } from '../cells.js';
import type { ChannelRow } from '../channel-rows.js';
import { fitText, formatClock, formatDuration, formatPercent, textWidth } from '../format.js';
import type { Segment } from '../table-model.js';
import { fitSegments } from '../table-model.js';
import { type Theme, useTheme } from '../theme.js';
import { hubDegradedSegments } from './HubDegradedBanner.js';
import { Line } from './Line.js';

/** The link's state; `hubDegradedSince`: the link is up but the hub cannot save, so the data is frozen. */
export function connectionSegments(
  theme: Theme,
  info: ConnectionInfo,
  hubDegradedSince: number | null = null,
): Segment[] {
  const { symbols } = theme;
  const words = t().link;
  const since = info.staleSince === null ? '' : words.since(formatClock(info.staleSince));
  switch (info.status) {
    case 'live':
      if (hubDegradedSince !== null)
        return [
          {
            text: `${symbols.stale} ${words.frozen}${words.since(formatClock(hubDegradedSince))}`,
            tone: 'critical',
          },
        ];
      return [{ text: `${symbols.live} ${words.live}`, tone: 'ok' }];
    case 'connecting':
      return [{ text: `${symbols.connecting} ${words.connecting}`, tone: 'muted' }];
    case 'reconnecting':
      return [{ text: `${symbols.reconnecting} ${words.reconnecting}${since}`, tone: 'warning' }];
    case 'stale':
      return [
        {
          text: `${symbols.stale} ${info.cause === 'source' ? words.telephonyDown : words.stale}${since}`,
          tone: 'critical',
        },
      ];
  }
}

export function who(welcome: Welcome | null): string {
  const words = t().header;
  if (!welcome) return words.notSignedIn;
  const roles =
    welcome.user.roles.length > 0 ? welcome.user.roles.map((r) => t().roles[r]).join(', ') : words.noRole;
  return `${welcome.user.name} (${roles}${welcome.permissions.readOnly ? `, ${words.readOnly}` : ''})`;
}

/** Left and right parts on one line of exactly `width` columns; the left is cut first. */
export function spread(left: Segment[], right: Segment[], width: number): Segment[] {
  const rightWidth = right.reduce((s, seg) => s + textWidth(seg.text), 0);
  return [...fitSegments(left, Math.max(0, width - rightWidth - 1)), { text: ' ' }, ...right];
}

const agentLabels = () => {
  const k = t().kpiAgents;
  return {
    full: { available: k.available, busy: k.busy, wrap_up: k.wrap_up, paused: k.paused, separator: ' · ' },
    compact: {
      available: k.shortAvailable,
      busy: k.busy,
      wrap_up: k.shortWrapUp,
      paused: k.paused,
      separator: ' ',
    },
  };
};
type AgentLabels = ReturnType<typeof agentLabels>['full'];

/**
 * The selected channel's KPIs, in words that fit `width`, never cutting a count or a mark: short
 * labels on a narrow screen; narrower still, only the agents (the channel list beside shows the
 * waiting, the longest wait and the service level); the channel's name is cut last of all.
 */
export function kpiSegments(theme: Theme, row: ChannelRow | undefined, width: number): Segment[] {
  const words = t().header;
  if (!row) return [{ text: ` ${words.noChannel}`, tone: 'muted' }];
  const { kpis } = row;
  const a = kpis.agents;
  const marked = (text: string, level: ChannelRow['waitLevel']) =>
    level === 'ok' ? text : `${text} ${levelSymbol(theme, level)}`;
  const build = (labels: AgentLabels, withKpis: boolean, name = row.channel.name): Segment[] => {
    const segments: Segment[] = [
      { text: ` ${name}`, tone: 'heading' },
      ...(withKpis
        ? ([
            { text: `  ${words.waiting} ` },
            {
              text: marked(String(kpis.waiting), row.waitingLevel),
              tone: row.waitingLevel === 'ok' ? 'heading' : row.waitingLevel,
            },
            { text: `  ${words.longest} ` },
            { text: marked(formatDuration(kpis.longestWaitSeconds), row.waitLevel), tone: row.waitLevel },
            { text: `  ${words.serviceLevel} ` },
            { text: marked(formatPercent(kpis.serviceLevel), row.serviceLevel), tone: row.serviceLevel },
          ] satisfies Segment[])
        : []),
      { text: '  ' },
      { text: `${labels.available} ${a.available}`, tone: 'available' },
      { text: labels.separator },
      { text: `${labels.busy} ${a.busy}`, tone: 'busy' },
      { text: labels.separator },
      { text: `${labels.wrap_up} ${a.wrap_up}`, tone: 'wrap_up' },
      { text: labels.separator },
      { text: `${labels.paused} ${a.paused}`, tone: 'paused' },
    ];
    if (a.pending > 0) segments.push({ text: ` ${t().kpiAgents.pending(a.pending)}`, tone: 'pending' });
    return segments;
  };
  const labels = agentLabels();
  const widthOf = (segments: Segment[]) => segments.reduce((s, seg) => s + textWidth(seg.text), 0);
  for (const [agents, withKpis] of [
    [labels.full, true],
    [labels.compact, true],
    [labels.full, false],
    [labels.compact, false],
  ] as const) {
    const segments = build(agents, withKpis);
    if (widthOf(segments) <= width) return segments;
  }
  const tightest = build(labels.compact, false, '');
  return build(labels.compact, false, fitText(row.channel.name, Math.max(1, width - widthOf(tightest) - 1)));
}

export interface HeaderProps {
  width: number;
  welcome: Welcome | null;
  hubLabel: string;
  connection: ConnectionInfo;
  now: number;
  channel: ChannelRow | undefined;
  /** Since when the hub cannot save: its banner takes the KPI line (the figures are frozen). */
  hubDegradedSince?: number | null;
}

/** Who is signed in, the hub, the link, the clock; then the selected channel's KPIs. */
export function Header({
  width,
  welcome,
  hubLabel,
  connection,
  now,
  channel,
  hubDegradedSince,
}: HeaderProps) {
  const theme = useTheme();
  const left: Segment[] = [
    { text: ' ccwall ', tone: 'accent' },
    { text: ` ${who(welcome)}` },
    { text: `  ${t().header.hub(hubLabel)}`, tone: 'muted' },
  ];
  const right: Segment[] = [
    ...connectionSegments(theme, connection, hubDegradedSince ?? null),
    { text: `  ${formatClock(now)} ` },
  ];
  return (
    <Box flexDirection="column" width={width}>
      <Line segments={spread(left, right, width)} />
      <Line
        segments={
          hubDegradedSince == null
            ? fitSegments(kpiSegments(theme, channel, width), width)
            : hubDegradedSegments(theme, hubDegradedSince, width)
        }
      />
    </Box>
  );
}
