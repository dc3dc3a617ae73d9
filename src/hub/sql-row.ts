/**
 * Reading columns of SQLite rows without casts: each reader checks the type it expects and
 * reports a damaged row otherwise.
 */
type SqlValue = null | number | bigint | string | Uint8Array;
export type SqlRow = Record<string, SqlValue>;

export class RowError extends Error {
  override readonly name = 'RowError';
}

export function intColumn(row: SqlRow, column: string): number {
  const value = row[column];
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  throw new RowError(`column ${column} holds ${describe(value)}, not an integer`);
}

export function optionalIntColumn(row: SqlRow, column: string): number | null {
  return row[column] === null ? null : intColumn(row, column);
}

export function textColumn(row: SqlRow, column: string): string {
  const value = row[column];
  if (typeof value === 'string') return value;
  throw new RowError(`column ${column} holds ${describe(value)}, not text`);
}

function describe(value: SqlValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return 'a blob';
  return typeof value;
}
