/**
 * Where and as whom to reach Asterisk's manager, from `ccwall serve`'s options: `--ami HOST:PORT`
 * (the port defaults to 5038), `--ami-user NAME`, and the secret from `--ami-secret-file FILE`
 * or the `CCWALL_AMI_SECRET` variable, never from the command line (anyone on the machine can
 * read a process's arguments).
 */
import { readFileSync } from 'node:fs';
import type { AmiEndpoint } from './ami-connection.js';

const DEFAULT_AMI_PORT = 5038;

/** A bad option, in one line. */
export class AmiOptionError extends Error {}
/** The secret file cannot be read or is empty. */
export class AmiSecretFileError extends Error {}

/** `host:port`, `host`, `[::1]:5038` → host and port. */
function parseAmiAddress(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::(\d+))?$/.exec(text.trim());
  const host = match?.[1] ?? match?.[2];
  if (!match || host === undefined || host === '')
    throw new AmiOptionError(
      `--ami takes HOST:PORT (Asterisk's manager, port ${DEFAULT_AMI_PORT} by default), not "${text}"`,
    );
  const port = match[3] === undefined ? DEFAULT_AMI_PORT : Number(match[3]);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new AmiOptionError(`--ami: "${match[3]}" is not a port number (1–65535)`);
  return { host, port };
}

/** The secret from a file (its first line) or the environment; never from the command line. */
function readAmiSecret(file: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === 'ENOENT'
          ? 'no such file'
          : code === 'EACCES'
            ? 'not allowed to read it'
            : String(code ?? error);
      throw new AmiSecretFileError(`--ami-secret-file ${file}: ${why}`);
    }
    const secret = (text.split(/\r?\n/)[0] ?? '').trim();
    if (secret === '') throw new AmiSecretFileError(`--ami-secret-file ${file} is empty`);
    return secret;
  }
  const secret = env.CCWALL_AMI_SECRET;
  if (secret !== undefined && secret !== '') return secret;
  throw new AmiOptionError('the AMI secret is missing: give --ami-secret-file FILE or set CCWALL_AMI_SECRET');
}

/** The endpoint from serve's options. */
export function amiEndpoint(options: {
  ami: string | undefined;
  user: string | undefined;
  secretFile: string | undefined;
  env?: NodeJS.ProcessEnv;
}): AmiEndpoint {
  if (options.ami === undefined) throw new AmiOptionError('--source asterisk needs --ami HOST:PORT');
  const { host, port } = parseAmiAddress(options.ami);
  if (options.user === undefined || options.user.trim() === '')
    throw new AmiOptionError('--source asterisk needs --ami-user NAME (a user of manager.conf)');
  return {
    host,
    port,
    username: options.user.trim(),
    secret: readAmiSecret(options.secretFile, options.env),
  };
}
