import { Box } from 'ink';
import { useEffect, useState } from 'react';
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
  if (confirming) {
    const busy = sessions.filter((s) => s.busy).length;
    const question =
      `Log out ${sessions.length} session${sessions.length === 1 ? '' : 's'} no longer allowed?` +
      (busy > 0 ? ` ${busy} on an interaction log out when it ends.` : '');
    return (
      <Box flexDirection="column" width={width} height={height} overflow="hidden">
        <Confirm
          width={width}
          title="Sessions no longer allowed"
          question={question}
          verb="log them out"
          isActive={isActive}
          onConfirm={props.onLogOutAll}
          onCancel={() => setConfirming(false)}
        />
      </Box>
    );
  }
  const setting = props.agentsMayLogInToUnassigned ? 'unassigned logins are on' : 'unassigned logins are off';
  const heading: Segment[] = [
    { text: ` ${theme.symbols.notAllowed} Sessions no longer allowed`, tone: 'heading' },
    { text: `  ${sessions.length} in your channels · ${setting}`, tone: 'muted' },
  ];
  const hint: Segment[] =
    sessions.length > 0
      ? [
          { text: ' ⏎', tone: 'accent' },
          { text: ' log them all out (asks first)  ' },
          { text: 'Esc', tone: 'accent' },
          { text: ' close' },
        ]
      : [{ text: ' Esc', tone: 'accent' }, { text: ' close' }];
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
              { text: s.busy ? 'on an interaction' : s.session.status.replace('_', '-') },
            ],
            width,
          )
        }
        empty={[{ text: ' No session is flagged: nobody to log out.', tone: 'muted' }]}
      />
      <Line segments={fitSegments(hint, width)} />
    </Box>
  );
}
