/**
 * The floor a wallboard's CPU is compared with: a client that only receives the hub's frames
 * and parses them (JSON and the protocol's zod schemas, as the wallboard's connection does),
 * with no state, no store and no screen. It says `ready` on stdout once the snapshot is in, and
 * on SIGUSR2 writes a line `cpu MICROSECONDS`: its CPU so far, as `process.cpuUsage()` counts it
 * (the wallboard's own figure is taken the same way, so the ratio divides like by like).
 *
 *   node bench/bare-client-child.ts URL SNAPSHOT_FRAMES
 */
import WebSocket from 'ws';
import { dist, type Protocol } from './lib.ts';

const [url = '', snapshotFrames = '0'] = process.argv.slice(2);
const { parseHubMessage, PROTOCOL_VERSION } = await dist<Protocol>('protocol/index.js');
let frames = 0;
let bad = 0;
const ws = new WebSocket(url, { headers: { authorization: 'Bearer bench-token' } });
ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, client: 'bench' })));
ws.on('message', (data) => {
  const parsed = parseHubMessage(data.toString());
  if (!parsed.ok) bad += 1;
  frames += 1;
  if (frames === Number(snapshotFrames) + 1) process.stdout.write('ready\n');
});
ws.on('error', (error) => {
  process.stderr.write(`bare client: ${error.message}\n`);
  process.exit(1);
});
process.on('SIGUSR2', () => {
  const { user, system } = process.cpuUsage();
  process.stdout.write(`cpu ${user + system}\n`);
});
process.on('SIGTERM', () => {
  process.stdout.write(`${JSON.stringify({ frames, bad })}\n`);
  process.exit(0);
});
