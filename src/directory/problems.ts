/** What is wrong with a directory file, and where: one line `FILE:LINE:COL message` each. */

/** A place in the document: keys and list indexes from its root (`users`, 3, `memberOf`, 1). */
export type DocPath = readonly (string | number)[];

/** A problem found in the data, to be placed in the file by its path. */
export interface Finding {
  path: DocPath;
  message: string;
  /** Point at the key of the last step (an unknown field) rather than at its value. */
  at?: 'key';
}

/** A problem placed in the file; line and column count from 1. */
export interface Problem {
  line: number;
  col: number;
  message: string;
}

export function formatProblem(file: string, problem: Problem): string {
  return `${file}:${problem.line}:${problem.col} ${problem.message}`;
}

/** `users[3].memberOf[1]`: a path as people read it. */
function pathText(path: DocPath): string {
  let text = '';
  for (const step of path) text += typeof step === 'number' ? `[${step}]` : text ? `.${step}` : step;
  return text;
}

/** A finding whose message starts with where it is. */
export function finding(path: DocPath, message: string, at?: 'key'): Finding {
  const where = pathText(path);
  return { path, message: where ? `${where}: ${message}` : message, ...(at ? { at } : {}) };
}

export function byPosition(a: Problem, b: Problem): number {
  return a.line - b.line || a.col - b.col;
}
