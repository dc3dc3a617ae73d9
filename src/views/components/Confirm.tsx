import { Box } from 'ink';
import { t } from '../../i18n/index.js';
import { wrapWords } from '../format.js';
import { useKeys } from '../hooks/use-keys.js';
import { BINDINGS, displayKeys } from '../keymap.js';
import { fitSegments } from '../table-model.js';
import { asciiKeys, useTheme } from '../theme.js';
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

/** The confirming and cancelling keys as the key table shows them (French: ⏎/o). */
function confirmKeys(ascii: boolean): { yes: string; no: string } {
  const keysOf = (action: 'confirm.yes' | 'confirm.no') => {
    const keys = displayKeys(BINDINGS.find((b) => b.action === action)?.hint?.keys ?? '');
    return ascii ? asciiKeys(keys) : keys;
  };
  return { yes: keysOf('confirm.yes'), no: keysOf('confirm.no') };
}

/** A question with Enter/y to confirm and Esc/n to cancel. */
export function Confirm({ width, title, question, verb, isActive, onConfirm, onCancel }: ConfirmProps) {
  const theme = useTheme();
  useConfirmKeys(isActive, onConfirm, onCancel);
  const keys = confirmKeys(theme.ascii);
  return (
    <Box flexDirection="column" width={width}>
      <Line segments={fitSegments([{ text: ` ${title}`, tone: 'heading' }], width)} />
      {wrapWords(question, Math.max(8, width - 2)).map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one question
        <Line key={i} segments={fitSegments([{ text: ` ${line}`, tone: 'warning' }], width)} />
      ))}
      <Line
        segments={fitSegments(
          [
            { text: ` ${keys.yes} `, tone: 'accent' },
            { text: `${verb}  ` },
            { text: `${keys.no} `, tone: 'accent' },
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
