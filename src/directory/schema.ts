/**
 * The directory file's shape: what an organisation writes (YAML or JSON) to describe its
 * people, devices, channels, pause reasons and settings. The zod schema is the contract:
 * docs/directory.schema.json is generated from it (for editors), docs/directory.md explains it.
 * Cross-references (a channel named in `memberOf` exists, ids are unique…) are checked after it,
 * in check.ts.
 */
import { z } from 'zod';
import { ChannelKind, DeviceKind, Id, Role } from '../protocol/index.js';

const numberInYaml = (what: string) => (issue: { input?: unknown }) =>
  typeof issue.input === 'number'
    ? `write ${what} in quotes ("${issue.input}"): YAML reads ${issue.input} as a number`
    : undefined;

const Extension = z
  .string({ error: numberInYaml('the extension') })
  .min(1)
  .max(20)
  .regex(/^[0-9A-Za-z*#+._-]+$/, 'extensions use digits, letters and * # + . _ - only')
  .describe('The extension people dial to reach this user (text: quote it in YAML, "6941").');

/** `[warning, critical]`. */
const pair = (unit: z.ZodNumber, description: string) =>
  z.tuple([unit, unit]).describe(`[warning, critical]: ${description}`);
const Seconds = z.int().min(0).max(86_400);
const Count = z.int().min(0).max(100_000);
const Percent = z.number().min(0).max(100);

const FileDevice = z
  .strictObject({
    id: Id.describe('Unique among all devices of the directory.'),
    kind: DeviceKind.default('softphone').describe('desk_phone, softphone, mobile or web.'),
    label: z
      .string()
      .max(80)
      .optional()
      .describe('What the wallboard calls it ("Desk phone"); by default its address, else its id.'),
    address: z
      .string({ error: numberInYaml('the address') })
      .min(1)
      .max(120)
      .optional()
      .describe(
        'Its address on the telephony system (an Asterisk interface such as PJSIP/6941): sources map their events to the device by it. Unique.',
      ),
  })
  .describe('A phone or client a user takes interactions on.');

const FileUser = z
  .strictObject({
    id: Id.describe('Unique; what `ccwall token create --user` takes. "system" is reserved.'),
    name: z.string().min(1).max(120).describe('Full name, as the wallboards show it.'),
    extension: Extension.optional(),
    roles: z
      .array(Role)
      .max(3)
      .default([])
      .describe('Any of admin, supervisor, agent (none: the user signs in to nothing useful).'),
    memberOf: z
      .array(Id)
      .default([])
      .describe('Channels this user is assigned to as an agent (needs the agent role).'),
    supervises: z
      .array(Id)
      .default([])
      .describe('Channels this user supervises (needs the supervisor role; admins manage every channel).'),
    devices: z.array(FileDevice).default([]),
  })
  .describe('A person: agent, supervisor, admin, or several of these.');

const FileChannel = z
  .strictObject({
    id: Id.describe('Unique among channels.'),
    kind: ChannelKind.describe('queue (inbound calls), chat, or campaign (outbound dialer).'),
    name: z.string().min(1).max(80),
    serviceLevel: z
      .strictObject({
        seconds: z
          .int()
          .min(1)
          .max(3600)
          .default(20)
          .describe('Answered within this many seconds counts towards the service level.'),
        targetPercent: Percent.optional().describe(
          'The service level aimed at: at or below it warns (the warning of thresholds.serviceLevel).',
        ),
      })
      .optional(),
    wrapUpSeconds: z
      .int()
      .min(0)
      .max(3600)
      .default(0)
      .describe('After-interaction work time; 0: the agent is available again at once.'),
    endWrapUpEarly: z
      .boolean()
      .default(false)
      .describe('Supervisors may end an agent’s wrap-up early in this channel.'),
    thresholds: z
      .strictObject({
        waiting: pair(Count, 'interactions waiting, at or above (none: not judged)').optional(),
        longestWait: pair(Seconds, 'seconds of the oldest wait, at or above (default [60, 120])').optional(),
        serviceLevel: pair(Percent, 'percent, at or below (default [80, 65])').optional(),
      })
      .optional(),
    asterisk: z
      .strictObject({
        queue: z.string().min(1).max(80).describe('The queue’s name in Asterisk (queues.conf).'),
      })
      .optional()
      .describe('Where the channel lives on Asterisk (for the Asterisk source).'),
  })
  .describe('A queue, chat or campaign.');

const FilePauseReason = z
  .strictObject({
    id: Id,
    name: z.string().min(1).max(40).describe('What agents and supervisors see ("Lunch").'),
    retired: z
      .boolean()
      .optional()
      .describe('No one may be paused with it any more; agents already paused with it keep it.'),
  })
  .describe('A reason agents can be paused with.');

const FileSettings = z
  .strictObject({
    agentsMayLogInToUnassigned: z
      .boolean()
      .default(true)
      .describe('Agents may log themselves in to channels they are not members of.'),
    supervisorsLimitedToAssigned: z
      .boolean()
      .default(true)
      .describe('Supervisors see and manage only the channels they supervise (off: every channel).'),
  })
  .describe('Organisation-wide rules.');

export const DirectoryFile = z
  .strictObject({
    $schema: z.string().optional().describe('For editors: the JSON Schema of this file.'),
    settings: FileSettings.default({ agentsMayLogInToUnassigned: true, supervisorsLimitedToAssigned: true }),
    pauseReasons: z.array(FilePauseReason).default([]),
    channels: z.array(FileChannel).default([]),
    users: z.array(FileUser).default([]),
  })
  .describe('A ccwall directory: the organisation’s people, devices, channels, pause reasons and settings.');

/** The file as written (defaults not filled in): what `export` produces. */
export type DirectoryFileInput = z.input<typeof DirectoryFile>;
/** The file after validation, defaults filled in. */
export type DirectoryFileData = z.output<typeof DirectoryFile>;

/** Every field name the file knows, for "did you mean" on a misspelt one. */
export const FIELD_NAMES: readonly string[] = [
  ...new Set(
    [DirectoryFile, FileSettings, FilePauseReason, FileChannel, FileUser, FileDevice]
      .flatMap((schema) => Object.keys(schema.shape))
      .concat(['seconds', 'targetPercent', 'waiting', 'longestWait', 'serviceLevel', 'queue']),
  ),
];

/** The JSON Schema of the directory file (draft-07, which editors' YAML and JSON support reads). */
export function directoryJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(DirectoryFile, { target: 'draft-7', io: 'input' });
  return { ...schema, title: 'ccwall directory' };
}
