/** The directory's data against its schema: each zod issue as one finding, in words, at its path. */
import type { z } from 'zod';
import { type Finding, finding } from './problems.js';
import { DirectoryFile, type DirectoryFileData, FIELD_NAMES } from './schema.js';

export type Validated = { ok: true; file: DirectoryFileData } | { ok: false; findings: Finding[] };

export function validate(data: unknown): Validated {
  const parsed = DirectoryFile.safeParse(data, { reportInput: true });
  if (parsed.success) return { ok: true, file: parsed.data };
  return { ok: false, findings: parsed.error.issues.flatMap(findingsOf) };
}

function findingsOf(issue: z.core.$ZodIssue): Finding[] {
  const path = issue.path.filter((step) => typeof step !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) =>
      finding([...path, key], `unknown field "${key}"${didYouMean(key)}`, 'key'),
    );
  }
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined) {
    const name = path.at(-1);
    return [finding(path.slice(0, -1), `${typeof name === 'string' ? `"${name}"` : 'a value'} is missing`)];
  }
  return [finding(path, messageOf(issue))];
}

/** Zod's message, in the words of the rest of the checks where it is zod's default. */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input'))
    return `expected ${issue.expected}, not ${describe(issue.input)}`;
  if (issue.code === 'invalid_value' && issue.message.startsWith('Invalid'))
    return `expected ${issue.values.map(String).join(', ')}, not ${describe(issue.input)}`;
  return issue.message;
}

function describe(input: unknown): string {
  if (input === null) return 'nothing';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'string') return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input);
  return String(input);
}

function didYouMean(key: string): string {
  const lower = key.toLowerCase().replace(/[-_\s]/g, '');
  const known = FIELD_NAMES.find((name) => name.toLowerCase() === lower);
  return known ? ` (did you mean "${known}"?)` : '';
}
