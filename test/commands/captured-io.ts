/** A command's standard output and error, captured, for tests that run a CLI front-end in-process. */
import { Writable } from 'node:stream';

export class Capture extends Writable {
  text = '';
  private wakers: (() => void)[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    for (const wake of this.wakers.splice(0)) wake();
    done();
  }
  /** Waits until the captured text matches. */
  async waitFor(pattern: RegExp, timeoutMs = 5000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.text.match(pattern);
      if (match) return match;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; got: ${this.text}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.wakers.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/** What a command writes to, captured: `io().stdout.text`. */
export const io = () => ({ stdout: new Capture(), stderr: new Capture() });
