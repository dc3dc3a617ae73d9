import type { WallboardSnapshot } from '../../client/store.js';
import { isManager } from '../../domain/index.js';
import type { Welcome } from '../../protocol/index.js';
import { useStoreSelection } from '../hooks/use-store.js';
import { AgentDashboard } from './dashboard/AgentDashboard.js';
import { KioskApp } from './kiosk/KioskApp.js';
import type { KioskOptions } from './kiosk/kiosk-state.js';
import type { ScreenProps } from './screen-props.js';
import { ThemeProvider } from './ThemeProvider.js';
import { WallboardApp, type WallboardAppProps } from './wallboard/WallboardApp.js';

export interface RootProps extends WallboardAppProps {
  /** The wall screen: no action keys at all, rotating channels. */
  kiosk?: KioskOptions;
  /** The kiosk rings the terminal bell through this. */
  onBell?(): void;
  /** The kiosk's featured channel changed (the hub's figures view sends its agents). */
  onFeature?(channelId: string | null): void;
}

/** A user who is only an agent (not a supervisor or an admin) gets the agent dashboard. */
export function isAgentOnly(welcome: Welcome | null): boolean {
  if (!welcome) return false;
  return welcome.user.roles.includes('agent') && !isManager(welcome.user);
}

/**
 * Which screen: the kiosk when asked for; the agent dashboard for an agent; else the supervisor
 * wallboard. The theme is provided here, once, for every screen below.
 */
export function Root(props: RootProps) {
  return (
    <ThemeProvider theme={props.theme}>
      <Screen {...props} />
    </ThemeProvider>
  );
}

const welcomeOf = (snapshot: WallboardSnapshot) => snapshot.welcome;

function Screen({ kiosk, onBell, onFeature, ...props }: RootProps) {
  // Only the welcome decides the screen: a publish of data does not render the screen from here.
  const welcome = useStoreSelection(props.store, welcomeOf);
  const common: ScreenProps = {
    store: props.store,
    hubLabel: props.hubLabel,
    onExit: props.onExit,
    ...(props.clock ? { clock: props.clock } : {}),
    ...(props.tickMs ? { tickMs: props.tickMs } : {}),
  };
  if (kiosk)
    return (
      <KioskApp
        {...common}
        kiosk={kiosk}
        {...(onBell ? { onBell } : {})}
        {...(onFeature ? { onFeature } : {})}
      />
    );
  if (isAgentOnly(welcome))
    return <AgentDashboard {...common} {...(props.actions ? { actions: props.actions } : {})} />;
  return <WallboardApp {...props} />;
}
