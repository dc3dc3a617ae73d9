import { Box } from 'ink';
import { useState } from 'react';
import { t } from '../../i18n/index.js';
import { fitText, wrapWords } from '../format.js';
import { useKeys } from '../hooks/use-keys.js';
import { type Ability, BINDINGS, BOARD_CONTEXTS, displayKeys, type KeyContext } from '../keymap.js';
import { cursorMoveOf, moveCursor } from '../scroll.js';
import { fitSegments, type Segment } from '../table-model.js';
import { asciiKeys, useTheme } from '../theme.js';
import { Line } from './Line.js';

export interface HelpOverlayProps {
  width: number;
  height: number;
  abilities?: ReadonlySet<Ability>;
  /** Whose keys to list (default: the supervisor board's). */
  contexts?: readonly KeyContext[];
  /** The help has the keyboard: ↑↓ PgUp PgDn g G scroll it. */
  isActive?: boolean;
  /** After the keys, what the numbers on the board mean and what monitoring does. */
  notes?: boolean;
}

/**
 * Every key of a screen from the key-binding table (those this user may use), in two columns
 * when they do not fit in one; then, on the board, what the numbers mean and what monitoring
 * does from a terminal. Taller than the screen, it scrolls.
 */
export function HelpOverlay({
  width,
  height,
  abilities = new Set(),
  contexts = BOARD_CONTEXTS,
  isActive = false,
  notes = false,
}: HelpOverlayProps) {
  const theme = useTheme();
  const [top, setTop] = useState(0);
  const keysOf = (keys: string) => (theme.ascii ? asciiKeys(displayKeys(keys)) : displayKeys(keys));
  const seen = new Set<string>();
  const entries = BINDINGS.filter(
    (b) =>
      b.contexts.some((c) => contexts.includes(c)) && (b.requires === undefined || abilities.has(b.requires)),
  )
    .map((b) => ({ keys: keysOf(b.keys), text: b.help }))
    .filter((e) => {
      const id = `${e.keys} ${e.text}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  const words = t().help;
  const rowsAvailable = Math.max(1, height - 2);
  const columns = entries.length > rowsAvailable - 2 && width >= 80 ? 2 : 1;
  const perColumn = Math.ceil(entries.length / columns);
  const columnWidth = Math.floor((width - 2) / columns);
  const keyWidth = Math.min(12, Math.max(...entries.map((e) => e.keys.length + 2), 6));
  const body: Segment[][] = [];
  for (let r = 0; r < perColumn; r += 1) {
    const line: Segment[] = [{ text: ' ' }];
    for (let c = 0; c < columns; c += 1) {
      const entry = entries[c * perColumn + r];
      if (!entry) continue;
      line.push({ text: fitText(entry.keys, keyWidth), tone: 'accent' });
      line.push({ text: fitText(entry.text, columnWidth - keyWidth) });
    }
    body.push(line);
  }
  const paragraph = (text: string, tone?: Segment['tone']) => {
    for (const part of wrapWords(text, Math.max(8, width - 3))) body.push([{ text: ` ${part}`, tone }]);
  };
  body.push([{ text: '' }]);
  paragraph(keysOf(words.menus), 'muted');
  if (notes) {
    for (const [title, lines] of [
      [words.numbersTitle, words.numbers],
      [words.monitoringTitle, words.monitoring],
    ] as const) {
      body.push([{ text: '' }]);
      body.push([{ text: ` ${title}`, tone: 'heading' }]);
      for (const line of lines) paragraph(line);
    }
  }
  const room = Math.max(1, height - 1 - (body.length > height - 1 ? 1 : 0));
  const first = Math.min(top, Math.max(0, body.length - room));
  useKeys(
    'help',
    (action) => {
      const move = cursorMoveOf(action);
      if (!move) return;
      // The top line moves like a cursor over the lines that can start the screen.
      setTop(moveCursor(first, move, Math.max(1, body.length - room + 1), room));
    },
    isActive,
  );
  const shown = body.slice(first, first + room);
  const more =
    body.length > room
      ? [{ text: ` ${words.more(first + 1, first + shown.length, body.length)}`, tone: 'muted' as const }]
      : null;
  const lines = [[{ text: ` ${words.title}`, tone: 'heading' as const }], ...shown, ...(more ? [more] : [])];
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {lines.slice(0, height).map((segments, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static lines
        <Line key={i} segments={fitSegments(segments, width)} />
      ))}
    </Box>
  );
}
