/** This hub's name and version, as the welcome message reports them. */
import { z } from 'zod';
import { readPackageJson } from '../package-json.js';

const pkg = z.object({ version: z.string() }).safeParse(readPackageJson());

export const HUB_NAME = 'ccwall hub';
export const HUB_VERSION = pkg.success ? pkg.data.version : '0.0.0';
