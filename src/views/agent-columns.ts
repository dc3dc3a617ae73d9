import { t } from '../i18n/index.js';
/**
 * The agent table's columns. Times come from timestamps in the state and the clock (`now`),
 * never from counting ticks: time in status, the wrap-up countdown, the interaction's duration.
 */
import type { AgentSession, Interaction } from '../protocol/index.js';
import { type AgentRow, shownSince, shownStatus } from './agent-rows.js';
import { deviceDots, STATUS_LABELS } from './cells.js';
import { formatDuration, formatShortDuration, secondsBetween, textWidth } from './format.js';
import type { Column, Segment } from './table-model.js';
import type { Theme } from './theme.js';

export interface AgentCellContext {
  theme: Theme;
  now: number;
  cursorId: string | null;
  /** Agents selected with Space. */
  selected?: ReadonlySet<string>;
  /** Whether the interaction has a column of its own (else the detail column shows it). */
  interactionColumn: boolean;
  /** Width of the time column: below 7, an hour or more shows as 1h02. */
  timeWidth: number;
}

function flags(row: AgentRow, ctx: AgentCellContext): Segment[] {
  const { symbols } = ctx.theme;
  const cursor: Segment =
    row.userId === ctx.cursorId ? { text: symbols.cursor, tone: 'accent' } : { text: ' ' };
  const chosen: Segment = ctx.selected?.has(row.userId)
    ? { text: symbols.selected, tone: 'accent' }
    : { text: ' ' };
  let mark: Segment = { text: ' ' };
  if (!row.session.allowed) mark = { text: symbols.notAllowed, tone: 'critical' };
  else if (!row.session.assigned) mark = { text: symbols.notAssigned, tone: 'warning' };
  return [cursor, chosen, mark];
}

/**
 * Whole seconds in status, and in wrap-up the whole seconds left, both from the same count:
 * elapsed + left is the wrap-up's length for as long as it runs (a clock a little behind the
 * hub's shows 0:00 and 0:30 left, never 0:31 left). Past its end, until the hub ends it, the
 * time keeps counting with 0:00 left.
 */
export function statusClock(
  session: Pick<AgentSession, 'status' | 'since' | 'wrapUpEndsAt'>,
  now: number,
): { elapsed: number; left: number | null } {
  const elapsed = secondsBetween(session.since, now);
  if (session.status !== 'wrap_up') return { elapsed, left: null };
  if (session.wrapUpEndsAt === null) return { elapsed, left: 0 };
  const length = Math.max(0, Math.round((session.wrapUpEndsAt - session.since) / 1000));
  return { elapsed, left: Math.max(0, length - elapsed) };
}

/** The widest status word of the language in use (the status column's comfortable width). */
export function statusWordWidth(): number {
  const words = Object.values(t().status);
  return Math.max(...words.map(textWidth));
}

const statusColumnWidth = (): number => Math.max(7, textWidth(t().columns.status), statusWordWidth());

const customerOf = (interaction: Interaction): string =>
  interaction.customer.name || interaction.customer.address;

/** The interaction's duration (since it was answered), then who it is with. */
function interactionText(row: AgentRow, now: number): string {
  const interaction = row.interaction ?? row.elsewhere?.seen?.interaction;
  if (!interaction) return '';
  const started = interaction.answeredAt ?? interaction.queuedAt;
  return `${formatDuration(secondsBetween(started, now))} ${customerOf(interaction)}`;
}

function detail(row: AgentRow, ctx: AgentCellContext): Segment[] {
  const { session } = row;
  if (row.inFlight) return [{ text: `${ctx.theme.symbols.inFlight} ${row.inFlight}`, tone: 'pending' }];
  if (row.pending) return [{ text: `${ctx.theme.symbols.next} ${row.pending}`, tone: 'pending' }];
  switch (session.status) {
    case 'paused':
      return [{ text: row.pauseReason ?? '', tone: 'paused' }];
    case 'wrap_up': {
      const left = statusClock(session, ctx.now).left ?? 0;
      return [{ text: t().detail.left(formatDuration(left)), tone: 'wrap_up' }];
    }
    case 'busy':
      // The time column already shows how long the agent has been on it.
      if (ctx.interactionColumn || !row.interaction) return [];
      return [{ text: customerOf(row.interaction), tone: 'busy' }];
    case 'available':
      if (!row.elsewhere) return [];
      return [
        {
          text: row.elsewhere.seen
            ? t().detail.busyIn(row.elsewhere.seen.channelName)
            : t().detail.busyElsewhere,
          tone: 'busy',
        },
      ];
  }
}

export const AGENT_COLUMNS: readonly Column<AgentRow, AgentCellContext>[] = [
  { id: 'flags', header: '', min: 3, timeless: true, cell: flags },
  {
    id: 'name',
    get header() {
      return t().columns.agent;
    },
    min: 10,
    ideal: 16,
    fill: 1,
    max: 28,
    grow: 3,
    timeless: true,
    cell: (row) => row.name,
  },
  {
    id: 'extension',
    get header() {
      return t().columns.extension;
    },
    min: 4,
    ideal: 5,
    fill: 4,
    max: 8,
    grow: 1,
    timeless: true,
    cell: (row) => row.extension,
  },
  {
    id: 'status',
    get header() {
      return t().columns.status;
    },
    // Wide enough for every status word of the language ("conclusion", "en pause"), at every
    // width: a status is never cut (the detail gives way).
    get min() {
      return statusColumnWidth();
    },
    get ideal() {
      return statusColumnWidth();
    },
    fill: 0,
    timeless: true,
    cell: (row) => {
      const status = shownStatus(row);
      return { text: STATUS_LABELS[status], tone: status };
    },
  },
  {
    id: 'time',
    get header() {
      return t().columns.time;
    },
    min: 5,
    ideal: 7,
    fill: 2,
    align: 'right',
    cell: (row, ctx) => {
      const seconds = secondsBetween(shownSince(row), ctx.now);
      return ctx.timeWidth < 7 ? formatShortDuration(seconds) : formatDuration(seconds);
    },
  },
  {
    id: 'detail',
    get header() {
      return t().columns.detail;
    },
    min: 8,
    ideal: 17,
    fill: 3,
    max: 30,
    grow: 3,
    cell: detail,
  },
  {
    id: 'interaction',
    get header() {
      return t().columns.interaction;
    },
    min: 14,
    // Longer status words (French "conclusion") take their extra width from here, so the
    // interaction still shows from the same terminal width in every language.
    get ideal() {
      return Math.max(14, 17 - (statusColumnWidth() - 7));
    },
    max: 36,
    grow: 2,
    drop: 2,
    cell: (row, ctx) => ({ text: interactionText(row, ctx.now), tone: 'busy' }),
  },
  {
    id: 'devices',
    get header() {
      return t().columns.devices;
    },
    min: 3,
    ideal: 4,
    max: 6,
    grow: 1,
    timeless: true,
    cell: (row, ctx) => deviceDots(ctx.theme, row.devices, 6),
  },
  {
    id: 'loggedIn',
    get header() {
      return t().columns.loggedIn;
    },
    min: 7,
    drop: 3,
    align: 'right',
    cell: (row, ctx) => ({
      text: formatDuration(secondsBetween(row.session.loggedInAt, ctx.now)),
      tone: 'muted',
    }),
  },
];
