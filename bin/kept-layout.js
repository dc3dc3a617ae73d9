// A text's new content laid out without Yoga when it takes the place the old one took. Ink marks
// a text's layout dirty on every change of its content, so that Yoga measures it again on the next
// frame, and lays out again the boxes around it: at rest a wallboard's clocks change every agent
// row's text each second, and that measuring and layout was a seventh of each frame's cost
// (bench/README.md). A text Ink truncates (`wrap="truncate…"`), of one line before and after, as
// wide before as after, measures the same for any width Yoga may ask (Ink's measure function: its
// width, or the width asked when narrower, and one line), so the layout Yoga holds stays right.
// bin/lean-imports.js wires this into Ink's `setTextNodeValue`.

/** The node Ink measures for `node` (the closest with a Yoga node), as Ink's own lookup finds it. */
export function measuredNode(node) {
  let current = node;
  while (current?.parentNode) {
    if (current.yogaNode) return current;
    current = current.parentNode;
  }
  return undefined;
}

/** Whether Ink truncates `node`'s text rather than wrapping it. */
export const truncates = (node) =>
  node?.nodeName === 'ink-text' && (node.style?.textWrap ?? 'wrap').startsWith('truncate');

/**
 * Whether texts `before` and `after` (a node's whole text, as Ink measures it) measure the same
 * at every width when truncated: one line each (or both empty) and equally wide.
 */
export function sameTruncatedMeasure(before, after, measureText) {
  if (before === after) return true;
  if (before.includes('\n') || after.includes('\n')) return false;
  const a = measureText(before);
  const b = measureText(after);
  return a.width === b.width && a.height === b.height;
}
