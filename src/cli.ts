/**
 * ccwall's command line: parses arguments and wires the hub, the client and the views.
 *
 *   ccwall [--as USER]                  the live demo: an embedded hub, opened as a demo supervisor
 *   ccwall --url ws://HOST:PORT         a remote hub (token from CCWALL_TOKEN or --token-file)
 *   ccwall serve [...]                  run a hub
 *   ccwall center check|apply|export    the organisation's directory file
 *   ccwall token create|list|revoke     manage sign-in tokens
 *   ccwall audit [--since 1h]           print the hub's audit log (audit prune: delete old entries)
 *   ccwall backup --db PATH OUT         copy the hub's database, safe while it runs
 *   ccwall help | version               this usage, the version
 */
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { printable } from './hub/printable.js';
import { DEFAULT_DEMO_SIZE, DEMO_SIZES, type DemoSize, demoSizeNamed } from './hub/sources/demo/demo-size.js';
import { readPackageJson } from './package-json.js';

const { version } = readPackageJson() as { version: string };

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** The keyboard the wallboard reads (process.stdin by default): it must be a terminal. */
  stdin?: { isTTY?: boolean };
}

export const USAGE = `Usage:
  ccwall [--as USER] [--seed N] [--demo-size standard|large]
                                         live demo: embedded hub, demo contact center, simulated traffic
                                         (large: 5,000 agents, 300 channels)
  ccwall --url ws://HOST:PORT [--token-file FILE] [--ca FILE]
                                         open the wallboard on a hub (token from CCWALL_TOKEN or the file;
                                         --ca: the PEM certificate that signed a wss:// hub's certificate)
  ccwall serve [--host H] [--port P] [--db PATH] [--directory FILE | --demo] [--simulate]
                                         run a hub (ccwall serve --help); --directory FILE serves your
                                         organisation's directory (SIGHUP applies it again)
  ccwall center check FILE | apply FILE --db PATH [--dry-run] | export --db PATH [--format yaml|json]
                                         your organisation's directory: people, devices, queues, chats,
                                         campaigns, pause reasons (ccwall center --help, docs/directory.md)
  ccwall token create|list|revoke --db PATH ...
                                         manage sign-in tokens (ccwall token --help)
  ccwall audit [--db PATH] [--since 1h|ISO] [--limit N]
                                         print the hub's audit log (ccwall audit --help)
  ccwall audit prune [--db PATH] [--older-than 90d]
                                         delete old audit entries
  ccwall backup [--db PATH] OUT          copy the hub's database (safe while the hub runs)
  ccwall help | --help | -h              this usage
  ccwall version | --version | -v        the version

Screen options (demo or --url):
  --kiosk                 wall screen: no action keys (q quits), large KPIs, never exits on its own;
                          on the demo it signs in read-only; with --url use a read-only token
  --rotate SECONDS        kiosk: feature each channel in turn this long (default 15; 0: no rotation)
  --channels ID,ID        kiosk: only these channels, in this order (queues, chats and campaigns)
  --bell                  kiosk: ring the terminal bell when a threshold is newly breached
  --lang en|fr            language of the screen (default: from LC_ALL, LC_MESSAGES, LANG)
  --ascii                 ASCII symbols only (automatic with TERM=linux/vt100 or a non-UTF-8 locale)

Environment:
  CCWALL_TOKEN            the sign-in token for --url (never on the command line)
  CCWALL_LOG=FILE         append the wallboard's connection problems to FILE
  NO_COLOR=1              no colours: meaning is kept by symbols, bold and inverse
  LC_ALL, LC_MESSAGES, LANG
                          the language (en or fr) and number formats; a non-UTF-8 locale means ASCII
  TERM                    linux, vt100 or dumb mean ASCII only
  XDG_DATA_HOME           where serve and token keep the database without --db
                          (default ~/.local/share/ccwall/hub.db)
  CCWALL_CONFIG=FILE      serve: its settings file (ccwall serve --help)
  CCWALL_AMI_SECRET       serve --source asterisk: the AMI password (or --ami-secret-file)
  CCWALL_NO_V8_FLAGS=1    run on Node's default memory settings (see README, Performance)
  NODE_OPTIONS, MALLOC_ARENA_MAX
                          your own Node flags and malloc arenas win over ccwall's

Wallboard keys: press ? on the wallboard for every key. A user who is only an agent gets the
agent dashboard (Enter/i log in, p pause, r ready, e end wrap-up, o log out).
`;

/** The commands, for `help`, `version` and a typo's suggestion. */
const COMMANDS = ['serve', 'center', 'token', 'audit', 'backup', 'help', 'version'] as const;

const wallboardOptions = {
  url: { type: 'string' },
  'token-file': { type: 'string' },
  ca: { type: 'string' },
  as: { type: 'string' },
  seed: { type: 'string' },
  'demo-size': { type: 'string' },
  kiosk: { type: 'boolean' },
  rotate: { type: 'string' },
  channels: { type: 'string' },
  bell: { type: 'boolean' },
  lang: { type: 'string' },
  ascii: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** A mistake in how ccwall was called: one line and a pointer to --help on stderr, exit code 2. */
class UsageError extends Error {}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === 'help' && rest.length === 0) {
      io.stdout.write(USAGE);
      return 0;
    }
    if (first === 'version' && rest.length === 0) {
      io.stdout.write(`ccwall ${version}\n`);
      return 0;
    }
    if (first !== undefined && !first.startsWith('-') && !(COMMANDS as readonly string[]).includes(first)) {
      const near = closest(first, COMMANDS);
      throw new UsageError(
        near ? `unknown command "${first}": did you mean "${near}"?` : `unknown command "${first}"`,
      );
    }
    if (first === 'serve') {
      const { serveCommand } = await import('./commands/serve-command.js');
      return await serveCommand(rest, io);
    }
    if (first === 'center') {
      const { centerCommand } = await import('./commands/center-command.js');
      return await centerCommand(rest, io);
    }
    if (first === 'audit') {
      const { auditCommand } = await import('./commands/audit-command.js');
      return await auditCommand(rest, io);
    }
    if (first === 'token') {
      const { tokenCommand } = await import('./commands/token-command.js');
      return await tokenCommand(rest, io);
    }
    if (first === 'backup') {
      const { backupCommand } = await import('./commands/backup-command.js');
      return await backupCommand(rest, io);
    }
    return await wallboardCommand(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`ccwall: ${printable(error.message)} (see ccwall --help)\n`);
      return 2;
    }
    const text = printable(error instanceof Error ? error.message : String(error));
    io.stderr.write(text.startsWith('ccwall ') ? `${text}\n` : `ccwall: ${text}\n`);
    return 1;
  }
}

function parseWallboardArgs(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: wallboardOptions, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function wallboardCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseWallboardArgs(argv);
  if (args.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (args.version) {
    io.stdout.write(`ccwall ${version}\n`);
    return 0;
  }
  const screen = screenOptions(args);
  if (args.url !== undefined) {
    if (args.as !== undefined) throw new UsageError('--as picks a demo user: it does not go with --url');
    if (args.seed !== undefined) throw new UsageError('--seed seeds the demo: it does not go with --url');
    if (args['demo-size'] !== undefined)
      throw new UsageError('--demo-size sizes the demo: it does not go with --url');
    if (!/^wss?:\/\/[^/]/.test(args.url))
      throw new UsageError(`--url must be ws://HOST:PORT or wss://HOST:PORT, not "${args.url}"`);
    const ca = args.ca === undefined ? undefined : readCa(args.ca, args.url);
    const token = readToken(args['token-file'], io.env, (line) =>
      io.stderr.write(`ccwall: warning: ${line}\n`),
    );
    requireTerminal(io);
    const { runWallboard } = await import('./views/run-wallboard.js');
    return runWallboard({
      url: args.url,
      token,
      hubLabel: new URL(args.url).host,
      ...screen,
      ...(ca === undefined ? {} : { client: { ca } }),
    });
  }
  if (args['token-file'] !== undefined) throw new UsageError('--token-file goes with --url');
  if (args.ca !== undefined) throw new UsageError('--ca goes with a wss:// --url');
  const seed = args.seed === undefined ? undefined : Number(args.seed);
  if (seed !== undefined && !Number.isSafeInteger(seed))
    throw new UsageError(`--seed takes a whole number, not "${args.seed}"`);
  const sizeText = args['demo-size'] ?? DEFAULT_DEMO_SIZE;
  const size = demoSizeNamed(sizeText);
  if (size === undefined)
    throw new UsageError(`--demo-size takes ${DEMO_SIZES.join(' or ')}, not "${sizeText}"`);
  requireTerminal(io);
  return runDemo(args.as, seed, screen, size);
}

type WallboardArgs = ReturnType<typeof parseWallboardArgs>;

/**
 * The wallboard reads keys from a terminal and draws on one: said in one line, exit 1, once the
 * arguments are known good and before anything starts (no hub, no Ink).
 */
function requireTerminal(io: CliIo): void {
  const missing = !(io.stdin ?? process.stdin).isTTY ? 'stdin' : !io.stdout.isTTY ? 'stdout' : null;
  if (missing) throw new Error(`ccwall needs a terminal (${missing} is not a TTY)`);
}

/** The command `word` was most likely meant to be (at most two letters off), if any. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(word.toLowerCase(), name);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
type ScreenOptions = Pick<import('./views/run-wallboard.js').RunWallboardOptions, 'kiosk' | 'lang' | 'ascii'>;

/** --kiosk, --rotate, --channels, --bell, --lang, --ascii: checked before anything starts. */
function screenOptions(args: WallboardArgs): ScreenOptions {
  const kioskOnly = (['rotate', 'channels', 'bell'] as const).filter((name) => args[name] !== undefined);
  if (!args.kiosk && kioskOnly.length > 0) throw new UsageError(`--${kioskOnly[0]} goes with --kiosk`);
  let lang: 'en' | 'fr' | undefined;
  if (args.lang !== undefined) {
    if (args.lang !== 'en' && args.lang !== 'fr')
      throw new UsageError(`--lang takes en or fr, not "${args.lang}"`);
    lang = args.lang;
  }
  const options: ScreenOptions = {
    ...(lang === undefined ? {} : { lang }),
    ...(args.ascii ? { ascii: true } : {}),
  };
  if (!args.kiosk) return options;
  let rotateSeconds = 15;
  if (args.rotate !== undefined) {
    rotateSeconds = Number(args.rotate);
    if (!/^\d+$/.test(args.rotate) || !Number.isSafeInteger(rotateSeconds) || rotateSeconds > 86_400)
      throw new UsageError(`--rotate takes whole seconds from 0 to 86400, not "${args.rotate}"`);
  }
  let channels: string[] | undefined;
  if (args.channels !== undefined) {
    channels = args.channels.split(',').map((id) => id.trim());
    if (channels.some((id) => id === '') || channels.length === 0)
      throw new UsageError(`--channels takes channel ids separated by commas, not "${args.channels}"`);
  }
  return {
    ...options,
    kiosk: { rotateSeconds, bell: args.bell ?? false, ...(channels ? { channels } : {}) },
  };
}

/** The PEM certificate(s) a wss:// hub's certificate must chain to (a private CA, or a self-signed certificate). */
function readCa(path: string, url: string): Buffer {
  if (!url.startsWith('wss://')) throw new UsageError('--ca goes with a wss:// --url');
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (error) {
    throw new Error(
      `cannot read the CA certificate ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  if (!data.toString('latin1').includes('-----BEGIN CERTIFICATE-----'))
    throw new Error(`the CA file ${path} holds no PEM certificate`);
  return data;
}

/**
 * Tokens never come from argv (other users can read a process's arguments). A token file that
 * other users may read is used, with a warning (as ssh does for keys, but without refusing).
 */
export function readToken(
  tokenFile: string | undefined,
  env: NodeJS.ProcessEnv,
  warn: (line: string) => void,
): string {
  if (tokenFile !== undefined) {
    try {
      if ((statSync(tokenFile).mode & 0o077) !== 0)
        warn(
          `the token file ${printable(tokenFile)} is readable by other users: chmod 600 ${printable(tokenFile)}`,
        );
    } catch {
      // Not there: reading it says so below.
    }
    let text: string;
    try {
      text = readFileSync(tokenFile, 'utf8');
    } catch (error) {
      throw new Error(
        `cannot read the token file ${tokenFile}: ${(error as NodeJS.ErrnoException).code ?? error}`,
      );
    }
    const token = text.trim();
    if (!token) throw new Error(`the token file ${tokenFile} is empty`);
    return token;
  }
  const token = env.CCWALL_TOKEN?.trim();
  if (!token) throw new UsageError('a remote hub needs a token: set CCWALL_TOKEN or pass --token-file FILE');
  return token;
}

async function runDemo(
  asUser: string | undefined,
  seed: number | undefined,
  screen: ScreenOptions = {},
  demoSize: DemoSize = DEFAULT_DEMO_SIZE,
): Promise<number> {
  const { startHub, DEMO_SUPERVISOR_ID } = await import('./hub/index.js');
  const { runWallboard } = await import('./views/run-wallboard.js');
  const { resolveLocale } = await import('./i18n/index.js');
  const hub = await startHub({
    port: 0,
    demo: true,
    demoSize,
    demoLanguage: resolveLocale(screen.lang, process.env).language,
    simulate: true,
    ...(seed === undefined ? {} : { demoSeed: seed }),
    processMetrics: false,
    log: () => {},
  });
  try {
    const userId = asUser ?? DEMO_SUPERVISOR_ID;
    if (!hub.state().users.has(userId)) {
      const known = [...hub.state().users.values()]
        .filter((u) => u.roles.length > 0)
        .slice(0, 8)
        .map((u) => `${u.id} (${u.roles.join('+')})`)
        .join(', ');
      throw new UsageError(`--as: no demo user "${userId}"; for example: ${known}`);
    }
    // The kiosk watches only: on the demo it signs in with a read-only token.
    const token = hub.createToken(userId, {
      label: screen.kiosk ? 'embedded kiosk' : 'embedded wallboard',
      ...(screen.kiosk ? { readOnly: true } : {}),
    });
    const hubLabel = (await import('./i18n/index.js')).messagesFor(screen.lang, process.env).cli.embeddedHub;
    return await runWallboard({ url: hub.url, token, hubLabel, ...screen });
  } finally {
    await hub.close();
  }
}

// dist/cli.js as tsc compiles it, or dist/bundle/cli.js, the bundle bin/ccwall.js runs.
const isEntryPoint = process.argv[1] !== undefined && /\/dist\/(bundle\/)?cli\.js$/.test(import.meta.url);
if (isEntryPoint) {
  process.exitCode = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    stdin: process.stdin,
  });
}
