/**
 * Why the wallboard cannot reach its hub, in words a supervisor understands, with the fix, on
 * one line of an 80-column footer (" ⚠ " and the words), in English and in French; and which
 * problems wait a minute before the next try.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { linkProblem } from '../../src/client/link-problems.js';
import { LANGUAGES, setLocale } from '../../src/i18n/index.js';
import { wordProblem } from '../../src/views/problem-words.js';

afterEach(() => setLocale('en'));

const URL = 'wss://wallboard-hub.example.org:7600';
const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

const CASES = {
  token: new Error('Unexpected server response: 401'),
  origin: new Error('Unexpected server response: 403'),
  busy: new Error('Unexpected server response: 429'),
  starting: new Error('Unexpected server response: 503'),
  notAHub: new Error('Unexpected server response: 404'),
  refused: coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:7600'),
  unknownHost: coded('ENOTFOUND', 'getaddrinfo ENOTFOUND wallboard-hub.example.org'),
  unreachable: coded('EHOSTUNREACH'),
  selfSigned: coded('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'),
  unknownAuthority: coded('UNABLE_TO_VERIFY_LEAF_SIGNATURE'),
  wrongAddress: coded('ERR_TLS_CERT_ALTNAME_INVALID'),
  expired: coded('CERT_HAS_EXPIRED'),
  other: new Error('something odd'),
};

describe('link problems', () => {
  it.each(LANGUAGES)('fit one footer line at 80 columns, without a raw error (%s)', (language) => {
    setLocale(language);
    for (const [name, error] of Object.entries(CASES)) {
      const text = wordProblem(linkProblem(error, URL).problem);
      expect(text.length, `${name}: ${text}`).toBeLessThanOrEqual(77);
      expect(text, name).not.toMatch(/Unexpected server response|connect ECONNREFUSED|getaddrinfo/);
    }
  });

  it('say what happened and what to do', () => {
    const attempt = (name: keyof typeof CASES) => linkProblem(CASES[name], URL);
    const say = (name: keyof typeof CASES) => wordProblem(attempt(name).problem);
    expect(attempt('token')).toEqual({ problem: { kind: 'token_refused' }, slow: true });
    expect(say('token')).toBe('your sign-in token was refused: ask for a new one; retrying every minute');
    expect(attempt('refused')).toEqual({
      problem: { kind: 'nothing_listens', host: 'wallboard-hub.example.org:7600' },
      slow: false,
    });
    expect(say('refused')).toBe('no hub answers at wallboard-hub.example.org:7600; retrying');
    expect(attempt('selfSigned')).toEqual({
      problem: { kind: 'tls_not_trusted', why: 'selfSigned' },
      slow: true,
    });
    expect(say('selfSigned')).toBe('hub certificate not trusted (self-signed): start with --ca FILE');
    expect(say('unknownAuthority')).toContain('--ca FILE');
    expect(say('unknownHost')).toContain('check --url');
    setLocale('fr');
    expect(say('token')).toBe('jeton de connexion refusé : demandez-en un nouveau ; essai chaque minute');
    expect(say('selfSigned')).toContain('--ca FICHIER');
  });
});
