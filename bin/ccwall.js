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
// V8's heap settings can only be given at start-up: start again with them, in this same process
// (execve keeps the pid, the terminal and the signals), unless they are there already.
const { V8_FLAGS } = await import('./v8-flags.js');
const missing = V8_FLAGS.filter(
  (flag) => !process.execArgv.some((arg) => arg.split('=')[0] === flag.split('=')[0]),
);
if (missing.length > 0 && typeof process.execve === 'function' && !process.env.CCWALL_NO_V8_FLAGS) {
  const { fileURLToPath } = await import('node:url');
  const script = fileURLToPath(import.meta.url);
  try {
    process.execve(process.execPath, [
      process.execPath,
      ...missing,
      ...process.execArgv,
      script,
      ...process.argv.slice(2),
    ]);
  } catch {
    // Not allowed here (some sandboxes): run on V8's defaults.
  }
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
