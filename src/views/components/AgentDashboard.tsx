import { Box, useInput, useWindowSize } from 'ink';
import { type ReactNode, useCallback, useMemo, useReducer, useState } from 'react';
import { type Actor, pairKey } from '../../domain/index.js';
import { t } from '../../i18n/index.js';
import type { AgentStatus } from '../../protocol/index.js';
import { INITIAL_OVERLAYS, overlayReducer, type RunItem } from '../actions/overlay-state.js';
import { statusClock } from '../agent-columns.js';
import { STATUS_LABELS } from '../cells.js';
import {
  type DashboardRow,
  dashboardOf,
  pauseChoices,
  type SelfAction,
  type SelfOption,
  selfCommand,
  selfOptions,
} from '../dashboard-model.js';
import { formatClock, formatDuration, secondsBetween } from '../format.js';
import { type ActionPort, useActionRunner } from '../hooks/use-action-runner.js';
import { useNow } from '../hooks/use-now.js';
import { type StoreSource, useWallboardSnapshot } from '../hooks/use-store.js';
import { type Ability, type ActionName, BINDINGS, type KeyContext, matchAction } from '../keymap.js';
import { MIN_COLUMNS, MIN_ROWS } from '../layout.js';
import { cursorMoveOf, moveCursor, scrollOffset } from '../scroll.js';
import {
  type Column,
  fitSegments,
  headerSegments,
  layoutTable,
  rowSegments,
  type Segment,
  staleSegments,
} from '../table-model.js';
import { asciiKeys, createTheme, type Theme, ThemeContext, useTheme } from '../theme.js';
import { Footer, markLegendSegments } from './Footer.js';
import { connectionSegments, spread, who } from './Header.js';
import { HelpOverlay } from './HelpOverlay.js';
import { HubDegradedLine } from './HubDegradedBanner.js';
import { Line } from './Line.js';
import { TooSmall } from './TooSmall.js';
import type { ExitReason } from './WallboardApp.js';

export interface AgentDashboardProps {
  store: StoreSource;
  hubLabel: string;
  theme?: Theme;
  clock?: () => number;
  tickMs?: number;
  onExit(reason: ExitReason): void;
  /** Commands to the hub; without them the dashboard only watches. */
  actions?: ActionPort;
}

const DEFAULT_THEME = createTheme();

/** The agent's own dashboard: their channels and devices, and keys to manage their own status. */
export function AgentDashboard(props: AgentDashboardProps) {
  return (
    <ThemeContext.Provider value={props.theme ?? DEFAULT_THEME}>
      <Dashboard {...props} />
    </ThemeContext.Provider>
  );
}

interface RowContext {
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

function columnsOf(): Column<DashboardRow, RowContext>[] {
  const c = t().columns;
  return [
    {
      id: 'cursor',
      header: '',
      min: 2,
      cell: (row, ctx) =>
        row.channel.id === ctx.cursorId ? { text: ` ${ctx.theme.symbols.cursor}`, tone: 'accent' } : '  ',
    },
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

const ACTION_OF: Record<SelfAction, ActionName> = {
  login: 'self.login',
  pause: 'self.pause',
  ready: 'self.ready',
  logout: 'self.logout',
  endWrapUp: 'self.endWrapUp',
};

const SELF: ReadonlySet<Ability> = new Set<Ability>(['self']);
const NONE: ReadonlySet<Ability> = new Set<Ability>();

function Dashboard({
  store,
  hubLabel,
  clock = Date.now,
  tickMs = 1000,
  onExit,
  actions,
}: AgentDashboardProps) {
  const theme = useTheme();
  const { columns, rows } = useWindowSize();
  const snapshot = useWallboardSnapshot(store);
  const now = useNow(clock, tickMs, store);
  const { state, welcome, connection } = snapshot;
  const [cursorId, setCursorId] = useState<string | null>(null);
  /** The help is shown, for the keys of this context (the dashboard or the pause reasons). */
  const [help, setHelp] = useState<KeyContext | null>(null);
  const [picker, setPicker] = useState<{ channelId: string; index: number } | null>(null);
  const [acts, actDispatch] = useReducer(overlayReducer, INITIAL_OVERLAYS);
  const run = useActionRunner(actions, actDispatch);
  const actor: Actor | null = useMemo(
    () => (welcome ? { user: welcome.user, readOnly: welcome.permissions.readOnly } : null),
    [welcome],
  );
  const abilities = actions && actor && !actor.readOnly ? SELF : NONE;
  const dashboard = useMemo(
    () => (state && actor ? dashboardOf(state, actor.user.id) : { rows: [], devices: [] }),
    [state, actor],
  );
  const index = Math.max(
    0,
    dashboard.rows.findIndex((r) => r.channel.id === cursorId),
  );
  const row = dashboard.rows[index];
  const options: SelfOption[] = useMemo(
    () => (state && actor && row ? selfOptions(state, actor, row, now, snapshot.source) : []),
    [state, actor, row, now, snapshot.source],
  );
  const choices = useMemo(
    () =>
      state && actor && picker ? pauseChoices(state, actor, picker.channelId, now, snapshot.source) : [],
    [state, actor, picker, now, snapshot.source],
  );

  const send = useCallback(
    (action: SelfAction, target: DashboardRow, reasonId?: string) => {
      if (!actor || !state) return;
      const words = t();
      const channelName = target.channel.name;
      const label =
        action === 'pause'
          ? words.actions.pauseWith(
              state.pauseReasons.find((r) => r.id === reasonId)?.label ?? reasonId ?? '',
            )
          : words.keys[ACTION_OF[action]].help;
      const busy = state.sessions.get(pairKey(target.channel.id, actor.user.id))?.interactionId != null;
      const waits = (action === 'logout' || action === 'pause') && busy;
      const item: RunItem = {
        key: target.channel.id,
        name: channelName,
        command: selfCommand(action, target.channel.id, actor.user.id, reasonId),
        okText: waits
          ? words.actions.pendingUntilEnd(channelName, action === 'logout')
          : words.actions.done(channelName),
      };
      run(label, [item], false);
    },
    [actor, state, run],
  );

  const attempt = useCallback(
    (action: SelfAction) => {
      if (!row) return;
      const option = options.find((o) => o.action === action);
      const label = t().keys[ACTION_OF[action]].help;
      if (!option) return;
      if (!option.enabled) {
        actDispatch({
          type: 'notice',
          notice: { tone: 'error', text: t().dashboard.why(label, option.reason ?? '') },
        });
        return;
      }
      if (action === 'pause') {
        setPicker({ channelId: row.channel.id, index: 0 });
        return;
      }
      send(action, row);
    },
    [row, options, send],
  );

  const context: KeyContext = help ? 'help' : picker ? 'menu' : 'dashboard';
  const under: KeyContext = picker ? 'menu' : 'dashboard';
  useInput(
    (input, key) => {
      const action = matchAction(context, input, key, abilities);
      if (!action) return;
      // In the help, the cursor keys scroll it (the help reads them).
      if (help && cursorMoveOf(action)) return;
      switch (action) {
        case 'cursor.up':
        case 'cursor.down': {
          const move = action === 'cursor.up' ? 'up' : 'down';
          if (picker) {
            setPicker({ ...picker, index: moveCursor(picker.index, move, choices.length, 1) });
            return;
          }
          const next = dashboard.rows[moveCursor(index, move, dashboard.rows.length, 1)];
          if (next) setCursorId(next.channel.id);
          return;
        }
        case 'menu.choose': {
          const choice = choices[picker?.index ?? 0];
          const target = dashboard.rows.find((r) => r.channel.id === picker?.channelId);
          if (!choice || !target) return;
          if (choice.reason) {
            actDispatch({
              type: 'notice',
              notice: { tone: 'error', text: t().dashboard.why(choice.label, choice.reason) },
            });
            return;
          }
          setPicker(null);
          send('pause', target, choice.id);
          return;
        }
        case 'menu.back':
          setPicker(null);
          return;
        case 'self.login':
          return attempt('login');
        case 'self.pause':
          return attempt('pause');
        case 'self.ready':
          return attempt('ready');
        case 'self.logout':
          return attempt('logout');
        case 'self.endWrapUp':
          return attempt('endWrapUp');
        case 'help.toggle':
          return setHelp((h) => (h ? null : under));
        case 'help.close':
          return setHelp(null);
        case 'app.quit':
          return onExit('quit');
        case 'app.interrupt':
          return onExit('interrupt');
        default:
          return;
      }
    },
    { isActive: true },
  );

  const table = useMemo(() => layoutTable(columnsOf(), columns), [columns]);

  if (columns < MIN_COLUMNS || rows < MIN_ROWS) return <TooSmall columns={columns} rows={rows} />;

  const words = t();
  const title: Segment[] = [
    { text: ` ${words.app.name} `, tone: 'accent' },
    { text: ` ${words.app.dashboard}`, tone: 'heading' },
    { text: `  ${who(welcome)}` },
    { text: `  ${words.header.hub(hubLabel)}`, tone: 'muted' },
  ];
  const right: Segment[] = [
    ...connectionSegments(theme, connection, snapshot.hubDegradedSince),
    { text: `  ${formatClock(now)} ` },
  ];

  const footerRows = 2;
  const actionRows = 1;
  const body = rows - 1 - footerRows - actionRows;

  // Body lines: a heading per section, the rows, then the devices.
  // While the link is down (or the hub cannot save) the rows stay, dimmed, and their clocks stop
  // at the last live moment.
  const degradedSince = snapshot.hubDegradedSince;
  const staleSince = connection.status !== 'live' ? connection.staleSince : degradedSince;
  const ctx: RowContext = { theme, now: staleSince ?? now, cursorId: row?.channel.id ?? null };
  const lines: { segments: Segment[]; rowIndex: number | null; highlight: boolean }[] = [];
  const heading = (text: string) =>
    lines.push({
      segments: fitSegments([{ text: ` ${text}`, tone: 'heading' }], columns),
      rowIndex: null,
      highlight: false,
    });
  const sectionTitles: Record<DashboardRow['section'], string> = {
    sessions: words.dashboard.sessions,
    assigned: words.dashboard.assigned,
    unassigned: words.dashboard.unassigned,
  };
  let section: DashboardRow['section'] | null = null;
  if (!state)
    lines.push({
      segments: fitSegments([{ text: ` ${words.lists.waitingForHub}`, tone: 'muted' }], columns),
      rowIndex: null,
      highlight: false,
    });
  else {
    if (!dashboard.rows.some((r) => r.section === 'sessions')) {
      heading(sectionTitles.sessions);
      lines.push({
        segments: fitSegments([{ text: `   ${words.dashboard.noSessions}`, tone: 'muted' }], columns),
        rowIndex: null,
        highlight: false,
      });
      section = 'sessions';
    }
    dashboard.rows.forEach((r, i) => {
      if (r.section !== section) {
        section = r.section;
        heading(sectionTitles[r.section]);
      }
      const segments = rowSegments(table, r, ctx, theme.symbols.ellipsis);
      lines.push({
        segments: staleSince === null ? segments : staleSegments(segments),
        rowIndex: i,
        highlight: i === index,
      });
    });
  }
  const deviceLines: Segment[][] = [];
  if (state) {
    const devices: Segment[] = dashboard.devices.flatMap((d): Segment[] => [
      { text: '  ' },
      d.active
        ? { text: theme.symbols.deviceActive, tone: 'deviceActive' }
        : { text: theme.symbols.deviceInactive, tone: 'deviceInactive' },
      {
        text: ` ${d.label} (${d.active ? words.dashboard.active : words.dashboard.inactive})`,
        tone: d.active ? 'plain' : 'muted',
      },
    ]);
    deviceLines.push(fitSegments([{ text: ` ${words.dashboard.devices}`, tone: 'heading' }], columns));
    deviceLines.push(
      fitSegments(
        devices.length > 0
          ? [{ text: ' ' }, ...devices]
          : [{ text: `   ${words.dashboard.noDevices}`, tone: 'muted' }],
        columns,
      ),
    );
  }
  const listRoom = Math.max(1, body - deviceLines.length - 1 - (degradedSince === null ? 0 : 1));
  const header = headerSegments(table);
  const cursorLine = Math.max(
    0,
    lines.findIndex((l) => l.highlight),
  );
  const offset = scrollOffset(0, cursorLine, listRoom, lines.length);
  const visible = lines.slice(offset, offset + listRoom);

  const actionLine: Segment[] = [];
  for (const o of options) {
    const binding = BINDINGS.find((b) => b.action === ACTION_OF[o.action]);
    const keys = (binding?.keys ?? '').replace('Enter', '⏎').replaceAll(' ', '/');
    actionLine.push({
      text: ` ${theme.ascii ? asciiKeys(keys) : keys}`,
      tone: o.enabled ? 'accent' : 'muted',
    });
    actionLine.push({
      text: ` ${words.keys[ACTION_OF[o.action]].hint}`,
      tone: o.enabled ? 'plain' : 'muted',
    });
    if (!o.enabled && o.reason) actionLine.push({ text: ` (${o.reason})`, tone: 'muted' });
    actionLine.push({ text: ' ' });
  }

  let main: ReactNode;
  if (help) {
    main = (
      <HelpOverlay
        width={columns}
        height={body + actionRows}
        abilities={abilities}
        contexts={[help]}
        isActive
      />
    );
  } else if (picker) {
    const channelName = state?.channels.get(picker.channelId)?.name ?? picker.channelId;
    const pickerLines: Segment[][] = [
      fitSegments([{ text: ` ${words.dashboard.pauseTitle(channelName)}`, tone: 'accent' }], columns),
    ];
    choices.forEach((c, i) => {
      const mark = i === picker.index ? ` ${theme.symbols.cursor} ` : '   ';
      pickerLines.push(
        fitSegments(
          [
            { text: mark, tone: 'accent' },
            {
              text: c.label,
              tone: c.reason ? 'muted' : 'plain',
              ...(i === picker.index ? { style: { inverse: true } } : {}),
            },
            ...(c.reason ? [{ text: ` (${c.reason})`, tone: 'muted' as const }] : []),
          ],
          columns,
        ),
      );
    });
    main = (
      <Box flexDirection="column" height={body + actionRows} overflow="hidden">
        {pickerLines.slice(0, body + actionRows).map((segments, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed lines
          <Line key={i} segments={segments} />
        ))}
      </Box>
    );
  } else {
    main = (
      <Box flexDirection="column" height={body + actionRows} overflow="hidden">
        {degradedSince === null ? null : <HubDegradedLine width={columns} since={degradedSince} />}
        <Line segments={header} />
        {visible.map((l) => (
          <Line
            key={l.rowIndex === null ? `h${textOf(l.segments)}` : `r${l.rowIndex}`}
            segments={l.segments}
            highlight={l.highlight ? 'cursor' : undefined}
          />
        ))}
        <Box height={Math.max(0, listRoom - visible.length)} />
        {deviceLines.map((segments, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed lines
          <Line key={`d${i}`} segments={segments} />
        ))}
        <Line segments={fitSegments(actionLine, columns)} />
      </Box>
    );
  }

  return (
    <Box flexDirection="column" width={columns} height={rows} overflow="hidden">
      <Line segments={spread(title, right, columns)} />
      {main}
      <Footer
        width={columns}
        context={context}
        error={snapshot.errors[snapshot.errors.length - 1]}
        linkError={connection.status === 'live' ? null : connection.lastError}
        notice={acts.notice}
        abilities={abilities}
        legend={markLegendSegments(theme)}
      />
    </Box>
  );
}

const textOf = (segments: readonly Segment[]) => segments.map((s) => s.text).join('');
