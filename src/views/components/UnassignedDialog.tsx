import { Box } from 'ink';
import { useEffect, useState } from 'react';
import { t } from '../../i18n/index.js';
import type { FlaggedSession } from '../actions/unassigned.js';
import { useKeys } from '../hooks/use-keys.js';
import type { KeyContext } from '../keymap.js';
import { moveCursor } from '../scroll.js';
import { fitSegments, type Segment } from '../table-model.js';
import { useTheme } from '../theme.js';
import { Confirm } from './Confirm.js';
import { Line } from './Line.js';
import { VirtualList } from './VirtualList.js';

export interface UnassignedDialogProps {
  sessions: readonly FlaggedSession[];
  agentsMayLogInToUnassigned: boolean;
  width: number;
  height: number;
  isActive: boolean;
  onLogOutAll(): void;
  onClose(): void;
  onContext?(context: KeyContext): void;
}

/** `u`: every session flagged ⊘ (no longer allowed) in the channels this user manages; Enter logs them all out. */
export function UnassignedDialog(props: UnassignedDialogProps) {
  const { sessions, width, height, isActive } = props;
  const theme = useTheme();
  const [confirming, setConfirming] = useState(false);
  const [cursor, setCursor] = useState(0);
  const listHeight = Math.max(1, height - 3);
  const { onContext } = props;
  useEffect(() => onContext?.(confirming ? 'confirm' : 'results'), [onContext, confirming]);
  useKeys(
    'results',
    (action) => {
      if (action === 'dialog.close') props.onClose();
      else if (action === 'list.act' && sessions.length > 0) setConfirming(true);
      else if (action === 'cursor.up') setCursor((c) => moveCursor(c, 'up', sessions.length, listHeight));
      else if (action === 'cursor.down') setCursor((c) => moveCursor(c, 'down', sessions.length, listHeight));
    },
    isActive && !confirming,
  );
  const words = t().unassigned;
  if (confirming) {
    const busy = sessions.filter((s) => s.busy).length;
    return (
      <Box flexDirection="column" width={width} height={height} overflow="hidden">
        <Confirm
          width={width}
          title={words.title}
          question={words.question(sessions.length, busy)}
          verb={words.verb}
          isActive={isActive}
          onConfirm={props.onLogOutAll}
          onCancel={() => setConfirming(false)}
        />
      </Box>
    );
  }
  const setting = props.agentsMayLogInToUnassigned ? words.loginsOn : words.loginsOff;
  const heading: Segment[] = [
    { text: ` ${theme.symbols.notAllowed} ${words.title}`, tone: 'heading' },
    { text: `  ${words.count(sessions.length)} · ${setting}`, tone: 'muted' },
  ];
  const hint: Segment[] =
    sessions.length > 0
      ? [
          { text: ' ⏎', tone: 'accent' },
          { text: ` ${words.logOutAll}  ` },
          { text: 'Esc', tone: 'accent' },
          { text: ` ${words.close}` },
        ]
      : [{ text: ' Esc', tone: 'accent' }, { text: ` ${words.close}` }];
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Line segments={fitSegments(heading, width)} />
      <VirtualList
        items={sessions}
        height={listHeight}
        cursor={cursor}
        cursorHighlight="cursor"
        keyOf={(s) => `${s.session.channelId} ${s.session.userId}`}
        line={(s) =>
          fitSegments(
            [
              { text: ` ${theme.symbols.notAllowed} `, tone: 'critical' },
              { text: s.name.padEnd(24) },
              { text: s.channelName.padEnd(18), tone: 'muted' },
              { text: s.busy ? words.onInteraction : t().status[s.session.status] },
            ],
            width,
          )
        }
        empty={[{ text: ` ${words.none}`, tone: 'muted' }]}
      />
      <Line segments={fitSegments(hint, width)} />
    </Box>
  );
}
