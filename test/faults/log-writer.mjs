// A writer that checkpoints and prunes its log as often as it can: `node log-writer.mjs DB`.
// The demo center is seeded into an empty database; then one device flips every step, with a
// checkpoint every 5 events that lets the log go of all but the last few. Prints `writing`,
// stops on SIGTERM. Needs `npm run build`.
import { Engine } from '../../dist/hub/engine.js';
import { demoCenterEvents } from '../../dist/hub/index.js';
import { Storage } from '../../dist/hub/storage.js';

const [dbPath = ''] = process.argv.slice(2);
const storage = Storage.open(dbPath);
const engine = Engine.open(storage, {
  now: Date.now,
  log: (line) => process.stderr.write(`${line}\n`),
  checkpointEvery: 5,
  historyEvents: 5,
  historyMs: 0,
});
if (engine.state.users.size === 0) engine.seed(demoCenterEvents(1, Date.now()));
const [deviceId] = engine.state.devices.keys();
let active = false;
let running = true;
process.once('SIGTERM', () => {
  running = false;
});
process.stdout.write('writing\n');
const step = () => {
  if (!running) {
    storage.close();
    process.exit(0);
  }
  active = !active;
  engine.system((batch) =>
    batch.run({ ok: true, events: [{ type: 'device_state_changed', at: Date.now(), deviceId, active }] }),
  );
  setImmediate(step);
};
step();
