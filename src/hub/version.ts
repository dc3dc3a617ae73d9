/** This hub's name and version, as the welcome message reports them. */
import { createRequire } from 'node:module';
import { z } from 'zod';

const require = createRequire(import.meta.url);
// src/hub and dist/hub are both two levels below the package root.
const pkg = z.object({ version: z.string() }).safeParse(require('../../package.json'));

export const HUB_NAME = 'ccwall hub';
export const HUB_VERSION = pkg.success ? pkg.data.version : '0.0.0';
