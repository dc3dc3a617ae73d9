/**
 * `ccwall serve [--host 127.0.0.1] [--port 7600] [--db PATH] [--directory FILE | --demo]
 * [--simulate | --no-simulate] [--seed N] [--tls-cert F --tls-key F] [--allow-origin ORIGIN]…`:
 * runs a hub until SIGINT/SIGTERM, then closes every client with 1001 (going away), saves and
 * exits 0. SIGHUP applies the --directory file again and reloads the TLS certificate and key.
 * Without --db the database lives in the user's data directory. Listening beyond loopback
 * without TLS prints a warning. Settings may also come from a config file and `CCWALL_*`
 * variables (serve-config.ts).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDbPath } from '../hub/data-dir.js';
import { parseDuration } from '../hub/duration.js';
import {
  DEFAULT_AUDIT_RETENTION_MS,
  DEFAULT_HISTORY_EVENTS,
  DEFAULT_HISTORY_MS,
} from '../hub/engine-options.js';
import { DEFAULT_PORT, startHub } from '../hub/hub.js';
import { DirectoryRefused } from '../hub/hub-directory.js';
import type { LogLevel } from '../hub/log.js';
import { createLogSink, LOG_FORMATS, LOG_LEVELS, type LogFormat } from '../hub/log-sink.js';
import { parseAllowedOrigins } from '../hub/origin.js';
import { printable } from '../hub/printable.js';
import { DEMO_ADMIN_ID, DEMO_AGENT_ID, DEMO_SUPERVISOR_ID } from '../hub/sources/demo/demo-center.js';
import type { DemoSize } from '../hub/sources/demo/demo-center-large.js';
import type { Source } from '../hub/sources/source.js';
import { Storage } from '../hub/storage.js';
import { reasonOf, StorageError } from '../hub/storage-error.js';
import { loadTls, TlsConfigError, type TlsFiles } from '../hub/tls.js';
import type { CommandIo } from './command-io.js';
import { UsageError } from './command-io.js';
import { type FlagValues, mergeSettings, readConfigFile, readEnvironment } from './serve-config.js';
import { SOURCE_FLAGS, SOURCE_USAGE, SourceConfigError, sourceFromFlags } from './source-flags.js';

export const SERVE_USAGE = `Usage: ccwall serve [--host 127.0.0.1] [--port ${DEFAULT_PORT}] [--db PATH] [--directory FILE | --demo]
                    [--simulate | --no-simulate] [--seed N]
                    [--tls-cert FILE --tls-key FILE] [--allow-origin ORIGIN]...
                    [--history-events N] [--history-minutes M]
                    [--demo-size standard|large] [--events-per-second N] [--source demo|remote|asterisk]
                    [--ami HOST:PORT --ami-user NAME --ami-secret-file FILE]
                    [--audit-retention 90d] [--metrics-port P]
                    [--log-format text|json] [--log-level info] [--config FILE]

  --host H        address to listen on (default 127.0.0.1)
  --port P        port (default ${DEFAULT_PORT}; 0 picks a free one)
  --db PATH       database file (default: ${defaultDbPath()}); ":memory:" keeps nothing
  --directory FILE
                  the organisation's directory (YAML or JSON, docs/directory.md): applied at
                  start (a file that fails its check stops the start) and again on SIGHUP
                  (one that fails keeps the current directory); the plan applied is logged
  --demo          seed the demo contact center into an empty database, with simulated traffic
                  (refused on a database that holds another directory)
  --simulate      simulated traffic on whatever directory the hub serves (for trials)
  --no-simulate   the demo without simulated traffic (without --demo nothing is simulated anyway)
  --seed N        seed of the demo center and of the simulator (default 1)
  --source S      the system that owns the calls: demo (ccwall itself; the default), remote
                  (a process that signs in on /source with a source token: docs/sources.md)
                  or asterisk (an Asterisk PBX through its manager: docs/asterisk.md)
${SOURCE_USAGE}  --demo-size S   standard (64 users, 11 channels; the default) or large (5,000 agents,
                  300 channels, for trying the hub and wallboards at contact-center scale)
  --events-per-second N
                  simulated traffic at about this many events a second (it speeds the
                  simulated center up or down to get there; default: real-time pace)
  --tls-cert FILE serve wss:// with this PEM certificate (chain); needs --tls-key
  --tls-key FILE  the PEM private key of --tls-cert
  --allow-origin O a browser origin allowed to connect (https://host[:port]); repeat it or
                  give a comma list. Requests with any other Origin header are refused (403);
                  terminal wallboards send none.
  --history-events N
                  a wallboard that reconnects resumes without a fresh snapshot if it missed at
                  most this many events (default ${DEFAULT_HISTORY_EVENTS}); the history is kept in
                  the database, so resuming works across a restart of the hub too
  --history-minutes M
                  …and only events of the last M minutes (default ${DEFAULT_HISTORY_MS / 60_000}; 0: no age limit)
  --audit-retention D
                  delete audit entries older than D: 30d, 12w… (default ${DEFAULT_AUDIT_RETENTION_MS / 86_400_000}d;
                  0: keep them for ever); \`ccwall audit prune\` does it by hand
  --metrics-port P
                  serve GET /metrics on this port (of --host) instead of the hub's own port;
                  GET /healthz is always on the hub's port
  --log-format F  text (default: time, level, message) or json (one object per line)
  --log-level L   debug, info (default), warn or error
  --config FILE   settings from a YAML file: every flag above is a key (port: 7600,
                  tls-cert: /etc/ccwall/hub.crt, allow-origin: [https://wall.example]);
                  CCWALL_<FLAG> variables (CCWALL_PORT, CCWALL_TLS_CERT…) override the file,
                  flags override both. CCWALL_CONFIG names the file too.

Signals: SIGINT, SIGTERM stop the hub cleanly; SIGHUP applies the --directory file again and
reloads the TLS certificate and key.
Load a directory into a database: ccwall center apply FILE --db PATH (ccwall center --help)
Sign-in tokens: ccwall token create --db PATH --user ID
`;

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

/** 127.0.0.0/8, ::1 and localhost: the only addresses served without TLS and without a warning. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

export async function serveCommand(argv: string[], io: CommandIo): Promise<number> {
  let settings: ReturnType<typeof parse>;
  try {
    settings = parse(argv, io.env ?? process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`ccwall serve: ${printable(error.message)} (see ccwall serve --help)
`);
    return 2;
  }
  if (settings === 'help') {
    io.stdout.write(SERVE_USAGE);
    return 0;
  }
  const { host, port, dbPath, demo, directory, simulate, seed, allowOrigins, historyEvents, historyMinutes } =
    settings;
  const { demoSize, eventsPerSecond, auditRetentionDays, metricsPort, logFormat, logLevel } = settings;
  let source: Source | undefined;
  try {
    source = sourceFromFlags(settings.sourceFlags);
  } catch (cause) {
    if (cause instanceof UsageError) {
      io.stderr.write(`ccwall serve: ${printable(cause.message)}\n\n${SERVE_USAGE}`);
      return 2;
    }
    if (!(cause instanceof SourceConfigError)) throw cause;
    io.stderr.write(`ccwall serve: ${printable(cause.message)}\n`);
    return 1;
  }
  let tls: TlsFiles | undefined;
  if (settings.tlsCert !== undefined && settings.tlsKey !== undefined) {
    try {
      tls = loadTls(settings.tlsCert, settings.tlsKey);
    } catch (cause) {
      if (!(cause instanceof TlsConfigError)) throw cause;
      io.stderr.write(`ccwall serve: ${printable(cause.message)}\n`);
      return 1;
    }
  }
  if (!tls && !isLoopback(host))
    io.stderr.write(
      `ccwall serve: warning: listening on ${printable(host)} without TLS: tokens and everything on the wallboards ` +
        'cross the network in clear (use --tls-cert and --tls-key)\n',
    );
  try {
    if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true });
  } catch (cause) {
    io.stderr.write(`ccwall serve: cannot create the folder of ${dbPath}: ${reasonOf(cause)}\n`);
    return 1;
  }
  const sink = createLogSink(io.stderr, logFormat, logLevel);
  // Listening for SIGINT/SIGTERM before anything says "listening": a stop sent the moment the hub
  // is up (a service manager, a test) must stop it cleanly, not kill it.
  const stop = stopRequested(io.signal);
  let hub: Awaited<ReturnType<typeof startHub>>;
  try {
    hub = await startHub({
      host,
      port,
      dbPath,
      demo,
      ...(directory === undefined ? {} : { directory }),
      demoSeed: seed,
      demoSize,
      simulate: simulate ? { seed, ...(eventsPerSecond > 0 ? { eventsPerSecond } : {}) } : false,
      ...(tls ? { tls } : {}),
      allowOrigins,
      historyEvents,
      historyMinutes,
      ...(source ? { source } : {}),
      auditRetentionDays,
      ...(metricsPort === undefined ? {} : { metricsPort }),
      // In text format the start and the stop are said on stdout (below), not twice.
      log:
        logFormat === 'json'
          ? sink.log
          : (line, level, fields) => {
              if (fields?.event !== 'listening' && fields?.event !== 'stopped') sink.log(line, level, fields);
            },
    });
  } catch (cause) {
    stop.cancel();
    const lines = startFailure(cause, host, port).split('\n').map(printable);
    io.stderr.write(`ccwall serve: ${lines.join('\n')}\n`);
    return 1;
  }
  // Before saying where to send it: a SIGHUP without a handler would end the process.
  const stopHangups = onHangup(() => {
    const { tlsCert, tlsKey } = settings;
    if (directory !== undefined) hub.reloadDirectory();
    if (tlsCert !== undefined && tlsKey !== undefined) {
      try {
        hub.reloadTls(loadTls(tlsCert, tlsKey));
        sink.log(`SIGHUP: reloaded the TLS certificate ${tlsCert}`, 'info', { event: 'reload' });
      } catch (cause) {
        sink.log(`SIGHUP: kept the current certificate: ${reasonOf(cause)}`, 'error', { event: 'reload' });
      }
    }
    if (directory === undefined && tlsCert === undefined)
      sink.log('SIGHUP: nothing to reload (no --directory, no --tls-cert)', 'info', { event: 'reload' });
  });
  if (dbPath !== ':memory:' && Storage.readableByOthers(dbPath))
    io.stderr.write(
      `ccwall serve: warning: ${printable(dbPath)} is readable by other users, and it holds transcripts, ` +
        `the audit log and token hashes (chmod 600 ${printable(dbPath)})\n`,
    );
  // With --log-format json, stdout stays empty: the start is the log's "listening" record.
  const say = (text: string) => {
    if (logFormat === 'text') io.stdout.write(text);
  };
  if (logFormat === 'json' && hub.databaseCreated)
    sink.log(`created a new, empty database at ${dbPath}`, 'info');
  say(`ccwall hub listening on ${hub.url}\n`);
  if (hub.metricsUrl) say(`metrics: ${hub.metricsUrl}\n`);
  say(
    `database: ${printable(dbPath)}${hub.databaseCreated ? ' (created now: a new, empty database)' : ''}\n`,
  );
  if (directory !== undefined)
    say(`directory: ${printable(directory)} (kill -HUP ${process.pid} applies it again)\n`);
  else if (hub.state().users.size === 0)
    say(
      'this hub has no directory yet: load your organisation with `ccwall center apply FILE --db ' +
        `${dbPath}\` (docs/directory.md), or serve it with --directory FILE; try the demo with --demo on another --db\n`,
    );
  if (demo) {
    say(
      `demo users: ${DEMO_SUPERVISOR_ID} (supervisor), ${DEMO_ADMIN_ID} (admin), ${DEMO_AGENT_ID} (agent)\n` +
        `sign-in token: ccwall token create --db ${dbPath} --user ${DEMO_SUPERVISOR_ID}\n`,
    );
  }
  if (settings.source === 'remote') {
    say(
      `remote source: a source process signs in at ${hub.url}/source with a source token ` +
        `(ccwall token create --db ${dbPath} --source NAME); see docs/sources.md\n`,
    );
  }
  await stop.requested;
  stopHangups();
  sink.log('shutting down', 'info', { event: 'stopping' });
  await hub.close();
  sink.flush();
  say('ccwall hub stopped\n');
  return 0;
}

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

function parse(argv: string[], env: NodeJS.ProcessEnv) {
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
  const demoSize = values['demo-size'] ?? 'standard';
  if (demoSize !== 'standard' && demoSize !== 'large')
    throw new UsageError(`--demo-size takes standard or large, not "${demoSize}"`);
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
    demoSize: demoSize as DemoSize,
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

/** Calls `reload` on every SIGHUP (instead of Node's default, which ends the process); returns the undo. */
function onHangup(reload: () => void): () => void {
  process.on('SIGHUP', reload);
  return () => process.off('SIGHUP', reload);
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

function startFailure(cause: unknown, host: string, port: number): string {
  if (cause instanceof StorageError) return cause.message;
  if (cause instanceof DirectoryRefused)
    return `the directory file has ${cause.problems.length} problem(s): nothing was served\n${cause.problems.join('\n')}`;
  const code = cause instanceof Error && 'code' in cause ? cause.code : undefined;
  if (code === 'EADDRINUSE') return `${host}:${port} is already in use (is another hub running? try --port)`;
  if (code === 'EADDRNOTAVAIL') return `${host} is not an address of this machine`;
  if (code === 'EACCES') return `not allowed to listen on ${host}:${port}`;
  return reasonOf(cause);
}

/**
 * `requested` resolves on SIGINT, SIGTERM or the abort of `signal`, whichever comes first;
 * `cancel` stops listening (a hub that did not start).
 */
function stopRequested(signal: AbortSignal | undefined): { requested: Promise<void>; cancel: () => void } {
  let stop = () => {};
  const requested = new Promise<void>((resolve) => {
    stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (signal?.aborted) return stop();
    signal?.addEventListener('abort', stop, { once: true });
  });
  return { requested, cancel: () => stop() };
}
