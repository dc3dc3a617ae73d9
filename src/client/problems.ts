/**
 * What went wrong with the link, a frame or a command, as data: the client reports these and
 * the views word them (src/views/problem-words.ts), in the language in use. The client itself
 * never words anything, so it imports nothing from the catalogue.
 */
import type { Command, ProtocolError } from '../protocol/index.js';

/** Why a wallboard dropped its position and asked for a fresh snapshot. */
export type ResyncCause =
  | { kind: 'resumed_elsewhere'; hub: string; ours: string }
  | { kind: 'delta_too_early'; seq: number }
  | { kind: 'missed_deltas'; last: number; prev: number }
  | { kind: 'part_out_of_order'; part: number; parts: number }
  | { kind: 'hub_elsewhere'; hub: string; ours: string };

/** How the hub's certificate is untrusted. */
export type UntrustedWhy = 'selfSigned' | 'selfSignedChain' | 'unknownAuthority';

/** A connection attempt that failed, or a link that was lost. */
export type LinkProblem =
  | { kind: 'hub_closed'; code: number; reason: string }
  | { kind: 'token_refused' }
  | { kind: 'origin_refused' }
  | { kind: 'hub_busy' }
  | { kind: 'hub_starting' }
  | { kind: 'not_a_hub'; host: string; status: number }
  | { kind: 'nothing_listens'; host: string }
  | { kind: 'unknown_host'; host: string }
  | { kind: 'unreachable'; host: string; code: string }
  | { kind: 'cannot_connect'; host: string; detail: string }
  | { kind: 'tls_not_trusted'; why: UntrustedWhy }
  | { kind: 'tls_wrong_address' }
  | { kind: 'tls_expired' }
  | { kind: 'tls_not_yet_valid' }
  /** Nothing arrived for this many milliseconds: the link is considered dead. */
  | { kind: 'silent'; ms: number };

/** A frame from the hub that made no sense, or the hub's own `error`. */
export type FrameProblem =
  | { kind: 'binary_frame' }
  | { kind: 'bad_message'; detail: string }
  | { kind: 'other_protocol'; theirs: number; ours: number }
  | { kind: 'hub_says'; error: ProtocolError }
  | { kind: 'resynchronising'; cause: ResyncCause };

/** A command or query that got no answer, or a refused query. */
export type CommandProblem =
  | { kind: 'no_answer'; command: Command['type'] }
  | { kind: 'no_answer_audit' }
  | { kind: 'closing' }
  | { kind: 'query_refused'; error: ProtocolError };

export type ClientProblem = LinkProblem | FrameProblem | CommandProblem;

/**
 * What the store keeps and the views show: a problem of ours, or words said by someone else
 * (the source's own detail when it is down), shown as they are.
 */
export type Problem = ClientProblem | string;

/** A rejected command or query promise: the problem, for the views or the CLI to word. */
export class ClientProblemError extends Error {
  override readonly name: string = 'ClientProblemError';
  constructor(readonly problem: ClientProblem) {
    // For a stack trace or a log read by a developer; a person reads the views' words.
    super(`client problem: ${problem.kind}`);
  }
}
