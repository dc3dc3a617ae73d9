/**
 * `ccwall serve`'s settings: the flags, over `CCWALL_*` variables, over the config file
 * (serve-config.ts), checked and given their defaults. A bad one is a UsageError naming it.
 */
import { parseArgs } from 'node:util';
import { defaultDbPath } from '../hub/data-dir.js';
import { parseDuration } from '../hub/duration.js';
import {
  DEFAULT_AUDIT_RETENTION_MS,
  DEFAULT_HISTORY_EVENTS,
  DEFAULT_HISTORY_MS,
} from '../hub/engine-options.js';
import { DEFAULT_PORT } from '../hub/hub.js';
import type { LogLevel } from '../hub/log.js';
import { LOG_FORMATS, LOG_LEVELS, type LogFormat } from '../hub/log-sink.js';
import { parseAllowedOrigins } from '../hub/origin.js';
import { DEFAULT_DEMO_SIZE, DEMO_SIZES, demoSizeNamed } from '../hub/sources/demo/demo-size.js';
import { reasonOf } from '../hub/storage-error.js';
import { UsageError } from './command-io.js';
import { type FlagValues, mergeSettings, readConfigFile, readEnvironment } from './serve-config.js';
import { SOURCE_FLAGS } from './source-flags.js';

const options = {
  host: { type: 'string' },
  port: { type: 'string' },
  db: { type: 'string' },
  demo: { type: 'boolean' },
  directory: { type: 'string' },
  simulate: { type: 'boolean' },
  'no-simulate': { type: 'boolean' },
  seed: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'allow-origin': { type: 'string', multiple: true },
  'history-events': { type: 'string' },
  'history-minutes': { type: 'string' },
  'demo-size': { type: 'string' },
  'events-per-second': { type: 'string' },
  ...SOURCE_FLAGS,
  'audit-retention': { type: 'string' },
  'metrics-port': { type: 'string' },
  'log-format': { type: 'string' },
  'log-level': { type: 'string' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type ParsedValues = ReturnType<
  typeof parseArgs<{ args: string[]; options: typeof options; strict: true }>
>['values'];

/** The flags, over `CCWALL_*` variables, over the config file (serve-config.ts). */
function settingsFrom(argv: string[], env: NodeJS.ProcessEnv): ParsedValues {
  const parseFlags = (args: string[]) => {
    try {
      return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
    } catch (error) {
      throw new UsageError(reasonOf(error));
    }
  };
  const flags = parseFlags(argv);
  if (flags.help) return flags;
  const configPath = flags.config ?? env.CCWALL_CONFIG;
  const fromFile = configPath ? readConfigFile(configPath, options) : {};
  const layered = mergeSettings(fromFile, readEnvironment(env, options));
  for (const key of Object.keys(flags)) delete layered[key];
  return parseFlags([...asArguments(layered), ...argv]);
}

/** Settings as the flags that would give them (parseArgs checks them as it checks flags). */
function asArguments(values: FlagValues): string[] {
  const args: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (value === true) args.push(`--${key}`);
    else if (Array.isArray(value)) for (const item of value) args.push(`--${key}=${item}`);
    else if (typeof value === 'string') args.push(`--${key}=${value}`);
  }
  return args;
}

export type ServeSettings = Exclude<ReturnType<typeof parseServeSettings>, 'help'>;

/** The settings from `argv` and `env` (and the config file they name), or 'help'. */
export function parseServeSettings(argv: string[], env: NodeJS.ProcessEnv) {
  const values = settingsFrom(argv, env);
  if (values.help) return 'help' as const;
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port takes a port number (0–65535), not "${values.port}"`);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed takes a whole number, not "${values.seed}"`);
  const historyEvents = wholeNumber(values['history-events'], DEFAULT_HISTORY_EVENTS, 1, '--history-events');
  const historyMinutes = wholeNumber(
    values['history-minutes'],
    DEFAULT_HISTORY_MS / 60_000,
    0,
    '--history-minutes',
  );
  const demoSizeText = values['demo-size'] ?? DEFAULT_DEMO_SIZE;
  const demoSize = demoSizeNamed(demoSizeText);
  if (demoSize === undefined)
    throw new UsageError(`--demo-size takes ${DEMO_SIZES.join(' or ')}, not "${demoSizeText}"`);
  const eventsPerSecond = wholeNumber(values['events-per-second'], 0, 1, '--events-per-second');
  if (values.demo && values.directory !== undefined)
    throw new UsageError('--demo and --directory do not go together: the demo is its own directory');
  if (values.simulate && values['no-simulate']) throw new UsageError('--simulate or --no-simulate?');
  const source = values.source ?? 'demo';
  if (source !== 'demo' && source !== 'remote' && source !== 'asterisk')
    throw new UsageError(`--source takes demo, remote or asterisk, not "${source}"`);
  if (source !== 'demo' && values.demo)
    throw new UsageError('--demo runs the demo source: leave out --source');
  if (source !== 'demo' && values.simulate)
    throw new UsageError('--simulate runs the demo source: leave out --source');
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined))
    throw new UsageError('--tls-cert and --tls-key go together');
  let allowOrigins: string[];
  try {
    allowOrigins = parseAllowedOrigins(values['allow-origin'] ?? []);
  } catch (error) {
    throw new UsageError(`--allow-origin: ${reasonOf(error)}`);
  }
  let auditRetentionDays = DEFAULT_AUDIT_RETENTION_MS / 86_400_000;
  const retention = values['audit-retention'];
  if (retention !== undefined) {
    const ms = retention.trim() === '0' ? 0 : parseDuration(retention);
    if (ms === undefined)
      throw new UsageError(
        `--audit-retention takes a duration like 90d, 12w or 0 (keep for ever), not "${retention}"`,
      );
    auditRetentionDays = ms / 86_400_000;
  }
  const metricsPort = values['metrics-port'] === undefined ? undefined : Number(values['metrics-port']);
  if (metricsPort !== undefined && (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535))
    throw new UsageError(`--metrics-port takes a port number (0–65535), not "${values['metrics-port']}"`);
  const logFormat = oneOf(values['log-format'], LOG_FORMATS, 'text', '--log-format');
  const logLevel: LogLevel = oneOf(values['log-level'], LOG_LEVELS, 'info', '--log-level');
  return {
    host: values.host ?? '127.0.0.1',
    port,
    dbPath: values.db ?? defaultDbPath(),
    demo: values.demo ?? false,
    directory: values.directory,
    // The demo simulates unless told not to; a real directory only when asked to (trials).
    simulate: values.demo ? !(values['no-simulate'] ?? false) : (values.simulate ?? false),
    seed,
    tlsCert: values['tls-cert'],
    tlsKey: values['tls-key'],
    allowOrigins,
    historyEvents,
    historyMinutes,
    demoSize,
    eventsPerSecond,
    source,
    auditRetentionDays,
    metricsPort,
    logFormat: logFormat satisfies LogFormat,
    logLevel,
    sourceFlags: {
      source,
      ami: values.ami,
      'ami-user': values['ami-user'],
      'ami-secret-file': values['ami-secret-file'],
    },
  };
}

function oneOf<T extends string>(
  text: string | undefined,
  allowed: readonly T[],
  fallback: T,
  flag: string,
): T {
  if (text === undefined) return fallback;
  const found = allowed.find((value) => value === text);
  if (found === undefined) throw new UsageError(`${flag} takes ${allowed.join(', ')}, not "${text}"`);
  return found;
}

function wholeNumber(text: string | undefined, fallback: number, min: number, flag: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min)
    throw new UsageError(
      `${flag} takes a whole number${min > 0 ? ` of at least ${min}` : ''}, not "${text}"`,
    );
  return value;
}
