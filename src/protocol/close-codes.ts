/** WebSocket close codes the hub uses, and what a client should do on each. */
export const CloseCode = {
  /** The hub is shutting down or restarting: reconnect. */
  goingAway: 1001,
  /** Unparseable frames or a broken protocol exchange. */
  protocolError: 1002,
  /** The token was revoked, the user's rights changed, or a limit was abused: do not retry at once. */
  policyViolation: 1008,
  /** A frame larger than MAX_FRAME_BYTES. */
  messageTooBig: 1009,
  /** The client fell too far behind (slow consumer): reconnect and resume. */
  tryAgainLater: 1013,
  /** The client speaks a protocol version this hub does not. */
  unsupportedProtocol: 4000,
  /** No hello arrived in time. */
  helloTimeout: 4001,
  /** A source process was replaced by a newer connection of the same source: do not reconnect at once. */
  replaced: 4002,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/**
 * Close codes no peer sends: the WebSocket library reports them when a close frame had no code
 * (1005) or the link broke without one (1006: a dropped network, a process killed).
 */
export const LocalCloseCode = {
  noStatus: 1005,
  abnormal: 1006,
} as const;

/**
 * How a wallboard reconnects after a close: after the usual capped backoff, or after the
 * longest delay (the hub closed the link on purpose and would do so again at once).
 */
export type Reconnect = 'with backoff' | 'after the longest delay';

export interface ReconnectPolicy {
  reconnect: Reconnect;
  /**
   * Whether the close is worth telling the person at the screen. A 1005 or 1006 is not: the
   * socket's own error (refused, reset, timed out) said more a moment before.
   */
  report: 'always' | 'unless another problem was reported' | 'never';
  /** Why, in a developer's words (the views word what the person sees). */
  why: string;
}

/** Every close code a wallboard may see, and what it does about it. */
export const RECONNECT_POLICY: Readonly<Record<number, ReconnectPolicy>> = {
  [CloseCode.goingAway]: {
    reconnect: 'with backoff',
    report: 'unless another problem was reported',
    why: 'the hub is restarting: resume once it is back',
  },
  [CloseCode.protocolError]: {
    reconnect: 'with backoff',
    report: 'unless another problem was reported',
    why: 'bad frames: a fresh connection may do better',
  },
  [CloseCode.policyViolation]: {
    reconnect: 'after the longest delay',
    report: 'always',
    why: 'the token was revoked or the rights changed: retrying at once would be refused again',
  },
  [CloseCode.messageTooBig]: {
    reconnect: 'with backoff',
    report: 'unless another problem was reported',
    why: 'a frame too large: a fresh connection may do better',
  },
  [CloseCode.tryAgainLater]: {
    reconnect: 'with backoff',
    report: 'unless another problem was reported',
    why: 'the wallboard fell behind: reconnect and resume',
  },
  [CloseCode.unsupportedProtocol]: {
    reconnect: 'after the longest delay',
    report: 'always',
    why: 'the hub speaks another protocol version: only an upgrade helps',
  },
  [CloseCode.helloTimeout]: {
    reconnect: 'with backoff',
    report: 'unless another problem was reported',
    why: 'the hello came too late: say it sooner on the next connection',
  },
  [LocalCloseCode.noStatus]: {
    reconnect: 'with backoff',
    report: 'never',
    why: 'closed without a code: nothing more to tell',
  },
  [LocalCloseCode.abnormal]: {
    reconnect: 'with backoff',
    report: 'never',
    why: 'the link broke: the socket error already said why',
  },
};

/** For a code not in the table (1000, 1011, a newer hub's own): back off and say so. */
const ANY_OTHER_CLOSE: ReconnectPolicy = {
  reconnect: 'with backoff',
  report: 'unless another problem was reported',
  why: 'closed for a reason this wallboard does not know: back off and try again',
};

export function reconnectPolicy(closeCode: number): ReconnectPolicy {
  return Object.hasOwn(RECONNECT_POLICY, closeCode)
    ? (RECONNECT_POLICY[closeCode] ?? ANY_OTHER_CLOSE)
    : ANY_OTHER_CLOSE;
}
