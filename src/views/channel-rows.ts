/** The channels of one kind as the left pane lists them, with their KPIs and alert levels. */
import {
  type AlertLevel,
  type CenterState,
  type ChannelKpis,
  longestWaitLevel,
  serviceLevelLevel,
  waitingLevel,
} from '../domain/index.js';
import { lazyRecord, t } from '../i18n/index.js';
import type { Channel, ChannelKind } from '../protocol/index.js';

export interface ChannelRow {
  channel: Channel;
  kpis: ChannelKpis;
  /** The number waiting, judged by the channel's `waitingAlert` (ok when it has none). */
  waitingLevel: AlertLevel;
  /** The longest wait, judged by `longestWaitAlert`. */
  waitLevel: AlertLevel;
  serviceLevel: AlertLevel;
}

/** The order of `localeCompare` (the default locale's), without making it anew for each comparison. */
const byName = new Intl.Collator();

/** Each channel's last row, by the KPIs it was made with. */
const rowByKpis = new WeakMap<ChannelKpis, ChannelRow>();

export function channelRows(
  state: CenterState,
  kind: ChannelKind,
  kpis: ReadonlyMap<string, ChannelKpis>,
): ChannelRow[] {
  const rows: ChannelRow[] = [];
  for (const channel of state.channels.values()) {
    if (channel.kind !== kind) continue;
    const k = kpis.get(channel.id);
    if (!k) continue;
    // The same channel with the same KPIs (kept across ticks and publishes): the same row.
    const last = rowByKpis.get(k);
    const row = last?.channel === channel ? last : channelRow(channel, k);
    rowByKpis.set(k, row);
    rows.push(row);
  }
  return rows.sort(
    (a, b) => byName.compare(a.channel.name, b.channel.name) || byName.compare(a.channel.id, b.channel.id),
  );
}

/** A channel with its KPIs judged against its thresholds. */
export function channelRow(channel: Channel, kpis: ChannelKpis): ChannelRow {
  return {
    channel,
    kpis,
    waitingLevel: waitingLevel(channel, kpis.waiting),
    waitLevel: longestWaitLevel(channel, kpis.longestWaitSeconds),
    serviceLevel: serviceLevelLevel(channel, kpis.serviceLevel),
  };
}

export const PANE_KINDS: readonly ChannelKind[] = ['queue', 'chat', 'campaign'];
export const PANE_TITLES: Readonly<Record<ChannelKind, string>> = lazyRecord(() => t().panes);
