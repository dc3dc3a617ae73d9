/** Reading a directory file: each kind of mistake is one line `FILE:LINE:COL message`, at the right place. */
import { describe, expect, it } from 'vitest';
import { parseDirectory } from '../../src/directory/index.js';

/** The problems of a file, or a failure if it reads fine. */
function problems(text: string): string[] {
  const read = parseDirectory(text, 'center.yaml');
  if (read.ok) throw new Error('the file was accepted');
  return read.problems;
}

const CHANNELS = `channels:
  - { id: sales, kind: queue, name: Sales }
  - { id: web-chat, kind: chat, name: Web chat }
`;

describe('a directory file that reads', () => {
  it('gives the entities, with the defaults filled in', () => {
    const read = parseDirectory(
      `${CHANNELS}users:
  - id: sarah.thompson
    name: Sarah Thompson
    extension: "6941"
    roles: [agent]
    memberOf: [sales, web-chat]
    devices:
      - { id: sarah-desk, kind: desk_phone, label: Desk phone, address: PJSIP/6941 }
      - { id: sarah-soft, address: PJSIP/6941-soft }
`,
      'center.yaml',
    );
    if (!read.ok) throw new Error(read.problems.join('\n'));
    const { directory } = read;
    expect(directory.org).toEqual({ agentsMayLogInToUnassigned: true, supervisorsLimitedToAssigned: true });
    expect(directory.channels[0]?.settings).toEqual({
      wrapUpSeconds: 0,
      supervisorsMayEndWrapUp: false,
      serviceLevelSeconds: 20,
      longestWaitAlert: { warning: 60, critical: 120 },
      serviceLevelAlert: { warning: 80, critical: 65 },
    });
    expect(directory.devices).toEqual([
      {
        id: 'sarah-desk',
        userId: 'sarah.thompson',
        kind: 'desk_phone',
        label: 'Desk phone',
        address: 'PJSIP/6941',
      },
      {
        id: 'sarah-soft',
        userId: 'sarah.thompson',
        kind: 'softphone',
        label: 'PJSIP/6941-soft',
        address: 'PJSIP/6941-soft',
      },
    ]);
    expect(directory.assignments).toEqual([
      { userId: 'sarah.thompson', channelId: 'sales', asAgent: true, asSupervisor: false },
      { userId: 'sarah.thompson', channelId: 'web-chat', asAgent: true, asSupervisor: false },
    ]);
  });

  it('takes the service-level target as the warning threshold, and thresholds as given', () => {
    const read = parseDirectory(
      `channels:
  - id: sales
    kind: queue
    name: Sales
    serviceLevel: { seconds: 30, targetPercent: 90 }
    thresholds: { waiting: [3, 6], longestWait: [30, 60] }
    asterisk: { queue: sales-fr }
`,
      'center.yaml',
    );
    if (!read.ok) throw new Error(read.problems.join('\n'));
    expect(read.directory.channels[0]).toMatchObject({
      asterisk: { queue: 'sales-fr' },
      settings: {
        serviceLevelSeconds: 30,
        serviceLevelAlert: { warning: 90, critical: 75 },
        longestWaitAlert: { warning: 30, critical: 60 },
        waitingAlert: { warning: 3, critical: 6 },
      },
    });
  });

  it('reads JSON too', () => {
    const read = parseDirectory(
      '{"channels": [{"id": "sales", "kind": "queue", "name": "Sales"}], "users": []}',
      'center.json',
    );
    expect(read.ok).toBe(true);
  });
});

describe('a directory file with mistakes', () => {
  it('bad syntax: where the parser stopped', () => {
    expect(problems('users:\n  - { id: a, name: A\n')).toEqual([
      'center.yaml:3:1 Flow map in block collection must be sufficiently indented and end with a }',
    ]);
  });

  it('a key twice in one mapping', () => {
    expect(problems('users:\n  - id: a\n    name: A\n    name: B\n')).toEqual([
      'center.yaml:4:5 Map keys must be unique',
    ]);
  });

  it('an empty file (applying it would remove everyone)', () => {
    expect(problems('# nothing yet\n')).toEqual([
      'center.yaml:1:1 the file is empty: a directory has at least one of settings, pauseReasons, channels, users',
    ]);
  });

  it('a misspelt field, at the key, with the field it probably meant', () => {
    expect(
      problems(`${CHANNELS}users:\n  - { id: a, name: A, roles: [agent], memberof: [sales] }\n`),
    ).toEqual(['center.yaml:5:39 users[0].memberof: unknown field "memberof" (did you mean "memberOf"?)']);
  });

  it('a missing field, at the record', () => {
    expect(problems('channels:\n  - { id: sales, name: Sales }\n')).toEqual([
      'center.yaml:2:5 channels[0]: "kind" is missing',
    ]);
  });

  it('a value of the wrong kind, at the value', () => {
    expect(problems('channels:\n  - { id: sales, kind: kiosk, name: Sales, wrapUpSeconds: soon }\n')).toEqual(
      [
        'center.yaml:2:24 channels[0].kind: expected queue, chat, campaign, not "kiosk"',
        'center.yaml:2:59 channels[0].wrapUpSeconds: expected number, not "soon"',
      ],
    );
  });

  it('an extension YAML reads as a number', () => {
    expect(problems('users:\n  - { id: a, name: A, extension: 0601 }\n')).toEqual([
      'center.yaml:2:34 users[0].extension: write the extension in quotes ("601"): YAML reads 601 as a number',
    ]);
  });

  it('bad id characters', () => {
    expect(problems('users:\n  - id: sarah thompson\n    name: Sarah\n')).toEqual([
      'center.yaml:2:9 users[0].id: ids use letters, digits and . _ : @ - only',
    ]);
  });

  it('an unknown channel in memberOf or supervises, at the entry', () => {
    expect(
      problems(
        `${CHANNELS}users:\n  - { id: a, name: A, roles: [agent, supervisor], memberOf: [sales, salez], supervises: [support] }\n`,
      ),
    ).toEqual([
      'center.yaml:5:69 users[0].memberOf[1]: no channel "salez" in channels',
      'center.yaml:5:90 users[0].supervises[0]: no channel "support" in channels',
    ]);
  });

  it('duplicate ids: users, channels, devices, pause reasons', () => {
    expect(
      problems(`pauseReasons: [{ id: break, name: Break }, { id: break, name: Pause }]
channels:
  - { id: sales, kind: queue, name: Sales }
  - { id: sales, kind: chat, name: Sales chat }
users:
  - { id: a, name: A, devices: [{ id: desk-1 }] }
  - { id: a, name: B }
  - { id: c, name: C, devices: [{ id: desk-1 }] }
`),
    ).toEqual([
      'center.yaml:1:50 pauseReasons[1].id: pause reason id "break" is already used by pauseReasons[0]',
      'center.yaml:4:11 channels[1].id: channel id "sales" is already used by channels[0]',
      'center.yaml:7:11 users[1].id: user id "a" is already used by users[0]',
      'center.yaml:8:39 users[2].devices[0].id: device id "desk-1" is already used by a\'s devices',
    ]);
  });

  it('an extension, a device address or an Asterisk queue used twice', () => {
    expect(
      problems(`channels:
  - { id: sales, kind: queue, name: Sales, asterisk: { queue: q1 } }
  - { id: support, kind: queue, name: Support, asterisk: { queue: q1 } }
users:
  - { id: a, name: A, extension: "6941", devices: [{ id: a-desk, address: PJSIP/6941 }] }
  - { id: b, name: B, extension: "6941", devices: [{ id: b-desk, address: PJSIP/6941 }] }
`),
    ).toEqual([
      'center.yaml:3:67 channels[1].asterisk.queue: Asterisk queue "q1" is already used by sales',
      'center.yaml:6:34 users[1].extension: extension "6941" is already used by a',
      'center.yaml:6:75 users[1].devices[0].address: device address "PJSIP/6941" is already used by a\'s a-desk',
    ]);
  });

  it('assignments that do not go with the roles, a role twice, a reserved id', () => {
    expect(
      problems(`${CHANNELS}users:
  - { id: a, name: A, roles: [supervisor, supervisor], memberOf: [sales] }
  - { id: system, name: S, supervises: [sales] }
`),
    ).toEqual([
      'center.yaml:5:43 users[0].roles[1]: supervisor is listed twice',
      'center.yaml:5:66 users[0].memberOf: a is a member of channels but not an agent: add agent to roles',
      'center.yaml:6:11 users[1].id: "system" is reserved for the hub itself',
      'center.yaml:6:40 users[1].supervises: system supervises channels but is not a supervisor: add supervisor to roles',
    ]);
  });

  it('thresholds in the wrong order, and a target that contradicts them', () => {
    expect(
      problems(`channels:
  - id: sales
    kind: queue
    name: Sales
    serviceLevel: { targetPercent: 80 }
    thresholds: { waiting: [6, 3], longestWait: [60, 30], serviceLevel: [70, 90] }
`),
    ).toEqual([
      'center.yaml:5:36 channels[0].serviceLevel.targetPercent: the target (80) is the warning threshold, but thresholds.serviceLevel warns at 70: give one, or the same value',
      'center.yaml:6:28 channels[0].thresholds.waiting: critical (the second) is below warning: more waiting is worse',
      'center.yaml:6:49 channels[0].thresholds.longestWait: critical (the second) is below warning: a longer wait is worse',
      'center.yaml:6:73 channels[0].thresholds.serviceLevel: critical (the second) is above warning: a lower service level is worse',
    ]);
  });
});
