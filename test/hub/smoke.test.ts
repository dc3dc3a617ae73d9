import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_SUPERVISOR_ID, type RunningHub, startHub } from '../../src/hub/index.js';
import { HubClient } from './hub-client.js';

let hub: RunningHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

describe('startHub', () => {
  it('serves the demo center to a supervisor', async () => {
    hub = await startHub({ port: 0, demo: true });
    const client = await HubClient.connect(hub.url, hub.createToken(DEMO_SUPERVISOR_ID));
    const { data } = client.snapshot();
    expect(client.problems).toEqual([]);
    expect(data.channels.length).toBeGreaterThan(3);
    await client.close();
  });
});
