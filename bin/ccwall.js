#!/usr/bin/env node
// Entry point: checks the Node version before loading anything that needs a newer one.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  process.stderr.write(
    `ccwall needs Node.js 22.13 or newer; this is ${process.version}.\n` +
      'From a clone, "npm start" runs it on the Node 24 the project installs.\n',
  );
  process.exit(1);
}
// React and Ink run their development builds unless told otherwise: extra checks on every
// render that cost a busy wallboard a third of its CPU (bench/README.md).
process.env.NODE_ENV ??= 'production';
try {
  await import('../dist/cli.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    process.stderr.write('ccwall is not built yet: run "npm run build" (npm start does it for you).\n');
    process.exit(1);
  }
  throw error;
}
