/**
 * An applied event as the hub sends it: serialised once and encoded to UTF-8 once, however many
 * connections receive it, so that a step of traffic fanned out to 200 wallboards costs one
 * `JSON.stringify` and one encoding per event, and a memory copy per connection.
 */
import type { CenterEvent } from '../protocol/index.js';

export class EncodedEvent {
  #json: string | undefined;
  #item: Buffer | undefined;

  constructor(
    readonly seq: number,
    private readonly event: CenterEvent,
  ) {}

  /** The event's JSON. */
  get json(): string {
    this.#json ??= JSON.stringify(this.event);
    return this.#json;
  }

  /** `{"seq":…,"event":…}` in UTF-8: one item of a `deltas` frame. */
  get item(): Buffer {
    this.#item ??= Buffer.from(`{"seq":${this.seq},"event":${this.json}}`, 'utf8');
    return this.#item;
  }
}

const COMMA = Buffer.from(',');
const TAIL = Buffer.from(']}');

/** `{"type":"delta",…}`: one event after `prev`. */
export function deltaFrame(prev: number, event: EncodedEvent): string {
  return `{"type":"delta","seq":${event.seq},"prev":${prev},"event":${event.json}}`;
}

/** `{"type":"deltas",…}`: the events in order after `prev`, as one UTF-8 text frame. */
export function deltasFrame(prev: number, events: readonly EncodedEvent[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`{"type":"deltas","prev":${prev},"deltas":[`, 'utf8')];
  events.forEach((event, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(event.item);
  });
  parts.push(TAIL);
  return Buffer.concat(parts);
}
