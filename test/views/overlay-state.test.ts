/**
 * The overlay state holds where each overlay is, so the open overlay alone decides which keys
 * are live (the footer's hints, the help's list): no other copy to keep in step.
 */
import { describe, expect, it } from 'vitest';
import {
  INITIAL_OVERLAYS,
  type OverlayAction,
  type OverlayState,
  overlayKeyContext,
  overlayReducer,
} from '../../src/views/actions/overlay-state.js';

const stateAfter = (...actions: OverlayAction[]): OverlayState =>
  actions.reduce(overlayReducer, INITIAL_OVERLAYS);
const context = (...actions: OverlayAction[]) => overlayKeyContext(stateAfter(...actions).overlay);

const openMenu: OverlayAction = {
  type: 'open',
  overlay: { kind: 'menu', channelId: 'q-sales', targets: ['a07'] },
};
const askLogout: OverlayAction = {
  type: 'menu',
  action: { type: 'confirm', request: { kind: 'logout' }, question: 'Log out?', from: 'main' },
};

describe('the key context follows the open overlay', () => {
  it('is the board’s (null) with nothing open, and again once the overlay closes', () => {
    expect(context()).toBeNull();
    expect(context(openMenu, { type: 'close' })).toBeNull();
  });

  it('action menu: its list, then its question, then its list again', () => {
    expect(context(openMenu)).toBe('menu');
    expect(context(openMenu, askLogout)).toBe('confirm');
    expect(context(openMenu, askLogout, { type: 'menu', action: { type: 'back' } })).toBe('menu');
  });

  it('a menu opened again starts at its list, not at the question it was left on', () => {
    expect(context(openMenu, askLogout, { type: 'close' }, openMenu)).toBe('menu');
  });

  it('settings panel: the list, a question, a reason’s choices, typing a label', () => {
    const open: OverlayAction = { type: 'open', overlay: { kind: 'settings' } };
    expect(context(open)).toBe('settings');
    expect(
      context(open, { type: 'settingsStep', step: { step: 'reason', reasonId: 'lunch', choice: 0 } }),
    ).toBe('menu');
    expect(
      context(open, {
        type: 'settingsStep',
        step: { step: 'label', reasonId: null, value: '', error: null },
      }),
    ).toBe('input');
  });

  it('unassigned sessions: the list, or the question before logging them out', () => {
    const open: OverlayAction = { type: 'open', overlay: { kind: 'unassigned' } };
    expect(context(open)).toBe('unassigned');
    expect(context(open, { type: 'unassignedConfirm', sessions: [] })).toBe('confirm');
    expect(
      context(
        open,
        { type: 'unassignedConfirm', sessions: [] },
        { type: 'unassignedConfirm', sessions: null },
      ),
    ).toBe('unassigned');
  });

  it('Log agents: the search field first, then the list when the dialog says so', () => {
    const open: OverlayAction = { type: 'open', overlay: { kind: 'logAgents', channelId: 'q-sales' } };
    expect(context(open)).toBe('search');
    expect(context(open, { type: 'keys', context: 'picker' })).toBe('picker');
    expect(context({ type: 'open', overlay: { kind: 'activity' } })).toBe('list');
  });

  it('results and the barge question have keys of their own', () => {
    expect(context({ type: 'open', overlay: { kind: 'report' } })).toBe('results');
    expect(context({ type: 'open', overlay: { kind: 'bargeConfirm' } })).toBe('confirm');
  });

  it('a step meant for an overlay that is no longer open changes nothing', () => {
    const closed = stateAfter(openMenu, { type: 'close' });
    expect(overlayReducer(closed, askLogout)).toBe(closed);
    expect(overlayReducer(closed, { type: 'keys', context: 'picker' })).toBe(closed);
    expect(
      overlayReducer(stateAfter(openMenu), { type: 'settingsStep', step: { step: 'list' } }).overlay,
    ).toEqual(stateAfter(openMenu).overlay);
  });
});
