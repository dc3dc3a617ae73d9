// A complete remote source for ccwall (docs/sources.md): the bridge between a hub and the
// system that owns the calls. Here that "system" is a tiny in-memory ACD that logs everyone in,
// sends a call now and then and carries out supervisors' commands, so the example runs as it is:
//   CCWALL_URL=ws://127.0.0.1:7600 CCWALL_SOURCE_TOKEN=ccw_… node docs/examples/remote-source.mjs
// To adapt it to GoTo Connect, Genesys Cloud, Amazon Connect or Twilio Flex, replace the three
// places marked SYSTEM: read the vendor's agent and queue state (picture), subscribe to its
// events or webhooks (report), and call its API for each command (carryOut).
import WebSocket from 'ws';

const url = `${process.env.CCWALL_URL ?? 'ws://127.0.0.1:7600'}/source`;
const token = process.env.CCWALL_SOURCE_TOKEN;
const callEveryMs = Number(process.env.CALL_EVERY_MS ?? 4000);
if (!token) throw new Error('set CCWALL_SOURCE_TOKEN (ccwall token create --source NAME)');

const sessions = new Map(); // "channel user" → session: what the system says
const calls = new Map(); // id → interaction
let directory = null;
let socket = null;
let nextId = 0;
const id = (prefix) => `${prefix}-${process.pid}-${++nextId}`;
const key = (channelId, userId) => `${channelId} ${userId}`;

function send(message) {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}
// Every event carries its own id: if an answer is lost and the batch is sent again, the hub
// applies each event once.
function report(...events) {
  send({ type: 'events', id: id('batch'), events: events.map((event) => ({ id: id('ev'), event })) });
}

// SYSTEM: the whole live picture. Here: every agent member of a queue is logged in, available.
function picture() {
  const now = Date.now();
  for (const a of directory.assignments) {
    const k = key(a.channelId, a.userId);
    const channel = directory.channels.find((c) => c.id === a.channelId);
    if (!a.asAgent || channel?.kind !== 'queue' || sessions.has(k)) continue;
    sessions.set(k, session(a.channelId, a.userId, now, a.userId));
  }
  // The phones of the people signed in are registered (the green dot).
  const signedIn = new Set([...sessions.values()].map((s) => s.userId));
  const activeDevices = directory.devices.filter((d) => signedIn.has(d.userId)).map((d) => d.id);
  return { sessions: [...sessions.values()], interactions: [...calls.values()], activeDevices };
}
function session(channelId, userId, at, by) {
  return {
    ...{ channelId, userId, status: 'available', since: at, pauseReasonId: null, wrapUpEndsAt: null },
    ...{ pending: null, interactionId: null, loggedInBy: by, loggedInAt: at, assigned: true, allowed: true },
  };
}

// SYSTEM: carry a command out, then report what changed (as the vendor's events would). A
// `pending` request is a logout or pause the hub already applied when a call ended: follow it.
function carryOut({ command, actorId, why }) {
  const at = Date.now();
  const emit = why === 'pending' ? () => {} : report;
  const { channelId, userId } = command;
  const held = sessions.get(key(channelId, userId));
  switch (command.type) {
    case 'login':
      if (held) return { outcome: 'refused', reason: 'already signed in to this queue' };
      sessions.set(key(channelId, userId), session(channelId, userId, at, actorId));
      emit({ type: 'agent_logged_in', at, session: sessions.get(key(channelId, userId)) });
      return { outcome: 'done' };
    case 'logout':
      if (!held) return { outcome: 'refused', reason: 'not signed in to this queue' };
      sessions.delete(key(channelId, userId));
      emit({ type: 'agent_logged_out', at, channelId, userId, by: actorId });
      return { outcome: 'done' };
    case 'pause':
      if (!held || held.interactionId) return { outcome: 'refused', reason: 'agent is not idle' };
      Object.assign(held, { status: 'paused', pauseReasonId: command.reasonId, since: at });
      emit({ type: 'agent_paused', at, channelId, userId, reasonId: command.reasonId, by: actorId });
      return { outcome: 'done' };
    case 'resume':
      if (held?.status !== 'paused') return { outcome: 'refused', reason: 'agent is not paused' };
      Object.assign(held, { status: 'available', pauseReasonId: null, since: at });
      emit({ type: 'agent_resumed', at, channelId, userId, by: actorId });
      return { outcome: 'done' };
    default:
      return { outcome: 'refused', reason: `${command.type} is not supported by this system` };
  }
}

// SYSTEM: traffic. A caller joins a queue; the first idle agent answers; the call ends later.
function traffic() {
  if (!directory) return;
  const queues = directory.channels.filter((c) => c.kind === 'queue');
  const channel = queues[Math.floor(Math.random() * queues.length)];
  if (!channel) return;
  const at = Date.now();
  const call = {
    ...{ id: id('call'), channelId: channel.id, kind: 'call', queuedAt: at, answeredAt: null },
    ...{ agentId: null, transcript: [], customer: { name: 'Caller', address: '+15550100' } },
  };
  calls.set(call.id, call);
  report({ type: 'interaction_queued', at, interaction: { ...call } });
  const idle = [...sessions.values()].find((s) => s.channelId === channel.id && s.status === 'available');
  if (!idle) return;
  Object.assign(call, { answeredAt: at, agentId: idle.userId });
  Object.assign(idle, { status: 'busy', interactionId: call.id, since: at });
  report({ type: 'interaction_answered', at, interactionId: call.id, agentId: idle.userId });
  setTimeout(() => {
    calls.delete(call.id);
    Object.assign(idle, { status: 'available', interactionId: null, since: Date.now() });
    report({ type: 'interaction_ended', at: Date.now(), interactionId: call.id });
  }, callEveryMs * 2);
}

function connect() {
  socket = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
  socket.on('open', () =>
    send({
      type: 'hello',
      protocol: 1,
      label: 'Example ACD',
      capabilities: { queue: ['login', 'logout', 'pause', 'resume'] },
    }),
  );
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    if (message.type === 'welcome' || message.type === 'directory') directory = message.directory;
    if (message.type === 'welcome' || message.type === 'resync_request')
      send({ type: 'resync', id: id('resync'), ...picture() });
    if (message.type === 'execute') send({ type: 'answer', id: message.id, ...carryOut(message) });
    if (message.type === 'result' && message.refused.length > 0) console.error('refused:', message.refused);
    if (message.type === 'error') console.error('hub:', message.error.message);
  });
  socket.on('close', (code) => {
    if (code === 4002) return console.error('replaced by another process of this source: stopping');
    setTimeout(connect, 1000); // the hub restarted, or the network dropped: sign in again, resync
  });
  socket.on('error', (error) => console.error(`${url}: ${error.message}`));
}

connect();
setInterval(traffic, callEveryMs);
