/**
 * The protocol as an AsyncAPI 3.0 document, generated from the zod schemas (JSON Schema
 * draft-07), so docs/asyncapi.json can never drift from what the code parses. The document
 * describes the hub: it receives what wallboards send and sends what they receive.
 * A test regenerates it, validates it with @asyncapi/parser and compares it with the file.
 */
import { type ZodType, z } from 'zod';
import {
  Ack,
  ClientHeartbeat,
  CommandMessage,
  Delta,
  Deltas,
  ErrorMessage,
  Hello,
  HubHeartbeat,
  PROTOCOL_VERSION,
  QueryMessage,
  QueryResult,
  Resumed,
  Snapshot,
  Welcome,
} from './messages.js';
import { SourceStatus } from './sources.js';

interface MessageSpec {
  schema: ZodType;
  title: string;
  summary: string;
}

const FROM_CLIENT: Record<string, MessageSpec> = {
  hello: {
    schema: Hello,
    title: 'Hello',
    summary: 'First frame of a connection: the protocol version, and where to resume from.',
  },
  command: {
    schema: CommandMessage,
    title: 'Command',
    summary: 'A command with a client-chosen id (the idempotency key); answered by an ack.',
  },
  clientHeartbeat: {
    schema: ClientHeartbeat,
    title: 'Client heartbeat',
    summary: 'The last sequence number the client applied.',
  },
  query: {
    schema: QueryMessage,
    title: 'Query',
    summary: 'A read of the audit log (admins and supervisors).',
  },
};

const FROM_HUB: Record<string, MessageSpec> = {
  welcome: {
    schema: Welcome,
    title: 'Welcome',
    summary: 'The answer to hello: who you are, what you may do, the epoch.',
  },
  snapshot: {
    schema: Snapshot,
    title: 'Snapshot',
    summary: 'The state in your scope at `seq`, in `parts` frames of under 64 KiB each.',
  },
  resumed: {
    schema: Resumed,
    title: 'Resumed',
    summary: 'No snapshot: the missed deltas follow from `seq` on.',
  },
  delta: {
    schema: Delta,
    title: 'Delta',
    summary: 'One event; `prev` is the sequence number of what was sent before it.',
  },
  deltas: {
    schema: Deltas,
    title: 'Deltas',
    summary:
      'Several deltas in order, in one frame: the first follows `prev`, each next one follows the one before it.',
  },
  hubHeartbeat: {
    schema: HubHeartbeat,
    title: 'Hub heartbeat',
    summary: 'Sent every heartbeatMs; `seq` is the last delta sent.',
  },
  ack: { schema: Ack, title: 'Ack', summary: 'The result of a command, sent after it is durably saved.' },
  queryResult: {
    schema: QueryResult,
    title: 'Query result',
    summary: 'Audit entries, newest first, or an error.',
  },
  error: {
    schema: ErrorMessage,
    title: 'Error',
    summary: 'A frame the hub could not use; the connection stays open.',
  },
  sourceStatus: {
    schema: SourceStatus,
    title: 'Source status',
    summary:
      'The telephony source behind the hub: up or down since when, and what it can carry out per kind of channel. After the welcome, then on every change; while it is down the data is stale.',
  },
};

const DRAFT_07 = 'application/schema+json;version=draft-07';

function message(name: string, spec: MessageSpec) {
  const schema = z.toJSONSchema(spec.schema, { target: 'draft-7' });
  delete schema.$schema;
  return {
    name,
    title: spec.title,
    summary: spec.summary,
    contentType: 'application/json',
    payload: { schemaFormat: DRAFT_07, schema },
  };
}

/** The document; its version is the protocol's (a new protocol version is a new API version). */
export function asyncApiDocument(): Record<string, unknown> {
  const all = { ...FROM_CLIENT, ...FROM_HUB };
  const messages = Object.fromEntries(Object.entries(all).map(([name, spec]) => [name, message(name, spec)]));
  const channelMessages = Object.fromEntries(
    Object.keys(all).map((name) => [name, { $ref: `#/components/messages/${name}` }]),
  );
  const operation = (action: 'send' | 'receive', name: string, spec: MessageSpec) => ({
    action,
    channel: { $ref: '#/channels/wallboard' },
    summary: spec.summary,
    messages: [{ $ref: `#/channels/wallboard/messages/${name}` }],
  });
  const operations = {
    ...Object.fromEntries(
      Object.entries(FROM_CLIENT).map(([name, spec]) => [
        `receive${capitalise(name)}`,
        operation('receive', name, spec),
      ]),
    ),
    ...Object.fromEntries(
      Object.entries(FROM_HUB).map(([name, spec]) => [
        `send${capitalise(name)}`,
        operation('send', name, spec),
      ]),
    ),
  };
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'ccwall hub',
      version: `${PROTOCOL_VERSION}.0.0`,
      description: `The WebSocket protocol (version ${PROTOCOL_VERSION}) between a ccwall wallboard and its hub: JSON text frames, one message per frame, at most 64 KiB. See docs/protocol.md.`,
      license: { name: 'MIT' },
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: '127.0.0.1:7600',
        protocol: 'ws',
        description: 'A hub started with `ccwall serve` (wss when served with TLS).',
        security: [{ $ref: '#/components/securitySchemes/bearer' }],
      },
    },
    channels: {
      wallboard: {
        address: '/',
        title: 'Wallboard connection',
        description: 'One WebSocket per wallboard; authenticated at the HTTP upgrade.',
        messages: channelMessages,
      },
    },
    operations,
    components: {
      messages,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: '`Authorization: Bearer ccw_…` on the upgrade request; 401 without a valid token.',
        },
      },
    },
  };
}

function capitalise(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
