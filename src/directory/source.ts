/**
 * The directory file as text: parsed with `yaml` (JSON is YAML too), keeping where every node
 * starts, so that a problem found in the data can be placed at its line and column.
 */
import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { Finding, Problem } from './problems.js';

export interface DirectorySource {
  /** The data, as plain values (undefined when the text is not a document). */
  data: unknown;
  /** Syntax problems (bad indentation, a key twice in one mapping…), already placed. */
  syntax: Problem[];
  /** Places a problem found in `data` at the node its path leads to. */
  locate(finding: Finding): Problem;
}

export function parseSource(text: string): DirectorySource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  const syntax: Problem[] = [];
  const seen = new Set<string>();
  for (const error of doc.errors) {
    const problem = { ...position(error.pos[0]), message: firstLine(error.message) };
    const key = `${problem.line}:${problem.col} ${problem.message}`;
    if (!seen.has(key)) syntax.push(problem);
    seen.add(key);
  }
  let data: unknown;
  if (syntax.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (cause) {
      syntax.push({
        line: 1,
        col: 1,
        message: cause instanceof Error ? firstLine(cause.message) : String(cause),
      });
    }
  }
  return {
    data,
    syntax,
    locate: (found) => ({ ...position(offsetOf(doc, found)), message: found.message }),
  };
}

/** Where the path of `found` leads: the deepest node that exists on it (the file's start if none). */
function offsetOf(doc: Document, found: Finding): number {
  let node: unknown = doc.contents;
  let offset = startOf(node) ?? 0;
  for (const [index, step] of found.path.entries()) {
    const last = index === found.path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === step);
      if (!pair) return offset;
      if (last && found.at === 'key') return startOf(pair.key) ?? offset;
      node = pair.value;
      offset = startOf(node) ?? startOf(pair.key) ?? offset;
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step];
      offset = startOf(node) ?? offset;
    } else return offset;
  }
  return offset;
}

function startOf(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}
