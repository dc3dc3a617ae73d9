/** What a CLI command writes to, and an optional signal to stop a long-running one (tests). */
export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Aborting it stops `serve` as SIGINT/SIGTERM would. */
  signal?: AbortSignal;
  /** `CCWALL_*` settings of `serve` (process.env by default). */
  env?: NodeJS.ProcessEnv;
}

/** A mistake in how a command was called: usage on stderr, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
