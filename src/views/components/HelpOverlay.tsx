import { Box } from 'ink';
import { t } from '../../i18n/index.js';
import { fitText } from '../format.js';
import { type Ability, BINDINGS, BOARD_CONTEXTS, displayKeys, type KeyContext } from '../keymap.js';
import { fitSegments, type Segment } from '../table-model.js';
import { asciiKeys, useTheme } from '../theme.js';
import { Line } from './Line.js';

/**
 * The board's keys from the key-binding table (those this user may use), in two columns when
 * they fit; menus and dialogs show their own keys in the footer, as the last line says.
 */
export function HelpOverlay({
  width,
  height,
  abilities = new Set(),
  contexts = BOARD_CONTEXTS,
}: {
  width: number;
  height: number;
  abilities?: ReadonlySet<Ability>;
  /** Whose keys to list (default: the supervisor board's). */
  contexts?: readonly KeyContext[];
}) {
  const theme = useTheme();
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
  const rowsAvailable = Math.max(1, height - 3);
  const columns = entries.length > rowsAvailable ? 2 : 1;
  const perColumn = Math.ceil(entries.length / columns);
  const columnWidth = Math.floor((width - 2) / columns);
  const lines: Segment[][] = [
    fitSegments([{ text: ` ${t().help.title}`, tone: 'heading' }], width),
    fitSegments([{ text: '' }], width),
  ];
  for (let r = 0; r < Math.min(perColumn, rowsAvailable); r += 1) {
    const line: Segment[] = [{ text: ' ' }];
    for (let c = 0; c < columns; c += 1) {
      const entry = entries[c * perColumn + r];
      if (!entry) continue;
      line.push({ text: fitText(entry.keys, 10), tone: 'accent' });
      line.push({ text: fitText(entry.text, columnWidth - 10) });
    }
    lines.push(fitSegments(line, width));
  }
  lines.push(
    fitSegments(
      [
        {
          text: ` ${keysOf(t().help.menus)}`,
          tone: 'muted',
        },
      ],
      width,
    ),
  );
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {lines.slice(0, height).map((segments, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static lines
        <Line key={i} segments={segments} />
      ))}
    </Box>
  );
}
