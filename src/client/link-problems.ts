/**
 * Why the wallboard cannot reach its hub, as a typed problem the views word with the fix; and
 * whether trying again soon can help (a refused token or an untrusted certificate will not fix
 * itself: retry once a minute).
 */
import type { LinkProblem, UntrustedWhy } from './problems.js';

export interface FailedAttempt {
  problem: LinkProblem;
  /** Retrying soon cannot help: wait the long delay (a minute). */
  slow: boolean;
}

const UNTRUSTED_WHY: Readonly<Record<string, UntrustedWhy>> = {
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
export function certificateProblem(error: unknown): FailedAttempt | undefined {
  const code = codeOf(error);
  if (code === undefined) return undefined;
  const slowly = (problem: LinkProblem): FailedAttempt => ({ problem, slow: true });
  const why = UNTRUSTED_WHY[code];
  if (why) return slowly({ kind: 'tls_not_trusted', why });
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return slowly({ kind: 'tls_wrong_address' });
  if (code === 'CERT_HAS_EXPIRED') return slowly({ kind: 'tls_expired' });
  if (code === 'CERT_NOT_YET_VALID') return slowly({ kind: 'tls_not_yet_valid' });
  return undefined;
}

/** Any error of a connection attempt, as a problem; `url` is the hub's address (--url). */
export function linkProblem(error: unknown, url: string): FailedAttempt {
  const certificate = certificateProblem(error);
  if (certificate) return certificate;
  const host = hostOf(url);
  const message = error instanceof Error ? error.message : String(error);
  const status = /Unexpected server response: (\d{3})/.exec(message)?.[1];
  if (status === '401') return { problem: { kind: 'token_refused' }, slow: true };
  if (status === '403') return { problem: { kind: 'origin_refused' }, slow: true };
  if (status === '429') return { problem: { kind: 'hub_busy' }, slow: false };
  if (status === '503') return { problem: { kind: 'hub_starting' }, slow: false };
  if (status !== undefined)
    return { problem: { kind: 'not_a_hub', host, status: Number(status) }, slow: true };
  const code = codeOf(error);
  if (code === 'ECONNREFUSED') return { problem: { kind: 'nothing_listens', host }, slow: false };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { problem: { kind: 'unknown_host', host }, slow: false };
  if (code !== undefined && /^E[A-Z]+$/.test(code))
    return { problem: { kind: 'unreachable', host, code }, slow: false };
  return { problem: { kind: 'cannot_connect', host, detail: message }, slow: false };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}
