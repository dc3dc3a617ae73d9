/**
 * The client's own problems (a command without an answer) are worded by the views from the
 * catalogue: French with --lang fr, and short enough for the footer's error line.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CommandTimeoutError, createCommands } from '../../src/client/commands.js';
import { setLocale } from '../../src/i18n/index.js';
import type { Command } from '../../src/protocol/index.js';
import { failureText } from '../../src/views/actions/refusals.js';

afterEach(() => setLocale('en'));

/** A link that never comes up: every command waits, then times out. */
const downLink = { isLive: false, generation: 1, send: () => false, on: () => () => {} };

async function timeoutOf(command: Command): Promise<{ failure: unknown; message: string }> {
  const commands = createCommands(downLink, { timeoutMs: 10 });
  const failure = await commands.send(command).then(
    () => new Error('answered'),
    (error: unknown) => error,
  );
  commands.close();
  return { failure, message: failureText(failure) };
}

/** The footer's error line is " ⟳ HH:MM:SS message": 12 columns before the message. */
const FOOTER_ROOM = 80 - 12;

const ALL_COMMANDS: Command[] = [
  { type: 'login', channelId: 'q', userId: 'u' },
  { type: 'logout', channelId: 'q', userId: 'u' },
  { type: 'pause', channelId: 'q', userId: 'u', reasonId: 'r' },
  { type: 'resume', channelId: 'q', userId: 'u' },
  { type: 'end_wrap_up', channelId: 'q', userId: 'u' },
  { type: 'monitor_start', channelId: 'q', agentId: 'u', mode: 'listen' },
  { type: 'monitor_mode', mode: 'whisper' },
  { type: 'monitor_stop' },
  { type: 'set_org_settings', agentsMayLogInToUnassigned: true },
];

describe('client messages', () => {
  it('says plainly that a command without an answer is not confirmed and may be retried, within the footer', async () => {
    for (const language of ['en', 'fr'] as const) {
      setLocale(language);
      for (const command of ALL_COMMANDS) {
        const { failure, message } = await timeoutOf(command);
        expect(failure).toBeInstanceOf(CommandTimeoutError);
        expect(message.length, message).toBeLessThanOrEqual(FOOTER_ROOM);
        expect(message).not.toContain('_');
      }
    }
    setLocale('en');
    expect((await timeoutOf(ALL_COMMANDS[1] as Command)).message).toBe(
      'no answer from the hub to log out: not confirmed, try again',
    );
    setLocale('fr');
    expect((await timeoutOf(ALL_COMMANDS[1] as Command)).message).toBe(
      'sans réponse du hub (déconnexion) : non confirmé, réessayez',
    );
  });
});
