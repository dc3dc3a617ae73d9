import { Box, Text } from 'ink';
import { t } from '../../i18n/index.js';
import { useKeys } from '../hooks/use-keys.js';
import { fitSegments } from '../table-model.js';
import { displayText } from '../text.js';
import { useTheme } from '../theme.js';
import { Line } from './Line.js';

export interface ConfirmProps {
  width: number;
  title: string;
  question: string;
  /** The words on the confirming key ("Log out", "Barge"). */
  verb: string;
  isActive: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** A question with Enter/y to confirm and Esc/n to cancel. */
export function Confirm({ width, title, question, verb, isActive, onConfirm, onCancel }: ConfirmProps) {
  const theme = useTheme();
  useConfirmKeys(isActive, onConfirm, onCancel);
  return (
    <Box flexDirection="column" width={width}>
      <Line segments={fitSegments([{ text: ` ${title}`, tone: 'heading' }], width)} />
      <Box paddingLeft={1} paddingRight={1} width={width}>
        <Text wrap="wrap" color={theme.style('warning').color} bold>
          {displayText(question)}
        </Text>
      </Box>
      <Line
        segments={fitSegments(
          [
            { text: ' ⏎/y ', tone: 'accent' },
            { text: `${verb}  ` },
            { text: 'Esc/n ', tone: 'accent' },
            { text: t().actions.cancel },
          ],
          width,
        )}
      />
    </Box>
  );
}

export function useConfirmKeys(isActive: boolean, onConfirm: () => void, onCancel: () => void): void {
  useKeys(
    'confirm',
    (action) => {
      if (action === 'confirm.yes') onConfirm();
      else if (action === 'confirm.no') onCancel();
    },
    isActive,
  );
}
