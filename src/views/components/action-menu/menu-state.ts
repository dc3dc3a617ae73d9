/**
 * The action menu's steps, as a pure reducer: the main list, a sub-list (pause reasons,
 * monitor modes), a confirmation. `choose` says what picking an entry leads to.
 */

import {
  type ActionRequest,
  type ActionScope,
  confirmationFor,
  type MenuEntryId,
  scopeMonitorRequests,
} from '../../actions/agent-actions.js';
import type { KeyContext } from '../../keymap.js';

export type MenuStep =
  | { step: 'main' }
  | { step: 'sub'; of: 'pause' | 'monitor' }
  | { step: 'confirm'; request: ActionRequest; question: string; from: 'main' | 'sub' }
  | { step: 'closed' };

export type MenuAction =
  | { type: 'sub'; of: 'pause' | 'monitor' }
  | { type: 'confirm'; request: ActionRequest; question: string; from: 'main' | 'sub' }
  | { type: 'back' };

export const INITIAL_MENU: MenuStep = { step: 'main' };

export function menuReducer(state: MenuStep, action: MenuAction): MenuStep {
  switch (action.type) {
    case 'sub':
      return { step: 'sub', of: action.of };
    case 'confirm':
      return { step: 'confirm', request: action.request, question: action.question, from: action.from };
    case 'back':
      if (state.step === 'confirm' && state.from === 'sub') {
        return { step: 'sub', of: state.request.kind === 'pause' ? 'pause' : 'monitor' };
      }
      if (state.step === 'main' || state.step === 'closed') return { step: 'closed' };
      return { step: 'main' };
  }
}

/** The keys of a step: the list's, or the question's. */
export const menuKeyContext = (step: MenuStep): KeyContext => (step.step === 'confirm' ? 'confirm' : 'menu');

/** What picking something leads to. */
export type MenuOutcome =
  | { go: 'sub'; of: 'pause' | 'monitor' }
  | { go: 'confirm'; request: ActionRequest; question: string }
  | { go: 'submit'; request: ActionRequest }
  | { go: 'logAgents' };

/** Picking a request: confirm it first when it is disruptive. */
export function chooseRequest(scope: ActionScope, request: ActionRequest): MenuOutcome {
  const question = confirmationFor(scope, request);
  return question ? { go: 'confirm', request, question } : { go: 'submit', request };
}

/** Picking an entry of the main list. */
export function chooseEntry(scope: ActionScope, id: MenuEntryId): MenuOutcome {
  switch (id) {
    case 'logout':
      return chooseRequest(scope, { kind: 'logout' });
    case 'resume':
      return chooseRequest(scope, { kind: 'resume' });
    case 'end_wrap_up':
      return chooseRequest(scope, { kind: 'end_wrap_up' });
    case 'pause':
      return { go: 'sub', of: 'pause' };
    case 'monitor': {
      // The modes of the interaction's channel (for an agent busy elsewhere: that channel's).
      const modes = scopeMonitorRequests(scope);
      const only = modes[0];
      // A chat has one way to monitor it (read the transcript): no sub-list.
      if (modes.length === 1 && only) return chooseRequest(scope, only);
      return { go: 'sub', of: 'monitor' };
    }
    case 'log_agents':
      return { go: 'logAgents' };
  }
}
