/**
 * `ccwall serve [--host 127.0.0.1] [--port 7600] [--db PATH] [--directory FILE | --demo]
 * [--simulate | --no-simulate] [--seed N] [--tls-cert F --tls-key F] [--allow-origin ORIGIN]…`:
 * runs a hub until SIGINT/SIGTERM, then closes every client with 1001 (going away), saves and
 * exits 0; with --directory, SIGHUP applies the file again. Without --db the database lives in
 * the user's data directory. Listening beyond loopback without TLS prints a warning.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import type { CommandIo } from './command-io.js';
import { UsageError } from './command-io.js';
import { defaultDbPath } from './data-dir.js';
import { DEFAULT_HISTORY_EVENTS, DEFAULT_HISTORY_MS } from './engine.js';
import { DEFAULT_PORT, startHub } from './hub.js';
import { DirectoryRefused } from './hub-directory.js';
import { parseAllowedOrigins } from './origin.js';
import { DEMO_ADMIN_ID, DEMO_AGENT_ID, DEMO_SUPERVISOR_ID } from './sources/demo/demo-center.js';
import type { DemoSize } from './sources/demo/demo-center-large.js';
import type { Source } from './sources/source.js';
import { SOURCE_FLAGS, SOURCE_USAGE, SourceConfigError, sourceFromFlags } from './sources/source-flags.js';
import { reasonOf, StorageError } from './storage-error.js';
import { loadTls, TlsConfigError, type TlsFiles } from './tls.js';

export const SERVE_USAGE = `Usage: ccwall serve [--host 127.0.0.1] [--port ${DEFAULT_PORT}] [--db PATH] [--directory FILE | --demo]
                    [--simulate | --no-simulate] [--seed N]
                    [--tls-cert FILE --tls-key FILE] [--allow-origin ORIGIN]...
                    [--history-events N] [--history-minutes M]
                    [--demo-size standard|large] [--events-per-second N] [--source demo|remote|asterisk]
                    [--ami HOST:PORT --ami-user NAME --ami-secret-file FILE]

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
    settings = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`ccwall serve: ${error.message}\n\n${SERVE_USAGE}`);
    return 2;
  }
  if (settings === 'help') {
    io.stdout.write(SERVE_USAGE);
    return 0;
  }
  const { host, port, dbPath, demo, directory, simulate, seed, allowOrigins, historyEvents, historyMinutes } =
    settings;
  const { demoSize, eventsPerSecond } = settings;
  let source: Source | undefined;
  try {
    source = sourceFromFlags(settings.sourceFlags);
  } catch (cause) {
    if (cause instanceof UsageError) {
      io.stderr.write(`ccwall serve: ${cause.message}\n\n${SERVE_USAGE}`);
      return 2;
    }
    if (!(cause instanceof SourceConfigError)) throw cause;
    io.stderr.write(`ccwall serve: ${cause.message}\n`);
    return 1;
  }
  let tls: TlsFiles | undefined;
  if (settings.tlsCert !== undefined && settings.tlsKey !== undefined) {
    try {
      tls = loadTls(settings.tlsCert, settings.tlsKey);
    } catch (cause) {
      if (!(cause instanceof TlsConfigError)) throw cause;
      io.stderr.write(`ccwall serve: ${cause.message}\n`);
      return 1;
    }
  }
  if (!tls && !isLoopback(host))
    io.stderr.write(
      `ccwall serve: warning: listening on ${host} without TLS: tokens and everything on the wallboards ` +
        'cross the network in clear (use --tls-cert and --tls-key)\n',
    );
  try {
    if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true });
  } catch (cause) {
    io.stderr.write(`ccwall serve: cannot create the folder of ${dbPath}: ${reasonOf(cause)}\n`);
    return 1;
  }
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
      log: (line) => io.stderr.write(`${new Date().toISOString()} ${line}\n`),
    });
  } catch (cause) {
    io.stderr.write(`ccwall serve: ${startFailure(cause, host, port)}\n`);
    return 1;
  }
  // Before saying where to send it: a SIGHUP without a handler would end the process.
  const reload = () => hub.reloadDirectory();
  if (directory !== undefined) process.on('SIGHUP', reload);
  io.stdout.write(`ccwall hub listening on ${hub.url}\n`);
  io.stdout.write(`database: ${dbPath}\n`);
  if (directory !== undefined)
    io.stdout.write(`directory: ${directory} (kill -HUP ${process.pid} applies it again)\n`);
  else if (hub.state().users.size === 0)
    io.stdout.write(
      'this hub has no directory yet: load your organisation with `ccwall center apply FILE --db ' +
        `${dbPath}\` (docs/directory.md), or serve it with --directory FILE; try the demo with --demo on another --db\n`,
    );
  if (demo) {
    io.stdout.write(
      `demo users: ${DEMO_SUPERVISOR_ID} (supervisor), ${DEMO_ADMIN_ID} (admin), ${DEMO_AGENT_ID} (agent)\n` +
        `sign-in token: ccwall token create --db ${dbPath} --user ${DEMO_SUPERVISOR_ID}\n`,
    );
  }
  if (settings.source === 'remote') {
    io.stdout.write(
      `remote source: a source process signs in at ${hub.url}/source with a source token ` +
        `(ccwall token create --db ${dbPath} --source NAME); see docs/sources.md\n`,
    );
  }
  await stopRequested(io.signal);
  process.off('SIGHUP', reload);
  io.stderr.write('ccwall serve: shutting down\n');
  await hub.close();
  io.stdout.write('ccwall hub stopped\n');
  return 0;
}

function parse(argv: string[]) {
  let values: ReturnType<
    typeof parseArgs<{ args: string[]; options: typeof options; strict: true }>
  >['values'];
  try {
    values = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(reasonOf(error));
  }
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
    sourceFlags: {
      source,
      ami: values.ami,
      'ami-user': values['ami-user'],
      'ami-secret-file': values['ami-secret-file'],
    },
  };
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

/** Resolves on SIGINT, SIGTERM or the abort of `signal`, whichever comes first. */
function stopRequested(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
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
}
