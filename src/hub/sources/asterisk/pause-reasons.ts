/**
 * Asterisk's pause reasons are free text (`PausedReason`); ccwall's are the directory's list. A
 * text is mapped by name: the directory reason whose name (or id) it is, ignoring case. ccwall
 * sends a reason's name as `Reason` when it pauses someone, so its own pauses come back mapped.
 *
 * A text that matches no reason (a pause made on a phone, by FreePBX or another tool) must still
 * show as its own words. The source only uses ids that exist, so it first adds the text as a
 * **retired** reason with an id of its own (`asterisk:` and the text in id characters): retired,
 * nobody can choose it in ccwall, and agents paused with it show its words until they resume.
 * A pause without any text becomes `asterisk:none`, shown as "—".
 */
import type { PauseReason } from '../../../protocol/index.js';

/** The prefix of the ids the Asterisk source gives the reasons it adds. */
const ASTERISK_REASON_PREFIX = 'asterisk:';
const NO_REASON_ID = `${ASTERISK_REASON_PREFIX}none`;
const NO_REASON_LABEL = '—';
const LABEL_MAX = 40;
const ID_MAX = 64;

export interface ResolvedReason {
  reasonId: string;
  /** The reason to add (retired) before using `reasonId`; absent when it exists already. */
  added?: PauseReason;
}

/** The directory reason `text` names, or the retired reason to add for it. */
export function resolvePauseReason(reasons: readonly PauseReason[], text: string): ResolvedReason {
  const wanted = text.trim();
  const key = wanted.toLowerCase();
  if (key !== '') {
    let retiredMatch: PauseReason | undefined;
    for (const reason of reasons) {
      if (reason.label.toLowerCase() !== key && reason.id.toLowerCase() !== key) continue;
      if (!reason.retired) return { reasonId: reason.id };
      retiredMatch ??= reason;
    }
    if (retiredMatch) return { reasonId: retiredMatch.id };
  }
  const reasonId = wanted === '' ? NO_REASON_ID : reasonIdFor(wanted);
  if (reasons.some((r) => r.id === reasonId)) return { reasonId };
  return { reasonId, added: { id: reasonId, label: labelFor(wanted), retired: true } };
}

/** The text Asterisk gets as `Reason` for a directory reason: its name. */
export function reasonText(reasons: readonly PauseReason[], reasonId: string): string {
  return reasons.find((r) => r.id === reasonId)?.label ?? reasonId;
}

function reasonIdFor(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._@-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, ID_MAX - ASTERISK_REASON_PREFIX.length);
  return `${ASTERISK_REASON_PREFIX}${slug === '' ? 'other' : slug}`;
}

function labelFor(text: string): string {
  if (text === '') return NO_REASON_LABEL;
  const chars = [...text];
  return chars.length <= LABEL_MAX ? text : `${chars.slice(0, LABEL_MAX - 1).join('')}…`;
}
