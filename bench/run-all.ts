/**
 * `npm run bench`: each benchmark in a process of its own, one after the other (they would
 * compete for the cores otherwise), then one table of every figure with its target.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type BenchResult, formatTable, RESULT_MARK } from './lib.ts';

const BENCHES = ['cold-start.bench.ts', 'wallboard.bench.ts', 'hub.bench.ts', 'asterisk.bench.ts'];

function run(file: string): Promise<BenchResult | undefined> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL(file, import.meta.url))], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let result: BenchResult | undefined;
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith(RESULT_MARK)) result = JSON.parse(line.slice(RESULT_MARK.length)) as BenchResult;
        else process.stdout.write(`${line}\n`);
      }
    });
    child.on('exit', (code) => {
      if (code !== 0) process.stderr.write(`${file} failed (exit ${code})\n`);
      resolve(result);
    });
  });
}

const results: BenchResult[] = [];
for (const file of BENCHES) {
  process.stdout.write(`\n== ${file}\n`);
  const result = await run(file);
  if (result) results.push(result);
}
process.stdout.write(`\n== all benchmarks\n\n${formatTable(results)}`);
const missed = results.flatMap((r) =>
  r.rows.filter((row) => row.pass === false).map((row) => `${r.bench}: ${row.name}`),
);
process.stdout.write(missed.length > 0 ? `\nmissed targets: ${missed.length}\n` : '\nevery target met\n');
