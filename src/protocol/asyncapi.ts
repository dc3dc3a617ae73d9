/**
 * The protocol as an AsyncAPI 3.0 document, generated from the zod schemas (JSON Schema
 * draft-07), so docs/asyncapi.json can never drift from what the code parses. The document
 * describes the hub: it receives what wallboards send and sends what they receive.
 * A test regenerates it, validates it with @asyncapi/parser and compares it with the file.
 */
import { type ZodType, z } from 'zod';
import { Feature, Figures } from './figures.js';
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
import {
  HubSourceHeartbeat,
  SourceAnswerMessage,
  SourceDirectoryMessage,
  SourceError,
  SourceEvents,
  SourceExecute,
  SourceHealth,
  SourceHeartbeat,
  SourceHello,
  SourceResult,
  SourceResync,
  SourceResyncRequest,
  SourceWelcome,
} from './source-protocol.js';
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
    summary:
      'First frame of a connection: the protocol version, where to resume from, and the view (events, or figures for a wall screen).',
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
  feature: {
    schema: Feature,
    title: 'Feature',
    summary:
      "The figures view: which channel's agents the figures carry (null: none); answered at once by figures, or an error for a channel out of scope.",
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
  figures: {
    schema: Figures,
    title: 'Figures',
    summary:
      "The figures view, instead of snapshot and deltas: every channel in scope with its counters and live counts, and the featured channel's agents; whole on its own, at once after the welcome and each feature, then at most once a second when changed and at least every 10 s.",
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

/** A source process (src/protocol/source-protocol.ts) on `/source`. */
const FROM_SOURCE: Record<string, MessageSpec> = {
  sourceHello: {
    schema: SourceHello,
    title: 'Source hello',
    summary: 'First frame: protocol, label, capabilities.',
  },
  sourceResync: {
    schema: SourceResync,
    title: 'Resync',
    summary:
      'The whole live picture; the hub applies only what differs. After hello, and after every outage.',
  },
  sourceEvents: {
    schema: SourceEvents,
    title: 'Events',
    summary:
      'Live events, each with an id: a replayed id is applied once. Each is checked against the state.',
  },
  sourceHealth: {
    schema: SourceHealth,
    title: 'Health',
    summary: "The source's own link to its system: down makes wallboards show telephony down.",
  },
  sourceAnswer: {
    schema: SourceAnswerMessage,
    title: 'Answer',
    summary: 'The answer to an execute request.',
  },
  sourceHeartbeat: { schema: SourceHeartbeat, title: 'Source heartbeat', summary: 'Optional, any time.' },
};

const TO_SOURCE: Record<string, MessageSpec> = {
  sourceWelcome: {
    schema: SourceWelcome,
    title: 'Source welcome',
    summary: 'The answer to hello, with the directory the source maps its system onto.',
  },
  sourceDirectory: {
    schema: SourceDirectoryMessage,
    title: 'Directory',
    summary: "The organisation's directory changed: the whole of it.",
  },
  sourceExecute: {
    schema: SourceExecute,
    title: 'Execute',
    summary: 'Carry this command out on the real system and answer within 5 s.',
  },
  sourceResult: {
    schema: SourceResult,
    title: 'Result',
    summary: 'What became of a resync or a batch of events: applied, duplicates, refused with reasons.',
  },
  sourceResyncRequest: {
    schema: SourceResyncRequest,
    title: 'Resync request',
    summary: 'The hub lost live events (it could not save them for a while): send a resync again.',
  },
  sourceError: { schema: SourceError, title: 'Source error', summary: 'A frame the hub could not use.' },
  hubSourceHeartbeat: {
    schema: HubSourceHeartbeat,
    title: 'Hub heartbeat (to a source)',
    summary: 'Every heartbeatMs, with WebSocket pings.',
  },
};

/** The document; its version is the protocol's (a new protocol version is a new API version). */
export function asyncApiDocument(): Record<string, unknown> {
  const all = { ...FROM_CLIENT, ...FROM_HUB };
  const sourceAll = { ...FROM_SOURCE, ...TO_SOURCE };
  const messages = Object.fromEntries(
    Object.entries({ ...all, ...sourceAll }).map(([name, spec]) => [name, message(name, spec)]),
  );
  const refs = (names: string[]) =>
    Object.fromEntries(names.map((name) => [name, { $ref: `#/components/messages/${name}` }]));
  const channelMessages = refs(Object.keys(all));
  const operation = (action: 'send' | 'receive', name: string, spec: MessageSpec, channel = 'wallboard') => ({
    action,
    channel: { $ref: `#/channels/${channel}` },
    summary: spec.summary,
    messages: [{ $ref: `#/channels/${channel}/messages/${name}` }],
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
    ...Object.fromEntries(
      Object.entries(FROM_SOURCE).map(([name, spec]) => [
        `receive${capitalise(name)}`,
        operation('receive', name, spec, 'source'),
      ]),
    ),
    ...Object.fromEntries(
      Object.entries(TO_SOURCE).map(([name, spec]) => [
        `send${capitalise(name)}`,
        operation('send', name, spec, 'source'),
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
      source: {
        address: '/source',
        title: 'Remote source connection',
        description:
          "One WebSocket for the process that is the hub's source (`ccwall serve --source remote`), signed in with a source token (`ccwall token create --source NAME`); frames up to 16 MiB. See docs/sources.md.",
        messages: refs(Object.keys(sourceAll)),
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
