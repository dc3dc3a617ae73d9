import { Box, useInput, useWindowSize } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ConnectionInfo } from '../../../client/connection.js';
import type { WallboardSnapshot } from '../../../client/store.js';
import { type AlertLevel, agentIdsOf, ChannelKpisMemo, channelKpisOf } from '../../../domain/index.js';
import { t } from '../../../i18n/index.js';
import { agentRows } from '../../agent-rows.js';
import { bigText, bigWidth } from '../../big-text.js';
import { levelSymbol } from '../../cells.js';
import type { ChannelRow } from '../../channel-rows.js';
import { formatClock, formatDuration, formatPercent, textWidth } from '../../format.js';
import { useNow } from '../../hooks/use-now.js';
import { type StoreSource, useStoreSelection } from '../../hooks/use-store.js';
import { matchAction } from '../../keymap.js';
import { MIN_COLUMNS, MIN_ROWS } from '../../layout.js';
import { wordProblem } from '../../problem-words.js';
import { fitSegments, type Segment } from '../../table-model.js';
import { type Theme, type Tone, useTheme } from '../../theme.js';
import { AgentPane } from '../AgentPane.js';
import { Footer } from '../Footer.js';
import { connectionSegments, spread } from '../Header.js';
import { HubDegradedBlock } from '../HubDegradedBanner.js';
import { Line } from '../Line.js';
import type { ScreenProps } from '../screen-props.js';
import { withTheme } from '../ThemeProvider.js';
import { TooSmall } from '../TooSmall.js';
import { emptyLine, TablePane, useTableLayout } from '../table-pane/TablePane.js';
import { kioskColumns } from './kiosk-columns.js';
import { featured, type KioskOptions, kioskRows, newBreaches, rowLevel } from './kiosk-state.js';

export interface KioskAppProps extends ScreenProps {
  kiosk: KioskOptions;
  /** A threshold was newly breached (with `kiosk.bell`). */
  onBell?(): void;
  /**
   * The channel whose agents are shown changed (null: none): with the hub's figures view, the
   * store then holds that channel's agents (`agentsOf`) once the hub answers.
   */
  onFeature?(channelId: string | null): void;
}

/** Rows of the KPI block (or of the stale banner that covers it). */
export const KPI_ROWS = 6;

/**
 * The wall screen: no action keys (q quits, for whoever set it up); a large KPI block for the
 * featured channel, rotating through the chosen channels; every channel of the three kinds in
 * a table; the featured channel's agents below when there is room. While the data is not live,
 * a banner covers the KPIs and says since when; the connection retries on its own, forever.
 */
export const KioskApp = withTheme(Kiosk);

/**
 * The store's latest snapshot, for a screen drawn once a second: a change of the link, the hub's
 * or the source's state, an error, or the first data draws at once; the center's data is drawn at
 * the clock's next tick, in the same frame as the clocks. (Drawn on every publish as well, a busy
 * kiosk drew two frames a second, its publish and its tick a fraction of a second apart.)
 */
function useTickedSnapshot(store: StoreSource): WallboardSnapshot {
  useStoreSelection(store, (s) => s.connection);
  useStoreSelection(store, (s) => s.welcome);
  useStoreSelection(store, (s) => s.errors);
  useStoreSelection(store, (s) => s.hubDegradedSince);
  useStoreSelection(store, (s) => s.source);
  useStoreSelection(store, (s) => s.state === null);
  // The figures view: the featured channel's agents arrived (asked for at a rotation).
  useStoreSelection(store, (s) => s.agentsOf);
  return store.getSnapshot();
}

function Kiosk({
  store,
  hubLabel,
  kiosk,
  clock = Date.now,
  tickMs = 1000,
  onExit,
  onBell,
  onFeature,
}: KioskAppProps) {
  const theme = useTheme();
  const { columns, rows } = useWindowSize();
  const snapshot = useTickedSnapshot(store);
  const now = useNow(clock, tickMs);
  const startedAt = useRef(now);
  const { state, tallies, connection } = snapshot;
  const live = connection.status === 'live' && state !== null;

  // From the store's tallies: the work of a channel each, not of a session each.
  const [kpisMemo] = useState(() => new ChannelKpisMemo());
  const kpis = useMemo(
    () => (state && tallies ? channelKpisOf(state, tallies, now, undefined, kpisMemo) : new Map()),
    [state, tallies, now, kpisMemo],
  );
  const { rows: channels, unknown } = useMemo(
    () => (state ? kioskRows(state, kpis, kiosk.channels) : { rows: [], unknown: [] }),
    [state, kpis, kiosk.channels],
  );
  const { index, nextIn } = featured(startedAt.current, now, kiosk.rotateSeconds, channels.length);
  const current = channels[index];

  // The bell: once per newly breached threshold, only on live data.
  const levels = useRef<Map<string, AlertLevel> | null>(null);
  useEffect(() => {
    if (!live) return;
    const next = new Map(channels.map((r) => [r.channel.id, rowLevel(r)]));
    const before = levels.current;
    levels.current = next;
    if (before && kiosk.bell && newBreaches(before, next).length > 0) onBell?.();
  }, [live, channels, kiosk.bell, onBell]);

  useInput(
    (input, key) => {
      const action = matchAction('kiosk', input, key);
      if (action === 'app.quit') onExit('quit');
      else if (action === 'app.interrupt') onExit('interrupt');
    },
    { isActive: true },
  );

  const tableColumns = useMemo(() => kioskColumns(), []);
  const table = useTableLayout(tableColumns, columns);

  const footerRows = 2;
  const body = rows - 1 - KPI_ROWS - footerRows;
  const tableRows = Math.min(channels.length + 1, body < 12 ? body : Math.max(6, Math.ceil(body / 2)));
  const agentHeight = body - tableRows;
  const featuredId = current && agentHeight >= 4 ? current.channel.id : null;
  useEffect(() => onFeature?.(featuredId), [onFeature, featuredId]);
  // With figures, the state holds one channel's agents: until the hub sends the new one's, none.
  const agentsHeld = snapshot.agentsOf === undefined || snapshot.agentsOf === featuredId;
  // The featured channel's agents only when there is room to show them, once per state.
  const agents = useMemo(
    () =>
      state && featuredId && agentsHeld
        ? agentRows(state, featuredId, '', 'status', undefined, agentIdsOf(tallies, featuredId))
        : [],
    [state, tallies, featuredId, agentsHeld],
  );

  if (columns < MIN_COLUMNS || rows < MIN_ROWS) return <TooSmall columns={columns} rows={rows} />;

  const words = t();
  const title: Segment[] = [
    { text: ` ${words.app.name} `, tone: 'accent' },
    { text: ` ${words.kiosk.title}`, tone: 'heading' },
    { text: `  ${words.header.hub(hubLabel)}`, tone: 'muted' },
  ];
  const right: Segment[] = [
    ...connectionSegments(theme, connection, snapshot.hubDegradedSince),
    { text: `  ${formatClock(now)} ` },
  ];

  let legend: Segment[] | undefined;
  if (unknown.length > 0)
    legend = [
      {
        text: ` ${theme.symbols.warning} ${words.kiosk.unknownChannels(unknown.join(', '))}`,
        tone: 'warning',
      },
    ];
  else if (snapshot.welcome && !snapshot.welcome.permissions.readOnly)
    legend = [{ text: ` ${theme.symbols.warning} ${words.cli.kioskMayAct}`, tone: 'warning' }];
  else legend = kioskLegend(theme);

  return (
    <Box flexDirection="column" width={columns} height={rows} overflowY="hidden">
      <Line segments={spread(title, right, columns)} />
      {live && snapshot.hubDegradedSince !== null ? (
        <HubDegradedBlock width={columns} since={snapshot.hubDegradedSince} rows={KPI_ROWS} />
      ) : live ? (
        <KpiBlock
          width={columns}
          row={current}
          position={
            channels.length === 0
              ? ''
              : kiosk.rotateSeconds > 0 && channels.length > 1
                ? words.kiosk.rotation(index + 1, channels.length, nextIn)
                : words.kiosk.fixed(index + 1, channels.length)
          }
        />
      ) : (
        <StaleBanner width={columns} connection={connection} />
      )}
      <TablePane
        layout={table}
        height={tableRows}
        rows={channels}
        context={{ theme, featuredId: current?.channel.id ?? null }}
        keyOf={(row) => row.channel.id}
        cursor={index}
        cursorHighlight="selected"
        empty={emptyLine(live ? words.kiosk.noChannels : words.lists.waitingForHub)}
      />
      {agentHeight >= 4 && current ? (
        <AgentPane
          width={columns}
          height={agentHeight}
          rows={agents}
          cursorIndex={-1}
          focused={false}
          now={now}
          empty={agentsHeld ? words.lists.noAgentIn(current.channel.name) : ''}
        />
      ) : (
        <Box height={Math.max(0, agentHeight)} />
      )}
      <Footer
        width={columns}
        context="kiosk"
        error={snapshot.errors[snapshot.errors.length - 1]}
        linkError={connection.status === 'live' ? null : connection.lastError}
        legend={legend}
      />
    </Box>
  );
}

function kioskLegend(theme: Theme): Segment[] {
  const s = theme.symbols;
  const words = t().legend;
  return [
    { text: ` ${s.warning} ${s.critical}`, tone: 'warning' },
    { text: ` ${words.threshold}  `, tone: 'muted' },
    { text: s.deviceActive, tone: 'deviceActive' },
    { text: ` ${words.deviceActive}  `, tone: 'muted' },
    { text: s.deviceInactive, tone: 'deviceInactive' },
    { text: ` ${words.deviceInactive}`, tone: 'muted' },
  ];
}

interface Tile {
  label: string;
  value: string;
  level: AlertLevel;
  tone: Tone;
}

function tilesOf(row: ChannelRow, width: number): Tile[] {
  const words = t().kiosk;
  const k = row.kpis;
  const tiles: Tile[] = [
    {
      label: words.waiting,
      value: String(k.waiting),
      level: row.waitingLevel,
      tone: row.waitingLevel !== 'ok' ? row.waitingLevel : k.waiting > 0 ? 'heading' : 'muted',
    },
    {
      label: words.longest,
      value: formatDuration(k.longestWaitSeconds),
      level: row.waitLevel,
      tone: row.waitLevel === 'ok' ? 'ok' : row.waitLevel,
    },
    {
      label: words.serviceLevel,
      value: formatPercent(k.serviceLevel),
      level: row.serviceLevel,
      tone: row.serviceLevel === 'ok' ? 'ok' : row.serviceLevel,
    },
  ];
  if (width >= 100)
    tiles.push({ label: words.offered, value: String(k.offered), level: 'ok', tone: 'heading' });
  if (width >= 130)
    tiles.push({ label: words.abandoned, value: formatPercent(k.abandonRate), level: 'ok', tone: 'heading' });
  return tiles;
}

/** The figure as the big font draws it: digits, ':', '%', '-' (a locale's spaces dropped, a dash for none). */
const bigValue = (value: string) => value.replace(/[\s\u00a0\u202f]/g, '').replace('—', '-');

/** The featured channel: its name, large figures (coloured and marked by threshold), its agents by status. */
function KpiBlock({
  width,
  row,
  position,
}: {
  width: number;
  row: ChannelRow | undefined;
  position: string;
}) {
  const theme = useTheme();
  const words = t();
  if (!row) {
    const lines = Array.from({ length: KPI_ROWS }, (_, i) =>
      fitSegments(i === 2 ? [{ text: `  ${words.kiosk.noChannels}`, tone: 'muted' }] : [], width),
    );
    return <Lines lines={lines} />;
  }
  const tiles = tilesOf(row, width);
  const tileWidth = Math.floor(width / tiles.length);
  const lines: Segment[][] = [[], [], [], [], [], []];
  const level = rowLevel(row);
  lines[0] = spread(
    [
      { text: ` ${theme.symbols.cursor} ${row.channel.name}`, tone: 'heading', style: { bold: true } },
      { text: ` · ${words.kinds[row.channel.kind]}`, tone: 'muted' },
      ...(level === 'ok' ? [] : [{ text: ` ${levelSymbol(theme, level)}`, tone: level }]),
    ],
    [{ text: `${position} `, tone: 'muted' }],
    width,
  );
  tiles.forEach((tile, i) => {
    const w = i === tiles.length - 1 ? width - tileWidth * (tiles.length - 1) : tileWidth;
    const mark = tile.level === 'ok' ? '' : ` ${levelSymbol(theme, tile.level)}`;
    lines[1]!.push(
      ...fitSegments(
        [{ text: `  ${tile.label}${mark}`, tone: tile.level === 'ok' ? 'muted' : tile.level }],
        w,
      ),
    );
    const value = bigValue(tile.value);
    const big = bigWidth(value) + 4 <= w;
    const drawn = big ? bigText(value) : ['', tile.value + mark, ''];
    drawn.forEach((text, r) => {
      lines[2 + r]!.push(
        ...fitSegments(
          [{ text: `  ${text}${big && r === 1 ? mark : ''}`, tone: tile.tone, style: { bold: true } }],
          w,
        ),
      );
    });
  });
  const a = row.kpis.agents;
  const k = words.kpiAgents;
  const agentLine: Segment[] = [
    { text: `  ${words.kiosk.agents}  `, tone: 'muted' },
    { text: `${k.available} ${a.available}`, tone: 'available', style: { bold: true } },
    { text: ' · ' },
    { text: `${k.busy} ${a.busy}`, tone: 'busy', style: { bold: true } },
    { text: ' · ' },
    { text: `${k.wrap_up} ${a.wrap_up}`, tone: 'wrap_up', style: { bold: true } },
    { text: ' · ' },
    { text: `${k.paused} ${a.paused}`, tone: 'paused', style: { bold: true } },
  ];
  if (a.pending > 0) agentLine.push({ text: ` ${k.pending(a.pending)}`, tone: 'pending' });
  lines[5] = fitSegments(agentLine, width);
  return <Lines lines={lines.map((l) => fitSegments(l, width))} />;
}

/** Covers the KPIs while the data is not live: since when, what the link is doing, the last error. */
export function StaleBanner({ width, connection }: { width: number; connection: ConnectionInfo }) {
  const theme = useTheme();
  const words = t().kiosk;
  const telephony = connection.cause === 'source';
  const headline =
    connection.staleSince === null
      ? `${theme.symbols.connecting} ${words.staleNoData}`
      : `${theme.symbols.stale} ${(telephony ? words.telephonyBanner : words.staleBanner)(formatClock(connection.staleSince))}`;
  const detail = telephony
    ? words.telephonyDetail
    : connection.status === 'connecting' && connection.attempts <= 1
      ? words.connecting
      : words.reconnecting(Math.max(1, connection.attempts));
  const error = connection.lastError ? words.lastError(wordProblem(connection.lastError)) : '';
  const banner: Segment = { text: '', tone: 'critical', style: { inverse: true, bold: true } };
  const centred = (text: string): Segment[] => {
    const pad = Math.max(0, Math.floor((width - textWidth(text)) / 2));
    return fitSegments([{ ...banner, text: ' '.repeat(pad) + text }], width);
  };
  const filled = (segments: Segment[]): Segment[] =>
    segments.map((s) => (s.tone === undefined ? { ...s, ...banner, text: s.text } : s));
  const lines = [
    centred(''),
    centred(headline),
    centred(''),
    centred(detail),
    centred(error),
    centred(''),
  ].map(filled);
  return <Lines lines={lines} />;
}

function Lines({ lines }: { lines: Segment[][] }) {
  return (
    <Box flexDirection="column" height={lines.length} overflowY="hidden">
      {lines.map((segments, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed lines
        <Line key={i} segments={segments} />
      ))}
    </Box>
  );
}
