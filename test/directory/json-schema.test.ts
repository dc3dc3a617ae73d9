/**
 * docs/directory.schema.json is generated from the directory file's zod schema, for editors
 * (YAML and JSON language servers) to check a file as it is typed. This test only reads it:
 * `npm run directory-schema` writes it again after the schema changes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { directoryJsonSchema } from '../../src/directory/index.js';

const FILE = new URL('../../docs/directory.schema.json', import.meta.url);

describe('docs/directory.schema.json', () => {
  it('is the schema the hub checks files with (npm run directory-schema writes it)', () => {
    expect(JSON.parse(readFileSync(FILE, 'utf8'))).toEqual(directoryJsonSchema());
  });

  it('describes the fields a person writes, with their defaults', () => {
    const schema = directoryJsonSchema() as {
      properties: { users: { items: { properties: Record<string, unknown>; required: string[] } } };
    };
    const user = schema.properties.users.items;
    expect(Object.keys(user.properties)).toEqual([
      'id',
      'name',
      'extension',
      'roles',
      'memberOf',
      'supervises',
      'devices',
    ]);
    expect(user.required).toEqual(['id', 'name']);
  });
});
