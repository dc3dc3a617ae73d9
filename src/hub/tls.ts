/**
 * TLS for the hub: a certificate and its key in PEM files, TLS 1.2 at least. The files are
 * read and checked before the hub starts, so a mistake is reported at once and in words.
 */
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';

export const TLS_MIN_VERSION = 'TLSv1.2';

export interface TlsFiles {
  /** PEM certificate (chain). */
  cert: Buffer;
  /** PEM private key. */
  key: Buffer;
}

export class TlsConfigError extends Error {}

/** Reads and checks the certificate and key; throws a TlsConfigError saying what is wrong. */
export function loadTls(certPath: string, keyPath: string): TlsFiles {
  const cert = readPem(certPath, 'certificate');
  const key = readPem(keyPath, 'key');
  checkTls({ cert, key }, certPath, keyPath);
  return { cert, key };
}

/** Throws a TlsConfigError if the certificate and key cannot serve TLS together. */
export function checkTls(files: TlsFiles, certName = 'the certificate', keyName = 'the key'): void {
  try {
    createSecureContext({ cert: files.cert, key: files.key, minVersion: TLS_MIN_VERSION });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    if (/key values mismatch/i.test(reason))
      throw new TlsConfigError(`the TLS key ${keyName} does not belong to the certificate ${certName}`);
    throw new TlsConfigError(`cannot use the TLS certificate ${certName} with the key ${keyName}: ${reason}`);
  }
}

function readPem(path: string, what: string): Buffer {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (cause) {
    const code = cause instanceof Error && 'code' in cause ? String(cause.code) : String(cause);
    throw new TlsConfigError(`cannot read the TLS ${what} ${path}: ${code}`);
  }
  if (!data.toString('latin1').includes('-----BEGIN '))
    throw new TlsConfigError(`the TLS ${what} ${path} is not a PEM file`);
  return data;
}
