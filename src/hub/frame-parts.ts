/**
 * Fills the parts of a message too large for one frame (a snapshot, figures): items go into the
 * current part while it stays under the budget, then into a new empty one. A part holds one
 * item at least, however large.
 */
export class FrameParts<T> {
  readonly #parts: T[] = [];
  #current: T;
  #used: number;
  #items = 0;

  constructor(
    private readonly empty: () => T,
    /** Bytes of an empty part (the fields every part repeats). */
    private readonly base: number,
    private readonly budget: number,
  ) {
    this.#current = empty();
    this.#used = base;
  }

  /** The part an item of `size` bytes goes into: the current one, or a new one when it is full. */
  room(size: number): T {
    if (this.#items > 0 && this.#used + size > this.budget) {
      this.#parts.push(this.#current);
      this.#current = this.empty();
      this.#used = this.base;
      this.#items = 0;
    }
    this.#used += size;
    this.#items += 1;
    return this.#current;
  }

  /** Every part, the current one last. */
  done(): T[] {
    return [...this.#parts, this.#current];
  }
}

/** The bytes an item takes in a part's JSON array (its comma included). */
export const itemBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8') + 1;
