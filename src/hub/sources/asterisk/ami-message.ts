/**
 * One message of the Asterisk Manager Interface (AMI): `Key: Value` lines ended by an empty line.
 * A response starts with `Response:`, an event with `Event:`, an action (what we send) with
 * `Action:`. Keys are case-insensitive on the wire; a message keeps the first value of a key
 * that repeats (AMI repeats only `ChanVariable` and `Variable`, which ccwall does not read).
 */

export class AmiMessage {
  /** Lower-cased key → value. */
  private readonly fields: Map<string, string>;

  constructor(fields: Map<string, string>) {
    this.fields = fields;
  }

  /** Builds a message from keys as written (tests, the fake server). */
  static of(fields: Record<string, string | number>): AmiMessage {
    const map = new Map<string, string>();
    for (const [key, value] of Object.entries(fields)) map.set(key.toLowerCase(), String(value));
    return new AmiMessage(map);
  }

  /** The value of `key` (any case), or undefined. */
  get(key: string): string | undefined {
    return this.fields.get(key.toLowerCase());
  }

  /** The value of `key`, or '' when absent. */
  text(key: string): string {
    return this.fields.get(key.toLowerCase()) ?? '';
  }

  /** A whole number field; undefined when absent or not a number (older Asterisk lack some). */
  int(key: string): number | undefined {
    const value = this.fields.get(key.toLowerCase());
    if (value === undefined || value === '') return undefined;
    const n = Number(value);
    return Number.isFinite(n) ? Math.trunc(n) : undefined;
  }

  /** `1`, `yes`, `true`, `on` (AMI's booleans). */
  flag(key: string): boolean {
    const value = this.fields.get(key.toLowerCase())?.toLowerCase();
    return value === '1' || value === 'yes' || value === 'true' || value === 'on';
  }

  /** The event's name, or undefined for a response. */
  get event(): string | undefined {
    return this.fields.get('event');
  }

  /** `Success`, `Error`, `Goodbye`…, or undefined for an event. */
  get response(): string | undefined {
    return this.fields.get('response');
  }

  get actionId(): string | undefined {
    return this.fields.get('actionid');
  }

  /** Every field, keys lower-cased (for logs and tests). */
  entries(): IterableIterator<[string, string]> {
    return this.fields.entries();
  }
}

/** The fields of an action to send, in order; undefined values are left out. */
export type ActionFields = Record<string, string | number | boolean | undefined>;

/**
 * An action on the wire: `Action: NAME`, then each field, then the empty line. A value holding a
 * line break would end the field early (and let text from the directory inject fields), so
 * breaks become spaces.
 */
export function formatAction(action: string, fields: ActionFields): string {
  let text = `Action: ${oneLine(action)}\r\n`;
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    text += `${oneLine(key)}: ${oneLine(String(value))}\r\n`;
  }
  return `${text}\r\n`;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
