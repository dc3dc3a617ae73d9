import { Box } from 'ink';
import type { CenterState } from '../../domain/index.js';
import { t } from '../../i18n/index.js';
import type { ChatMessage, MonitorSession } from '../../protocol/index.js';
import { MONITOR_LABELS } from '../actions/agent-actions.js';
import { formatDuration, secondsBetween } from '../format.js';
import { displayKeys, hintsFor, monitorAbilities } from '../keymap.js';
import { fitSegments, type Segment } from '../table-model.js';
import { asciiKeys, useTheme } from '../theme.js';
import { Line } from './Line.js';

export interface MonitorBarProps {
  state: CenterState;
  monitor: MonitorSession;
  width: number;
  now: number;
  /** The bar has the keyboard (`m`): its keys are the modes'. */
  focused?: boolean;
}

/** Who is being monitored, on which interaction, in which mode, and the keys to switch or stop. */
export function MonitorBar({ state, monitor, width, now, focused = false }: MonitorBarProps) {
  const theme = useTheme();
  const agent = state.users.get(monitor.agentId)?.name ?? monitor.agentId;
  const interaction = state.interactions.get(monitor.interactionId);
  const channel = state.channels.get(monitor.channelId);
  const words = t();
  const customer = interaction
    ? interaction.customer.name || interaction.customer.address
    : words.confirm.theCustomer;
  const word = interaction?.kind === 'chat' ? words.interactionWords.chat : words.interactionWords.call;
  const abilities = new Set(monitorAbilities(monitor));
  const keys = focused
    ? hintsFor('monitor', abilities)
    : hintsFor('channels', abilities).filter(
        (h) => h.action === 'monitor.focus' || h.action === 'monitor.stop',
      );
  const segments: Segment[] = [
    { text: ` ${theme.symbols.monitor} ${words.monitor.bar} `, style: { inverse: true, bold: true } },
    { text: ` ${agent}`, tone: 'heading' },
    { text: ` · ${words.monitor.with(word, customer)} · ${channel?.name ?? monitor.channelId} · ` },
    {
      text: MONITOR_LABELS[monitor.mode].toLowerCase(),
      tone: monitor.mode === 'barge' ? 'warning' : 'accent',
    },
    { text: ` ${formatDuration(secondsBetween(monitor.since, now))}  `, tone: 'muted' },
    ...keys.flatMap((h): Segment[] => [
      { text: theme.ascii ? asciiKeys(displayKeys(h.keys)) : displayKeys(h.keys), tone: 'accent' },
      { text: ` ${h.label}  ` },
    ]),
  ];
  return <Line segments={fitSegments(segments, width)} highlight={focused ? 'selected' : undefined} />;
}

export interface TranscriptPanelProps {
  messages: readonly ChatMessage[];
  customer: string;
  agent: string;
  width: number;
  height: number;
}

/** The live chat transcript, newest at the bottom, as many lines as fit. */
export function TranscriptPanel({ messages, customer, agent, width, height }: TranscriptPanelProps) {
  const lines: Segment[][] = [];
  for (const m of messages) {
    const who = m.from === 'customer' ? customer : agent;
    lines.push([
      { text: ` ${who}: `, tone: m.from === 'customer' ? 'accent' : 'busy' },
      { text: m.text.replace(/\s+/g, ' ') },
    ]);
  }
  const shown = lines.slice(Math.max(0, lines.length - height));
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {shown.length === 0 ? (
        <Line segments={fitSegments([{ text: ` ${t().monitor.noMessage}`, tone: 'muted' }], width)} />
      ) : null}
      {shown.map((segments, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of a transcript tail
        <Line key={messages.length - shown.length + i} segments={fitSegments(segments, width)} />
      ))}
    </Box>
  );
}
