/** `ccwall serve --help`: every flag, its default, and where the settings may also come from. */
import { defaultDbPath } from '../hub/data-dir.js';
import {
  DEFAULT_AUDIT_RETENTION_MS,
  DEFAULT_HISTORY_EVENTS,
  DEFAULT_HISTORY_MS,
} from '../hub/engine-options.js';
import { DEFAULT_PORT } from '../hub/hub.js';
import { SOURCE_USAGE } from './source-flags.js';

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
