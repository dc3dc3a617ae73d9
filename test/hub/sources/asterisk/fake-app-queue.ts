/**
 * A small model of Asterisk's app_queue and device states, written from the AMI reference
 * (docs.asterisk.org: QueueAdd, QueueRemove, QueuePause, QueueStatus and the QueueMember*,
 * QueueCaller*, Agent*, DeviceStateChange, ContactStatus events): queues with static and dynamic
 * members, pauses with reasons, callers joining, rung, answered, completed, abandoned or leaving
 * by a key, device states and PJSIP contacts. Each change publishes the events Asterisk would,
 * in Asterisk's order (QueueCallerLeave before AgentConnect; QueueCallerAbandon before
 * QueueCallerLeave).
 *
 * `legacy16`: the fields of Asterisk 16.0 (no Wrapuptime or LoginTime on members; a pause event
 * carries `Reason` besides PausedReason).
 */

export type AmiFields = Record<string, string | number>;

export interface FakeMember {
  queue: string;
  iface: string;
  name: string;
  stateIface: string;
  dynamic: boolean;
  paused: boolean;
  reason: string;
  inCall: boolean;
  callsTaken: number;
  lastCall: number;
  lastPause: number;
  loginTime: number;
  wrapuptime: number;
}

export interface FakeCaller {
  queue: string;
  channel: string;
  uniqueid: string;
  cidNum: string;
  cidName: string;
  joinedAt: number;
  ringing: Set<string>;
  /** The member's channel once answered. */
  agentChannel?: string;
  agentIface?: string;
  answeredAt?: number;
}

interface FakeQueue {
  name: string;
  wrapuptime: number;
  members: Map<string, FakeMember>;
  callers: FakeCaller[];
  completed: number;
  abandoned: number;
}

export type ActionResult = { ok: true; message: string } | { ok: false; message: string };

const DEVICE_STATE_NUMBERS: Record<string, number> = {
  UNKNOWN: 0,
  NOT_INUSE: 1,
  INUSE: 2,
  BUSY: 3,
  INVALID: 4,
  UNAVAILABLE: 5,
  RINGING: 6,
  RINGINUSE: 7,
  ONHOLD: 8,
};

export class FakeAppQueue {
  private readonly queues = new Map<string, FakeQueue>();
  private readonly deviceStates = new Map<string, string>();
  private readonly contactsByEndpoint = new Map<string, Map<string, string>>();
  private channelSeq = 0x20;
  private uniqueSeq = 100;
  legacy16 = false;

  constructor(
    private readonly publish: (event: AmiFields) => void,
    private readonly clock: () => number = Date.now,
  ) {}

  private get seconds(): number {
    return Math.floor(this.clock() / 1000);
  }

  addQueue(name: string, options: { wrapuptime?: number } = {}): void {
    this.queues.set(name, {
      name,
      wrapuptime: options.wrapuptime ?? 0,
      members: new Map(),
      callers: [],
      completed: 0,
      abandoned: 0,
    });
  }

  /** A member from queues.conf (static): no event, as at Asterisk's start. */
  configureMember(
    queue: string,
    iface: string,
    options: {
      name?: string;
      stateIface?: string;
      paused?: boolean;
      reason?: string;
      wrapuptime?: number;
      dynamic?: boolean;
    } = {},
  ): void {
    this.queue(queue).members.set(
      iface.toLowerCase(),
      this.newMember(queue, iface, options, options.dynamic ?? false),
    );
  }

  member(queue: string, iface: string): FakeMember | undefined {
    return this.queues.get(queue)?.members.get(iface.toLowerCase());
  }

  caller(uniqueid: string): FakeCaller | undefined {
    for (const queue of this.queues.values()) {
      const caller = queue.callers.find((c) => c.uniqueid === uniqueid);
      if (caller) return caller;
    }
    return this.answered.get(uniqueid);
  }

  private readonly answered = new Map<string, FakeCaller>();

  // Actions ----------------------------------------------------------------------------------

  queueAdd(fields: Map<string, string>): ActionResult {
    const queueName = fields.get('queue') ?? '';
    const iface = fields.get('interface') ?? '';
    if (queueName === '') return { ok: false, message: "'Queue' not specified." };
    if (iface === '') return { ok: false, message: "'Interface' not specified." };
    const queue = this.queues.get(queueName);
    if (!queue) return { ok: false, message: 'Unable to add interface to queue: No such queue' };
    if (queue.members.has(iface.toLowerCase()))
      return { ok: false, message: 'Unable to add interface: Already there' };
    const paused = /^(1|yes|true|on)$/i.test(fields.get('paused') ?? '');
    const member = this.newMember(
      queueName,
      iface,
      {
        name: fields.get('membername') || iface,
        stateIface: fields.get('stateinterface') || iface,
        paused,
        reason: paused ? (fields.get('reason') ?? '') : '',
        wrapuptime: Number(fields.get('wrapuptime') ?? 0) || 0,
      },
      true,
    );
    member.loginTime = this.seconds;
    queue.members.set(iface.toLowerCase(), member);
    this.publishMember('QueueMemberAdded', member);
    return { ok: true, message: 'Added interface to queue' };
  }

  queueRemove(fields: Map<string, string>): ActionResult {
    const queue = this.queues.get(fields.get('queue') ?? '');
    const iface = fields.get('interface') ?? '';
    if (!queue || iface === '') {
      if (!queue && iface !== '')
        return { ok: false, message: 'Unable to remove interface from queue: No such queue' };
      return { ok: false, message: "Need 'Queue' and 'Interface' parameters." };
    }
    const member = queue.members.get(iface.toLowerCase());
    if (!member) return { ok: false, message: 'Unable to remove interface: Not there' };
    if (!member.dynamic) return { ok: false, message: 'Member not dynamic' };
    queue.members.delete(iface.toLowerCase());
    this.publishMember('QueueMemberRemoved', member);
    return { ok: true, message: 'Removed interface from queue' };
  }

  queuePause(fields: Map<string, string>): ActionResult {
    const iface = fields.get('interface') ?? '';
    const pausedText = fields.get('paused') ?? '';
    if (iface === '' || pausedText === '')
      return { ok: false, message: "Need 'Interface' and 'Paused' parameters." };
    const paused = /^(1|yes|true|on)$/i.test(pausedText);
    const queueName = fields.get('queue') ?? '';
    let found = false;
    for (const queue of this.queues.values()) {
      if (queueName !== '' && queue.name.toLowerCase() !== queueName.toLowerCase()) continue;
      const member = queue.members.get(iface.toLowerCase());
      if (!member) continue;
      found = true;
      this.setPaused(member, paused, fields.get('reason') ?? '');
    }
    if (!found) return { ok: false, message: 'Interface not found' };
    return {
      ok: true,
      message: paused ? 'Interface paused successfully' : 'Interface unpaused successfully',
    };
  }

  /** QueueStatus's list: QueueParams, then QueueMember and QueueEntry of each queue. */
  queueStatus(): AmiFields[] {
    const items: AmiFields[] = [];
    const now = this.seconds;
    for (const queue of this.queues.values()) {
      items.push({
        Event: 'QueueParams',
        Queue: queue.name,
        Max: 0,
        Strategy: 'ringall',
        Calls: queue.callers.length,
        Holdtime: 0,
        TalkTime: 0,
        Completed: queue.completed,
        Abandoned: queue.abandoned,
        ServiceLevel: 60,
        ServicelevelPerf: '0.0',
        ServicelevelPerf2: '0.0',
        Weight: 0,
      });
      for (const m of queue.members.values()) {
        items.push({
          Event: 'QueueMember',
          Queue: queue.name,
          Name: m.name,
          Location: m.iface,
          StateInterface: m.stateIface,
          Membership: m.dynamic ? 'dynamic' : 'static',
          Penalty: 0,
          CallsTaken: m.callsTaken,
          LastCall: m.lastCall,
          LastPause: m.lastPause,
          ...(this.legacy16 ? {} : { LoginTime: m.loginTime }),
          InCall: m.inCall ? 1 : 0,
          Status: this.memberStatus(m),
          Paused: m.paused ? 1 : 0,
          PausedReason: m.reason,
          ...(this.legacy16 ? {} : { Wrapuptime: m.wrapuptime }),
        });
      }
      queue.callers.forEach((c, index) => {
        items.push({
          Event: 'QueueEntry',
          Queue: queue.name,
          Position: index + 1,
          Channel: c.channel,
          Uniqueid: c.uniqueid,
          CallerIDNum: c.cidNum || 'unknown',
          CallerIDName: c.cidName || 'unknown',
          ConnectedLineNum: 'unknown',
          ConnectedLineName: 'unknown',
          Wait: now - Math.floor(c.joinedAt / 1000),
          Priority: 0,
        });
      });
    }
    return items;
  }

  /** DeviceStateList's DeviceStateChange items. */
  deviceStateList(): AmiFields[] {
    return [...this.deviceStates].map(([Device, State]) => ({ Event: 'DeviceStateChange', Device, State }));
  }

  /** PJSIPShowContacts's ContactList items. */
  contactList(): AmiFields[] {
    const items: AmiFields[] = [];
    for (const [endpoint, contacts] of this.contactsByEndpoint) {
      for (const [uri, status] of contacts) {
        items.push({
          Event: 'ContactList',
          ObjectType: 'contact',
          ObjectName: `${endpoint};@${uri}`,
          ViaAddr: '',
          ViaPort: 0,
          QualifyTimeout: 3,
          CallId: '',
          RegServer: '',
          PruneOnBoot: 'no',
          Path: '',
          Endpoint: endpoint,
          AuthenticateQualify: 'false',
          Uri: uri,
          QualifyFrequency: 60,
          UserAgent: 'Fake phone',
          ExpirationTime: 0,
          OutboundProxy: '',
          Status: status,
          RoundtripUsec: status === 'Reachable' ? 1500 : 'N/A',
        });
      }
    }
    return items;
  }

  // Scenario steps ---------------------------------------------------------------------------

  /** A caller enters `queue` (the dialplan's Queue()): QueueCallerJoin. */
  callerJoins(
    queueName: string,
    caller: { cidNum?: string; cidName?: string; uniqueid?: string } = {},
  ): string {
    const queue = this.queue(queueName);
    const uniqueid = caller.uniqueid ?? `1712345678.${this.uniqueSeq++}`;
    const entry: FakeCaller = {
      queue: queueName,
      channel: `PJSIP/trunk-${this.nextChannelSuffix()}`,
      uniqueid,
      cidNum: caller.cidNum ?? '',
      cidName: caller.cidName ?? '',
      joinedAt: this.clock(),
      ringing: new Set(),
    };
    queue.callers.push(entry);
    this.publish({
      Event: 'QueueCallerJoin',
      ...this.snapshot(entry),
      Queue: queueName,
      Position: queue.callers.length,
      Count: queue.callers.length,
    });
    return uniqueid;
  }

  /** Asterisk rings a member for the caller: AgentCalled. */
  offer(uniqueid: string, iface: string): void {
    const caller = this.waiting(uniqueid);
    const member = this.memberOrThrow(caller.queue, iface);
    caller.ringing.add(iface.toLowerCase());
    this.publish({
      Event: 'AgentCalled',
      ...this.snapshot(caller),
      ...this.destSnapshot(member, `${member.stateIface}-ringing`),
      Queue: caller.queue,
      MemberName: member.name,
      Interface: member.iface,
    });
  }

  ringNoAnswer(uniqueid: string, iface: string): void {
    const caller = this.waiting(uniqueid);
    const member = this.memberOrThrow(caller.queue, iface);
    caller.ringing.delete(iface.toLowerCase());
    this.publish({
      Event: 'AgentRingNoAnswer',
      ...this.snapshot(caller),
      ...this.destSnapshot(member, `${member.stateIface}-ringing`),
      Queue: caller.queue,
      MemberName: member.name,
      Interface: member.iface,
      RingTime: 15,
    });
  }

  /** The member answers: QueueCallerLeave, then AgentConnect; the member's device is in use. */
  answer(uniqueid: string, iface: string): void {
    const caller = this.waiting(uniqueid);
    const queue = this.queue(caller.queue);
    const member = this.memberOrThrow(caller.queue, iface);
    caller.agentChannel = `${member.stateIface.startsWith('hint:') ? member.iface : member.stateIface}-${this.nextChannelSuffix()}`;
    caller.agentIface = member.iface;
    caller.answeredAt = this.clock();
    caller.ringing.clear();
    this.leave(queue, caller);
    this.answered.set(uniqueid, caller);
    member.inCall = true;
    this.publish({
      Event: 'AgentConnect',
      ...this.snapshot(caller),
      ...this.destSnapshot(member, caller.agentChannel),
      Queue: caller.queue,
      MemberName: member.name,
      Interface: member.iface,
      RingTime: 3,
      HoldTime: Math.floor((caller.answeredAt - caller.joinedAt) / 1000),
    });
    this.setDeviceState(member.stateIface, 'INUSE');
  }

  /** The call is over: AgentComplete; the member's device is free again. */
  complete(uniqueid: string, reason: 'caller' | 'agent' | 'transfer' = 'caller'): void {
    const caller = this.answered.get(uniqueid);
    if (!caller?.agentIface || !caller.agentChannel) throw new Error(`no answered call ${uniqueid}`);
    this.answered.delete(uniqueid);
    const member = this.memberOrThrow(caller.queue, caller.agentIface);
    const queue = this.queue(caller.queue);
    queue.completed++;
    this.publish({
      Event: 'AgentComplete',
      ...this.snapshot(caller),
      ...this.destSnapshot(member, caller.agentChannel),
      Queue: caller.queue,
      MemberName: member.name,
      Interface: member.iface,
      HoldTime: Math.floor(((caller.answeredAt ?? 0) - caller.joinedAt) / 1000),
      TalkTime: Math.floor((this.clock() - (caller.answeredAt ?? 0)) / 1000),
      Reason: reason,
    });
    member.inCall = false;
    member.lastCall = this.seconds;
    member.callsTaken++;
    this.setDeviceState(member.stateIface, 'NOT_INUSE');
  }

  /** The caller hangs up while waiting: QueueCallerAbandon, then QueueCallerLeave. */
  abandon(uniqueid: string): void {
    const caller = this.waiting(uniqueid);
    const queue = this.queue(caller.queue);
    queue.abandoned++;
    const position = queue.callers.indexOf(caller) + 1;
    this.publish({
      Event: 'QueueCallerAbandon',
      ...this.snapshot(caller),
      Queue: caller.queue,
      Position: position,
      OriginalPosition: position,
      HoldTime: Math.floor((this.clock() - caller.joinedAt) / 1000),
    });
    this.leave(queue, caller);
    this.publish({ Event: 'Hangup', ...this.snapshot(caller), Cause: 16, 'Cause-txt': 'Normal Clearing' });
  }

  /** The caller presses an exit key: only QueueCallerLeave (neither answered nor abandoned). */
  exitWithKey(uniqueid: string): void {
    const caller = this.waiting(uniqueid);
    this.leave(this.queue(caller.queue), caller);
  }

  /** A pause made on the phone or by another tool (PauseQueueMember, a feature code). */
  pauseFromPhone(queue: string, iface: string, paused: boolean, reason = ''): void {
    this.setPaused(this.memberOrThrow(queue, iface), paused, reason);
  }

  setDeviceState(device: string, state: string): void {
    this.deviceStates.set(device, state);
    this.publish({ Event: 'DeviceStateChange', Device: device, State: state });
    for (const queue of this.queues.values()) {
      for (const member of queue.members.values()) {
        if (member.stateIface.toLowerCase() === device.toLowerCase())
          this.publishMember('QueueMemberStatus', member);
      }
    }
  }

  /** A PJSIP contact registers, is qualified, goes unreachable, or is removed. */
  setContact(
    endpoint: string,
    uri: string,
    status: 'Created' | 'Reachable' | 'Unreachable' | 'Removed' | 'NonQualified',
  ): void {
    let contacts = this.contactsByEndpoint.get(endpoint);
    if (!contacts) {
      contacts = new Map();
      this.contactsByEndpoint.set(endpoint, contacts);
    }
    if (status === 'Removed') contacts.delete(uri);
    else contacts.set(uri, status === 'Created' ? 'NonQualified' : status);
    this.publish({
      Event: 'ContactStatus',
      URI: uri,
      ContactStatus: status,
      AOR: endpoint,
      EndpointName: endpoint,
    });
  }

  // Internals --------------------------------------------------------------------------------

  private queue(name: string): FakeQueue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`no queue ${name}`);
    return queue;
  }

  private memberOrThrow(queue: string, iface: string): FakeMember {
    const member = this.member(queue, iface);
    if (!member) throw new Error(`no member ${iface} in ${queue}`);
    return member;
  }

  private waiting(uniqueid: string): FakeCaller {
    for (const queue of this.queues.values()) {
      const caller = queue.callers.find((c) => c.uniqueid === uniqueid);
      if (caller) return caller;
    }
    throw new Error(`no caller ${uniqueid} waiting`);
  }

  private leave(queue: FakeQueue, caller: FakeCaller): void {
    const position = queue.callers.indexOf(caller) + 1;
    queue.callers.splice(position - 1, 1);
    this.publish({
      Event: 'QueueCallerLeave',
      ...this.snapshot(caller),
      Queue: queue.name,
      Count: queue.callers.length,
      Position: position,
    });
  }

  private setPaused(member: FakeMember, paused: boolean, reason: string): void {
    member.paused = paused;
    member.reason = paused ? reason : '';
    if (paused) member.lastPause = this.seconds;
    this.publishMember('QueueMemberPause', member, this.legacy16 && reason !== '' ? { Reason: reason } : {});
  }

  private newMember(
    queue: string,
    iface: string,
    options: { name?: string; stateIface?: string; paused?: boolean; reason?: string; wrapuptime?: number },
    dynamic: boolean,
  ): FakeMember {
    return {
      queue,
      iface,
      name: options.name ?? iface,
      stateIface: options.stateIface ?? iface,
      dynamic,
      paused: options.paused ?? false,
      reason: options.paused ? (options.reason ?? '') : '',
      inCall: false,
      callsTaken: 0,
      lastCall: 0,
      lastPause: 0,
      loginTime: 0,
      wrapuptime: options.wrapuptime ?? 0,
    };
  }

  private memberStatus(member: FakeMember): number {
    return DEVICE_STATE_NUMBERS[this.deviceStates.get(member.stateIface) ?? 'UNKNOWN'] ?? 0;
  }

  private publishMember(event: string, m: FakeMember, extra: AmiFields = {}): void {
    this.publish({
      Event: event,
      Queue: m.queue,
      MemberName: m.name,
      Interface: m.iface,
      StateInterface: m.stateIface,
      Membership: m.dynamic ? 'dynamic' : 'static',
      Penalty: 0,
      CallsTaken: m.callsTaken,
      LastCall: m.lastCall,
      LastPause: m.lastPause,
      ...(this.legacy16 ? {} : { LoginTime: m.loginTime }),
      InCall: m.inCall ? 1 : 0,
      Status: this.memberStatus(m),
      Paused: m.paused ? 1 : 0,
      PausedReason: m.reason,
      Ringinuse: 0,
      ...(this.legacy16 ? {} : { Wrapuptime: m.wrapuptime }),
      ...extra,
    });
  }

  private nextChannelSuffix(): string {
    return (this.channelSeq++).toString(16).padStart(8, '0');
  }

  private snapshot(caller: FakeCaller): AmiFields {
    return {
      Channel: caller.channel,
      ChannelState: 6,
      ChannelStateDesc: 'Up',
      CallerIDNum: caller.cidNum || '<unknown>',
      CallerIDName: caller.cidName || '<unknown>',
      ConnectedLineNum: '<unknown>',
      ConnectedLineName: '<unknown>',
      Language: 'en',
      AccountCode: '',
      Context: 'from-pstn',
      Exten: 's',
      Priority: 1,
      Uniqueid: caller.uniqueid,
      Linkedid: caller.uniqueid,
    };
  }

  private destSnapshot(member: FakeMember, channel: string): AmiFields {
    return {
      DestChannel: channel,
      DestChannelState: 6,
      DestChannelStateDesc: 'Up',
      DestCallerIDNum: member.name,
      DestCallerIDName: member.name,
      DestLanguage: 'en',
      DestAccountCode: '',
      DestContext: 'from-queue',
      DestExten: 's',
      DestPriority: 1,
      DestUniqueid: `1712345678.${this.uniqueSeq++}`,
      DestLinkedid: '',
    };
  }
}
