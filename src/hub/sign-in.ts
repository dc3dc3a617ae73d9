/**
 * Sign-in: who an upgrade request is, from its `Authorization: Bearer <token>` header (never
 * from the URL), and whether the tokens of live connections still hold: a revoked or expired
 * one is closed 1008. Failures are counted and audited, with the remote address, never a token.
 */
import type { IncomingMessage } from 'node:http';
import { CloseCode } from '../protocol/index.js';
import type { SignIn } from './identity.js';
import type { ServerScope } from './server-scope.js';
import { reasonOf } from './storage-error.js';
import { type Tokens, tokenHolder } from './tokens.js';

/** A source process's sign-in on `/source`. */
interface SourceSignIn {
  name: string;
  tokenHash: string;
}

/** A wallboard's sign-in: a valid token of a user the hub knows; undefined (and counted) otherwise. */
export function signInWallboard(
  scope: ServerScope,
  request: IncomingMessage,
  remote: string,
  address: string,
  now: number,
): SignIn | undefined {
  const { options, metrics, refusals, audit } = scope;
  const denied = (actorId: string, detail: string) => {
    metrics.refused('denied');
    refusals.note({ key: address, actorId, remote, action: 'authenticate', result: 'denied', detail }, now);
  };
  try {
    const check = options.tokens.verify(bearerToken(request.headers.authorization), now);
    if (!check.ok) {
      denied('-', check.id ? `token ${check.id}: ${check.reason}` : `token ${check.reason}`);
      return undefined;
    }
    if (!options.engine.state.users.has(check.userId)) {
      denied(check.userId, `token ${check.id}: unknown user`);
      return undefined;
    }
    audit(
      check.userId,
      remote,
      'authenticate',
      'ok',
      `token ${check.id}${check.readOnly ? ' (read-only)' : ''}`,
    );
    return {
      identity: { userId: check.userId, readOnly: check.readOnly, remote },
      tokenHash: check.hash,
      tokenId: check.id,
    };
  } catch (cause) {
    options.log(`cannot check a token: ${reasonOf(cause)}`, 'error');
    return undefined;
  }
}

/** A source process's sign-in: a valid source token; undefined (and counted) otherwise. */
export function signInSource(
  scope: ServerScope,
  request: IncomingMessage,
  remote: string,
  address: string,
  now: number,
): SourceSignIn | undefined {
  const { options, metrics, refusals } = scope;
  try {
    const check = options.tokens.verify(bearerToken(request.headers.authorization), now);
    const holder = check.ok ? tokenHolder(check.userId) : undefined;
    if (check.ok && holder?.kind === 'source') return { name: holder.name, tokenHash: check.hash };
    metrics.refused('denied');
    refusals.note(
      {
        key: address,
        actorId: check.ok ? check.userId : '-',
        remote,
        action: 'authenticate',
        result: 'denied',
        detail: check.ok ? `token ${check.id}: not a source token` : `source token ${check.reason}`,
      },
      now,
    );
  } catch (cause) {
    options.log(`cannot check a token: ${reasonOf(cause)}`, 'error');
  }
  return undefined;
}

/** Closes (1008) the connections, and the source process, whose token was revoked or expired since they signed in. */
export function recheckTokens(scope: ServerScope): void {
  recheckSourceToken(scope);
  const { options, open, audit } = scope;
  if (open.signIns.size === 0) return;
  const now = options.now();
  const verdicts = new Map<string, ReturnType<Tokens['verifyHash']>>();
  for (const [connection, signIn] of open.signIns) {
    let check = verdicts.get(signIn.tokenHash);
    if (!check) {
      try {
        check = options.tokens.verifyHash(signIn.tokenHash, now);
      } catch (cause) {
        options.log(`cannot check the tokens of live connections: ${reasonOf(cause)}`, 'error');
        return;
      }
      verdicts.set(signIn.tokenHash, check);
    }
    if (check.ok) continue;
    open.signIns.delete(connection);
    const { userId, remote } = signIn.identity;
    audit(userId, remote, 'session', 'closed', `token ${signIn.tokenId} ${check.reason}: closed 1008`);
    connection.close(CloseCode.policyViolation, `token ${check.reason}`);
  }
}

/** A revoked or expired source token closes its source process (1008), as for wallboards. */
function recheckSourceToken(scope: ServerScope): void {
  const { options, audit } = scope;
  const signedIn = options.remoteSource?.signedIn();
  if (!signedIn) return;
  let check: ReturnType<Tokens['verifyHash']>;
  try {
    check = options.tokens.verifyHash(signedIn.tokenHash, options.now());
  } catch (cause) {
    options.log(`cannot check the source's token: ${reasonOf(cause)}`);
    return;
  }
  if (check.ok) return;
  audit(
    `source/${signedIn.name}`,
    signedIn.remote,
    'session',
    'closed',
    `source token ${check.reason}: closed 1008`,
  );
  options.remoteSource?.disconnect(CloseCode.policyViolation, `token ${check.reason}`);
}

/** The token of an `Authorization: Bearer <token>` header. Tokens are never read from the URL. */
function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}
