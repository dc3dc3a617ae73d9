import { Text } from 'ink';
import { memo } from 'react';
import { styledText } from '../styled-text.js';
import { mergeSegments, type Segment, safeSegments, sameSegments, segmentStyle } from '../table-model.js';
import { asciiFallback, useTheme } from '../theme.js';

export type Highlight = 'cursor' | 'selected' | undefined;

interface LineProps {
  segments: readonly Segment[];
  /** cursor: inverse (the focused list); selected: bold (the other list's choice). */
  highlight?: Highlight;
}

/**
 * One pre-padded line of styled segments: a single Ink <Text> holding one styled string,
 * memoised on what it shows. Its text is made safe for a terminal here too (for lines not built
 * by `fitSegments`); on an ASCII terminal, symbols left in the text get same-width ASCII stand-ins.
 */
function LineView({ segments, highlight }: LineProps) {
  const theme = useTheme();
  const text = mergeSegments(safeSegments(segments))
    .map((segment) =>
      styledText(theme.ascii ? asciiFallback(segment.text) : segment.text, segmentStyle(theme, segment)),
    )
    .join('');
  return (
    <Text wrap="truncate" inverse={highlight === 'cursor'} bold={highlight === 'selected'}>
      {text}
    </Text>
  );
}

export const Line = memo(
  LineView,
  (a, b) => a.highlight === b.highlight && sameSegments(a.segments, b.segments),
);
