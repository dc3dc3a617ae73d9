/**
 * The agent dashboard's table: one line per channel of the agent (their sessions, then the
 * channels they are assigned to, then those open to them unassigned), each section under a
 * heading. A row's status and time are what the supervisors see: ready here but busy in another
 * channel shows busy, since that interaction was answered.
 */
import { t } from '../../../i18n/index.js';
import type { AgentStatus } from '../../../protocol/index.js';
import { statusClock } from '../../agent-columns.js';
import { STATUS_LABELS } from '../../cells.js';
import { channelMarkColumn } from '../../channel-columns.js';
import { formatDuration, secondsBetween } from '../../format.js';
import type { Column, Segment } from '../../table-model.js';
import { fitSegments } from '../../table-model.js';
import type { Theme } from '../../theme.js';
import type { DashboardRow } from './dashboard-model.js';

export interface DashboardCellContext {
  theme: Theme;
  now: number;
  cursorId: string | null;
}

/** The status a row shows: ready here but on an interaction in another channel shows busy. */
function shownStatusOf(row: DashboardRow): AgentStatus | null {
  if (!row.session) return null;
  return row.elsewhere && row.session.status === 'available' ? 'busy' : row.session.status;
}

/** Seconds in the shown status: busy elsewhere, since that interaction was answered. */
function shownSeconds(row: DashboardRow, now: number): number {
  const session = row.session;
  if (!session) return 0;
  if (row.elsewhere && session.status === 'available') return secondsBetween(row.elsewhere.since, now);
  return secondsBetween(session.since, now);
}

/** ⊘ a session no longer allowed (unassigned logins were turned off), ◇ one without assignment. */
function markOf(row: DashboardRow, theme: Theme): Segment {
  const session = row.session;
  if (session && !session.allowed) return { text: theme.symbols.notAllowed, tone: 'critical' };
  if (session && !session.assigned) return { text: theme.symbols.notAssigned, tone: 'warning' };
  return { text: ' ' };
}

function detailOf(row: DashboardRow, now: number): Segment[] {
  const words = t();
  const session = row.session;
  if (!session) return [{ text: words.dashboard.notLoggedIn, tone: 'muted' }];
  const out: Segment[] = [];
  if (session.status === 'paused' && row.pauseReason) out.push({ text: row.pauseReason, tone: 'paused' });
  if (session.status === 'wrap_up') {
    const left = statusClock(session, now).left ?? 0;
    out.push({ text: words.detail.left(formatDuration(left)), tone: 'wrap_up' });
  }
  if (session.status === 'available' && row.elsewhere) {
    const seen = row.elsewhere.seen;
    if (!seen) out.push({ text: words.detail.busyElsewhere, tone: 'busy' });
    else {
      const customer = seen.interaction.customer;
      out.push({ text: words.detail.busyIn(seen.channelName), tone: 'busy' });
      out.push({ text: `  ${words.dashboard.onWith(customer.name || customer.address)}`, tone: 'busy' });
    }
  }
  if (session.status === 'busy' && row.interaction) {
    const customer = row.interaction.customer.name || row.interaction.customer.address;
    out.push({ text: words.dashboard.onWith(customer), tone: 'busy' });
  }
  if (row.pending)
    out.push({
      text: `${out.length > 0 ? '  ' : ''}${words.dashboard.pending(row.pending)}`,
      tone: 'pending',
    });
  return out;
}

/**
 * The columns, with their headers in the language of the moment, over the table's lines: a
 * heading or a note spans the table (`spanningLine`), so only a row's cells are ever asked for.
 */
export function dashboardColumns(): Column<DashboardLine, DashboardCellContext>[] {
  return rowColumns().map((column) => ({
    ...column,
    cell: (line, ctx) => (line.kind === 'row' ? column.cell(line.row, ctx) : ''),
  }));
}

function rowColumns(): Column<DashboardRow, DashboardCellContext>[] {
  const c = t().columns;
  return [
    channelMarkColumn('cursor', (ctx) => ctx.cursorId, ' '),
    { id: 'mark', header: '', min: 1, cell: (row, ctx) => markOf(row, ctx.theme) },
    {
      id: 'channel',
      header: c.channel,
      min: 12,
      ideal: 20,
      max: 32,
      grow: 2,
      cell: (row) => row.channel.name,
    },
    {
      id: 'kind',
      header: c.kind,
      min: 8,
      cell: (row) => ({ text: t().kinds[row.channel.kind], tone: 'muted' }),
    },
    {
      id: 'status',
      header: c.status,
      min: 10,
      cell: (row) => {
        const status = shownStatusOf(row);
        return status ? { text: STATUS_LABELS[status], tone: status } : '';
      },
    },
    {
      id: 'time',
      header: c.time,
      min: 7,
      align: 'right',
      cell: (row, ctx) => (row.session ? formatDuration(shownSeconds(row, ctx.now)) : ''),
    },
    {
      id: 'detail',
      header: c.detail,
      min: 14,
      ideal: 30,
      max: 60,
      grow: 3,
      cell: (row, ctx) => detailOf(row, ctx.now),
    },
  ];
}

/** A line of the dashboard's table: a section heading, a note in place of rows, or a row. */
export type DashboardLine =
  | { kind: 'heading' | 'note'; text: string }
  | { kind: 'row'; row: DashboardRow; index: number };

/** The rows under their section headings; with no session, the heading says so. */
export function dashboardLines(rows: readonly DashboardRow[]): DashboardLine[] {
  const words = t().dashboard;
  const titles: Record<DashboardRow['section'], string> = {
    sessions: words.sessions,
    assigned: words.assigned,
    unassigned: words.unassigned,
  };
  const lines: DashboardLine[] = [];
  let section: DashboardRow['section'] | null = null;
  if (!rows.some((r) => r.section === 'sessions')) {
    lines.push({ kind: 'heading', text: titles.sessions }, { kind: 'note', text: words.noSessions });
    section = 'sessions';
  }
  rows.forEach((row, index) => {
    if (row.section !== section) {
      section = row.section;
      lines.push({ kind: 'heading', text: titles[row.section] });
    }
    lines.push({ kind: 'row', row, index });
  });
  return lines;
}

export const dashboardLineKey = (line: DashboardLine): string =>
  line.kind === 'row' ? `r${line.row.channel.id}` : `${line.kind[0]}${line.text}`;

/** A heading or a note, across the whole table; undefined for a row (drawn by its cells). */
export function spanningLine(line: DashboardLine, width: number): Segment[] | undefined {
  if (line.kind === 'heading') return fitSegments([{ text: ` ${line.text}`, tone: 'heading' }], width);
  if (line.kind === 'note') return fitSegments([{ text: `   ${line.text}`, tone: 'muted' }], width);
  return undefined;
}
