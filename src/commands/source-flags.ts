/**
 * `ccwall serve`'s choice of source: `--source demo` (the default: the demo simulator),
 * `--source remote` (a process on /source) or `--source asterisk --ami HOST:PORT --ami-user NAME
 * [--ami-secret-file FILE]` (the secret from that file or from CCWALL_AMI_SECRET, never from the
 * command line).
 */

import { AmiOptionError, AmiSecretFileError, amiEndpoint } from '../hub/sources/asterisk/ami-endpoint.js';
import { AsteriskSource } from '../hub/sources/asterisk/asterisk-source.js';
import { RemoteSource } from '../hub/sources/remote/remote-source.js';
import type { Source } from '../hub/sources/source.js';
import { UsageError } from './command-io.js';

export const SOURCE_FLAGS = {
  source: { type: 'string' },
  ami: { type: 'string' },
  'ami-user': { type: 'string' },
  'ami-secret-file': { type: 'string' },
} as const;

export const SOURCE_USAGE = `  --ami HOST:PORT Asterisk's manager (AMI), with --source asterisk (port 5038 by default)
  --ami-user NAME the manager.conf user (docs/asterisk.md says which rights it needs)
  --ami-secret-file FILE
                  its secret, first line of FILE; or set CCWALL_AMI_SECRET (never on the command line)
`;

export interface SourceFlags {
  source?: string;
  ami?: string;
  'ami-user'?: string;
  'ami-secret-file'?: string;
}

/** A bad secret file: the flags are right, the file is not (exit 1, not a usage error). */
export class SourceConfigError extends Error {}

/**
 * The source the flags ask for; undefined for the demo (the hub's default). Throws UsageError for
 * flags that do not go together, SourceConfigError for a secret that cannot be read.
 */
export function sourceFromFlags(
  flags: SourceFlags,
  env: NodeJS.ProcessEnv = process.env,
): Source | undefined {
  const kind = flags.source ?? 'demo';
  const amiFlags = (['ami', 'ami-user', 'ami-secret-file'] as const).filter((f) => flags[f] !== undefined);
  if (kind !== 'asterisk' && amiFlags.length > 0)
    throw new UsageError(`--${amiFlags[0]} goes with --source asterisk`);
  if (kind === 'demo') return undefined;
  if (kind === 'remote') return new RemoteSource();
  if (kind !== 'asterisk') throw new UsageError(`--source takes demo, remote or asterisk, not "${kind}"`);
  if (flags.ami === undefined) throw new UsageError('--source asterisk needs --ami HOST:PORT');
  if (flags['ami-user'] === undefined) throw new UsageError('--source asterisk needs --ami-user NAME');
  try {
    return new AsteriskSource({
      endpoint: amiEndpoint({
        ami: flags.ami,
        user: flags['ami-user'],
        secretFile: flags['ami-secret-file'],
        env,
      }),
    });
  } catch (error) {
    if (error instanceof AmiOptionError) throw new UsageError(error.message);
    if (error instanceof AmiSecretFileError) throw new SourceConfigError(error.message);
    throw error;
  }
}
