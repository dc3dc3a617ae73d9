/**
 * The AMI client on one connection, against a scripted server that answers in the order a test
 * wants: responses matched by ActionID whatever their order, a list gathered while live events
 * interleave, an event that carries an action's id after its response (OriginateResponse) handed
 * on as an event, an action Asterisk never answers failing alone.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AmiConnection } from '../../../../src/hub/sources/asterisk/ami-connection.js';
import type { AmiMessage } from '../../../../src/hub/sources/asterisk/ami-message.js';
import { AmiParser } from '../../../../src/hub/sources/asterisk/ami-parser.js';
import { frame } from './fake-ami.js';

interface Scripted {
  port: number;
  /** Actions received, by name, with their ActionID. */
  actions: Array<{ name: string; id: string }>;
  socket(): Socket;
  close(): Promise<void>;
}

let server: Server | undefined;
afterEach(async () => {
  const s = server;
  server = undefined;
  if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
});

/** Logs anyone in; every other action is recorded for the test to answer. */
async function scripted(): Promise<Scripted> {
  const actions: Array<{ name: string; id: string }> = [];
  let current: Socket | undefined;
  const sockets: Socket[] = [];
  server = createServer((socket) => {
    current = socket;
    sockets.push(socket);
    socket.write('Asterisk Call Manager/9.0.0\r\n');
    const parser = new AmiParser({ expectBanner: false });
    socket.on('data', (chunk: Buffer) => {
      for (const item of parser.feed(chunk)) {
        if (item.kind !== 'message') continue;
        const name = item.message.text('Action');
        const id = item.message.text('ActionID');
        if (name === 'Login')
          socket.write(frame({ Response: 'Success', ActionID: id, Message: 'Authentication accepted' }));
        else actions.push({ name, id });
      }
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    actions,
    socket: () => {
      if (!current) throw new Error('no connection');
      return current;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
    },
  };
}

async function open(s: Scripted, events: AmiMessage[] = []) {
  return AmiConnection.open(
    { host: '127.0.0.1', port: s.port, username: 'u', secret: 's' },
    { event: (message) => events.push(message), closed: () => {} },
    { keepaliveMs: 0, timeoutMs: 300 },
  );
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('the AMI connection', () => {
  it('matches responses to actions by ActionID, whatever order they come in', async () => {
    const s = await scripted();
    const connection = await open(s);
    const pause = connection.send('QueuePause', { Interface: 'PJSIP/6941', Paused: 'true' });
    const add = connection.send('QueueAdd', { Queue: 'ventes', Interface: 'PJSIP/6942' });
    await until(() => s.actions.length === 2);
    const [first, second] = s.actions;
    s.socket().write(
      frame({
        Response: 'Error',
        ActionID: second?.id ?? '',
        Message: 'Unable to add interface: Already there',
      }),
    );
    s.socket().write(
      frame({ Response: 'Success', ActionID: first?.id ?? '', Message: 'Interface paused successfully' }),
    );
    expect(await add).toMatchObject({ ok: false, message: 'Unable to add interface: Already there' });
    expect(await pause).toMatchObject({ ok: true, message: 'Interface paused successfully' });
    connection.close();
    await s.close();
  });

  it('gathers a list until its Complete event while live events interleave, and hands later ones on', async () => {
    const s = await scripted();
    const events: AmiMessage[] = [];
    const connection = await open(s, events);
    const status = connection.send('QueueStatus');
    await until(() => s.actions.length === 1);
    const id = s.actions[0]?.id ?? '';
    const socket = s.socket();
    socket.write(
      frame({ Response: 'Success', ActionID: id, EventList: 'start', Message: 'Queue status will follow' }),
    );
    socket.write(frame({ Event: 'QueueParams', ActionID: id, Queue: 'ventes' }));
    socket.write(frame({ Event: 'QueueCallerJoin', Queue: 'ventes', Uniqueid: '1.1' }));
    socket.write(frame({ Event: 'QueueMember', ActionID: id, Queue: 'ventes', Location: 'PJSIP/6941' }));
    socket.write(frame({ Event: 'QueueStatusComplete', ActionID: id, EventList: 'Complete', ListItems: 2 }));
    const answer = await status;
    expect(answer.ok).toBe(true);
    expect(answer.events.map((e) => e.event)).toEqual(['QueueParams', 'QueueMember']);
    expect(events.map((e) => e.event)).toEqual(['QueueCallerJoin']);
    connection.close();
    await s.close();
  });

  it('hands on an event carrying an action’s id after that action was answered (OriginateResponse)', async () => {
    const s = await scripted();
    const events: AmiMessage[] = [];
    const connection = await open(s, events);
    const originate = connection.send('Originate', { Channel: 'PJSIP/8001', Async: 'true' });
    await until(() => s.actions.length === 1);
    const id = s.actions[0]?.id ?? '';
    s.socket().write(frame({ Response: 'Success', ActionID: id, Message: 'Originate successfully queued' }));
    expect((await originate).ok).toBe(true);
    s.socket().write(
      frame({ Event: 'OriginateResponse', ActionID: id, Response: 'Success', Uniqueid: 'spy-1' }),
    );
    await until(() => events.length === 1);
    expect(events[0]?.get('Uniqueid')).toBe('spy-1');
    connection.close();
    await s.close();
  });

  it('fails an action Asterisk does not answer in time, and goes on with the next', async () => {
    const s = await scripted();
    const connection = await open(s);
    await expect(connection.send('QueueRemove', { Queue: 'ventes' })).rejects.toThrow(
      'Asterisk did not answer QueueRemove within 0.3 s',
    );
    const next = connection.send('Ping');
    await until(() => s.actions.length === 2);
    s.socket().write(frame({ Response: 'Success', ActionID: s.actions[0]?.id ?? '', Message: 'late' }));
    s.socket().write(frame({ Response: 'Success', ActionID: s.actions[1]?.id ?? '', Ping: 'Pong' }));
    expect((await next).response.get('Ping')).toBe('Pong');
    connection.close();
    await s.close();
  });
});
