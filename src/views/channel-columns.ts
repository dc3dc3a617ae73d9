/** The channel list's columns: name, waiting, longest wait and service level, coloured by thresholds. */

import { t } from '../i18n/index.js';
import { countCell, levelCell } from './cells.js';
import type { ChannelRow } from './channel-rows.js';
import { formatDuration, formatPercent, textWidth } from './format.js';
import type { Column } from './table-model.js';
import type { Theme } from './theme.js';

export interface ChannelCellContext {
  theme: Theme;
  cursorId: string | null;
}

/**
 * The first column of every channel table: the cursor symbol, after `lead`, on the channel the
 * context points at (the cursor's, the kiosk's featured one).
 */
export function channelMarkColumn<Row extends { channel: { id: string } }, Ctx extends { theme: Theme }>(
  id: string,
  pointedAt: (ctx: Ctx) => string | null,
  lead = '',
): Column<Row, Ctx> {
  return {
    id,
    header: '',
    min: lead.length + 1,
    cell: (row, ctx) =>
      row.channel.id === pointedAt(ctx) ? { text: lead + ctx.theme.symbols.cursor, tone: 'accent' } : '',
  };
}

export const CHANNEL_COLUMNS: readonly Column<ChannelRow, ChannelCellContext>[] = [
  channelMarkColumn('cursor', (ctx) => ctx.cursorId),
  {
    id: 'name',
    get header() {
      return t().columns.channel;
    },
    // 7 leaves room for every figure and its breach mark in 30 columns (French "100 % ✖").
    min: 7,
    ideal: 8,
    max: 40,
    grow: 1,
    cell: (row) => row.channel.name,
  },
  {
    id: 'waiting',
    get header() {
      return t().columns.waiting;
    },
    min: 4,
    align: 'right',
    cell: (row, ctx) => countCell(ctx.theme, row.kpis.waiting, row.waitingLevel),
  },
  {
    id: 'longest',
    get header() {
      return t().columns.longest;
    },
    min: 7,
    align: 'right',
    cell: (row, ctx) => levelCell(ctx.theme, formatDuration(row.kpis.longestWaitSeconds), row.waitLevel),
  },
  {
    id: 'serviceLevel',
    get header() {
      return t().columns.serviceLevel;
    },
    /** "100 %" in French is a column wider than "100%": room for it and the breach symbol. */
    get min() {
      return textWidth(formatPercent(100)) + 2;
    },
    align: 'right',
    cell: (row, ctx) => levelCell(ctx.theme, formatPercent(row.kpis.serviceLevel), row.serviceLevel),
  },
  {
    id: 'agents',
    get header() {
      return t().columns.agents;
    },
    min: 6,
    align: 'right',
    drop: 1,
    cell: (row) => String(row.kpis.agents.total),
  },
];
