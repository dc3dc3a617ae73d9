/**
 * The client's problems in words, in the language in use: the client reports what went wrong
 * as data (src/client/problems.ts) and this is the one place that words it, for the footer, the
 * kiosk's banner, a failed action's report and the wallboard's log file.
 */
import type { ClientProblem, Problem, ResyncCause } from '../client/problems.js';
import { t } from '../i18n/index.js';

export function wordProblem(problem: Problem): string {
  if (typeof problem === 'string') return problem;
  return wordClientProblem(problem);
}

function wordClientProblem(problem: ClientProblem): string {
  const words = t().client;
  switch (problem.kind) {
    case 'hub_closed':
      return words.hubClosed(problem.code, problem.reason);
    case 'token_refused':
      return words.tokenRefused;
    case 'origin_refused':
      return words.originRefused;
    case 'hub_busy':
      return words.hubBusy;
    case 'hub_starting':
      return words.hubStarting;
    case 'not_a_hub':
      return words.notAHub(problem.host, problem.status);
    case 'nothing_listens':
      return words.nothingListens(problem.host);
    case 'unknown_host':
      return words.unknownHost(problem.host);
    case 'unreachable':
      return words.unreachable(problem.host, problem.code);
    case 'cannot_connect':
      return words.cannotConnect(problem.host, problem.detail);
    case 'tls_not_trusted':
      return words.tlsNotTrusted(words.tlsWhy[problem.why]);
    case 'tls_wrong_address':
      return words.tlsWrongAddress;
    case 'tls_expired':
      return words.tlsExpired;
    case 'tls_not_yet_valid':
      return words.tlsNotYetValid;
    case 'silent':
      return words.silent((problem.ms / 1000).toFixed(1));
    case 'binary_frame':
      return words.binaryFrame;
    case 'bad_message':
      return words.badMessage(problem.detail);
    case 'other_protocol':
      return words.otherProtocol(problem.theirs, problem.ours);
    case 'hub_says':
      return words.hubSays(problem.error.code, problem.error.message);
    case 'resynchronising':
      return words.resynchronising(resyncWords(problem.cause));
    case 'no_answer':
      return words.noAnswer(words.commands[problem.command]);
    case 'no_answer_audit':
      return words.noAnswerAudit;
    case 'closing':
      return words.closing;
    case 'query_refused':
      // The hub's own message, as the activity log always showed it.
      return problem.error.message;
  }
}

function resyncWords(cause: ResyncCause): string {
  const words = t().client;
  switch (cause.kind) {
    case 'resumed_elsewhere':
      return words.resumedElsewhere(cause.hub, cause.ours);
    case 'delta_too_early':
      return words.deltaTooEarly(cause.seq);
    case 'missed_deltas':
      return words.missedDeltas(cause.last, cause.prev);
    case 'part_out_of_order':
      return words.partOutOfOrder(cause.part, cause.parts);
    case 'hub_elsewhere':
      return words.hubElsewhere(cause.hub, cause.ours);
  }
}
