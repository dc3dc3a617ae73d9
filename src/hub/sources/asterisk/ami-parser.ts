/**
 * The AMI byte stream → messages. On connect Asterisk sends one banner line
 * (`Asterisk Call Manager/5.0.1`), then messages: `Key: Value` lines ended by CRLF, each message
 * ended by an empty line. TCP may split the stream anywhere (inside a line, a CRLF or a UTF-8
 * character): the parser keeps the unfinished part for the next chunk. A bare LF is accepted
 * as a line end too; a line without a colon is skipped.
 */
import { StringDecoder } from 'node:string_decoder';
import { AmiMessage } from './ami-message.js';

export type AmiFrame = { kind: 'banner'; text: string } | { kind: 'message'; message: AmiMessage };

/** The stream is not AMI, or a message would grow without bound. */
export class AmiProtocolError extends Error {}

/** A line longer than this is not AMI (Asterisk's own limit on a header is far lower). */
const MAX_LINE_CHARS = 64 * 1024;
/** A message with more lines than this is refused (the longest AMI events have ~60). */
const MAX_MESSAGE_LINES = 2_000;

export class AmiParser {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private bannerSeen: boolean;
  private fields = new Map<string, string>();
  private lines = 0;

  /** `expectBanner`: false to parse messages only (a recorded stream, a server reading actions). */
  constructor(options: { expectBanner?: boolean } = {}) {
    this.bannerSeen = options.expectBanner === false;
  }

  /** The frames completed by `chunk`, in order. Throws AmiProtocolError on a stream that is not AMI. */
  feed(chunk: Buffer | string): AmiFrame[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const data = this.pending.length > 0 ? this.pending + text : text;
    const frames: AmiFrame[] = [];
    let start = 0;
    for (;;) {
      const newline = data.indexOf('\n', start);
      if (newline < 0) break;
      const end = newline > start && data.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      this.line(data.slice(start, end), frames);
      start = newline + 1;
    }
    this.pending = start === 0 ? data : data.slice(start);
    if (this.pending.length > MAX_LINE_CHARS)
      throw new AmiProtocolError(`a line longer than ${MAX_LINE_CHARS} characters: not AMI`);
    return frames;
  }

  private line(line: string, frames: AmiFrame[]): void {
    if (!this.bannerSeen) {
      this.bannerSeen = true;
      if (!line.includes('Call Manager'))
        throw new AmiProtocolError(`"${line.slice(0, 60)}" is not an Asterisk Manager banner`);
      frames.push({ kind: 'banner', text: line });
      return;
    }
    if (line.length === 0) {
      if (this.lines > 0) frames.push({ kind: 'message', message: new AmiMessage(this.fields) });
      this.fields = new Map();
      this.lines = 0;
      return;
    }
    if (++this.lines > MAX_MESSAGE_LINES)
      throw new AmiProtocolError(`a message of more than ${MAX_MESSAGE_LINES} lines: not AMI`);
    const colon = line.indexOf(':');
    if (colon <= 0) return;
    const key = line.slice(0, colon).trim().toLowerCase();
    if (!this.fields.has(key)) this.fields.set(key, line.slice(colon + 1).trim());
  }
}
