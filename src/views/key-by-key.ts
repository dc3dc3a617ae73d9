/**
 * Keys typed ahead arrive together: over SSH, `jjj` or `sarah⏎` or `↓ ↓ ⏎` often come in one
 * read. Ink hands a run of plain characters to `useInput` as one string (`"jjj"`, `"sarah\r"`), so
 * a key table that matches one key at a time would see none of them, and a list that acts on ⏎
 * would act on the row the arrows never reached.
 *
 * `keyByKey(stdin)` is the terminal's input as Ink should see it: each read cut into single keys
 * (an escape sequence or a bracketed paste stays whole), handed over one at a time, each after
 * the screen has taken the previous one in (three turns of the event loop: React renders, then
 * runs its effects, so every handler sees the state the previous key left, and a field the key
 * opened is listening). A key that arrives on its own while none is being handed over goes
 * through at once, as before; one that arrives sooner waits its turn.
 */
import { Readable } from 'node:stream';

/** One key: a bracketed paste, a CSI or SS3 sequence, ESC + a character, or one character. */
const KEY =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal input is control characters.
  /\u001b\[200~[\s\S]*?\u001b\[201~|\u001b\[[0-?]*[ -/]*[@-~]|\u001bO[0-9;]*[@-~]|\u001b[\s\S]?|[\s\S]/gu;

/** `chunk` cut into keys, in order; joined, they are `chunk` again. */
export function splitKeys(chunk: string): string[] {
  return chunk.match(KEY) ?? [];
}

type TerminalInput = Readable & {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
  ref?: () => unknown;
  unref?: () => unknown;
};

class KeyByKey extends Readable {
  readonly isTTY: boolean;
  private readonly queue: string[] = [];
  private delivering = false;
  private listening = false;

  private readonly onData = (data: Buffer | string) => this.enqueue(String(data));

  constructor(private readonly source: TerminalInput) {
    super({ objectMode: true, read: () => {} });
    this.isTTY = source.isTTY === true;
  }

  /** Ink turns raw mode on when it starts reading keys, and off when it stops: so do we. */
  setRawMode(mode: boolean): this {
    this.source.setRawMode?.(mode);
    if (mode && !this.listening) this.source.on('data', this.onData);
    if (!mode && this.listening) {
      this.source.off('data', this.onData);
      this.source.pause();
    }
    this.listening = mode;
    return this;
  }

  override setEncoding(encoding: BufferEncoding): this {
    this.source.setEncoding(encoding);
    return this;
  }

  ref(): this {
    this.source.ref?.();
    return this;
  }

  unref(): this {
    this.source.unref?.();
    return this;
  }

  private enqueue(chunk: string): void {
    this.queue.push(...splitKeys(chunk));
    if (!this.delivering) this.deliver();
  }

  private deliver(): void {
    const key = this.queue.shift();
    if (key === undefined) {
      this.delivering = false;
      return;
    }
    this.delivering = true;
    this.push(key);
    // React renders the key's update in one turn and runs its effects (a newly shown input's
    // handler among them) in the next: the following key comes on the turn after that.
    setImmediate(() => setImmediate(() => setImmediate(() => this.deliver())));
  }
}

/** The terminal's input, one key at a time; a stream that is not a terminal is returned as it is. */
export function keyByKey<T extends NodeJS.ReadStream>(stdin: T): T {
  if (!stdin.isTTY) return stdin;
  return new KeyByKey(stdin) as unknown as T;
}
