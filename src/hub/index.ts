/** The hub: what the CLI and the wallboard's embedded mode use. */

export { type HubOptions, type RunningHub, startHub } from './hub.js';
export {
  DEMO_ADMIN_ID,
  DEMO_AGENT_ID,
  DEMO_SUPERVISOR_ID,
  demoCenterEvents,
  demoInLanguage,
} from './sources/demo/demo-center.js';
export {
  demoEvents,
  LARGE_AGENT_COUNT,
  LARGE_CHANNEL_COUNT,
  largeDemoCenterEvents,
} from './sources/demo/demo-center-large.js';
