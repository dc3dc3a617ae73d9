/**
 * What the source behind the hub can do right now, as rules the hub and the wallboard share:
 * the hub refuses with them before asking the source, the wallboard dims with them (with the
 * same reason) before the user even asks.
 */
import {
  type Command,
  type ProtocolError,
  protocolError,
  type SourceAction,
  type SourceInfo,
  sourceActionOf,
  sourceCan,
} from '../protocol/index.js';
import type { CenterState } from './state.js';

/** Why the source cannot carry `command` out now (null: it can, or the hub alone carries it out). */
export function sourceRefusal(
  state: CenterState,
  source: SourceInfo | null,
  command: Command,
  actorId: string,
): ProtocolError | null {
  if (!source) return null;
  const action = sourceActionOf(command.type);
  if (!action) return null;
  const channelId = 'channelId' in command ? command.channelId : state.monitors.get(actorId)?.channelId;
  const kind = channelId === undefined ? undefined : state.channels.get(channelId)?.kind;
  if (kind && !sourceCan(source, kind, action)) {
    return protocolError('not_supported', `${ACTION_WORDS[action]} is not possible on ${source.label}`);
  }
  if (!source.up) {
    return protocolError(
      'source_unavailable',
      `${source.label} is not connected${source.detail ? ` (${source.detail})` : ''}: nothing was changed, try again later`,
    );
  }
  return null;
}

const ACTION_WORDS: Readonly<Record<SourceAction, string>> = {
  login: 'logging in',
  logout: 'logging out',
  pause: 'pausing',
  resume: 'resuming',
  end_wrap_up: 'ending a wrap-up early',
  monitor: 'monitoring',
};
