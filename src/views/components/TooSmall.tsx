import { Box, Text } from 'ink';
import { t } from '../../i18n/index.js';
import { MIN_COLUMNS, MIN_ROWS } from '../layout.js';

/** Shown instead of the wallboard on a terminal smaller than it needs. */
export function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  const words = t().tooSmall;
  return (
    <Box flexDirection="column" width={columns} height={Math.min(rows, 3)} overflow="hidden">
      <Text wrap="truncate" bold>
        {words.need(MIN_COLUMNS, MIN_ROWS, columns, rows)}
      </Text>
      <Text wrap="truncate" dimColor>
        {words.hint}
      </Text>
    </Box>
  );
}
