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
import { startHub } from '../hub/hub.js';
import { DirectoryRefused } from '../hub/hub-directory.js';
import { createLogSink } from '../hub/log-sink.js';
import { printable } from '../hub/printable.js';
import { DEMO_ADMIN_ID, DEMO_AGENT_ID, DEMO_SUPERVISOR_ID } from '../hub/sources/demo/demo-center.js';
import type { Source } from '../hub/sources/source.js';
import { Storage } from '../hub/storage.js';
import { reasonOf, StorageError } from '../hub/storage-error.js';
import { loadTls, TlsConfigError, type TlsFiles } from '../hub/tls.js';
import type { CommandIo } from './command-io.js';
import { UsageError } from './command-io.js';
import { parseServeSettings, type ServeSettings } from './serve-settings.js';
import { SERVE_USAGE } from './serve-usage.js';
import { SourceConfigError, sourceFromFlags } from './source-flags.js';

/** 127.0.0.0/8, ::1 and localhost: the only addresses served without TLS and without a warning. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

export async function serveCommand(argv: string[], io: CommandIo): Promise<number> {
  let settings: ServeSettings | 'help';
  try {
    settings = parseServeSettings(argv, io.env ?? process.env);
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

/** Calls `reload` on every SIGHUP (instead of Node's default, which ends the process); returns the undo. */
function onHangup(reload: () => void): () => void {
  process.on('SIGHUP', reload);
  return () => process.off('SIGHUP', reload);
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
