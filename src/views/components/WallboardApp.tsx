/** The supervisor wallboard lives in ./wallboard/ (its view, hooks and overlay host side by side). */
export { type ExitReason, WallboardApp, type WallboardAppProps } from './wallboard/WallboardApp.js';
