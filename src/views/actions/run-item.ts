import type { Command } from '../../protocol/index.js';

/** One command of a run: about whom, and what to say when the hub accepts it. */
export interface RunItem {
  key: string;
  name: string;
  command: Command;
  okText: string;
}
