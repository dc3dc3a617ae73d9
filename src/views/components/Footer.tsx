import { Box } from 'ink';
import { memo } from 'react';
import type { Problem } from '../../client/problems.js';
import type { ErrorLine } from '../../client/store.js';
import { t } from '../../i18n/index.js';
import type { Notice } from '../actions/overlay-state.js';
import { formatClock, textWidth } from '../format.js';
import {
  type Ability,
  type ActionName,
  displayKeys,
  type Hint,
  hintsFor,
  type KeyContext,
} from '../keymap.js';
import { wordProblem } from '../problem-words.js';
import { fitSegments, type Segment } from '../table-model.js';
import { asciiKeys, type Theme, useTheme } from '../theme.js';

/** Hints kept to the last on a narrow footer. */
const ESSENTIAL: ReadonlySet<ActionName> = new Set<ActionName>([
  'help.toggle',
  'help.close',
  'app.quit',
  'dialog.close',
  'menu.back',
]);

import { Line } from './Line.js';

/** The key hints of a context that fit in `width`; help and quit are kept to the last. */
export function hintSegments(
  context: KeyContext,
  width: number,
  abilities?: ReadonlySet<Ability>,
  ascii = false,
): Segment[] {
  const hints = hintsFor(context, abilities);
  const render = (list: typeof hints): Segment[] =>
    list.flatMap((h): Segment[] => [
      { text: ` ${ascii ? asciiKeys(displayKeys(h.keys)) : displayKeys(h.keys)}`, tone: 'accent' },
      { text: ` ${h.label} ` },
    ]);
  const essential = (h: Hint) => ESSENTIAL.has(h.action);
  let list = hints;
  while (list.length > 0 && render(list).reduce((s, seg) => s + textWidth(seg.text), 0) > width) {
    const drop = list.findLastIndex((h) => !essential(h));
    if (drop < 0) break;
    list = list.filter((_, i) => i !== drop);
  }
  return fitSegments(render(list), width);
}

/** The session marks and the device dots, explained (the agent dashboard's whole legend). */
export function markLegendSegments(theme: Theme): Segment[] {
  const s = theme.symbols;
  const words = t().legend;
  return [
    { text: ` ${s.notAssigned}`, tone: 'warning' },
    { text: ` ${words.notAssigned}  `, tone: 'muted' },
    { text: s.notAllowed, tone: 'critical' },
    { text: ` ${words.notAllowed}  `, tone: 'muted' },
    { text: s.deviceActive, tone: 'deviceActive' },
    { text: ` ${words.deviceActive}  `, tone: 'muted' },
    { text: s.deviceInactive, tone: 'deviceInactive' },
    { text: ` ${words.deviceInactive}`, tone: 'muted' },
  ];
}

/** The board's legend: the marks and dots, then the threshold symbols. */
export function legendSegments(theme: Theme): Segment[] {
  const s = theme.symbols;
  return [
    ...markLegendSegments(theme),
    { text: '  ' },
    { text: `${s.warning} ${s.critical}`, tone: 'warning' },
    { text: ` ${t().legend.threshold}`, tone: 'muted' },
  ];
}

export interface FooterProps {
  width: number;
  context: KeyContext;
  /** The latest problem, shown instead of the legend. */
  error: ErrorLine | undefined;
  linkError: Problem | null;
  /** The outcome of the last action, shown before problems and the legend. */
  notice?: Notice | null;
  abilities?: ReadonlySet<Ability>;
  /** Replaces the legend when there is nothing else to say (the kiosk's own line). */
  legend?: Segment[];
}

/**
 * A message line (the latest problem, or the legend of the marks) and the key hints. Drawn again
 * only when one of its props changes: not on every publish of the board.
 */
export const Footer = memo(function Footer({
  width,
  context,
  error,
  linkError,
  notice,
  abilities,
  legend,
}: FooterProps) {
  const theme = useTheme();
  let message: Segment[];
  if (linkError) message = [{ text: ` ${theme.symbols.stale} ${wordProblem(linkError)}`, tone: 'error' }];
  else if (notice)
    message = [
      {
        text: ` ${notice.text}`,
        tone: notice.tone === 'error' ? 'error' : notice.tone === 'ok' ? 'ok' : 'pending',
      },
    ];
  else if (error)
    message = [
      {
        text: ` ${theme.symbols.stale} ${formatClock(error.at)} ${wordProblem(error.problem)}`,
        tone: 'error',
      },
    ];
  else message = legend ?? legendSegments(theme);
  return (
    <Box flexDirection="column" width={width}>
      <Line segments={fitSegments(message, width)} />
      <Line segments={hintSegments(context, width, abilities, theme.ascii)} />
    </Box>
  );
});
