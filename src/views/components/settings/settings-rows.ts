/**
 * The settings panel (`o`, admins) as pure functions: its rows (the org settings, whether
 * supervisors may end wrap-up early in each channel, the pause reasons and a row to add one),
 * the commands each row sends, and the words that say what came of them.
 */
import type { CenterState } from '../../../domain/index.js';
import { t } from '../../../i18n/index.js';
import type { Channel, ChannelKind, Command, OrgSettings, PauseReason } from '../../../protocol/index.js';
import type { RunItem } from '../../actions/run-item.js';
import { channelSettingText, settingText } from '../activity/activity-state.js';

export type SettingsRow =
  | { kind: 'heading'; key: string; text: string }
  | { kind: 'org'; key: string; setting: keyof OrgSettings }
  | { kind: 'channel'; key: string; channel: Channel }
  | { kind: 'reason'; key: string; reason: PauseReason }
  | { kind: 'add'; key: string };

/** The org settings, in the order the panel lists them. */
export const ORG_SETTINGS: readonly (keyof OrgSettings)[] = [
  'agentsMayLogInToUnassigned',
  'supervisorsLimitedToAssigned',
];

const KIND_ORDER: Record<ChannelKind, number> = { queue: 0, chat: 1, campaign: 2 };

export const reasonKey = (reasonId: string) => `reason ${reasonId}`;
export const ADD_KEY = 'add';

/** Every row, headings included: the organisation, the channels (queues, chats, campaigns), the reasons. */
export function settingsRows(state: CenterState): SettingsRow[] {
  const words = t().settings;
  const channels = [...state.channels.values()].sort(
    (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name),
  );
  return [
    { kind: 'heading', key: 'heading org', text: words.orgHeading },
    ...ORG_SETTINGS.map((setting): SettingsRow => ({ kind: 'org', key: `org ${setting}`, setting })),
    { kind: 'heading', key: 'heading channels', text: words.channels },
    ...channels.map((channel): SettingsRow => ({ kind: 'channel', key: `channel ${channel.id}`, channel })),
    { kind: 'heading', key: 'heading reasons', text: words.reasons },
    ...state.pauseReasons.map(
      (reason): SettingsRow => ({ kind: 'reason', key: reasonKey(reason.id), reason }),
    ),
    { kind: 'add', key: ADD_KEY },
  ];
}

/** How many agents are paused with a reason right now (those who keep it if it is retired). */
export function pausedWith(state: CenterState, reasonId: string): number {
  let n = 0;
  for (const session of state.sessions.values()) if (session.pauseReasonId === reasonId) n += 1;
  return n;
}

/**
 * A new reason's id, from its label as an admin types it: "Pause café" → "pause-cafe"; made
 * unique among the ids `taken` ("-2", "-3"…); "reason" when the label has no letter or digit
 * an id may hold.
 */
export function reasonIdFor(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 40)
      .replace(/^-+|-+$/g, '') || 'reason';
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  return id;
}

/** What a label field may hold: no control characters, at most 40 characters. */
export function cleanLabel(text: string): string {
  return [...text.replace(/\p{Cc}/gu, '')].slice(0, 40).join('');
}

/** A change to send, the report it goes under, and what to say once the hub accepts it. */
export interface SettingsChange {
  title: string;
  item: RunItem;
}

export function channelChange(channel: Channel, on: boolean): SettingsChange {
  const text = t().report.outcome(channel.name, channelSettingText(on));
  return {
    title: t().settings.channelSettings,
    item: {
      key: `channel ${channel.id}`,
      name: channel.name,
      command: { type: 'set_channel_settings', channelId: channel.id, supervisorsMayEndWrapUp: on },
      okText: text,
    },
  };
}

export function orgChange(setting: keyof OrgSettings, on: boolean): SettingsChange {
  const label = settingText(setting, on);
  const change: Partial<OrgSettings> = { [setting]: on };
  return {
    title: t().actions.orgSettings,
    item: { key: 'org', name: label, command: { type: 'set_org_settings', ...change }, okText: label },
  };
}

type ReasonCommand = Extract<
  Command,
  { type: 'add_pause_reason' | 'rename_pause_reason' | 'retire_pause_reason' | 'restore_pause_reason' }
>;

/** A pause reason command, named by the reason's label (for an addition: the new label). */
export function reasonChange(command: ReasonCommand, label: string): SettingsChange {
  return {
    title: t().settings.reasons,
    item: { key: `reason ${command.reasonId}`, name: label, command, okText: reasonDone(command, label) },
  };
}

function reasonDone(command: ReasonCommand, label: string): string {
  const words = t().settings;
  switch (command.type) {
    case 'add_pause_reason':
      return words.added(label);
    case 'rename_pause_reason':
      return words.renamed(words.quoted(label), words.quoted(command.label));
    case 'retire_pause_reason':
      return words.retiredDone(label);
    case 'restore_pause_reason':
      return words.restored(label);
  }
}
