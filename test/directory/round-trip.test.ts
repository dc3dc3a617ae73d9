/**
 * Export then apply changes nothing: any valid directory, applied to an empty center, exported
 * (YAML or JSON), read back and diffed against that center, gives an empty plan.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DirectoryFileInput,
  diffDirectory,
  exportDirectory,
  formatDirectory,
  formatPlan,
  parseDirectory,
  planIsEmpty,
} from '../../src/directory/index.js';
import { apply, checkInvariants, emptyState } from '../../src/domain/index.js';

const T0 = Date.UTC(2026, 11, 1, 8, 0, 0);

const id = fc.stringMatching(/^[a-z][a-z0-9._@:-]{0,11}$/);
/** Names with anything in them that YAML might misread: quotes, colons, #, "yes", accents, emoji. */
const name = (max: number) =>
  fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: max }),
    fc.constantFrom(
      'yes',
      'null',
      '~',
      '- x',
      'a: b',
      '#hash',
      '"quoted"',
      "l'accueil",
      'Ventes — file 1',
      '123',
    ),
  );
const ordered = (min: number, max: number, ascending: boolean) =>
  fc
    .tuple(fc.integer({ min, max }), fc.integer({ min, max }))
    .map(
      ([a, b]) =>
        (ascending ? [Math.min(a, b), Math.max(a, b)] : [Math.max(a, b), Math.min(a, b)]) as [number, number],
    );

const channelArb = (channelId: string) =>
  fc.record(
    {
      id: fc.constant(channelId),
      kind: fc.constantFrom('queue' as const, 'chat' as const, 'campaign' as const),
      name: name(80),
      serviceLevel: fc.record({ seconds: fc.integer({ min: 1, max: 3600 }) }, { requiredKeys: [] }),
      wrapUpSeconds: fc.integer({ min: 0, max: 3600 }),
      endWrapUpEarly: fc.boolean(),
      thresholds: fc.record(
        {
          waiting: ordered(0, 50, true),
          longestWait: ordered(0, 600, true),
          serviceLevel: ordered(0, 100, false),
        },
        { requiredKeys: [] },
      ),
      asterisk: fc.constant({ queue: `q-${channelId}` }),
    },
    { requiredKeys: ['id', 'kind', 'name'] },
  );

const directoryArb: fc.Arbitrary<DirectoryFileInput> = fc
  .record({
    settings: fc.record(
      { agentsMayLogInToUnassigned: fc.boolean(), supervisorsLimitedToAssigned: fc.boolean() },
      { requiredKeys: [] },
    ),
    reasons: fc.uniqueArray(fc.record({ id, name: name(40), retired: fc.boolean() }), {
      selector: (r) => r.id,
      maxLength: 5,
    }),
    channelIds: fc.uniqueArray(id, { maxLength: 6 }),
    userIds: fc.uniqueArray(
      id.filter((x) => x !== 'system'),
      { maxLength: 8 },
    ),
  })
  .chain(({ settings, reasons, channelIds, userIds }) =>
    fc.record({
      settings: fc.constant(settings),
      pauseReasons: fc.constant(reasons.map((r) => (r.retired ? r : { id: r.id, name: r.name }))),
      channels: fc.tuple(...channelIds.map(channelArb)),
      users: fc.tuple(
        ...userIds.map((userId, index) =>
          fc
            .record({
              name: name(120),
              extension: fc.option(fc.constant(String(6000 + index)), { nil: undefined }),
              roles: fc.subarray(['admin', 'supervisor', 'agent'] as const),
              memberOf: fc.subarray(channelIds),
              supervises: fc.subarray(channelIds),
              devices: fc.array(
                fc.record(
                  {
                    kind: fc.constantFrom(
                      'desk_phone' as const,
                      'softphone' as const,
                      'mobile' as const,
                      'web' as const,
                    ),
                    label: fc.string({ maxLength: 80 }),
                    address: fc.boolean(),
                  },
                  { requiredKeys: ['address'] },
                ),
                { maxLength: 3 },
              ),
            })
            .map((u) => ({
              id: userId,
              name: u.name,
              ...(u.extension === undefined ? {} : { extension: u.extension }),
              roles: u.roles,
              memberOf: u.roles.includes('agent') ? u.memberOf : [],
              supervises: u.roles.includes('supervisor') ? u.supervises : [],
              devices: u.devices.map(({ address, ...device }, d) => ({
                id: `${userId}-d${d}`,
                ...device,
                ...(address ? { address: `PJSIP/${6000 + index}-${d}` } : {}),
              })),
            })),
        ),
      ),
    }),
  );

describe('a directory exported and applied again', () => {
  it('changes nothing, whatever the directory and the format', () => {
    fc.assert(
      fc.property(directoryArb, fc.constantFrom('yaml' as const, 'json' as const), (file, format) => {
        const read = parseDirectory(formatDirectory(file, format), `center.${format}`);
        if (!read.ok) throw new Error(`a valid directory was refused: ${read.problems.join('; ')}`);
        const state = emptyState();
        for (const event of diffDirectory(state, read.directory, { at: T0 }).events) apply(state, event);
        expect(checkInvariants(state)).toEqual([]);

        const exported = exportDirectory(state, format, 'exported');
        const back = parseDirectory(exported, `exported.${format}`);
        if (!back.ok) throw new Error(`the export was refused: ${back.problems.join('; ')}\n${exported}`);
        const plan = diffDirectory(state, back.directory, { at: T0 + 1000 });
        expect(planIsEmpty(plan), formatPlan(plan).join('\n')).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
