/**
 * A fake Asterisk Manager Interface on 127.0.0.1, written from the AMI reference: the banner,
 * `Key: Value` lines ended by CRLF and an empty line, `Login` (a wrong secret: `Authentication
 * failed`, then the connection closes), `ActionID` echoed on responses and on every event of a
 * list (`EventList: start` … the `…Complete` event), `Permission denied` for an action the user
 * may not run, `Invalid/unknown command` for others. Behind it, app_queue's small model
 * (fake-app-queue.ts) and the channels Originate makes (ChanSpy calls: PlayDTMF, Hangup,
 * Status).
 *
 * For scenarios: every action received is recorded (`actions`, `waitForAction`), events can be
 * held back and released (`hold`), connections dropped (`dropAll`) and the manager taken away and
 * brought back on the same port (`down`, `up`).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { AmiParser } from '../../../../src/hub/sources/asterisk/ami-parser.js';
import { type AmiFields, FakeAppQueue } from './fake-app-queue.js';

export interface FakeAmiOptions {
  username?: string;
  secret?: string;
  /** Asterisk 16.0's fields (no Wrapuptime, no LoginTime). */
  legacy16?: boolean;
  /** The user may run PJSIPShowContacts (the `system` write class); true by default. */
  systemWrite?: boolean;
  /** res_manager_devicestate is loaded (DeviceStateList exists); true by default. */
  deviceStateList?: boolean;
  /** Hints for ExtensionStateList: `{ exten, context, hint }`. */
  hints?: Array<{ exten: string; context: string; hint: string }>;
}

export interface ReceivedAction {
  name: string;
  /** Lower-cased keys. */
  fields: Map<string, string>;
}

export interface FakeChannel {
  name: string;
  uniqueid: string;
  application: string;
  data: string;
  /** DTMF digits received (PlayDTMF with Receive). */
  received: string[];
}

interface Session {
  socket: Socket;
  parser: AmiParser;
  loggedIn: boolean;
  events: boolean;
}

const EXTENSION_STATUS: Record<string, number> = {
  NOT_INUSE: 0,
  INUSE: 1,
  BUSY: 2,
  UNAVAILABLE: 4,
  INVALID: 4,
  RINGING: 8,
  RINGINUSE: 9,
  ONHOLD: 16,
};

export class FakeAmi {
  readonly pbx: FakeAppQueue;
  readonly actions: ReceivedAction[] = [];
  readonly channels = new Map<string, FakeChannel>();
  /** Originated calls are answered at once (the supervisor picks up); false: never. */
  answerOriginates = true;
  logins = 0;
  private readonly sessions = new Set<Session>();
  private readonly held: AmiFields[] = [];
  private holding: Set<string> | undefined;
  private readonly waiters: Array<{
    test: (a: ReceivedAction) => boolean;
    resolve: (a: ReceivedAction) => void;
  }> = [];
  private server: Server;
  private channelSeq = 0x100;
  port = 0;

  private constructor(private readonly options: FakeAmiOptions) {
    this.pbx = new FakeAppQueue((event) => this.broadcast(event));
    this.pbx.legacy16 = options.legacy16 ?? false;
    this.server = this.newServer();
  }

  static async start(options: FakeAmiOptions = {}): Promise<FakeAmi> {
    const fake = new FakeAmi(options);
    await fake.listen(0);
    return fake;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  get username(): string {
    return this.options.username ?? 'ccwall';
  }

  get secret(): string {
    return this.options.secret ?? 'pa55word';
  }

  /** The manager.conf secret changes (logins with the old one fail from now on). */
  set secret(secret: string) {
    this.options.secret = secret;
  }

  /** Asterisk stops answering actions (a hung process, a half-open link) while the socket stays open. */
  silent = false;

  /** Logged-in connections right now. */
  get connected(): number {
    return [...this.sessions].filter((s) => s.loggedIn).length;
  }

  /** Resolves with the first action named `name` (and passing `test`), received before or after the call. */
  waitForAction(
    name: string,
    test: (fields: Map<string, string>) => boolean = () => true,
  ): Promise<ReceivedAction> {
    const matches = (a: ReceivedAction) => a.name.toLowerCase() === name.toLowerCase() && test(a.fields);
    const seen = this.actions.find(matches);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ test: matches, resolve }));
  }

  /** Holds back events with these names until `release()`. */
  hold(...events: string[]): void {
    this.holding = new Set(events);
  }

  release(): void {
    this.holding = undefined;
    for (const event of this.held.splice(0)) this.broadcast(event);
  }

  /** Closes every connection, as a network fault would. */
  dropAll(): void {
    for (const session of this.sessions) session.socket.destroy();
    this.sessions.clear();
  }

  /** The manager goes away (Asterisk stopped): connections drop and new ones are refused. */
  async down(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The manager is back on the same port. */
  async up(): Promise<void> {
    this.server = this.newServer();
    await this.listen(this.port);
  }

  async close(): Promise<void> {
    this.dropAll();
    if (this.server.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Sends an event to every logged-in connection with events on. */
  broadcast(event: AmiFields): void {
    if (this.holding?.has(String(event.Event))) {
      this.held.push(event);
      return;
    }
    const text = frame(withPrivilege(event));
    for (const session of this.sessions) if (session.loggedIn && session.events) session.socket.write(text);
  }

  private newServer(): Server {
    return createServer((socket) => this.accept(socket));
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        const address = this.server.address();
        if (address && typeof address === 'object') this.port = address.port;
        resolve();
      });
    });
  }

  private accept(socket: Socket): void {
    const session: Session = {
      socket,
      parser: new AmiParser({ expectBanner: false }),
      loggedIn: false,
      events: false,
    };
    this.sessions.add(session);
    socket.on('close', () => this.sessions.delete(session));
    socket.on('error', () => this.sessions.delete(session));
    socket.write('Asterisk Call Manager/9.0.0\r\n');
    socket.on('data', (chunk: Buffer) => {
      for (const item of session.parser.feed(chunk)) {
        if (item.kind !== 'message') continue;
        const fields = new Map(item.message.entries());
        this.action(session, { name: fields.get('action') ?? '', fields });
      }
    });
  }

  private action(session: Session, action: ReceivedAction): void {
    this.actions.push(action);
    for (const waiter of [...this.waiters]) {
      if (!waiter.test(action)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(action);
    }
    if (this.silent) return;
    const id = action.fields.get('actionid');
    // As Asterisk writes them: `Response:` or `Event:` first, then the ActionID, then the rest.
    const reply = (fields: AmiFields): void => {
      const [first, ...rest] = Object.entries(fields);
      const ordered: AmiFields = Object.fromEntries([
        ...(first ? [first] : []),
        ...(id ? [['ActionID', id]] : []),
        ...rest,
      ]);
      session.socket.write(frame(ordered));
    };
    const ok = (message: string, extra: AmiFields = {}) =>
      reply({ Response: 'Success', ...extra, Message: message });
    const error = (message: string) => reply({ Response: 'Error', Message: message });
    const list = (items: AmiFields[], complete: string, message: string) => {
      ok(message, { EventList: 'start' });
      for (const item of items) reply(item);
      reply({ Event: complete, EventList: 'Complete', ListItems: items.length });
    };
    const name = action.name.toLowerCase();
    if (name === 'login') return this.login(session, action.fields, ok, error);
    if (!session.loggedIn) return error('Authentication Required');
    const f = action.fields;
    switch (name) {
      case 'ping':
        return reply({ Response: 'Success', Ping: 'Pong', Timestamp: (Date.now() / 1000).toFixed(6) });
      case 'logoff':
        reply({ Response: 'Goodbye', Message: 'Thanks for all the fish.' });
        session.socket.end();
        return;
      case 'events':
        session.events = (f.get('eventmask') ?? 'on') !== 'off';
        return ok('Events On');
      case 'queuestatus':
        return list(this.pbx.queueStatus(), 'QueueStatusComplete', 'Queue status will follow');
      case 'queueadd':
      case 'queueremove':
      case 'queuepause': {
        const result =
          name === 'queueadd'
            ? this.pbx.queueAdd(f)
            : name === 'queueremove'
              ? this.pbx.queueRemove(f)
              : this.pbx.queuePause(f);
        return result.ok ? ok(result.message) : error(result.message);
      }
      case 'devicestatelist':
        if (this.options.deviceStateList === false) return error(unknownCommand(action.name));
        return list(
          this.pbx.deviceStateList(),
          'DeviceStateListComplete',
          'Device State Changes will follow',
        );
      case 'extensionstatelist':
        return list(this.extensionStates(), 'ExtensionStateListComplete', 'Extension Statuses will follow');
      case 'pjsipshowcontacts': {
        if (this.options.systemWrite === false) return error('Permission denied');
        const contacts = this.pbx.contactList();
        if (contacts.length === 0) return error('No Contacts found\n');
        return list(
          contacts,
          'ContactListComplete',
          'A listing of Contacts follows, presented as ContactList events',
        );
      }
      case 'originate':
        return this.originate(f, ok, error);
      case 'playdtmf': {
        const channel = this.channel(f.get('channel') ?? '');
        if (!channel) return error('Channel not found');
        if (!f.get('digit')) return error('No digit specified');
        if (/^(1|yes|true|on)$/i.test(f.get('receive') ?? '')) channel.received.push(f.get('digit') ?? '');
        return ok('DTMF successfully queued');
      }
      case 'hangup': {
        const channel = this.channel(f.get('channel') ?? '');
        if (!channel) return error('No such channel');
        this.hangup(channel);
        return ok('Channel Hungup');
      }
      case 'status': {
        const channel = this.channel(f.get('channel') ?? '');
        if (!channel) return error('No such channel');
        return list(
          [
            {
              Event: 'Status',
              Channel: channel.name,
              Uniqueid: channel.uniqueid,
              Application: channel.application,
              Data: channel.data,
            },
          ],
          'StatusComplete',
          'Channel status will follow',
        );
      }
      default:
        return error(unknownCommand(action.name));
    }
  }

  private login(
    session: Session,
    fields: Map<string, string>,
    ok: (message: string) => void,
    error: (message: string) => void,
  ): void {
    if (fields.get('username') !== this.username || fields.get('secret') !== this.secret) {
      error('Authentication failed');
      session.socket.end();
      return;
    }
    session.loggedIn = true;
    session.events = (fields.get('events') ?? 'on').toLowerCase() !== 'off';
    this.logins++;
    ok('Authentication accepted');
    if (session.events)
      session.socket.write(
        frame({
          Event: 'FullyBooted',
          Privilege: 'system,all',
          Uptime: 100,
          LastReload: 100,
          Status: 'Fully Booted',
        }),
      );
  }

  private originate(
    fields: Map<string, string>,
    ok: (message: string) => void,
    error: (message: string) => void,
  ): void {
    const target = fields.get('channel') ?? '';
    if (target === '') return error('Channel not specified');
    if (!/^(1|yes|true|on)$/i.test(fields.get('async') ?? ''))
      return error('ccwall always originates with Async');
    const channel: FakeChannel = {
      name: `${target}-${(this.channelSeq++).toString(16).padStart(8, '0')}`,
      uniqueid: fields.get('channelid') || `1712345679.${this.channelSeq}`,
      application: fields.get('application') ?? '',
      data: fields.get('data') ?? '',
      received: [],
    };
    ok('Originate successfully queued');
    if (!this.answerOriginates) return;
    this.channels.set(channel.uniqueid, channel);
    const actionId = fields.get('actionid');
    setImmediate(() =>
      this.broadcast({
        Event: 'OriginateResponse',
        ...(actionId ? { ActionID: actionId } : {}),
        Response: 'Success',
        Channel: channel.name,
        Application: channel.application,
        Data: channel.data,
        Reason: 4,
        Uniqueid: channel.uniqueid,
        CallerIDNum: '<unknown>',
        CallerIDName: '<unknown>',
      }),
    );
  }

  /** A channel by name or Uniqueid (as Asterisk finds them). */
  channel(nameOrId: string): FakeChannel | undefined {
    const byId = this.channels.get(nameOrId);
    if (byId) return byId;
    for (const channel of this.channels.values()) if (channel.name === nameOrId) return channel;
    return undefined;
  }

  /** The channel hangs up (the supervisor put the phone down, or Hangup): the Hangup event. */
  hangup(channel: FakeChannel): void {
    this.channels.delete(channel.uniqueid);
    this.broadcast({
      Event: 'Hangup',
      Channel: channel.name,
      Uniqueid: channel.uniqueid,
      Cause: 16,
      'Cause-txt': 'Normal Clearing',
    });
  }

  private extensionStates(): AmiFields[] {
    const states = new Map(
      this.pbx.deviceStateList().map((item) => [String(item.Device), String(item.State)]),
    );
    return (this.options.hints ?? []).map((hint) => {
      const state = states.get(hint.hint.split('&')[0] ?? '') ?? 'UNAVAILABLE';
      return {
        Event: 'ExtensionStatus',
        Exten: hint.exten,
        Context: hint.context,
        Hint: hint.hint,
        Status: EXTENSION_STATUS[state] ?? 4,
        StatusText: state === 'NOT_INUSE' ? 'Idle' : state,
      };
    });
  }
}

function unknownCommand(name: string): string {
  return `Invalid/unknown command: ${name}. Use Action: ListCommands to show available commands.`;
}

function withPrivilege(event: AmiFields): AmiFields {
  const { Event, ...rest } = event;
  const name = String(Event);
  const privilege = /^(Queue|Agent)/.test(name)
    ? 'agent,all'
    : name === 'ContactStatus'
      ? 'system,all'
      : 'call,all';
  return { Event: name, Privilege: privilege, ...rest };
}

/** A message on the wire: `Key: Value` lines and the empty line. */
export function frame(fields: AmiFields): string {
  let text = '';
  for (const [key, value] of Object.entries(fields)) text += `${key}: ${value}\r\n`;
  return `${text}\r\n`;
}
