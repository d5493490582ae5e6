// RFC 4475 torture messages, driven by corpus/rfc4475/index.json: every valid message parses
// with the values in `checks`; every invalid one fails to parse or fails the sanity check.
// All are parsed as UDP datagrams, the transport the RFC's cases assume.
import { describe, expect, it } from 'vitest';
import { parseMessage, checkSanity, SipParseError, SIP_ERROR_CODES, type SipMessage } from '../../../engine/sip/index.js';
import { tortureCases, tortureBytes } from './corpus.js';
import { evaluateCheck } from './check-keys.js';

type Outcome = { msg: SipMessage; sanity: string | null } | { error: SipParseError };

function run(file: string): Outcome {
  try {
    const msg = parseMessage(tortureBytes(file), { datagram: true });
    return { msg, sanity: checkSanity(msg) };
  } catch (e) {
    if (!(e instanceof SipParseError)) throw e;
    return { error: e };
  }
}

// reject-or-accept cases we accept, and why (RFC 4475 allows a liberal parser to):
const LENIENT: Record<string, string> = {
  lwsstart: 'runs of SP between request-line elements are skipped, as OpenSIPS does',
  trws: 'SP before the request-line end is ignored',
  escruri: 'the ?headers of the Request-URI are kept in requestUri.headers for the script to judge',
  baddate: 'a Date that is not rfc1123 GMT is ignored: date.time is undefined',
  regbadct: "an addr-spec with '?headers' outside <> is read as if it were enclosed",
  badaspec: 'spaces just inside < > are trimmed from the URI',
};

describe('RFC 4475 torture messages', () => {
  for (const t of tortureCases()) {
    it(`${t.name} (${t.section} ${t.title}): ${t.parser}`, () => {
      const out = run(t.file);
      if (t.parser === 'reject') {
        if ('error' in out) {
          expect(Object.keys(SIP_ERROR_CODES)).toContain(out.error.code);
          expect(out.error.reason.length).toBeGreaterThan(0);
        } else {
          expect(out.sanity, `${t.name} should fail parse or sanity`).toEqual(expect.any(String));
        }
        return;
      }
      if ('error' in out) throw new Error(`${t.name} rejected: ${out.error.message}`);
      if (t.parser === 'reject-or-accept') {
        expect(LENIENT[t.name], `no note for lenient ${t.name}`).toBeDefined();
        expect(out.sanity).toBeNull();
        return;
      }
      // parser: accept. insuf and multi01 are invalid but parse; the sanity check rejects them.
      if (t.valid) expect(out.sanity).toBeNull();
      else expect(out.sanity).toEqual(expect.any(String));
      for (const [key, want] of Object.entries(t.checks ?? {})) {
        expect(evaluateCheck(out.msg, key), key).toEqual(want);
      }
    });
  }

  it('exposes what the lenient cases were liberal about', () => {
    const ok = (f: string) => {
      const o = run(f);
      if ('error' in o) throw o.error;
      return o.msg;
    };
    expect(ok('lwsstart.dat').ruri).toBe('sip:user@example.com');
    expect(ok('trws.dat').ruri).toBe('sip:remote-target@example.com');
    expect(ok('escruri.dat').requestUri!.headersUnescaped).toEqual({ Route: '<sip:example.com>' });
    expect(ok('baddate.dat').date).toEqual({ raw: 'Fri, 01 Jan 2010 16:00:00 EST', time: undefined });
    expect(ok('regbadct.dat').contacts[0].uri).toBe('sip:user@example.com?Route=%3Csip:sip.example.com%3E');
    expect(ok('badaspec.dat').to!.uri).toBe('sip:t.watson@example.org');
    expect(ok('badaspec.dat').to!.displayName).toBe('Watson, Thomas');
  });

  it('rejects each invalid message for the expected reason', () => {
    const code = (f: string) => {
      const o = run(f);
      return 'error' in o ? o.error.code : o.sanity;
    };
    expect(code('clerr.dat')).toBe('SIP_CONTENT_LENGTH');
    expect(code('ncl.dat')).toBe('SIP_CONTENT_LENGTH');
    expect(code('mcl01.dat')).toBe('SIP_CONTENT_LENGTH');
    expect(code('badvers.dat')).toBe('SIP_BAD_VERSION');
    expect(code('bigcode.dat')).toBe('SIP_BAD_STATUS');
    expect(code('ltgtruri.dat')).toBe('SIP_BAD_START_LINE');
    expect(code('lwsruri.dat')).toBe('SIP_BAD_START_LINE');
    expect(code('baddn.dat')).toBe('SIP_INCOMPLETE');
    expect(code('test.dat')).toBe('SIP_BAD_START_LINE');
    expect(code('mismatch01.dat')).toMatch(/CSeq method INVITE does not match/);
    expect(code('mismatch02.dat')).toMatch(/CSeq method INVITE does not match/);
    expect(code('insuf.dat')).toMatch(/missing/);
    expect(code('multi01.dat')).toMatch(/more than once/);
    expect(code('badinv01.dat')).toMatch(/via/);
    expect(code('quotbal.dat')).toMatch(/unterminated quoted string/);
    expect(code('scalar02.dat')).toMatch(/cseq/);
    expect(code('scalarlg.dat')).toMatch(/cseq/);
  });

  it('rejects baddn for its display name too, once framed', () => {
    const buf = Buffer.concat([tortureBytes('baddn.dat'), Buffer.from('\r\n')]);
    const msg = parseMessage(buf, { datagram: true });
    expect(checkSanity(msg)).toMatch(/from/);
  });
});
