/** Where the hub keeps its database when no --db is given: the user's data directory. */
import { homedir, platform } from 'node:os';
import { join } from 'node:path';

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDirectory(env), 'ccwall', 'hub.db');
}

function dataDirectory(env: NodeJS.ProcessEnv): string {
  if (env.XDG_DATA_HOME) return env.XDG_DATA_HOME;
  if (platform() === 'darwin') return join(homedir(), 'Library', 'Application Support');
  if (platform() === 'win32') return env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local');
  return join(homedir(), '.local', 'share');
}
