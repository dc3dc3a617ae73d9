/**
 * What the kiosk shows, as pure functions: which channels (a chosen set, or every channel of
 * the three kinds), which one is featured now (rotation by the clock, not by counting ticks),
 * and which thresholds were newly breached (for the bell).
 */
import { type AlertLevel, type CenterState, type ChannelKpis, worstLevel } from '../../../domain/index.js';
import type { ChannelKind } from '../../../protocol/index.js';
import { type ChannelRow, channelRow } from '../../channel-rows.js';

export interface KioskOptions {
  /** Seconds each channel is featured; 0: no rotation (the first channel stays featured). */
  rotateSeconds: number;
  /** Channel ids to show, in this order; empty or absent: every channel the token sees. */
  channels?: readonly string[];
  /** Ring the terminal bell when a threshold is newly breached. */
  bell?: boolean;
}

const KIND_ORDER: Record<ChannelKind, number> = { queue: 0, chat: 1, campaign: 2 };

/** The channels on the kiosk, with their KPIs and alert levels; the ids asked for that do not exist. */
export function kioskRows(
  state: CenterState,
  kpis: ReadonlyMap<string, ChannelKpis>,
  wanted: readonly string[] | undefined,
): { rows: ChannelRow[]; unknown: string[] } {
  const row = (id: string): ChannelRow | undefined => {
    const channel = state.channels.get(id);
    const k = kpis.get(id);
    if (!channel || !k) return undefined;
    return channelRow(channel, k);
  };
  if (wanted && wanted.length > 0) {
    const rows: ChannelRow[] = [];
    const unknown: string[] = [];
    for (const id of wanted) {
      const r = row(id);
      if (r) rows.push(r);
      else unknown.push(id);
    }
    return { rows, unknown };
  }
  const rows = [...state.channels.keys()].flatMap((id) => {
    const r = row(id);
    return r ? [r] : [];
  });
  rows.sort(
    (a, b) =>
      KIND_ORDER[a.channel.kind] - KIND_ORDER[b.channel.kind] ||
      a.channel.name.localeCompare(b.channel.name) ||
      a.channel.id.localeCompare(b.channel.id),
  );
  return { rows, unknown: [] };
}

/** Which of `count` channels is featured `now`, and the whole seconds until the next one. */
export function featured(
  startedAt: number,
  now: number,
  rotateSeconds: number,
  count: number,
): { index: number; nextIn: number } {
  if (count <= 0) return { index: 0, nextIn: 0 };
  if (rotateSeconds <= 0) return { index: 0, nextIn: 0 };
  const elapsed = Math.max(0, Math.floor((now - startedAt) / 1000));
  const turn = Math.floor(elapsed / rotateSeconds);
  return { index: turn % count, nextIn: rotateSeconds - (elapsed % rotateSeconds) };
}

/** A channel's worst alert level (waiting, longest wait, service level). */
export function rowLevel(row: ChannelRow): AlertLevel {
  return worstLevel(row.waitingLevel, worstLevel(row.waitLevel, row.serviceLevel));
}

const RANK: Record<AlertLevel, number> = { ok: 0, warning: 1, critical: 2 };

/** Channels whose level rose since `before` (a channel seen for the first time does not count). */
export function newBreaches(
  before: ReadonlyMap<string, AlertLevel>,
  after: ReadonlyMap<string, AlertLevel>,
): string[] {
  const raised: string[] = [];
  for (const [id, level] of after) {
    const was = before.get(id);
    if (was !== undefined && RANK[level] > RANK[was]) raised.push(id);
  }
  return raised;
}
