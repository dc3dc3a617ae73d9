/**
 * A directory file, read and checked: its syntax, its schema, then what the schema cannot see.
 * Every problem is one line `FILE:LINE:COL message`, in the order they appear in the file.
 */
import { readFileSync } from 'node:fs';
import { checkDirectory } from './check.js';
import { type Directory, directoryFromFile } from './model.js';
import { byPosition, formatProblem, type Problem } from './problems.js';
import { parseSource } from './source.js';
import { validate } from './validate.js';

export type DirectoryRead = { ok: true; directory: Directory } | { ok: false; problems: string[] };

/** Parses and checks the text of a directory file; `file` names it in the problems. */
export function parseDirectory(text: string, file: string): DirectoryRead {
  const source = parseSource(text);
  const refuse = (problems: Problem[]): DirectoryRead => ({
    ok: false,
    problems: [...problems].sort(byPosition).map((problem) => formatProblem(file, problem)),
  });
  if (source.syntax.length > 0) return refuse(source.syntax);
  if (source.data === null || source.data === undefined)
    // Applying an empty file would remove everyone: it is far more likely a mistake.
    return refuse([
      {
        line: 1,
        col: 1,
        message: 'the file is empty: a directory has at least one of settings, pauseReasons, channels, users',
      },
    ]);
  const validated = validate(source.data);
  if (!validated.ok) return refuse(validated.findings.map(source.locate));
  const findings = checkDirectory(validated.file);
  if (findings.length > 0) return refuse(findings.map(source.locate));
  return { ok: true, directory: directoryFromFile(validated.file) };
}

/** Reads and checks a directory file; a file that cannot be read is one problem too. */
export function readDirectory(path: string): DirectoryRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (code ?? String(cause));
    return { ok: false, problems: [`${path}: cannot be read (${why})`] };
  }
  return parseDirectory(text, path);
}
