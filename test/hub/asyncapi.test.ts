/**
 * docs/asyncapi.json is generated from the zod schemas; this test validates it with
 * @asyncapi/parser and checks the file is up to date. It only reads: `npm run asyncapi`
 * regenerates the file.
 */
import { readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import { asyncApiDocument } from '../../src/protocol/asyncapi.js';

const FILE = new URL('../../docs/asyncapi.json', import.meta.url);
const text = `${JSON.stringify(asyncApiDocument(), null, 2)}\n`;

describe('AsyncAPI document', () => {
  it('is valid AsyncAPI 3.0', async () => {
    const diagnostics = await new Parser().validate(text);
    const errors = diagnostics
      .filter((d) => d.severity === 0)
      .map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(errors).toEqual([]);
  });

  it('is what docs/asyncapi.json holds (else: npm run asyncapi)', () => {
    // Compared as JSON: the formatter lays the file out differently.
    expect(
      JSON.parse(readFileSync(FILE, 'utf8')),
      'docs/asyncapi.json is out of date: npm run asyncapi',
    ).toEqual(JSON.parse(text));
  });
});
