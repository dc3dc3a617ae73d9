/**
 * A line's styled segments as one string of terminal styles, made as Ink's <Text> makes them
 * (dim, then colour, then bold, then inverse, by chalk). A table row drawn as one text rather
 * than a <Text> per segment costs Ink one text node to squash each frame instead of ~8, and React
 * a fiber instead of ~25 (bench/README.md).
 */
import chalk, { type ForegroundColorName, foregroundColorNames } from 'chalk';
import type { Style } from './theme.js';

const NAMED: ReadonlySet<string> = new Set(foregroundColorNames);

function colour(text: string, color: string | undefined): string {
  if (!color) return text;
  if (NAMED.has(color)) return chalk[color as ForegroundColorName](text);
  if (color.startsWith('#')) return chalk.hex(color)(text);
  return text;
}

/** `text` in `style`, as `<Text color bold dimColor inverse>` draws it. */
export function styledText(text: string, style: Style): string {
  if (text === '') return text;
  let out = style.dim ? chalk.dim(text) : text;
  out = colour(out, style.color);
  if (style.bold) out = chalk.bold(out);
  if (style.inverse) out = chalk.inverse(out);
  return out;
}
