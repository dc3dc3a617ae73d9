/**
 * A signed-in wallboard's WebSocket, wired to its Connection: frames counted and rate limited
 * (too many and it is closed 1008), the hello awaited (none in time: closed 4001), pongs,
 * errors ws reports (frames too large, invalid UTF-8) audited, and the close accounted for.
 */
import type { RawData, WebSocket } from 'ws';
import { CloseCode } from '../protocol/index.js';
import { Connection, type ConnectionContext } from './connection.js';
import type { SignIn } from './identity.js';
import { LimitedStream } from './limits.js';
import { connectionRole } from './metrics.js';
import type { ServerScope } from './server-scope.js';
import { reasonOf } from './storage-error.js';

export function attachWallboard(
  scope: ServerScope,
  context: ConnectionContext,
  ws: WebSocket,
  signIn: SignIn,
): void {
  const { options, limits, metrics, open, audit } = scope;
  const { log } = options;
  const { identity } = signIn;
  const connection = new Connection(ws, identity, context);
  const role = connectionRole(options.engine.state.users.get(identity.userId)?.roles ?? []);
  metrics.connectionOpened(role);
  log(
    `${identity.remote}: ${identity.userId} connected (${role}${identity.readOnly ? ', read-only' : ''})`,
    'info',
    {
      event: 'connection_opened',
      user: identity.userId,
      role,
      remote: identity.remote,
      readOnly: identity.readOnly,
    },
  );
  const now = options.now();
  open.add(connection, signIn, new LimitedStream(limits.commandsPerSecond, limits.commandBurst, now));
  const frames = new LimitedStream(limits.framesPerSecond, limits.frameBurst, now);
  const helloTimer = setTimeout(() => {
    if (connection.ready) return;
    audit(identity.userId, identity.remote, 'session', 'hello_timeout', 'no hello received: closed 4001');
    connection.close(CloseCode.helloTimeout, 'no hello received');
  }, options.helloTimeoutMs);
  ws.on('message', (data: RawData, isBinary: boolean) => {
    metrics.received(byteLength(data));
    const verdict = frames.take(options.now());
    if (verdict !== 'ok') {
      if (verdict === 'first') {
        audit(
          identity.userId,
          identity.remote,
          'limit',
          'too_many_frames',
          `more than ${limits.framesPerSecond} frames a second (burst ${limits.frameBurst}): closed 1008`,
        );
        connection.close(CloseCode.policyViolation, 'too many frames');
      }
      return;
    }
    try {
      connection.receive(isBinary ? undefined : textOf(data));
    } catch (cause) {
      log(`${identity.remote}: frame handling failed: ${reasonOf(cause)}`, 'error');
    }
  });
  ws.on('pong', () => connection.pong());
  // ws closes the connection itself on a frame over maxPayload (1009) or invalid UTF-8 (1007).
  ws.on('error', (error) => {
    log(`${identity.remote}: ${error.message}`, 'warn');
    const code = (error as { code?: unknown }).code;
    const result =
      code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
        ? 'frame_too_large'
        : code === 'WS_ERR_INVALID_UTF8'
          ? 'invalid_utf8'
          : 'bad_frame';
    audit(identity.userId, identity.remote, 'limit', result, error.message.slice(0, 200));
  });
  ws.on('close', (code: number) => {
    clearTimeout(helloTimer);
    connection.closed();
    if (open.has(connection)) {
      metrics.connectionClosed(role);
      log(`${identity.remote}: ${identity.userId} disconnected (${code})`, 'info', {
        event: 'connection_closed',
        user: identity.userId,
        role,
        remote: identity.remote,
        code,
      });
    }
    open.remove(connection);
  });
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
