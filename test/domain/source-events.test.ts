/** What a source may change of the directory: only add retired pause reasons (the real system's own). */
import { describe, expect, it } from 'vitest';
import { emptyState, sourceEventProblem } from '../../src/domain/index.js';
import type { PauseReason } from '../../src/protocol/index.js';

const directory: PauseReason[] = [
  { id: 'break', label: 'Break' },
  { id: 'old', label: 'Old', retired: true },
];

function problem(reasons: PauseReason[]): string | undefined {
  const state = emptyState();
  state.pauseReasons = directory;
  return sourceEventProblem(state, { type: 'pause_reasons_set', at: 1, reasons });
}

describe('pause reasons from a source', () => {
  it('may add a retired reason, keeping every reason of the directory as it is', () => {
    expect(problem([...directory, { id: 'asterisk:smoke', label: 'Smoke', retired: true }])).toBeUndefined();
  });

  it('may not add a reason people could choose, nor change, retire or drop one of the directory', () => {
    expect(problem([...directory, { id: 'asterisk:smoke', label: 'Smoke' }])).toMatch(/retired/);
    expect(problem([{ id: 'break', label: 'Pause' }, directory[1] as PauseReason])).toMatch(
      /break must stay/,
    );
    expect(problem([{ id: 'break', label: 'Break', retired: true }, directory[1] as PauseReason])).toMatch(
      /break must stay/,
    );
    expect(problem([directory[0] as PauseReason])).toMatch(/old must stay/);
    expect(problem(directory)).toBe('no pause reason added');
  });
});
