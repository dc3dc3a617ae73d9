/**
 * Access tokens: `ccw_` + 32 random bytes in base64url (256 bits). Only the sha256 of a token
 * is stored; the token itself is shown once, when it is created, and never logged.
 * A token's public id is the first 12 hex digits of its hash.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Storage } from './storage.js';
import type { TokenRecord } from './storage-tokens.js';

const TOKEN_PREFIX = 'ccw_';
/** A token's public id: this many hex digits of its hash. */
export const TOKEN_ID_LENGTH = 12;
/**
 * A source token is stored under `source/NAME`: a `/` is never in a user id, so a source token
 * can never sign in as a user, nor a user token as a source.
 */
const SOURCE_PREFIX = 'source/';
/** A source's name: like an id. */
export const SOURCE_NAME = /^[A-Za-z0-9._:@-]{1,48}$/;

/** The holder of a token stored under `userId`: a user, or a source (by name). */
export function tokenHolder(
  userId: string,
): { kind: 'user'; userId: string } | { kind: 'source'; name: string } {
  return userId.startsWith(SOURCE_PREFIX)
    ? { kind: 'source', name: userId.slice(SOURCE_PREFIX.length) }
    : { kind: 'user', userId };
}

export interface TokenOptions {
  readOnly?: boolean;
  /** Milliseconds since the epoch; none = never expires. */
  expiresAt?: number;
  label?: string;
}

/** What may be shown about a token: its public id and record, never the token nor its hash. */
export type TokenInfo = Omit<TokenRecord, 'hash'> & { id: string };

export type TokenCheck =
  | { ok: true; userId: string; readOnly: boolean; id: string /** sha256 of the token. */; hash: string }
  | { ok: false; reason: 'missing' | 'unknown' | 'expired' | 'revoked'; id?: string };

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export class Tokens {
  constructor(private readonly storage: Storage) {}

  /** Creates a token for `userId` and returns it: the only time it is ever visible. */
  create(userId: string, now: number, options: TokenOptions = {}): string {
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    this.storage.insertToken({
      hash: hashToken(token),
      userId,
      label: options.label ?? '',
      created: now,
      expires: options.expiresAt ?? null,
      readOnly: options.readOnly ?? false,
      revoked: null,
    });
    return token;
  }

  /** Creates a token a remote source signs in with (`name` says which source); shown once. */
  createForSource(name: string, now: number, options: Omit<TokenOptions, 'readOnly'> = {}): string {
    if (!SOURCE_NAME.test(name))
      throw new Error(`a source name uses letters, digits and . _ : @ - only (at most 48): not "${name}"`);
    return this.create(SOURCE_PREFIX + name, now, options);
  }

  list(): TokenInfo[] {
    return this.storage.tokens().map(info);
  }

  /** Revokes the tokens whose id starts with `idPrefix` (at least 6 hex digits, and only one may match). */
  revoke(idPrefix: string, now: number): { ok: true; id: string } | { ok: false; message: string } {
    const prefix = idPrefix.toLowerCase();
    if (!/^[0-9a-f]{6,64}$/.test(prefix))
      return { ok: false, message: 'a token id is at least 6 hex digits (see `ccwall token list`)' };
    const matches = this.storage.tokens().filter((t) => t.hash.startsWith(prefix));
    if (matches.length === 0) return { ok: false, message: `no token ${prefix}` };
    if (matches.length > 1)
      return { ok: false, message: `${prefix} matches ${matches.length} tokens: give more digits` };
    const [match] = matches;
    if (!match) return { ok: false, message: `no token ${prefix}` };
    if (match.revoked !== null) return { ok: false, message: `token ${info(match).id} is already revoked` };
    this.storage.revokeTokens(match.hash, now);
    return { ok: true, id: info(match).id };
  }

  verify(token: string | undefined, now: number): TokenCheck {
    if (!token) return { ok: false, reason: 'missing' };
    return this.verifyHash(hashToken(token), now);
  }

  /**
   * Checks a token by its hash (what a live connection keeps, never the token): the hub calls
   * this every second or so, so a revocation made by another process on the same database
   * closes the token's connections within seconds.
   */
  verifyHash(hash: string, now: number): TokenCheck {
    const record = this.storage.token(hash);
    if (!record) return { ok: false, reason: 'unknown' };
    const id = info(record).id;
    if (record.revoked !== null) return { ok: false, reason: 'revoked', id };
    if (record.expires !== null && record.expires <= now) return { ok: false, reason: 'expired', id };
    return { ok: true, userId: record.userId, readOnly: record.readOnly, id, hash };
  }
}

function info(record: TokenRecord): TokenInfo {
  return {
    id: record.hash.slice(0, TOKEN_ID_LENGTH),
    userId: record.userId,
    label: record.label,
    created: record.created,
    expires: record.expires,
    readOnly: record.readOnly,
    revoked: record.revoked,
  };
}
