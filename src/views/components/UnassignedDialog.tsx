import { Box } from 'ink';
import { useState } from 'react';
import type { CenterState, UnassignedSession } from '../../domain/index.js';
import { pairKey } from '../../domain/index.js';
import { t } from '../../i18n/index.js';
import { useKeys } from '../hooks/use-keys.js';
import type { Ability } from '../keymap.js';
import { cursorMoveOf, moveCursor } from '../scroll.js';
import { fitSegments, type Segment } from '../table-model.js';
import { type Theme, useTheme } from '../theme.js';
import { Confirm } from './Confirm.js';
import { Line } from './Line.js';
import { VirtualList } from './VirtualList.js';

export interface UnassignedDialogProps {
  state: CenterState;
  sessions: readonly UnassignedSession[];
  width: number;
  height: number;
  isActive: boolean;
  /** Log these sessions out (the confirmation was given). */
  onLogOut(sessions: readonly UnassignedSession[]): void;
  onClose(): void;
  /** The sessions a question asks to log out (held by the overlay state: it decides the key context). */
  confirming: readonly UnassignedSession[] | null;
  onConfirming(sessions: readonly UnassignedSession[] | null): void;
}

const ABILITIES: ReadonlySet<Ability> = new Set<Ability>(['manage']);

export const sessionKey = (s: UnassignedSession): string => pairKey(s.session.channelId, s.session.userId);

/** The sessions ⏎ logs out: the selected ones, or the one under the cursor when none is. */
export function sessionsToLogOut(
  sessions: readonly UnassignedSession[],
  selected: ReadonlySet<string>,
  cursor: number,
): UnassignedSession[] {
  const chosen = sessions.filter((s) => selected.has(sessionKey(s)));
  if (chosen.length > 0) return chosen;
  const current = sessions[cursor];
  return current ? [current] : [];
}

/**
 * `u`: every session in a channel its agent is not assigned to (◇), in the channels this user
 * manages, those the agent opened themselves after unassigned logins were turned off (⊘) first.
 * Space selects (any subset), `*` all or none, ⏎ logs out the selection (or the highlighted
 * session), after a confirmation that says how many of each.
 */
export function UnassignedDialog(props: UnassignedDialogProps) {
  const { state, sessions, width, height, isActive, confirming, onConfirming: setConfirming } = props;
  const theme = useTheme();
  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const listHeight = Math.max(1, height - 2);
  const at = Math.min(cursor, Math.max(0, sessions.length - 1));
  useKeys(
    'unassigned',
    (action) => {
      const move = cursorMoveOf(action);
      if (move) return setCursor(moveCursor(at, move, sessions.length, listHeight));
      switch (action) {
        case 'dialog.close':
          return props.onClose();
        case 'select.toggle': {
          const current = sessions[at];
          if (!current) return;
          const key = sessionKey(current);
          const next = new Set(selected);
          if (next.has(key)) next.delete(key);
          else next.add(key);
          setSelected(next);
          return setCursor(moveCursor(at, 'down', sessions.length, listHeight));
        }
        case 'select.all':
          return setSelected(
            sessions.every((s) => selected.has(sessionKey(s)))
              ? new Set()
              : new Set(sessions.map(sessionKey)),
          );
        case 'unassigned.logout': {
          const chosen = sessionsToLogOut(sessions, selected, at);
          if (chosen.length > 0) setConfirming(chosen);
          return;
        }
        default:
          return;
      }
    },
    isActive && !confirming,
    ABILITIES,
  );
  const words = t().unassigned;
  if (confirming) {
    const busy = confirming.filter((s) => s.busy).length;
    const notAllowed = confirming.filter((s) => s.notAllowed).length;
    return (
      <Box flexDirection="column" width={width} height={height} overflow="hidden">
        <Confirm
          width={width}
          title={words.title}
          question={words.question(confirming.length, notAllowed, busy, theme.symbols)}
          verb={words.verb}
          isActive={isActive}
          onConfirm={() => {
            props.onLogOut(confirming);
            setSelected(new Set());
            setConfirming(null);
          }}
          onCancel={() => setConfirming(null)}
        />
      </Box>
    );
  }
  const setting = state.org.agentsMayLogInToUnassigned ? words.loginsOn : words.loginsOff;
  const notAllowed = sessions.filter((s) => s.notAllowed).length;
  const chosen = sessions.filter((s) => selected.has(sessionKey(s))).length;
  const heading: Segment[] = [
    { text: ` ${theme.symbols.notAssigned} ${words.title}`, tone: 'heading' },
    { text: ` · ${setting}`, tone: 'muted' },
  ];
  const counts: Segment[] = [
    { text: `   ${words.count(sessions.length, notAllowed, theme.symbols.notAllowed)}`, tone: 'muted' },
    ...(chosen > 0 ? [{ text: ` · ${words.selected(chosen)}`, tone: 'accent' as const }] : []),
  ];
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Line segments={fitSegments(heading, width)} />
      <Line segments={fitSegments(counts, width)} />
      <VirtualList
        items={sessions}
        height={listHeight}
        cursor={at}
        cursorHighlight="cursor"
        keyOf={sessionKey}
        line={(s) => fitSegments(sessionLine(theme, state, s, selected.has(sessionKey(s))), width)}
        empty={[{ text: ` ${words.none}`, tone: 'muted' }]}
      />
    </Box>
  );
}

function sessionLine(theme: Theme, state: CenterState, s: UnassignedSession, chosen: boolean): Segment[] {
  const words = t().unassigned;
  const { session } = s;
  const opener =
    session.loggedInBy === session.userId
      ? words.bySelf
      : words.byOther(state.users.get(session.loggedInBy)?.name ?? session.loggedInBy);
  return [
    s.notAllowed
      ? { text: ` ${theme.symbols.notAllowed}`, tone: 'critical' }
      : { text: ` ${theme.symbols.notAssigned}`, tone: 'warning' },
    { text: chosen ? theme.symbols.selected : ' ', tone: 'accent' },
    { text: ` ${s.name.padEnd(20)}` },
    { text: ` ${s.channelName.padEnd(12)}`, tone: 'muted' },
    { text: ` ${(s.busy ? words.onInteraction : t().status[session.status]).padEnd(14)}` },
    { text: ` ${opener}`, tone: 'muted' },
  ];
}
