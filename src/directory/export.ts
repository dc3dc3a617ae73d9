/**
 * A directory written back out, as YAML (short lists and small records on one line, the way
 * people write them) or JSON. What `export` writes, `apply` reads back to the same directory.
 */
import { Document, isPair, isScalar, isSeq, visit } from 'yaml';
import type { CenterState } from '../domain/index.js';
import { directoryOfState, directoryToFile } from './model.js';
import type { DirectoryFileInput } from './schema.js';

export type DirectoryFormat = 'yaml' | 'json';

/** Records written on one line: the items of these lists, and these values. */
const ONE_LINE = new Set(['pauseReasons', 'devices', 'serviceLevel', 'thresholds', 'asterisk']);

/** The directory `state` holds, as the text of a directory file. */
export function exportDirectory(state: CenterState, format: DirectoryFormat, comment?: string): string {
  return formatDirectory(directoryToFile(directoryOfState(state)), format, comment);
}

export function formatDirectory(file: DirectoryFileInput, format: DirectoryFormat, comment?: string): string {
  if (format === 'json') return `${JSON.stringify(file, null, 2)}\n`;
  const doc = new Document(file);
  visit(doc, {
    Seq(_key, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
    Map(_key, node, path) {
      // A record of plain values (a device, a reason, thresholds) reads best on one line.
      const parent = path.at(-1);
      const owner = isSeq(parent) ? path.at(-2) : parent;
      const name = isPair(owner) && isScalar(owner.key) ? owner.key.value : undefined;
      if (typeof name === 'string' && ONE_LINE.has(name)) node.flow = true;
    },
  });
  if (comment) doc.commentBefore = ` ${comment}`;
  // A blank line between the sections (settings, pauseReasons, channels, users).
  return doc
    .toString({ lineWidth: 100 })
    .replace(/\n(?=[A-Za-z$])/g, '\n\n')
    .replace(/\n{3,}/g, '\n\n');
}
