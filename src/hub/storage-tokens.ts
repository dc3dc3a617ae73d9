/** The tokens table: sign-in tokens by their sha256 hash (never the token itself). */
import { intColumn, optionalIntColumn, type SqlRow, textColumn } from './sql-row.js';
import type { StorageDb } from './storage-db.js';

export interface TokenRecord {
  hash: string;
  userId: string;
  label: string;
  created: number;
  expires: number | null;
  readOnly: boolean;
  revoked: number | null;
}

export class TokenTable {
  constructor(private readonly db: StorageDb) {}

  insert(token: TokenRecord): void {
    this.db
      .statement(
        'INSERT INTO tokens (hash, user_id, label, created, expires, read_only, revoked) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        token.hash,
        token.userId,
        token.label,
        token.created,
        token.expires,
        token.readOnly ? 1 : 0,
        token.revoked,
      );
  }

  get(hash: string): TokenRecord | undefined {
    const row = this.db.get('SELECT * FROM tokens WHERE hash = ?', hash);
    return row ? this.from(row) : undefined;
  }

  all(): TokenRecord[] {
    return this.db
      .statement('SELECT * FROM tokens ORDER BY created, hash')
      .all()
      .map((row) => this.from(row));
  }

  /** Marks the tokens whose hash starts with `prefix` revoked; returns how many. */
  revoke(prefix: string, at: number): number {
    const result = this.db
      .statement('UPDATE tokens SET revoked = ? WHERE substr(hash, 1, ?) = ? AND revoked IS NULL')
      .run(at, prefix.length, prefix);
    return Number(result.changes);
  }

  private from(row: SqlRow): TokenRecord {
    return this.db.read(() => ({
      hash: textColumn(row, 'hash'),
      userId: textColumn(row, 'user_id'),
      label: textColumn(row, 'label'),
      created: intColumn(row, 'created'),
      expires: optionalIntColumn(row, 'expires'),
      readOnly: intColumn(row, 'read_only') !== 0,
      revoked: optionalIntColumn(row, 'revoked'),
    }));
  }
}
