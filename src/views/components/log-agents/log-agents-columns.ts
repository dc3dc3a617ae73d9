/**
 * The Log agents dialog's table: each person who may be logged in to the channel (the cursor
 * and selection marks, name, extension, roles, devices, whether already here), and under an
 * expanded person their devices, one line each.
 */
import { t } from '../../../i18n/index.js';
import { deviceDots } from '../../cells.js';
import type { Column } from '../../table-model.js';
import type { Theme } from '../../theme.js';
import type { PickerLine } from './log-agents-state.js';

export interface PickerCellContext {
  theme: Theme;
  cursorId: string | null;
  selected: readonly string[];
}

export const LOG_AGENTS_COLUMNS: readonly Column<PickerLine, PickerCellContext>[] = [
  {
    id: 'flags',
    header: '',
    min: 2,
    cell: (line, ctx) => {
      if (line.kind === 'device') return '';
      const id = line.candidate.user.id;
      return [
        id === ctx.cursorId ? { text: ctx.theme.symbols.cursor, tone: 'accent' } : { text: ' ' },
        ctx.selected.includes(id) ? { text: ctx.theme.symbols.selected, tone: 'accent' } : { text: ' ' },
      ];
    },
  },
  {
    id: 'name',
    get header() {
      return t().logAgents.name;
    },
    min: 16,
    ideal: 22,
    max: 30,
    grow: 3,
    cell: (line, ctx) => {
      if (line.kind === 'user')
        return { text: line.candidate.user.name, tone: line.candidate.selectable ? 'plain' : 'muted' };
      const { device } = line;
      return [
        { text: '  ' },
        device.active
          ? { text: ctx.theme.symbols.deviceActive, tone: 'deviceActive' }
          : { text: ctx.theme.symbols.deviceInactive, tone: 'deviceInactive' },
        { text: ` ${device.label}`, tone: device.active ? 'plain' : 'muted' },
      ];
    },
  },
  {
    id: 'extension',
    get header() {
      return t().columns.extension;
    },
    min: 5,
    cell: (line) => (line.kind === 'user' ? line.candidate.user.extension : ''),
  },
  {
    id: 'roles',
    get header() {
      return t().logAgents.roles;
    },
    min: 9,
    ideal: 15,
    grow: 1,
    cell: (line) =>
      line.kind === 'user'
        ? { text: line.candidate.user.roles.map((r) => t().logAgents.roleShort[r]).join('+'), tone: 'muted' }
        : {
            text: line.device.active ? t().logAgents.deviceActive : t().logAgents.deviceInactive,
            tone: line.device.active ? 'ok' : 'muted',
          },
  },
  {
    id: 'devices',
    get header() {
      return t().columns.devices;
    },
    min: 4,
    cell: (line, ctx) => (line.kind === 'user' ? deviceDots(ctx.theme, line.candidate.devices, 4) : ''),
  },
  {
    id: 'state',
    get header() {
      return t().logAgents.here;
    },
    min: 10,
    ideal: 16,
    grow: 1,
    cell: (line) =>
      line.kind === 'user' && line.candidate.mark
        ? { text: line.candidate.mark, tone: line.candidate.loggedIn ? 'available' : 'muted' }
        : '',
  },
];
