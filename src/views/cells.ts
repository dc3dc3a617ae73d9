/** Cell pieces shared by the tables: alert levels, statuses, devices. */
import type { AlertLevel } from '../domain/index.js';
import { lazyRecord, t } from '../i18n/index.js';
import type { AgentStatus, Device } from '../protocol/index.js';
import type { Segment } from './table-model.js';
import type { Theme } from './theme.js';

/** The symbol of an alert level; ok shows none, so breaches stand out. */
export function levelSymbol(theme: Theme, level: AlertLevel): string {
  if (level === 'critical') return theme.symbols.critical;
  if (level === 'warning') return theme.symbols.warning;
  return ' ';
}

/** A value coloured by its alert level, followed by the level's symbol. */
export function levelCell(theme: Theme, text: string, level: AlertLevel): Segment[] {
  return [{ text: `${text} ${levelSymbol(theme, level)}`, tone: level }];
}

/**
 * A count coloured by its alert level and followed by the level's symbol (a space when ok, so
 * the digits line up); an ok count is plain, or dim when zero.
 */
export function countCell(theme: Theme, count: number, level: AlertLevel): Segment[] {
  const tone = level !== 'ok' ? level : count > 0 ? 'plain' : 'muted';
  return [{ text: `${count} ${levelSymbol(theme, level)}`, tone }];
}

export const STATUS_LABELS: Readonly<Record<AgentStatus, string>> = lazyRecord(() => t().status);

/** One dot per device: filled (green) when active, hollow (dim) when not. */
export function deviceDots(theme: Theme, devices: readonly Device[], room: number): Segment[] {
  const shown = devices.length > room ? devices.slice(0, Math.max(0, room - 2)) : devices;
  const segments: Segment[] = shown.map((d) =>
    d.active
      ? { text: theme.symbols.deviceActive, tone: 'deviceActive' }
      : { text: theme.symbols.deviceInactive, tone: 'deviceInactive' },
  );
  if (shown.length < devices.length)
    segments.push({ text: `+${devices.length - shown.length}`, tone: 'muted' });
  return segments;
}
