/** A database the hub cannot use: the message says which file and why, for a person to read. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
}

/** The text of an error thrown by SQLite or the file system. */
export function reasonOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
