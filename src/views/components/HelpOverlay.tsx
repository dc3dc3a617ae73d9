import { Box } from 'ink';
import { fitText } from '../format.js';
import { BINDINGS } from '../keymap.js';
import { fitSegments, type Segment } from '../table-model.js';
import { Line } from './Line.js';

/** Every key of the key-binding table with what it does, in two columns when they fit. */
export function HelpOverlay({ width, height }: { width: number; height: number }) {
  const entries = BINDINGS.map((b) => ({ keys: b.keys, text: b.help }));
  const rowsAvailable = Math.max(1, height - 2);
  const columns = entries.length > rowsAvailable ? 2 : 1;
  const perColumn = Math.ceil(entries.length / columns);
  const columnWidth = Math.floor((width - 2) / columns);
  const lines: Segment[][] = [
    fitSegments([{ text: ' Keys  (? or Esc closes this help)', tone: 'heading' }], width),
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
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {lines.slice(0, height).map((segments, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static lines
        <Line key={i} segments={segments} />
      ))}
    </Box>
  );
}
