export * from '../protocol/reconnect-backoff.js';
export * from './client.js';
export * from './commands.js';
export * from './connection.js';
export * from './problems.js';
export * from './store.js';
export * from './sync.js';
