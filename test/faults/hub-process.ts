/**
 * The hub as a child process for fault tests: `node bin/ccwall.js serve …` (or the fixture for
 * options the CLI lacks), killed with SIGKILL or stopped with SIGTERM, restarted on the same
 * database and port. Its memory is read from /proc (peak resident set, VmHWM).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(ROOT, 'bin', 'ccwall.js');
export const FIXTURE = join(ROOT, 'test', 'faults', 'hub-fixture.mjs');

/** A port that was free a moment ago (the hub must listen on the same one after each restart). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export class HubProcess {
  stdout = '';
  stderr = '';
  /** The largest peak resident set seen, in bytes. */
  peakRss = 0;
  readonly exited: Promise<number | null>;
  private sampler: NodeJS.Timeout;

  private constructor(readonly child: ChildProcess) {
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      this.stdout += text;
    });
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      this.stderr += text;
    });
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    this.sampler = setInterval(() => this.sampleMemory(), 100);
    void this.exited.then(() => clearInterval(this.sampler));
  }

  /** `ccwall serve` with these arguments; resolves once it listens. */
  static serve(args: readonly string[]): Promise<HubProcess> {
    return HubProcess.start([CLI, 'serve', ...args], /ccwall hub listening on/);
  }

  /** The fixture: startHub with `options`, printing a token for each of `users`. */
  static fixture(options: object, users: readonly string[]): Promise<HubProcess> {
    const lines = new RegExp(`listening \\d+\\n${users.map(() => 'token .+\\n').join('')}`);
    return HubProcess.start([FIXTURE, JSON.stringify(options), ...users], lines);
  }

  /**
   * `ccwall …` (any command) without waiting for anything; `prefix` runs it under another
   * program (`prlimit --fsize=…`).
   */
  static launch(args: readonly string[], prefix: readonly string[] = []): HubProcess {
    const [program, ...rest] = [...prefix, process.execPath, CLI, ...args];
    return new HubProcess(spawn(program ?? process.execPath, rest, { stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  private static async start(args: string[], ready: RegExp): Promise<HubProcess> {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const hub = new HubProcess(child);
    let exitCode: number | null | undefined;
    void hub.exited.then((code) => {
      exitCode = code;
    });
    await hub.until(() => ready.test(hub.stdout) || exitCode !== undefined, 'the hub to listen', 15_000);
    if (exitCode !== undefined) {
      throw new Error(
        `the hub exited (${exitCode}) before listening: is dist/ current ("npm run build")? ${hub.stderr}`,
      );
    }
    return hub;
  }

  get pid(): number {
    const pid = this.child.pid;
    if (pid === undefined) throw new Error('no child process');
    return pid;
  }

  tokens(): Map<string, string> {
    const tokens = new Map<string, string>();
    for (const match of this.stdout.matchAll(/^token (\S+) (\S+)$/gm)) {
      if (match[1] && match[2]) tokens.set(match[1], match[2]);
    }
    return tokens;
  }

  /** SIGKILL: no shutdown, no checkpoint, nothing flushed beyond what was committed. */
  async kill(): Promise<void> {
    this.sampleMemory();
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM: a clean shutdown (clients get 1001); resolves with the exit code. */
  async stop(): Promise<number | null> {
    this.sampleMemory();
    this.child.kill('SIGTERM');
    return this.exited;
  }

  /** Waits (bounded) until `condition` holds. */
  async until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    await waitUntil(condition, what, timeoutMs, () => `hub stderr: ${this.stderr.slice(-2000)}`);
  }

  private sampleMemory(): void {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
      this.peakRss = Math.max(this.peakRss, kb * 1024);
    } catch {
      // Gone already, or no /proc here: the figure stays as it was.
    }
  }
}

/** Polls `condition` every 10 ms until it holds; throws after `timeoutMs` saying what it waited for. */
export async function waitUntil(
  condition: () => boolean,
  what: string,
  timeoutMs = 10_000,
  detail: () => string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}. ${detail()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
