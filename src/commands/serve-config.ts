/**
 * `ccwall serve`'s settings from three places, later ones winning: a YAML config file
 * (`--config ccwall.yaml` or `CCWALL_CONFIG`), environment variables (`CCWALL_PORT`,
 * `CCWALL_TLS_CERT`… : `CCWALL_` and the flag's name in capitals, `-` as `_`), then the flags.
 * Every flag is a key of the file (`port: 7600`, `tls-cert: /etc/ccwall/hub.crt`,
 * `allow-origin: [https://a.example]`); an unknown key, or a value of the wrong kind, is an
 * error naming the file, the line and the key.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { reasonOf } from '../hub/storage-error.js';
import { UsageError } from './command-io.js';

/** A parseArgs option: what a flag takes. */
export interface FlagSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
}

type FlagValue = string | boolean | string[];
export type FlagValues = Record<string, FlagValue | undefined>;

/** Flags that are not settings: never read from a file or the environment. */
const NOT_SETTINGS = new Set(['help', 'config']);

/** The settings in `path`, checked against `specs`. */
export function readConfigFile(path: string, specs: Readonly<Record<string, FlagSpec>>): FlagValues {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new UsageError(
      `cannot read the config file ${path}: ${(cause as NodeJS.ErrnoException).code ?? reasonOf(cause)}`,
    );
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const where = (offset: number | undefined) => {
    const { line } = lines.linePos(offset ?? 0);
    return `${path}:${line}`;
  };
  const [error] = document.errors;
  if (error) throw new UsageError(`${where(error.pos[0])}: not valid YAML: ${error.message.split('\n')[0]}`);
  const values: FlagValues = {};
  if (document.contents === null) return values;
  if (!isMap(document.contents))
    throw new UsageError(`${path}: the config is a map of settings (key: value)`);
  for (const pair of document.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const at = where(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
    const spec = specs[key];
    if (!spec || NOT_SETTINGS.has(key))
      throw new UsageError(`${at}: "${key}" is not a setting of ccwall serve (see ccwall serve --help)`);
    const node = pair.value;
    if (spec.multiple && isSeq(node)) {
      values[key] = node.items.map((item) => {
        if (!isScalar(item) || item.value === null || typeof item.value === 'object')
          throw new UsageError(`${at}: ${key} takes a list of values`);
        return String(item.value);
      });
      continue;
    }
    if (!isScalar(node) || node.value === null || typeof node.value === 'object')
      throw new UsageError(`${at}: ${key} takes ${spec.type === 'boolean' ? 'true or false' : 'a value'}`);
    const value = node.value;
    if (spec.type === 'boolean') {
      if (typeof value !== 'boolean')
        throw new UsageError(`${at}: ${key} takes true or false, not "${String(value)}"`);
      values[key] = value;
    } else values[key] = spec.multiple ? [String(value)] : String(value);
  }
  return values;
}

/** The settings in `CCWALL_*` environment variables (only those named after a flag). */
export function readEnvironment(
  env: NodeJS.ProcessEnv,
  specs: Readonly<Record<string, FlagSpec>>,
): FlagValues {
  const values: FlagValues = {};
  for (const [key, spec] of Object.entries(specs)) {
    if (NOT_SETTINGS.has(key)) continue;
    const name = envName(key);
    const text = env[name];
    if (text === undefined || text === '') continue;
    if (spec.type === 'boolean') {
      if (/^(1|true|yes|on)$/i.test(text)) values[key] = true;
      else if (/^(0|false|no|off)$/i.test(text)) values[key] = false;
      else throw new UsageError(`${name} takes 1 or 0 (true or false), not "${text}"`);
    } else values[key] = spec.multiple ? text.split(',').map((part) => part.trim()) : text;
  }
  return values;
}

/** `tls-cert` → `CCWALL_TLS_CERT`. */
function envName(flag: string): string {
  return `CCWALL_${flag.toUpperCase().replaceAll('-', '_')}`;
}

/** File, then environment, then flags: each value set later wins (a list as a whole). */
export function mergeSettings(...layers: FlagValues[]): FlagValues {
  const merged: FlagValues = {};
  for (const layer of layers)
    for (const [key, value] of Object.entries(layer)) if (value !== undefined) merged[key] = value;
  return merged;
}
