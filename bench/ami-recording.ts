/**
 * A recorded AMI stream for the Asterisk bench: a busy Asterisk's events as its manager sends
 * them, deterministic (seeded), for a center of QUEUES queues and AGENTS agents each in two
 * queues. Calls overlap: callers join, members are rung, answer (QueueCallerLeave, AgentConnect,
 * device in use, member status), complete; one in ten hangs up waiting; members pause and resume
 * with known and unknown reasons; PJSIP contacts come and go; and the `call` class's chatter
 * (Newchannel, Newstate, VarSet, Newexten, Hangup) that ccwall reads past.
 */

export const QUEUES = 40;
export const AGENTS = 400;

export interface Recording {
  /** One AMI message (with its empty line) per element, in order. */
  messages: string[];
  /** How many of `messages` ccwall maps to something (the rest it parses and skips). */
  queueEvents: number;
}

export const queueName = (q: number) => `q${q}`;
export const agentInterface = (a: number) => `PJSIP/${2000 + a}`;
/** The two queues agent `a` is a member of. */
export const queuesOf = (a: number): [number, number] => [a % QUEUES, (a * 7 + 3) % QUEUES];

function frame(fields: Record<string, string | number>): string {
  let text = '';
  for (const [key, value] of Object.entries(fields)) text += `${key}: ${value}\r\n`;
  return `${text}\r\n`;
}

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Call {
  id: string;
  queue: number;
  channel: string;
  agent?: number;
  agentChannel?: string;
}

/** The state of the recorded PBX, carried from one recording to the next. */
export class RecordedPbx {
  private readonly random: () => number;
  private readonly waiting: Call[] = [];
  private readonly talking: Call[] = [];
  private readonly busy = new Set<number>();
  private readonly paused = new Set<number>();
  private seq = 1;

  constructor(seed = 1) {
    this.random = prng(seed);
  }

  /** The QueueMember items of QueueStatus: every agent logged in (dynamic) to its two queues. */
  members(): string[] {
    const items: string[] = [];
    for (let a = 0; a < AGENTS; a++) {
      for (const q of queuesOf(a)) {
        items.push(
          frame({
            Event: 'QueueMember',
            Queue: queueName(q),
            Name: `Agent ${a}`,
            Location: agentInterface(a),
            StateInterface: agentInterface(a),
            Membership: 'dynamic',
            Penalty: 0,
            CallsTaken: 0,
            LastCall: 0,
            LastPause: 0,
            LoginTime: 0,
            InCall: 0,
            Status: 1,
            Paused: 0,
            PausedReason: '',
            Wrapuptime: 0,
          }),
        );
      }
    }
    return items;
  }

  /** The next `count` messages. */
  record(count: number): Recording {
    const messages: string[] = [];
    let queueEvents = 0;
    const push = (fields: Record<string, string | number>, mapped: boolean) => {
      messages.push(frame(fields));
      if (mapped) queueEvents++;
    };
    while (messages.length < count) {
      const roll = this.random();
      if (roll < 0.3 || this.waiting.length === 0) this.join(push);
      else if (roll < 0.6) this.answer(push);
      else if (roll < 0.85) this.complete(push);
      else if (roll < 0.9) this.abandon(push);
      else if (roll < 0.97) this.pause(push);
      else this.contact(push);
    }
    return { messages: messages.slice(0, count), queueEvents };
  }

  /** A marker caller that ends a phase: the bench waits for it to show. */
  marker(id: string): string {
    return frame({
      Event: 'QueueCallerJoin',
      Privilege: 'agent,all',
      ...this.snapshot(id, 'PJSIP/trunk-end'),
      Queue: queueName(0),
      Position: 1,
      Count: 1,
    });
  }

  private snapshot(id: string, channel: string): Record<string, string | number> {
    return {
      Channel: channel,
      ChannelState: 6,
      ChannelStateDesc: 'Up',
      CallerIDNum: `+3361234${id.slice(-4).padStart(4, '0')}`,
      CallerIDName: `Caller ${id}`,
      ConnectedLineNum: '<unknown>',
      ConnectedLineName: '<unknown>',
      Language: 'fr',
      AccountCode: '',
      Context: 'from-pstn',
      Exten: 's',
      Priority: 1,
      Uniqueid: id,
      Linkedid: id,
    };
  }

  private join(push: (f: Record<string, string | number>, mapped: boolean) => void): void {
    const id = `1712000000.${this.seq++}`;
    const call: Call = {
      id,
      queue: Math.floor(this.random() * QUEUES),
      channel: `PJSIP/trunk-${id.slice(-6)}`,
    };
    const snap = this.snapshot(id, call.channel);
    push({ Event: 'Newchannel', Privilege: 'call,all', ...snap }, false);
    push({ Event: 'VarSet', Privilege: 'dialplan,all', ...snap, Variable: 'QUEUE_PRIO', Value: 0 }, false);
    push(
      {
        Event: 'Newexten',
        Privilege: 'dialplan,all',
        ...snap,
        Extension: 's',
        Application: 'Queue',
        AppData: queueName(call.queue),
      },
      false,
    );
    push(
      {
        Event: 'QueueCallerJoin',
        Privilege: 'agent,all',
        ...snap,
        Queue: queueName(call.queue),
        Position: 1,
        Count: 1,
      },
      true,
    );
    this.waiting.push(call);
  }

  private answer(push: (f: Record<string, string | number>, mapped: boolean) => void): void {
    const call = this.waiting.shift();
    if (!call) return;
    const agent = this.freeAgentOf(call.queue);
    if (agent === undefined) {
      this.waiting.push(call);
      return;
    }
    const snap = this.snapshot(call.id, call.channel);
    const iface = agentInterface(agent);
    call.agent = agent;
    call.agentChannel = `${iface}-${String(this.seq++).padStart(8, '0')}`;
    const dest = {
      DestChannel: call.agentChannel,
      DestUniqueid: `1712000001.${this.seq++}`,
      DestChannelState: 6,
    };
    const member = { Queue: queueName(call.queue), MemberName: `Agent ${agent}`, Interface: iface };
    push({ Event: 'AgentCalled', Privilege: 'agent,all', ...snap, ...dest, ...member }, true);
    push(
      {
        Event: 'Newstate',
        Privilege: 'call,all',
        Channel: call.agentChannel,
        ChannelState: 5,
        ChannelStateDesc: 'Ringing',
      },
      false,
    );
    push(
      {
        Event: 'QueueCallerLeave',
        Privilege: 'agent,all',
        ...snap,
        Queue: queueName(call.queue),
        Position: 1,
        Count: 0,
      },
      true,
    );
    push(
      {
        Event: 'AgentConnect',
        Privilege: 'agent,all',
        ...snap,
        ...dest,
        ...member,
        RingTime: 3,
        HoldTime: 12,
      },
      true,
    );
    push({ Event: 'DeviceStateChange', Privilege: 'call,all', Device: iface, State: 'INUSE' }, true);
    push(this.memberStatus(agent, call.queue, 1, 2), true);
    this.busy.add(agent);
    this.talking.push(call);
  }

  private complete(push: (f: Record<string, string | number>, mapped: boolean) => void): void {
    const index = Math.floor(this.random() * this.talking.length);
    const call = this.talking[index];
    if (!call || call.agent === undefined || !call.agentChannel) return;
    this.talking.splice(index, 1);
    const snap = this.snapshot(call.id, call.channel);
    const iface = agentInterface(call.agent);
    push(
      {
        Event: 'AgentComplete',
        Privilege: 'agent,all',
        ...snap,
        DestChannel: call.agentChannel,
        Queue: queueName(call.queue),
        MemberName: `Agent ${call.agent}`,
        Interface: iface,
        HoldTime: 12,
        TalkTime: 95,
        Reason: this.random() < 0.5 ? 'caller' : 'agent',
      },
      true,
    );
    push(
      { Event: 'Hangup', Privilege: 'call,all', ...snap, Cause: 16, 'Cause-txt': 'Normal Clearing' },
      true,
    );
    push({ Event: 'DeviceStateChange', Privilege: 'call,all', Device: iface, State: 'NOT_INUSE' }, true);
    push(this.memberStatus(call.agent, call.queue, 0, 1), true);
    this.busy.delete(call.agent);
  }

  private abandon(push: (f: Record<string, string | number>, mapped: boolean) => void): void {
    const call = this.waiting.shift();
    if (!call) return;
    const snap = this.snapshot(call.id, call.channel);
    const queue = { Queue: queueName(call.queue), Position: 1 };
    push(
      {
        Event: 'QueueCallerAbandon',
        Privilege: 'agent,all',
        ...snap,
        ...queue,
        OriginalPosition: 1,
        HoldTime: 40,
      },
      true,
    );
    push({ Event: 'QueueCallerLeave', Privilege: 'agent,all', ...snap, ...queue, Count: 0 }, true);
    push(
      { Event: 'Hangup', Privilege: 'call,all', ...snap, Cause: 16, 'Cause-txt': 'Normal Clearing' },
      true,
    );
  }

  private pause(push: (f: Record<string, string | number>, mapped: boolean) => void): void {
    const agent = Math.floor(this.random() * AGENTS);
    if (this.busy.has(agent)) return;
    const pausing = !this.paused.has(agent);
    const reasons = ['Break', 'Lunch', 'Formation', ''];
    const reason = pausing ? (reasons[Math.floor(this.random() * reasons.length)] ?? '') : '';
    if (pausing) this.paused.add(agent);
    else this.paused.delete(agent);
    for (const q of queuesOf(agent)) {
      push(
        {
          ...this.memberStatus(agent, q, 0, 1),
          Event: 'QueueMemberPause',
          Paused: pausing ? 1 : 0,
          PausedReason: reason,
        },
        true,
      );
    }
  }

  private contact(push: (f: Record<string, string | number>, mapped: boolean) => void): void {
    const agent = Math.floor(this.random() * AGENTS);
    const endpoint = String(2000 + agent);
    const status = this.random() < 0.5 ? 'Reachable' : 'Unreachable';
    push(
      {
        Event: 'ContactStatus',
        Privilege: 'system,all',
        URI: `sip:${endpoint}@10.1.0.${agent % 250}:5060`,
        ContactStatus: status,
        AOR: endpoint,
        EndpointName: endpoint,
      },
      true,
    );
  }

  private freeAgentOf(queue: number): number | undefined {
    const start = Math.floor(this.random() * AGENTS);
    for (let i = 0; i < AGENTS; i++) {
      const a = (start + i) % AGENTS;
      const [q1, q2] = queuesOf(a);
      if ((q1 === queue || q2 === queue) && !this.busy.has(a) && !this.paused.has(a)) return a;
    }
    return undefined;
  }

  private memberStatus(
    agent: number,
    queue: number,
    inCall: number,
    status: number,
  ): Record<string, string | number> {
    return {
      Event: 'QueueMemberStatus',
      Privilege: 'agent,all',
      Queue: queueName(queue),
      MemberName: `Agent ${agent}`,
      Interface: agentInterface(agent),
      StateInterface: agentInterface(agent),
      Membership: 'dynamic',
      Penalty: 0,
      CallsTaken: 0,
      LastCall: 0,
      LastPause: 0,
      LoginTime: 0,
      InCall: inCall,
      Status: status,
      Paused: this.paused.has(agent) ? 1 : 0,
      PausedReason: '',
      Ringinuse: 0,
      Wrapuptime: 0,
    };
  }
}
