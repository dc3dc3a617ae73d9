/**
 * The hub's log as `ccwall serve` writes it (pino): one line per record on stderr, with a
 * level, either for people (`text`: `2026-12-02T10:00:00.000Z WARN  message`) or for a log
 * collector (`json`: `{"level":"warn","time":"…","msg":"…", …fields}`). Records below the
 * chosen level are dropped. Every message and field is made printable first: what a client
 * sent (a command id, a user id) never reaches a terminal or a journal as control characters.
 */
import { pino } from 'pino';
import { z } from 'zod';
import type { HubLog, LogFields, LogLevel } from './log.js';
import { printable } from './printable.js';

export const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

export interface LogSink {
  log: HubLog;
  /** Writes out what is buffered (before exit). */
  flush(): void;
}

export function createLogSink(
  stream: NodeJS.WritableStream,
  format: LogFormat = 'text',
  level: LogLevel = 'info',
): LogSink {
  const destination = format === 'json' ? stream : new TextLines(stream);
  const logger = pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  return {
    log(line, recordLevel = 'info', fields) {
      logger[recordLevel](safeFields(fields), printable(line));
    },
    flush: () => logger.flush(),
  };
}

function safeFields(fields: LogFields | undefined): LogFields {
  const safe: LogFields = {};
  if (!fields) return safe;
  for (const [key, value] of Object.entries(fields))
    safe[printable(key)] = typeof value === 'string' ? printable(value) : value;
  return safe;
}

const PinoRecord = z.object({ time: z.string(), level: z.string(), msg: z.string().default('') });

/** pino's JSON records turned into lines for people: time, level, message. */
class TextLines {
  constructor(private readonly stream: NodeJS.WritableStream) {}

  write(record: string): void {
    let json: unknown;
    try {
      json = JSON.parse(record);
    } catch {
      json = undefined;
    }
    const parsed = PinoRecord.safeParse(json);
    if (!parsed.success) {
      this.stream.write(`${printable(record.trimEnd())}\n`);
      return;
    }
    const { time, level, msg } = parsed.data;
    this.stream.write(`${time} ${level.toUpperCase().padEnd(5)} ${msg}\n`);
  }
}
