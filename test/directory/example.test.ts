/** docs/examples/center.yaml, the example organisation of docs/directory.md, passes `check`. */
import { describe, expect, it } from 'vitest';
import { readDirectory } from '../../src/directory/index.js';

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
});
