/**
 * Writes docs/directory.schema.json, the JSON Schema of the directory file, from its zod schema
 * (src/directory/schema.ts). Run `npm run directory-schema` (it builds first) after changing the
 * schema; test/directory/json-schema.test.ts fails while the file is not current.
 */
import { writeFileSync } from 'node:fs';
import { directoryJsonSchema } from '../dist/directory/schema.js';

const file = new URL('../docs/directory.schema.json', import.meta.url);
writeFileSync(file, `${JSON.stringify(directoryJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${file.pathname}\n`);
