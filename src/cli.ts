/** ccwall's command line: parses arguments and wires the hub, the client and the views. */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { version } = require('../package.json') as { version: string };

export async function main(argv: string[]): Promise<number> {
  if (argv.includes('--version')) {
    process.stdout.write(`ccwall ${version}\n`);
    return 0;
  }
  process.stdout.write('ccwall: wallboard not wired yet\n');
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
