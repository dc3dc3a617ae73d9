import { Box } from 'ink';
import type { ErrorLine } from '../../client/store.js';
import type { Notice } from '../actions/overlay-state.js';
import { formatClock, textWidth } from '../format.js';
import { type Ability, hintsFor, type KeyContext } from '../keymap.js';
import { fitSegments, type Segment } from '../table-model.js';
import { type Theme, useTheme } from '../theme.js';
import { Line } from './Line.js';

/** The key hints of a context that fit in `width`; help and quit are kept to the last. */
export function hintSegments(
  context: KeyContext,
  width: number,
  abilities?: ReadonlySet<Ability>,
): Segment[] {
  const hints = hintsFor(context, abilities);
  const render = (list: typeof hints): Segment[] =>
    list.flatMap((h): Segment[] => [{ text: ` ${h.keys}`, tone: 'accent' }, { text: ` ${h.label} ` }]);
  const essential = (h: { label: string }) =>
    h.label === 'help' || h.label === 'quit' || h.label === 'close' || h.label === 'back';
  let list = hints;
  while (list.length > 0 && render(list).reduce((s, seg) => s + textWidth(seg.text), 0) > width) {
    const drop = list.findLastIndex((h) => !essential(h));
    if (drop < 0) break;
    list = list.filter((_, i) => i !== drop);
  }
  return fitSegments(render(list), width);
}

export function legendSegments(theme: Theme): Segment[] {
  const s = theme.symbols;
  return [
    { text: ` ${s.notAssigned}`, tone: 'warning' },
    { text: ' not assigned  ', tone: 'muted' },
    { text: s.notAllowed, tone: 'critical' },
    { text: ' no longer allowed  ', tone: 'muted' },
    { text: s.deviceActive, tone: 'deviceActive' },
    { text: ' device active  ', tone: 'muted' },
    { text: s.deviceInactive, tone: 'deviceInactive' },
    { text: ' inactive  ', tone: 'muted' },
    { text: `${s.warning} ${s.critical}`, tone: 'warning' },
    { text: ' past a threshold', tone: 'muted' },
  ];
}

export interface FooterProps {
  width: number;
  context: KeyContext;
  /** The latest problem, shown instead of the legend. */
  error: ErrorLine | undefined;
  linkError: string | null;
  /** The outcome of the last action, shown before problems and the legend. */
  notice?: Notice | null;
  abilities?: ReadonlySet<Ability>;
}

/** A message line (the latest problem, or the legend of the marks) and the key hints. */
export function Footer({ width, context, error, linkError, notice, abilities }: FooterProps) {
  const theme = useTheme();
  let message: Segment[];
  if (linkError) message = [{ text: ` ${theme.symbols.stale} ${linkError}`, tone: 'error' }];
  else if (notice)
    message = [
      {
        text: ` ${notice.text}`,
        tone: notice.tone === 'error' ? 'error' : notice.tone === 'ok' ? 'ok' : 'pending',
      },
    ];
  else if (error)
    message = [{ text: ` ${theme.symbols.stale} ${formatClock(error.at)} ${error.text}`, tone: 'error' }];
  else message = legendSegments(theme);
  return (
    <Box flexDirection="column" width={width}>
      <Line segments={fitSegments(message, width)} />
      <Line segments={hintSegments(context, width, abilities)} />
    </Box>
  );
}
