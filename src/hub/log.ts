/**
 * Where the hub reports what it does: a line for people, a level, and optional fields for a
 * JSON log (`ccwall serve --log-format json`). Never a token. Lines may hold what a client or an
 * operator sent (a command id, a user id): the sink that writes them to a terminal or a file
 * escapes control characters (see log-sink.ts).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, string | number | boolean | null>;

export type HubLog = (line: string, level?: LogLevel, fields?: LogFields) => void;
