/** The `demo` source wired to an engine, for tests that start a server on their own engine. */
import { CommandRunner } from '../../src/hub/command-runner.js';
import type { Engine } from '../../src/hub/engine.js';
import { DemoSource } from '../../src/hub/sources/demo/demo-source.js';
import { SourceLink } from '../../src/hub/sources/source-link.js';

export async function demoSeam(
  engine: Engine,
  now: () => number = Date.now,
  log: (line: string) => void = () => {},
): Promise<{ source: SourceLink; commands: CommandRunner }> {
  const source = new SourceLink(engine, new DemoSource(), { now, log });
  await source.start();
  return { source, commands: new CommandRunner(engine, source) };
}
