/**
 * The board with actions, on the small test center, against a stand-in hub: commands go
 * through the same `decide` the hub runs and their events reach the store as deltas would.
 * A test may hold answers back (to see the pending state) and release them.
 */
import { createStore, type WallboardStore } from '../../src/client/store.js';
import { type Actor, apply, type CenterState, decide, stateFromSnapshot } from '../../src/domain/index.js';
import { commandDetail, commandTarget } from '../../src/hub/command-audit.js';
import type { Ack, AuditEntry, Command, SnapshotData, User, Welcome } from '../../src/protocol/index.js';
import { Root } from '../../src/views/components/Root.js';
import { WallboardApp } from '../../src/views/components/wallboard/WallboardApp.js';
import type { ActionPort } from '../../src/views/hooks/use-action-runner.js';
import { createTheme, type Theme } from '../../src/views/theme.js';
import { centerSnapshot, SUPERVISOR, T0 } from '../fixtures/center-snapshot.js';
import { type Rendered, renderAt } from './render-at.js';

export const ADMIN: User = { id: 'adm', name: 'Ada Admin', extension: '2001', roles: ['admin'] };

export type Who = 'supervisor' | 'outOfScope' | 'admin' | 'agent';

export interface ActionsHarness extends Rendered {
  store: WallboardStore;
  /** The stand-in hub's state (the store shows what reached it). */
  live: CenterState;
  sent: Command[];
  /** Answers held back while true. */
  hold: boolean;
  /** Lets held commands through, in order. */
  release(): void;
  /** A delta from the hub. */
  hubEvent(event: Parameters<typeof apply>[1]): void;
  audit: AuditEntry[];
}

function dataFor(who: Who): { data: SnapshotData; user: User } {
  const data = centerSnapshot();
  data.users.push(ADMIN);
  if (who === 'outOfScope') {
    data.org = { ...data.org, supervisorsLimitedToAssigned: true };
    data.assignments.push({ userId: 'sup', channelId: 'q-support', asAgent: false, asSupervisor: true });
  }
  const user =
    who === 'admin'
      ? ADMIN
      : who === 'agent'
        ? (data.users.find((u) => u.id === 'a01') ?? SUPERVISOR)
        : SUPERVISOR;
  return { data, user };
}

export function renderActions(
  options: {
    who?: Who;
    columns?: number;
    rows?: number;
    tweak?: (data: SnapshotData) => void;
    /** Render the root (which picks the agent dashboard for an agent) instead of the supervisor board. */
    root?: boolean;
    clock?: () => number;
    theme?: Theme;
  } = {},
): ActionsHarness {
  const who = options.who ?? 'supervisor';
  const { data, user } = dataFor(who);
  options.tweak?.(data);
  const live = stateFromSnapshot(data);
  const store = createStore({ intervalMs: 0 });
  const manager = user.roles.includes('admin') || user.roles.includes('supervisor');
  const welcome: Welcome = {
    type: 'welcome',
    protocol: 1,
    user,
    permissions: {
      manageAgents: manager,
      monitor: manager,
      changeOrgSettings: user.roles.includes('admin'),
      readOnly: false,
    },
    hub: { name: 'test hub', version: '0.1.0' },
    epoch: 'e1',
    heartbeatMs: 1000,
  };
  store.setWelcome(welcome);
  store.setConnection({ status: 'live', staleSince: null, lastError: null, attempts: 0 });
  store.setState(live);
  store.flush();
  const actor: Actor = { user, readOnly: false };
  const held: (() => void)[] = [];
  const sent: Command[] = [];
  const audit: AuditEntry[] = [];
  let counter = 0;
  const harness = {} as ActionsHarness;
  const port: ActionPort = {
    send(command) {
      const id = `cmd-${++counter}`;
      sent.push(command);
      store.commandStarted({ id, command, since: T0 });
      store.flush();
      return new Promise<Ack>((resolve) => {
        const answer = () => {
          const decision = decide(live, actor, command, T0);
          // The hub's own audit words, taken before the command changes anything.
          audit.unshift({
            id: audit.length + 1,
            at: T0,
            actorId: user.id,
            remote: '127.0.0.1',
            action: command.type,
            target: commandTarget(command),
            result: decision.ok ? 'ok' : decision.error.code,
            detail: decision.ok ? commandDetail(command, live) : decision.error.message,
          });
          if (decision.ok) for (const event of decision.events) harness.hubEvent(event);
          store.commandSettled(id);
          store.flush();
          resolve(
            decision.ok
              ? { type: 'ack', id, ok: true, seq: 1 }
              : { type: 'ack', id, ok: false, seq: 1, error: decision.error },
          );
        };
        if (harness.hold) held.push(answer);
        else setTimeout(answer, 0);
      });
    },
    queryAudit: async () => [...audit],
  };
  const App = options.root ? Root : WallboardApp;
  const rendered = renderAt(
    <App
      store={store}
      hubLabel="test-hub:1234"
      theme={options.theme ?? createTheme()}
      clock={options.clock ?? (() => T0)}
      onExit={() => {}}
      actions={port}
    />,
    options.columns ?? 100,
    options.rows ?? 30,
  );
  return Object.assign(harness, rendered, {
    store,
    live,
    sent,
    audit,
    hold: false,
    release() {
      for (const answer of held.splice(0)) answer();
    },
    hubEvent(event: Parameters<typeof apply>[1]) {
      apply(live, event);
      store.stateChanged(event);
      store.flush();
    },
  });
}

/** The board line (or dialog line) about `name`, not the header naming the signed-in user. */
export function boardRow(frame: string, name: string): string {
  return (
    frame
      .split('\n')
      .slice(3)
      .find((l) => l.includes(name)) ?? ''
  );
}
