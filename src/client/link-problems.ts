/**
 * Why the wallboard cannot reach its hub, in words a supervisor understands and with the fix,
 * short enough for one line of an 80-column footer; and whether trying again soon can help
 * (a refused token or an untrusted certificate will not fix itself: retry once a minute).
 */
import { t } from '../i18n/index.js';

export interface LinkProblem {
  text: string;
  /** Retrying soon cannot help: wait the long delay (a minute). */
  slow: boolean;
}

const UNTRUSTED_WHY: Readonly<Record<string, 'selfSigned' | 'selfSignedChain' | 'unknownAuthority'>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'selfSigned',
  SELF_SIGNED_CERT_IN_CHAIN: 'selfSignedChain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unknownAuthority',
  UNABLE_TO_GET_ISSUER_CERT: 'unknownAuthority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unknownAuthority',
  CERT_UNTRUSTED: 'unknownAuthority',
};

const codeOf = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error ? String(error.code) : undefined;

/** The TLS refusals: the hub's certificate is not trusted, not the hub's, or out of date. */
export function certificateProblem(error: unknown): LinkProblem | undefined {
  const code = codeOf(error);
  if (code === undefined) return undefined;
  const words = t().client;
  const why = UNTRUSTED_WHY[code];
  if (why) return { text: words.tlsNotTrusted(words.tlsWhy[why]), slow: true };
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return { text: words.tlsWrongAddress, slow: true };
  if (code === 'CERT_HAS_EXPIRED') return { text: words.tlsExpired, slow: true };
  if (code === 'CERT_NOT_YET_VALID') return { text: words.tlsNotYetValid, slow: true };
  return undefined;
}

/** Any error of a connection attempt, in words; `url` is the hub's address (--url). */
export function linkProblem(error: unknown, url: string): LinkProblem {
  const words = t().client;
  const certificate = certificateProblem(error);
  if (certificate) return certificate;
  const host = hostOf(url);
  const message = error instanceof Error ? error.message : String(error);
  const status = /Unexpected server response: (\d{3})/.exec(message)?.[1];
  if (status === '401') return { text: words.tokenRefused, slow: true };
  if (status === '403') return { text: words.originRefused, slow: true };
  if (status === '429') return { text: words.hubBusy, slow: false };
  if (status === '503') return { text: words.hubStarting, slow: false };
  if (status !== undefined) return { text: words.notAHub(host, Number(status)), slow: true };
  const code = codeOf(error);
  if (code === 'ECONNREFUSED') return { text: words.nothingListens(host), slow: false };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { text: words.unknownHost(host), slow: false };
  if (code !== undefined && /^E[A-Z]+$/.test(code))
    return { text: words.unreachable(host, code), slow: false };
  return { text: words.cannotConnect(host, message), slow: false };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}
