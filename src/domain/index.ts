export * from './apply.js';
export * from './decide.js';
export * from './invariants.js';
export * from './kpis.js';
export * from './permissions.js';
export * from './scope.js';
export * from './state.js';
export * from './traffic.js';
