/** The AMI wire format: a stream split anywhere gives the same messages; actions cannot be injected. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAction } from '../../../../src/hub/sources/asterisk/ami-message.js';
import {
  type AmiFrame,
  AmiParser,
  AmiProtocolError,
} from '../../../../src/hub/sources/asterisk/ami-parser.js';

const STREAM =
  'Asterisk Call Manager/9.0.0\r\n' +
  'Response: Success\r\nActionID: ccwall-1\r\nMessage: Authentication accepted\r\n\r\n' +
  'Event: FullyBooted\r\nPrivilege: system,all\r\nStatus: Fully Booted\r\n\r\n' +
  'Event: QueueCallerJoin\r\nPrivilege: agent,all\r\nQueue: ventes\r\nCallerIDName: Léa Fontaine — VIP\r\nUniqueid: 1712345678.42\r\nPosition: 1\r\n\r\n' +
  'Event: QueueMemberPause\r\nQueue: ventes\r\nInterface: PJSIP/6941\r\nPaused: 1\r\nPausedReason: Déjeuner: à 13h\r\n\r\n';

/** Every frame as plain data, to compare runs. */
function plain(frames: AmiFrame[]): unknown[] {
  return frames.map((f) => (f.kind === 'banner' ? f : Object.fromEntries(f.message.entries())));
}

function parseChunks(chunks: Buffer[]): unknown[] {
  const parser = new AmiParser();
  return plain(chunks.flatMap((chunk) => parser.feed(chunk)));
}

describe('the AMI parser', () => {
  const bytes = Buffer.from(STREAM, 'utf8');
  const whole = parseChunks([bytes]);

  it('reads the banner, then each message with its fields (keys in any case, values trimmed)', () => {
    expect(whole).toEqual([
      { kind: 'banner', text: 'Asterisk Call Manager/9.0.0' },
      { response: 'Success', actionid: 'ccwall-1', message: 'Authentication accepted' },
      { event: 'FullyBooted', privilege: 'system,all', status: 'Fully Booted' },
      {
        event: 'QueueCallerJoin',
        privilege: 'agent,all',
        queue: 'ventes',
        calleridname: 'Léa Fontaine — VIP',
        uniqueid: '1712345678.42',
        position: '1',
      },
      {
        event: 'QueueMemberPause',
        queue: 'ventes',
        interface: 'PJSIP/6941',
        paused: '1',
        pausedreason: 'Déjeuner: à 13h',
      },
    ]);
  });

  it('gives the same messages however TCP splits the bytes (inside a line, a CRLF, a UTF-8 character)', () => {
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(parseChunks([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(whole);
    }
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }),
        (cuts) => {
          const sorted = [0, ...cuts.sort((a, b) => a - b), bytes.length];
          const chunks = sorted.slice(1).map((end, i) => bytes.subarray(sorted[i], end));
          expect(parseChunks(chunks)).toEqual(whole);
        },
      ),
    );
  });

  it('gives the same messages one byte at a time', () => {
    expect(parseChunks([...bytes].map((b) => Buffer.from([b])))).toEqual(whole);
  });

  it('accepts a bare LF as a line end and skips lines without a colon', () => {
    const parser = new AmiParser();
    const frames = parser.feed('Asterisk Call Manager/5.0.1\nEvent: Ping\nno colon here\nA: b\n\n');
    expect(plain(frames)).toEqual([
      { kind: 'banner', text: 'Asterisk Call Manager/5.0.1' },
      { event: 'Ping', a: 'b' },
    ]);
  });

  it('keeps the first value of a repeated key, and a value holding colons whole', () => {
    const parser = new AmiParser({ expectBanner: false });
    const [frame] = parser.feed(
      'Event: VarSet\r\nChanVariable: A=1\r\nChanVariable: B=2\r\nValue: sip:6941@10.0.0.1:5060\r\n\r\n',
    );
    expect(frame?.kind === 'message' && frame.message.get('chanvariable')).toBe('A=1');
    expect(frame?.kind === 'message' && frame.message.get('Value')).toBe('sip:6941@10.0.0.1:5060');
  });

  it('refuses a stream that is not AMI: another banner, a line without end', () => {
    expect(() => new AmiParser().feed('HTTP/1.1 400 Bad Request\r\n')).toThrow(AmiProtocolError);
    expect(() => new AmiParser().feed('SSH-2.0-OpenSSH_9.6\r\n')).toThrow(/not an Asterisk Manager banner/);
    const parser = new AmiParser({ expectBanner: false });
    expect(() => parser.feed('Event: X\r\nData: '.padEnd(70_000, 'x'))).toThrow(/longer than/);
  });
});

describe('an AMI action on the wire', () => {
  it('is Action, the fields in order, then the empty line; undefined fields are left out', () => {
    expect(
      formatAction('QueuePause', {
        Queue: 'ventes',
        Interface: 'PJSIP/6941',
        Paused: true,
        Reason: undefined,
      }),
    ).toBe('Action: QueuePause\r\nQueue: ventes\r\nInterface: PJSIP/6941\r\nPaused: true\r\n\r\n');
  });

  it('cannot carry a second action in a value (a name from the directory with a line break)', () => {
    const text = formatAction('QueueAdd', {
      MemberName: 'Eve\r\n\r\nAction: Originate\r\nChannel: PJSIP/999',
    });
    const parser = new AmiParser({ expectBanner: false });
    const frames = parser.feed(text);
    expect(frames).toHaveLength(1);
    expect(frames[0]?.kind === 'message' && frames[0].message.get('Action')).toBe('QueueAdd');
  });
});
