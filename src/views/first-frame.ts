/**
 * When the wallboard draws its first frame. Ink's first render is the costly one (React, Ink and
 * Yoga run for the first time: ~100 ms on the bench's machine), and a loading screen drawn while
 * the snapshot streams in is drawn over at once by the board, whose render is then paid again.
 * So the first frame waits for the snapshot, a little: it is drawn when the state is live, when
 * the link has a problem to show (a refused connection, a closed socket), or after `waitMs`
 * whatever the link is doing (a slow hub or network gets its loading screen then, as before).
 */
import type { Connection } from '../client/connection.js';

/** How long the first frame waits for the snapshot before drawing the loading screen. */
export const FIRST_FRAME_WAIT_MS = 500;

type FirstFrameLink = Pick<Connection, 'on' | 'isLive' | 'info'>;

/** Resolves when the first frame should be drawn (see above); `cancel` resolves it at once. */
export function firstFrameReady(
  link: FirstFrameLink,
  waitMs: number,
): { ready: Promise<void>; cancel(): void } {
  let cancel = () => {};
  const ready = new Promise<void>((resolve) => {
    if (link.isLive || link.info.lastError !== null || waitMs <= 0) {
      resolve();
      return;
    }
    const timer = setTimeout(() => cancel(), waitMs);
    const offLive = link.on('live', () => cancel());
    const offStatus = link.on('status', (info) => {
      if (info.lastError !== null) cancel();
    });
    cancel = () => {
      clearTimeout(timer);
      offLive();
      offStatus();
      resolve();
    };
  });
  return { ready, cancel: () => cancel() };
}
