/** A wallboard client: a connection to a hub, the store the views read, and commands. */
import { type Commands, createCommands } from './commands.js';
import { Connection, type ConnectionOptions } from './connection.js';
import { createStore, type StoreOptions, type WallboardStore } from './store.js';

export interface ClientOptions extends ConnectionOptions {
  store?: StoreOptions;
  commandTimeoutMs?: number;
}

export interface WallboardClient {
  readonly store: WallboardStore;
  readonly connection: Connection;
  readonly commands: Commands;
  /** Connects (and keeps reconnecting until `close`). */
  start(): void;
  close(): void;
}

export function createClient(options: ClientOptions): WallboardClient {
  const { store: storeOptions, commandTimeoutMs, ...connectionOptions } = options;
  const now = options.now ?? Date.now;
  const store = createStore({ now, ...storeOptions });
  const connection = new Connection(connectionOptions);
  connection.on('status', (info) => store.setConnection(info));
  connection.on('welcome', (welcome) => store.setWelcome(welcome));
  connection.on('source', (source) => store.setSource(source));
  connection.on('state', (state, change) => {
    if (change.reset) store.setState(state);
    else store.stateChanged(change.event);
  });
  connection.on('figures', (figures) => store.setFigures(figures));
  connection.on('hubStatus', (status) => store.setHubStatus(status));
  connection.on('problem', (problem, at) => store.addError(problem, at));
  const commands = createCommands(connection, {
    store,
    now,
    ...(commandTimeoutMs === undefined ? {} : { timeoutMs: commandTimeoutMs }),
  });
  return {
    store,
    connection,
    commands,
    start: () => connection.start(),
    close() {
      commands.close();
      connection.close();
      store.flush();
      store.close();
    },
  };
}
