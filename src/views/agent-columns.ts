/**
 * The agent table's columns. Times come from timestamps in the state and the clock (`now`),
 * never from counting ticks: time in status, the wrap-up countdown, the interaction's duration.
 */
import type { AgentRow } from './agent-rows.js';
import { deviceDots, STATUS_LABELS } from './cells.js';
import { formatDuration, secondsBetween } from './format.js';
import type { Column, Segment } from './table-model.js';
import type { Theme } from './theme.js';

export interface AgentCellContext {
  theme: Theme;
  now: number;
  cursorId: string | null;
  /** Whether the interaction has a column of its own (else the detail column shows it). */
  interactionColumn: boolean;
}

function flags(row: AgentRow, ctx: AgentCellContext): Segment[] {
  const { symbols } = ctx.theme;
  const cursor: Segment =
    row.userId === ctx.cursorId ? { text: symbols.cursor, tone: 'accent' } : { text: ' ' };
  let mark: Segment = { text: ' ' };
  if (!row.session.allowed) mark = { text: symbols.notAllowed, tone: 'critical' };
  else if (!row.session.assigned) mark = { text: symbols.notAssigned, tone: 'warning' };
  return [cursor, mark];
}

function interactionText(row: AgentRow, now: number): string {
  const interaction = row.interaction;
  if (!interaction) return '';
  const started = interaction.answeredAt ?? interaction.queuedAt;
  return `${formatDuration(secondsBetween(started, now))} ${interaction.customer.name || interaction.customer.address}`;
}

function detail(row: AgentRow, ctx: AgentCellContext): Segment[] {
  const { session } = row;
  if (row.pending) return [{ text: `${ctx.theme.symbols.next} ${row.pending}`, tone: 'pending' }];
  switch (session.status) {
    case 'paused':
      return [{ text: row.pauseReason ?? '', tone: 'paused' }];
    case 'wrap_up': {
      const left =
        session.wrapUpEndsAt === null ? 0 : Math.ceil(Math.max(0, session.wrapUpEndsAt - ctx.now) / 1000);
      return [{ text: `ends in ${formatDuration(left)}`, tone: 'wrap_up' }];
    }
    case 'busy':
      return ctx.interactionColumn ? [] : [{ text: interactionText(row, ctx.now), tone: 'busy' }];
    case 'available':
      return [];
  }
}

export const AGENT_COLUMNS: readonly Column<AgentRow, AgentCellContext>[] = [
  { id: 'flags', header: '', min: 2, cell: flags },
  { id: 'name', header: 'Agent', min: 10, max: 28, grow: 2, cell: (row) => row.name },
  { id: 'extension', header: 'Ext', min: 4, max: 6, grow: 1, cell: (row) => row.extension },
  {
    id: 'status',
    header: 'Status',
    min: 7,
    cell: (row) => ({ text: STATUS_LABELS[row.session.status], tone: row.session.status }),
  },
  {
    id: 'time',
    header: 'Time',
    min: 5,
    max: 7,
    grow: 1,
    align: 'right',
    cell: (row, ctx) => formatDuration(secondsBetween(row.session.since, ctx.now)),
  },
  { id: 'detail', header: 'Detail', min: 10, max: 24, grow: 2, cell: detail },
  {
    id: 'interaction',
    header: 'Interaction',
    min: 14,
    max: 32,
    grow: 2,
    drop: 2,
    cell: (row, ctx) => ({ text: interactionText(row, ctx.now), tone: 'busy' }),
  },
  {
    id: 'devices',
    header: 'Dev',
    min: 3,
    max: 6,
    grow: 1,
    cell: (row, ctx) => deviceDots(ctx.theme, row.devices, 6),
  },
  {
    id: 'loggedIn',
    header: 'On for',
    min: 8,
    drop: 3,
    cell: (row, ctx) => ({
      text: formatDuration(secondsBetween(row.session.loggedInAt, ctx.now)),
      tone: 'muted',
    }),
  },
];
