#!/usr/bin/env node
// Entry point: checks the Node version before loading anything that needs a newer one.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  process.stderr.write(
    `ccwall needs Node.js 22.13 or newer; this is ${process.version} (${process.execPath}).\n` +
      "Installed with npm: install Node.js 24 (https://nodejs.org/en/download, or your system's\n" +
      'packages, or a version manager such as nvm), then "npm install -g ccwall" again.\n' +
      'Or run it on Node 24 without installing Node: npx -p node@24 -p ccwall ccwall\n' +
      'From a clone: "npm start" runs it on the Node 24 the project installs.\n',
  );
  process.exit(1);
}
// V8's heap settings and malloc's arenas can only be set at start-up: start again with them, in
// this same process (execve keeps the pid, the terminal and the signals), unless they are set.
const { NODE_FLAGS, V8_RUNTIME_FLAGS, ENV_DEFAULTS, flagName, startFlags } = await import(
  './runtime-settings.js'
);
// Flags given on the command line or in NODE_OPTIONS are the user's: kept, not overridden.
const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].map(flagName);
const missingFlags = startFlags(NODE_FLAGS, process.allowedNodeEnvironmentFlags, given);
const missingEnv = Object.keys(ENV_DEFAULTS).filter((name) => process.env[name] === undefined);
if (
  (missingFlags.length > 0 || missingEnv.length > 0) &&
  typeof process.execve === 'function' &&
  !process.env.CCWALL_NO_V8_FLAGS
) {
  const { fileURLToPath } = await import('node:url');
  const script = fileURLToPath(import.meta.url);
  try {
    process.execve(
      process.execPath,
      [process.execPath, ...missingFlags, ...process.execArgv, script, ...process.argv.slice(2)],
      { ...ENV_DEFAULTS, ...process.env },
    );
  } catch {
    // Not allowed here (some sandboxes): run on the defaults.
  }
}
// The heap's growth step is a V8 option Node does not document: set while running, where an
// option this V8 no longer has cannot keep ccwall from starting.
if (!process.env.CCWALL_NO_V8_FLAGS) {
  const { setFlagsFromString } = await import('node:v8');
  for (const flag of V8_RUNTIME_FLAGS) if (!given.includes(flagName(flag))) setFlagsFromString(flag);
}
// React and Ink run their development builds unless told otherwise: extra checks on every
// render that cost a busy wallboard a third of its CPU (bench/README.md).
process.env.NODE_ENV ??= 'production';
// Compiling ccwall and its libraries is a good part of starting: Node keeps
// the compiled code on disk and reuses it while the files stay the same (bench/README.md). Where
// is Node's choice (a directory per user; NODE_COMPILE_CACHE sets it, NODE_DISABLE_COMPILE_CACHE=1
// turns it off); a cache that cannot be written only leaves the start slower.
const nodeModule = await import('node:module');
nodeModule.enableCompileCache?.();
// Libraries that load much more than ccwall uses are read with narrower imports (lean-imports.js).
await import('./lean-imports.js');
// ccwall and its libraries bundled into a few files (scripts/bundle.mjs, which applies the same
// narrower imports): far fewer modules to find, read and link than dist/cli.js and its imports.
try {
  await import('../dist/bundle/cli.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/bundle/cli.js')) {
    process.stderr.write('ccwall is not built yet: run "npm run build" (npm start does it for you).\n');
    process.exit(1);
  }
  throw error;
}
