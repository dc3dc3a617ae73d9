/** The examples of docs/directory.md, and docs/examples/center.yaml, pass `check`. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDirectory, readDirectory } from '../../src/directory/index.js';

const EXAMPLE = new URL('../../docs/examples/center.yaml', import.meta.url).pathname;

describe('the example directory', () => {
  it('passes check: three queues, a chat, a campaign, a dozen people with several devices', () => {
    const read = readDirectory(EXAMPLE);
    if (!read.ok) throw new Error(read.problems.join('\n'));
    const { directory } = read;
    expect(directory.channels.map((c) => c.kind).sort()).toEqual([
      'campaign',
      'chat',
      'queue',
      'queue',
      'queue',
    ]);
    expect(directory.users).toHaveLength(12);
    expect(directory.devices.length).toBeGreaterThanOrEqual(2 * 10);
    for (const channel of directory.channels.filter((c) => c.kind === 'queue'))
      expect(channel.asterisk).toBeDefined();
  });

  it('in docs/directory.md, the smallest useful file passes check too', () => {
    const doc = readFileSync(new URL('../../docs/directory.md', import.meta.url), 'utf8');
    const first = doc.match(/```yaml\n([\s\S]*?)```/)?.[1] ?? '';
    const read = parseDirectory(first, 'docs/directory.md');
    if (!read.ok) throw new Error(read.problems.join('\n'));
    expect(read.directory.users.map((u) => u.id)).toEqual(['claire.dubois', 'sarah.thompson']);
  });
});
