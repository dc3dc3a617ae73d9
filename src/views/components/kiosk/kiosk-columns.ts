/**
 * The kiosk's channel table: every channel of the three kinds, one line each; a wider screen
 * gets more columns (offered, abandoned, ASA, AHT, agents by status).
 */
import { t } from '../../../i18n/index.js';
import { countCell, levelCell } from '../../cells.js';
import { channelMarkColumn } from '../../channel-columns.js';
import type { ChannelRow } from '../../channel-rows.js';
import { formatDuration, formatPercent } from '../../format.js';
import type { Column } from '../../table-model.js';
import type { Theme } from '../../theme.js';

export interface KioskCellContext {
  theme: Theme;
  featuredId: string | null;
}

const seconds = (value: number | null) => (value === null ? '—' : formatDuration(value));

export function kioskColumns(): Column<ChannelRow, KioskCellContext>[] {
  const c = t().columns;
  return [
    channelMarkColumn('mark', (ctx) => ctx.featuredId),
    { id: 'name', header: c.channel, min: 10, ideal: 18, max: 30, grow: 2, cell: (row) => row.channel.name },
    {
      id: 'kind',
      header: c.kind,
      min: 8,
      drop: 2,
      cell: (row) => ({ text: t().kinds[row.channel.kind], tone: 'muted' }),
    },
    {
      id: 'waiting',
      header: c.waiting,
      min: 5,
      align: 'right',
      cell: (row, ctx) => countCell(ctx.theme, row.kpis.waiting, row.waitingLevel),
    },
    {
      id: 'longest',
      header: c.longest,
      min: 8,
      align: 'right',
      cell: (row, ctx) => levelCell(ctx.theme, formatDuration(row.kpis.longestWaitSeconds), row.waitLevel),
    },
    {
      id: 'serviceLevel',
      header: c.serviceLevel,
      min: 7,
      align: 'right',
      cell: (row, ctx) => levelCell(ctx.theme, formatPercent(row.kpis.serviceLevel), row.serviceLevel),
    },
    {
      id: 'ready',
      header: c.ready,
      min: 6,
      align: 'right',
      cell: (row) => ({ text: String(row.kpis.agents.available), tone: 'available' }),
    },
    {
      id: 'busy',
      header: c.busy,
      min: 5,
      align: 'right',
      cell: (row) => ({ text: String(row.kpis.agents.busy), tone: 'busy' }),
    },
    {
      id: 'wrapUp',
      header: c.wrapUp,
      min: 6,
      align: 'right',
      drop: 1,
      cell: (row) => ({ text: String(row.kpis.agents.wrap_up), tone: 'wrap_up' }),
    },
    {
      id: 'paused',
      header: c.paused,
      min: 6,
      align: 'right',
      drop: 1,
      cell: (row) => ({ text: String(row.kpis.agents.paused), tone: 'paused' }),
    },
    {
      id: 'offered',
      header: c.offered,
      min: 8,
      align: 'right',
      drop: 3,
      cell: (row) => String(row.kpis.offered),
    },
    {
      id: 'abandoned',
      header: c.abandoned,
      min: 7,
      align: 'right',
      drop: 4,
      cell: (row) => formatPercent(row.kpis.abandonRate),
    },
    {
      id: 'asa',
      header: c.asa,
      min: 6,
      align: 'right',
      drop: 5,
      cell: (row) => seconds(row.kpis.asaSeconds),
    },
    {
      id: 'aht',
      header: c.aht,
      min: 6,
      align: 'right',
      drop: 5,
      cell: (row) => seconds(row.kpis.ahtSeconds),
    },
  ];
}
