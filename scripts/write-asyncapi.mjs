// Regenerates docs/asyncapi.json from the zod schemas (`npm run asyncapi` builds first, then
// formats the file); test/hub/asyncapi.test.ts fails while the file is out of date.
import { writeFileSync } from 'node:fs';
import { asyncApiDocument } from '../dist/protocol/asyncapi.js';

writeFileSync(
  new URL('../docs/asyncapi.json', import.meta.url),
  `${JSON.stringify(asyncApiDocument(), null, 2)}\n`,
);
