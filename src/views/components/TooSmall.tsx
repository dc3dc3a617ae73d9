import { Box, Text } from 'ink';
import { MIN_COLUMNS, MIN_ROWS } from '../layout.js';

/** Shown instead of the wallboard on a terminal smaller than it needs. */
export function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  return (
    <Box flexDirection="column" width={columns} height={Math.min(rows, 3)} overflow="hidden">
      <Text wrap="truncate" bold>
        too small: need {MIN_COLUMNS}×{MIN_ROWS}, have {columns}×{rows}
      </Text>
      <Text wrap="truncate" dimColor>
        enlarge the terminal, or q to quit
      </Text>
    </Box>
  );
}
