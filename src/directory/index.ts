/** The organisation's directory file: read and check it, diff it against a state, write it back. */
export * from './diff.js';
export * from './export.js';
export * from './model.js';
export * from './plan.js';
export * from './problems.js';
export * from './read.js';
export * from './removals.js';
export * from './schema.js';
