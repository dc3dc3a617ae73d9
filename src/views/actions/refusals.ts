/**
 * Refusals in plain words: why an action is dimmed in a menu (short), and what a refused
 * command's ack means (a sentence). The codes come from the hub and from `decide`.
 */
import { ClientProblemError } from '../../client/problems.js';
import { currentLocale, lazyRecord, t } from '../../i18n/index.js';
import {
  DomainErrorCode,
  type ErrorCode,
  type ProtocolError,
  SourceErrorCode,
  type SourceInfo,
} from '../../protocol/index.js';
import { wordProblem } from '../problem-words.js';

/** A few words, for a dimmed menu entry. */
export const REFUSAL_WORDS: Readonly<Record<ErrorCode, string>> = lazyRecord(() => {
  const { noAnswer: _noAnswer, notPossibleOn: _notPossibleOn, ...words } = t().refusals;
  return words;
});

/**
 * A few words for a refusal, naming the telephony system where the source cannot do it
 * ("not possible on Asterisk").
 */
export function refusalWord(error: ProtocolError, source: SourceInfo | null = null): string {
  if (error.code === 'not_supported' && source) return t().refusals.notPossibleOn(source.label);
  return REFUSAL_WORDS[error.code];
}

/** Codes whose hub message is about the contact center (names, channels): shown as the hub words it. */
const DOMAIN_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(DomainErrorCode.options);

/** Codes whose hub message is the telephony system's own words: shown in every language. */
const SOURCE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(SourceErrorCode.options);

/**
 * A refused command, in a sentence a supervisor understands: the hub's own words (in English,
 * naming the people and channels) when the language in use is English, else ours; a refusal or
 * failure of the telephony system always carries the system's own message.
 */
export function refusalText(error: ProtocolError): string {
  const message = error.message.trim();
  // The hub words these as "{system}: {its own message}" (or "{system} failed: …").
  if (SOURCE_CODES.has(error.code) && message !== '') return message;
  if (currentLocale().language === 'en' && DOMAIN_CODES.has(error.code) && message !== '') return message;
  return REFUSAL_WORDS[error.code];
}

/** A command that got no answer at all (timeout, closing), or a refused query. */
export function failureText(error: unknown): string {
  if (error instanceof ClientProblemError) return wordProblem(error.problem);
  return error instanceof Error ? error.message : t().refusals.noAnswer;
}
