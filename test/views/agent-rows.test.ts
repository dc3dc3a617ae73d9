/**
 * The board's agent list is made anew on every publish; the rows that show nothing new are the
 * last publish's objects, so that the table keeps their lines. A row must never be kept when
 * anything it shows changed.
 */
import { describe, expect, it } from 'vitest';
import { apply } from '../../src/domain/index.js';
import { type AgentRow, agentRows, keepUnchangedRows } from '../../src/views/agent-rows.js';
import { buildCenter, run, T0, users } from '../fixtures/center.js';

function salesWithThree() {
  const state = buildCenter();
  for (const id of ['alice', 'bob', 'chloe'] as const)
    run(state, users.admin, { type: 'login', channelId: 'sales', userId: id });
  return state;
}

describe('keepUnchangedRows', () => {
  it('keeps the whole list when no row changed', () => {
    const state = salesWithThree();
    const first = agentRows(state, 'sales', '', 'name');
    expect(keepUnchangedRows(first, agentRows(state, 'sales', '', 'name'))).toBe(first);
  });

  it('keeps the rows that show the same, and takes the new row of the agent that changed', () => {
    const state = salesWithThree();
    const first = agentRows(state, 'sales', '', 'name');
    for (const event of run(state, users.admin, {
      type: 'pause',
      channelId: 'sales',
      userId: 'bob',
      reasonId: 'break',
    }))
      apply(state, event);
    const next = keepUnchangedRows(first, agentRows(state, 'sales', '', 'name'));
    expect(next).not.toBe(first);
    const byId = (rows: readonly AgentRow[], id: string) => rows.find((r) => r.userId === id);
    expect(byId(next, 'alice')).toBe(byId(first, 'alice'));
    expect(byId(next, 'bob')).not.toBe(byId(first, 'bob'));
    expect(byId(next, 'bob')?.session.status).toBe('paused');
    expect(next).toEqual(agentRows(state, 'sales', '', 'name'));
  });

  it('never keeps a row whose command in flight or device changed', () => {
    const state = salesWithThree();
    const first = agentRows(state, 'sales', '', 'name');
    const pausing = keepUnchangedRows(
      first,
      agentRows(state, 'sales', '', 'name', new Map([['alice', 'pausing…']])),
    );
    expect(pausing.find((r) => r.userId === 'alice')?.inFlight).toBe('pausing…');
    apply(state, {
      type: 'device_upserted',
      at: T0,
      device: { id: 'alice-desk', userId: 'alice', kind: 'desk_phone', label: 'Desk 12', active: false },
    });
    const unplugged = keepUnchangedRows(first, agentRows(state, 'sales', '', 'name'));
    expect(unplugged.find((r) => r.userId === 'alice')?.devices[0]?.active).toBe(false);
  });
});
