/** The client reports problems as data: the views word them, so it imports nothing from the catalogue. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLIENT = join(import.meta.dirname, '../../src/client');

describe('src/client', () => {
  it('imports nothing from src/i18n', () => {
    const files = readdirSync(CLIENT).filter((name) => name.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const name of files) {
      expect(readFileSync(join(CLIENT, name), 'utf8'), name).not.toMatch(/from '\.\.\/i18n/);
    }
  });
});
