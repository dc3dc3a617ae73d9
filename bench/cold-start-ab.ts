/**
 * Two builds' cold starts compared in one run: launches of this checkout's `bin/ccwall.js` and
 * another's, interleaved (A B, B A, ...) on the same feed, so that the machine's load moves both
 * alike; a shared machine moves a lone run's median by a hundred milliseconds or more
 * (bench/README.md, 40). The first launch of each fills its empty compile cache and is not
 * counted. The other checkout must be built (`npm run build` there).
 *
 *   npm run build && node bench/cold-start-ab.ts /path/to/other/checkout [launches, default 12]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Launch, launch } from './cold-start.bench.ts';
import { FeedServer, recordFeed } from './feed.ts';
import { machineNote, percentile } from './lib.ts';

const [other, count = '12'] = process.argv.slice(2);
if (!other) {
  process.stderr.write('usage: node bench/cold-start-ab.ts OTHER_CHECKOUT [LAUNCHES]\n');
  process.exit(2);
}
const builds = {
  this: fileURLToPath(new URL('../bin/ccwall.js', import.meta.url)),
  other: join(resolve(other), 'bin/ccwall.js'),
};
const names = ['this', 'other'] as const;
const feed = await recordFeed({ viewer: 'claire.dubois', rate: 0, count: 0 });
const server = await FeedServer.start(feed);
const caches = {
  this: mkdtempSync(join(tmpdir(), 'ccwall-ab-')),
  other: mkdtempSync(join(tmpdir(), 'ccwall-ab-')),
};
const launches: Record<(typeof names)[number], Launch[]> = { this: [], other: [] };
try {
  for (let i = 0; i <= Number(count); i++)
    for (const name of i % 2 === 0 ? names : [...names].reverse()) {
      const result = await launch(server.url, caches[name], builds[name]);
      if (i > 0) launches[name].push(result);
    }
} finally {
  await server.close();
  for (const dir of Object.values(caches)) rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(`${machineNote()}; ${count} launches each, interleaved\n`);
for (const name of names) {
  const ms = launches[name].map((l) => l.ms);
  const cpu = launches[name].flatMap((l) => (l.cpuMs === null ? [] : [l.cpuMs]));
  const quartiles = `${percentile(ms, 25).toFixed(0)}–${percentile(ms, 75).toFixed(0)}`;
  const cpuText = cpu.length > 0 ? `, CPU median ${percentile(cpu, 50).toFixed(0)} ms` : '';
  process.stdout.write(
    `${name.padEnd(5)} ${builds[name]}: first complete frame median ${percentile(ms, 50).toFixed(0)} ms (quartiles ${quartiles})${cpuText}\n`,
  );
}
process.exit(0);
