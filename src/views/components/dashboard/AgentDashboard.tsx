import { Box, useInput, useWindowSize } from 'ink';
import { type ReactNode, useCallback, useMemo, useReducer, useState } from 'react';
import { type Actor, pairKey } from '../../../domain/index.js';
import { t } from '../../../i18n/index.js';
import { INITIAL_OVERLAYS, overlayReducer, type RunItem } from '../../actions/overlay-state.js';
import { formatClock } from '../../format.js';
import { type ActionPort, useActionRunner } from '../../hooks/use-action-runner.js';
import { useNow } from '../../hooks/use-now.js';
import { useWallboardSnapshot } from '../../hooks/use-store.js';
import { type Ability, type KeyContext, matchAction } from '../../keymap.js';
import { MIN_COLUMNS, MIN_ROWS } from '../../layout.js';
import { cursorAfter, cursorMoveOf } from '../../scroll.js';
import { fitSegments, type Segment } from '../../table-model.js';
import { useTheme } from '../../theme.js';
import { Footer, markLegendSegments } from '../Footer.js';
import { connectionSegments, spread, who } from '../Header.js';
import { HelpOverlay } from '../HelpOverlay.js';
import { HubDegradedLine } from '../HubDegradedBanner.js';
import { Line } from '../Line.js';
import type { ScreenProps } from '../screen-props.js';
import { withTheme } from '../ThemeProvider.js';
import { TooSmall } from '../TooSmall.js';
import { emptyLine, TablePane, useTableLayout } from '../table-pane/TablePane.js';
import {
  type DashboardCellContext,
  dashboardColumns,
  dashboardLineKey,
  dashboardLines,
  spanningLine,
} from './dashboard-columns.js';
import { deviceLines, pauseLines, SELF_KEYS, selfActionLine, selfActionOf } from './dashboard-lines.js';
import {
  type DashboardRow,
  dashboardOf,
  pauseChoices,
  type SelfAction,
  type SelfOption,
  selfCommand,
  selfOptions,
} from './dashboard-model.js';

export interface AgentDashboardProps extends ScreenProps {
  /** Commands to the hub; without them the dashboard only watches. */
  actions?: ActionPort;
}

/** The agent's own dashboard: their channels and devices, and keys to manage their own status. */
export const AgentDashboard = withTheme(Dashboard);

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
          : words.keys[SELF_KEYS[action]].help;
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
      const label = t().keys[SELF_KEYS[action]].help;
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
      const self = selfActionOf(action);
      if (self) return attempt(self);
      switch (action) {
        case 'cursor.up':
        case 'cursor.down': {
          if (picker) {
            setPicker({ ...picker, index: cursorAfter(action, picker.index, choices.length, 1) ?? 0 });
            return;
          }
          const next = dashboard.rows[cursorAfter(action, index, dashboard.rows.length, 1) ?? 0];
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

  const tableColumns = useMemo(() => dashboardColumns(), []);
  const table = useTableLayout(tableColumns, columns);
  const lines = useMemo(() => (state ? dashboardLines(dashboard.rows) : []), [state, dashboard.rows]);

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

  // While the link is down (or the hub cannot save) the rows stay, dimmed, and their clocks stop
  // at the last live moment.
  const degradedSince = snapshot.hubDegradedSince;
  const staleSince = connection.status !== 'live' ? connection.staleSince : degradedSince;
  const cells: DashboardCellContext = { theme, now: staleSince ?? now, cursorId: row?.channel.id ?? null };
  const devices = state ? deviceLines(dashboard.devices, theme, columns) : [];
  const listRoom = Math.max(1, body - devices.length - 1 - (degradedSince === null ? 0 : 1));

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
    const pickerLines = pauseLines(channelName, choices, picker.index, theme, columns);
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
        <TablePane
          layout={table}
          height={listRoom + 1}
          rows={lines}
          context={cells}
          keyOf={dashboardLineKey}
          cursor={lines.findIndex((l) => l.kind === 'row' && l.index === index)}
          cursorHighlight="cursor"
          stale={staleSince !== null}
          empty={fitSegments(emptyLine(words.lists.waitingForHub), columns)}
          spanning={(line) => (line.kind === 'row' ? undefined : spanningLine(line, columns))}
        />
        {devices.map((segments, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed lines
          <Line key={`d${i}`} segments={segments} />
        ))}
        <Line segments={selfActionLine(options, theme, columns)} />
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
