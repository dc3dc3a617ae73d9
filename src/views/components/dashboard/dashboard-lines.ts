/**
 * The agent dashboard's lines around its table: the devices under it, the line of the agent's
 * own keys (dimmed with the reason where the hub would refuse), and the pause reason picker.
 */
import { t } from '../../../i18n/index.js';
import type { Device } from '../../../protocol/index.js';
import { type ActionName, BINDINGS } from '../../keymap.js';
import { fitSegments, type Segment } from '../../table-model.js';
import { asciiKeys, type Theme } from '../../theme.js';
import type { SelfAction, SelfOption } from './dashboard-model.js';

/** The key action of each of the agent's own actions. */
export const SELF_KEYS: Readonly<Record<SelfAction, ActionName>> = {
  login: 'self.login',
  pause: 'self.pause',
  ready: 'self.ready',
  logout: 'self.logout',
  endWrapUp: 'self.endWrapUp',
};

const SELF_ACTIONS = new Map(Object.entries(SELF_KEYS).map(([self, key]) => [key, self as SelfAction]));

/** The agent's own action a key action means, if it is one. */
export const selfActionOf = (action: ActionName): SelfAction | undefined => SELF_ACTIONS.get(action);

/** The devices heading and the devices, active or not, on one line. */
export function deviceLines(devices: readonly Device[], theme: Theme, width: number): Segment[][] {
  const words = t().dashboard;
  const shown: Segment[] = devices.flatMap((d): Segment[] => [
    { text: '  ' },
    d.active
      ? { text: theme.symbols.deviceActive, tone: 'deviceActive' }
      : { text: theme.symbols.deviceInactive, tone: 'deviceInactive' },
    {
      text: ` ${d.label} (${d.active ? words.active : words.inactive})`,
      tone: d.active ? 'plain' : 'muted',
    },
  ]);
  return [
    fitSegments([{ text: ` ${words.devices}`, tone: 'heading' }], width),
    fitSegments(
      shown.length > 0 ? [{ text: ' ' }, ...shown] : [{ text: `   ${words.noDevices}`, tone: 'muted' }],
      width,
    ),
  ];
}

/** The keys of the actions on the row under the cursor; a refused one dimmed, with why. */
export function selfActionLine(options: readonly SelfOption[], theme: Theme, width: number): Segment[] {
  const line: Segment[] = [];
  for (const o of options) {
    const binding = BINDINGS.find((b) => b.action === SELF_KEYS[o.action]);
    const keys = (binding?.keys ?? '').replace('Enter', '⏎').replaceAll(' ', '/');
    line.push({
      text: ` ${theme.ascii ? asciiKeys(keys) : keys}`,
      tone: o.enabled ? 'accent' : 'muted',
    });
    line.push({
      text: ` ${t().keys[SELF_KEYS[o.action]].hint}`,
      tone: o.enabled ? 'plain' : 'muted',
    });
    if (!o.enabled && o.reason) line.push({ text: ` (${o.reason})`, tone: 'muted' });
    line.push({ text: ' ' });
  }
  return fitSegments(line, width);
}

/** The pause reasons to choose from for a channel, the one under the cursor inverse. */
export function pauseLines(
  channelName: string,
  choices: readonly { label: string; reason: string | null }[],
  index: number,
  theme: Theme,
  width: number,
): Segment[][] {
  const lines = [fitSegments([{ text: ` ${t().dashboard.pauseTitle(channelName)}`, tone: 'accent' }], width)];
  choices.forEach((c, i) => {
    const mark = i === index ? ` ${theme.symbols.cursor} ` : '   ';
    lines.push(
      fitSegments(
        [
          { text: mark, tone: 'accent' },
          {
            text: c.label,
            tone: c.reason ? 'muted' : 'plain',
            ...(i === index ? { style: { inverse: true } } : {}),
          },
          ...(c.reason ? [{ text: ` (${c.reason})`, tone: 'muted' as const }] : []),
        ],
        width,
      ),
    );
  });
  return lines;
}
