/**
 * The Asterisk source: a ccwall hub mirrors an Asterisk PBX's queues through its Manager
 * Interface (AMI) and carries out supervisors' commands there.
 *
 * On each (re)connection: `QueueStatus`, `DeviceStateList` (or `ExtensionStateList`),
 * `PJSIPShowContacts` and a `Status` of each spy call build the whole picture (picture.ts),
 * which the hub applies as differences; events that arrive meanwhile wait and are applied
 * after it. Then each AMI event becomes CenterEvents (live-events.ts) and each command AMI
 * actions (commands.ts). While the link is down the hub shows "telephony down" and refuses
 * commands; the link reconnects with backoff (ami-link.ts).
 */
import type { CenterEvent, SourceCapabilities } from '../../../protocol/index.js';
import type { Source, SourceAnswer, SourceRequest, SourceSink } from '../source.js';
import type { AmiEndpoint } from './ami-connection.js';
import { AmiLink, type AmiLinkOptions } from './ami-link.js';
import type { AmiMessage } from './ami-message.js';
import { carryOut } from './commands.js';
import { AsteriskContext } from './context.js';
import { mapEvent } from './live-events.js';
import { buildPicture } from './picture.js';

/** Queues only (Asterisk has no chats or campaigns); no end of wrap-up: AMI has no action for it. */
const ASTERISK_CAPABILITIES: SourceCapabilities = {
  queue: ['login', 'logout', 'pause', 'resume', 'monitor'],
};

/** Events held while a picture is built; past this the link is made again (a storm during sync). */
const MAX_HELD_EVENTS = 200_000;

export interface AsteriskSourceOptions {
  endpoint: AmiEndpoint;
  link?: AmiLinkOptions;
  /**
   * The whole picture is read again this often while the link is up (10 minutes by default; 0:
   * never): a safety net for what Asterisk changes without an event this user can read (a queue
   * reload without the `system` class, for example). Only differences are applied.
   */
  resyncEveryMs?: number;
}

export class AsteriskSource implements Source {
  readonly kind = 'asterisk';
  readonly label = 'Asterisk';
  readonly capabilities = ASTERISK_CAPABILITIES;
  private readonly link: AmiLink;
  private sink: SourceSink | undefined;
  private ctx: AsteriskContext | undefined;
  /** Events received while a picture is being built. */
  private held: AmiMessage[] | undefined;
  private syncRun = 0;
  private lastDown = '';
  private inSync = false;
  private readonly resyncEveryMs: number;
  private resyncTimer: NodeJS.Timeout | undefined;
  private stopDirectoryWatch: (() => void) | undefined;

  constructor(options: AsteriskSourceOptions) {
    this.resyncEveryMs = options.resyncEveryMs ?? 10 * 60_000;
    this.link = new AmiLink(
      options.endpoint,
      {
        up: () => void this.sync(),
        down: (reason) => this.down(reason),
        event: (message) => this.event(message),
      },
      options.link,
    );
  }

  async start(sink: SourceSink): Promise<void> {
    this.sink = sink;
    this.ctx = new AsteriskContext({
      state: () => sink.state,
      now: () => sink.now(),
      emit: (events) => this.emit(events),
      hangup: (channel) => void this.link.send('Hangup', { Channel: channel }).catch(() => undefined),
      resync: () => {
        if (this.link.up && this.held === undefined) void this.sync();
      },
      log: (line) => sink.log(line),
    });
    sink.health(false, `connecting to Asterisk at ${this.link.where}`);
    // Someone new in the directory may be a member Asterisk already has: read the picture again.
    this.stopDirectoryWatch = sink.onDirectoryChange(() => {
      if (this.link.up && this.held === undefined) void this.sync();
    });
    await this.link.start();
    if (this.resyncEveryMs > 0) {
      this.resyncTimer = setInterval(() => {
        if (this.link.up && this.held === undefined) void this.sync();
      }, this.resyncEveryMs);
      this.resyncTimer.unref();
    }
  }

  execute(request: SourceRequest): Promise<SourceAnswer> {
    if (!this.ctx || !this.link.up)
      return Promise.resolve({ outcome: 'failed', reason: `no AMI link to Asterisk at ${this.link.where}` });
    return carryOut(this.ctx, this.link, request);
  }

  async stop(): Promise<void> {
    clearInterval(this.resyncTimer);
    this.stopDirectoryWatch?.();
    this.syncRun++;
    this.held = undefined;
    this.link.stop();
    this.ctx?.calls.clear();
  }

  private event(message: AmiMessage): void {
    if (this.held) {
      this.held.push(message);
      if (this.held.length > MAX_HELD_EVENTS)
        this.link.drop(`more than ${MAX_HELD_EVENTS} events while reading the queues`);
      return;
    }
    this.handle(message);
  }

  private handle(message: AmiMessage): void {
    const ctx = this.ctx;
    if (!ctx) return;
    let events: CenterEvent[];
    try {
      events = mapEvent(ctx, message);
    } catch (error) {
      // A bug in a mapping loses that event, never the hub.
      const reason = error instanceof Error ? error.message : String(error);
      ctx.logOnce(
        `failed ${message.event} ${reason}`,
        `${message.event ?? 'an event'} not understood: ${reason}`,
      );
      return;
    }
    if (events.length > 0) this.emit(events);
  }

  /** To the hub, which checks each event and logs the ones it refuses. */
  private emit(events: CenterEvent[]): void {
    try {
      this.sink?.emit(events);
    } catch (error) {
      this.sink?.log(`events not applied: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private down(reason: string): void {
    this.syncRun++;
    this.held = undefined;
    this.inSync = false;
    if (reason === this.lastDown) return;
    this.lastDown = reason;
    this.sink?.log(`${reason}`);
    this.sink?.health(false, reason);
  }

  /** The hub lost events while it could not save: read the whole picture again. */
  requestPicture(): void {
    if (this.link.up && this.held === undefined) void this.sync();
  }

  /** Reads the whole picture, hands it to the hub, then applies what arrived meanwhile. */
  private async sync(): Promise<void> {
    const ctx = this.ctx;
    const sink = this.sink;
    if (!ctx || !sink) return;
    const run = ++this.syncRun;
    this.held = [];
    if (!this.inSync) ctx.forgetLogs();
    try {
      const [queues, deviceStates, contacts, liveSpies] = await Promise.all([
        this.link.send('QueueStatus', {}, { timeoutMs: 30_000 }),
        this.deviceStates(),
        this.contacts(),
        this.liveSpies(),
      ]);
      if (run !== this.syncRun) return;
      if (!queues.ok) throw new Error(`QueueStatus was refused: ${queues.message}`);
      const { picture, before } = buildPicture(ctx, {
        queueStatus: queues.events,
        deviceStates,
        contacts,
        liveSpies,
      });
      if (before.length > 0) this.emit(before);
      sink.resync(picture);
      const held = this.held ?? [];
      this.held = undefined;
      for (const message of held) this.handle(message);
      this.lastDown = '';
      if (!this.inSync)
        sink.log(
          `in sync with ${this.link.where} (${picture.sessions.length} sessions, ${picture.interactions.length} calls)`,
        );
      this.inSync = true;
      sink.health(true);
    } catch (error) {
      if (run !== this.syncRun) return;
      this.held = undefined;
      this.link.drop(`reading the queues failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** DeviceStateList (Asterisk 13+, res_manager_devicestate); else the hints' ExtensionStateList. */
  private async deviceStates(): Promise<AmiMessage[]> {
    const list = await this.link.send('DeviceStateList', {}, { timeoutMs: 30_000 });
    if (list.ok) return list.events;
    const hints = await this.link.send('ExtensionStateList', {}, { timeoutMs: 30_000 });
    if (hints.ok) return hints.events;
    this.ctx?.logOnce(
      'device states',
      `device states not readable (${list.message}; ${hints.message}): no green dots from device states`,
    );
    return [];
  }

  /** PJSIP contacts; undefined when not readable (it needs the `system` privilege). */
  private async contacts(): Promise<AmiMessage[] | undefined> {
    const list = await this.link.send('PJSIPShowContacts', {}, { timeoutMs: 30_000 });
    if (list.ok) return list.events;
    if (/no contacts found/i.test(list.message)) return [];
    this.ctx?.logOnce(
      'contacts',
      `PJSIP contacts not readable (${list.message}): registrations come from device states`,
    );
    return undefined;
  }

  /** The spy calls that still exist (a monitor survives a short loss of the link). */
  private async liveSpies(): Promise<Set<string>> {
    const alive = new Set<string>();
    const spies = this.ctx?.spies.all() ?? [];
    await Promise.all(
      spies.map(async (spy) => {
        const status = await this.link.send('Status', { Channel: spy.channel }).catch(() => undefined);
        if (status?.ok) alive.add(spy.channel);
      }),
    );
    return alive;
  }
}
