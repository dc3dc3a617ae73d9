/** The figures view's messages: they survive the wire, and the client's are strict. */
import { describe, expect, it } from 'vitest';
import { tallyChannels, viewScope } from '../../src/domain/index.js';
import { figuresData } from '../../src/hub/figures.js';
import {
  type ClientMessage,
  type HubMessage,
  parseClientMessage,
  parseHubMessage,
} from '../../src/protocol/index.js';
import { buildCenter, callAnsweredBy, run, T0, users } from '../fixtures/center.js';

describe('figures messages', () => {
  it.each<ClientMessage>([
    { type: 'hello', protocol: 1, view: 'figures', client: 'ccwall kiosk' },
    { type: 'hello', protocol: 1, view: 'events' },
    { type: 'feature', channelId: 'sales' },
    { type: 'feature', channelId: null },
  ])('client → hub %j round-trips', (message) => {
    expect(parseClientMessage(JSON.stringify(message))).toEqual({ ok: true, value: message });
  });

  it.each([
    ['a view the protocol does not know', { type: 'hello', protocol: 1, view: 'kpis' }],
    ['a feature without its channel', { type: 'feature' }],
    ['a feature with a misspelt property', { type: 'feature', channelId: 'sales', channel: 'sales' }],
    ['a feature of a malformed id', { type: 'feature', channelId: 'no spaces allowed' }],
  ])('refuses %s', (_, message) => {
    const parsed = parseClientMessage(JSON.stringify(message));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error.code).toBe('bad_message');
  });

  it('hub → client: figures round-trip, with and without a featured channel', () => {
    const state = buildCenter();
    run(state, users.sup, { type: 'login', channelId: 'sales', userId: 'alice' });
    callAnsweredBy(state, 'sales', 'alice');
    const scope = viewScope(state, users.sup);
    for (const featured of ['sales', null]) {
      const message: HubMessage = {
        type: 'figures',
        epoch: 'e-1',
        seq: 12,
        at: T0,
        part: 0,
        parts: 1,
        data: figuresData(state, tallyChannels(state), scope, featured),
      };
      expect(parseHubMessage(JSON.stringify(message))).toEqual({ ok: true, value: message });
    }
  });

  it('hub → client: refuses figures whose counts are not counts', () => {
    const message = {
      type: 'figures',
      epoch: 'e-1',
      seq: 1,
      at: T0,
      part: 0,
      parts: 1,
      data: {
        channels: [],
        stats: [],
        figures: [
          {
            channelId: 'sales',
            waiting: -1,
            oldestQueuedAt: null,
            agents: { available: 0, busy: 0, wrap_up: 0, paused: 0, pending: 0, total: 0 },
          },
        ],
        org: { agentsMayLogInToUnassigned: true, supervisorsLimitedToAssigned: true },
        pauseReasons: [],
        featured: null,
      },
    };
    expect(parseHubMessage(JSON.stringify(message)).ok).toBe(false);
  });
});
