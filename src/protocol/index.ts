export * from './close-codes.js';
export * from './commands.js';
export * from './entities.js';
export * from './errors.js';
export * from './events.js';
export * from './messages.js';
export * from './parse.js';
export * from './sources.js';
