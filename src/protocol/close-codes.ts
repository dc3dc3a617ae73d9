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
