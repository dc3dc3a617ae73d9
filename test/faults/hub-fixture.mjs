// A hub in a process of its own with options the CLI does not expose (the slow-consumer bound,
// rate limits): `node hub-fixture.mjs '<HubOptions as JSON>' user…`. Needs `npm run build`.
// Prints `listening <port>` then one `token <user> <token>` line per user; SIGTERM stops it.
import { startHub } from '../../dist/hub/index.js';

const [json = '{}', ...users] = process.argv.slice(2);
const hub = await startHub({ ...JSON.parse(json), log: (line) => process.stderr.write(`${line}\n`) });
process.stdout.write(`listening ${hub.port}\n`);
for (const user of users) process.stdout.write(`token ${user} ${hub.createToken(user)}\n`);
process.once('SIGTERM', () => {
  hub.close().then(() => process.exit(0));
});
