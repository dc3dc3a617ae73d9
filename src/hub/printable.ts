/**
 * Text that a client or an operator chose (a command id, a token label, a user id, a detail in
 * the audit log) is written by the hub's commands to a terminal or a log file: a control
 * character in it could drive the operator's terminal (OSC 52 writes their clipboard, OSC 0 the
 * window title, CSI moves the cursor and hides lines). `printable` shows each such character
 * escaped instead, so that the text stays readable and inert. Every terminal output of the hub's
 * commands and every log line goes through it.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what is escaped
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Control characters (ESC and the like) and bidi controls shown as \xNN / \u{…}. */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.codePointAt(0) ?? 0;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/**
 * JSON of `value` that is inert on a terminal too: JSON escapes C0 controls but leaves C1
 * controls (U+009B is an 8-bit CSI) and bidi controls as they are; they are written as \uXXXX
 * escapes here, which any JSON reader turns back into the same text.
 */
export function inertJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}
