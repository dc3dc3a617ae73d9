/**
 * ccwall's own package.json, found from where this module runs: src/ and dist/ sit right below
 * the package's root, the bundle bin/ccwall.js runs (dist/bundle/, scripts/bundle.mjs) one
 * level further down.
 */
import { readFileSync } from 'node:fs';

const inBundle = /\/dist\/bundle\/[^/]+$/.test(import.meta.url);
const PACKAGE_JSON = new URL(inBundle ? '../../package.json' : '../package.json', import.meta.url);

/** The package.json's content, as parsed (the caller checks what it reads). */
export function readPackageJson(): unknown {
  return JSON.parse(readFileSync(PACKAGE_JSON, 'utf8'));
}
