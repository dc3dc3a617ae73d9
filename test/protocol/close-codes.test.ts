import { describe, expect, it } from 'vitest';
import { CloseCode, LocalCloseCode, reconnectPolicy } from '../../src/protocol/index.js';

describe('what a wallboard does on each close code', () => {
  it('waits the longest delay and says so when the hub closed on purpose (policy, protocol version)', () => {
    for (const code of [CloseCode.policyViolation, CloseCode.unsupportedProtocol]) {
      expect(reconnectPolicy(code)).toMatchObject({ reconnect: 'after the longest delay', report: 'always' });
    }
  });

  it('backs off without a word of its own on 1005 and 1006 (the socket error said why)', () => {
    for (const code of [LocalCloseCode.noStatus, LocalCloseCode.abnormal]) {
      expect(reconnectPolicy(code)).toMatchObject({ reconnect: 'with backoff', report: 'never' });
    }
  });

  it('backs off on a restart, a slow consumer and any code it does not know', () => {
    for (const code of [CloseCode.goingAway, CloseCode.tryAgainLater, 1000, 1011, 4999]) {
      expect(reconnectPolicy(code)).toMatchObject({
        reconnect: 'with backoff',
        report: 'unless another problem was reported',
      });
    }
  });
});
