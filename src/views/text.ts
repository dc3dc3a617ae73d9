/**
 * Free text from the hub (names, customers' names and addresses, chat lines, pause reasons,
 * audit details, error messages) is drawn on a terminal: a control character in it could move
 * the cursor, recolour or clear the screen, set the window title, or (bidi overrides) make text
 * read differently from what it is. `displayText` makes any string inert for a terminal; the
 * table model and the line component run every piece of text through it before drawing.
 */

// biome-ignore-start lint/suspicious/noControlCharactersInRegex: these are the characters removed
/** ESC sequences whole: CSI (ESC [ … final), OSC / DCS / SOS / PM / APC strings up to BEL or ST, two-byte ESC x. */
const ESCAPE_SEQUENCE =
  /\u001b\[[0-?]*[ -/]*[@-~]?|\u001b[\]PX^_][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[ -/]*[0-~]?/g;
/** C1 string introducers (8-bit CSI, OSC, DCS…) with what they carry. */
const C1_SEQUENCE =
  /\u009b[0-?]*[ -/]*[@-~]?|[\u0090\u0098\u009d\u009e\u009f][^\u0007\u009c]*(?:\u0007|\u009c)?/g;
/** Whitespace controls become a space. */
const SPACING = /[\t\n\v\f\r]/g;
/** Every other C0 control, DEL, C1, and the bidi overrides, embeddings, isolates and marks. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const ANY_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// biome-ignore-end lint/suspicious/noControlCharactersInRegex: end

/** `text` without terminal control characters: safe to write to a terminal as it is. */
export function displayText(text: string): string {
  if (!ANY_UNSAFE.test(text)) return text;
  return text.replace(ESCAPE_SEQUENCE, '').replace(C1_SEQUENCE, '').replace(SPACING, ' ').replace(UNSAFE, '');
}
