import { describe, expect, it } from 'vitest';
import { parseMessage, SipParseError } from '../../../engine/sip/index.js';

const crlf = (s: string) => Buffer.from(s.replace(/\n/g, '\r\n'));

const INVITE = crlf(`INVITE sip:bob@biloxi.example.com SIP/2.0
Via: SIP/2.0/UDP pc33.atlanta.example.com:5062;branch=z9hG4bK776asdhds;rport;received=192.0.2.9
Via: SIP/2.0/TCP [2001:db8::1]:5070;branch=z9hG4bKab;rport=4000;ttl=16;maddr=224.2.0.1, SIP/2.0/tls proxy.example.com;branch=z9hG4bKcd
Max-Forwards: 70
To: Bob <sip:bob@biloxi.example.com>
From: "Alice \\"A\\"" <sip:alice@atlanta.example.com>;tag=1928301774;x=y
Call-ID: a84b4c76e66710@pc33.atlanta.example.com
CSeq: 314159 INVITE
Contact: <sip:alice@pc33.atlanta.example.com>;expires=600;q=0.7, "Other" <sip:other@example.com;transport=tcp>
m: sip:third@example.com;q=1
Expires: 3600
Min-Expires: 60
Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>
Record-Route: <sip:rr.example.com;lr>
Path: <sip:edge.example.com;lr;ob>
Supported: path, outbound
k: gruu
Require: 100rel
Allow-Events: presence, reg
Event: presence;id=17;extra
Subscription-State: active;expires=120;reason=timeout;retry-after=30
SIP-ETag: dx200xyz
SIP-If-Match: dx200xyz
User-Agent: tsips/0.1 (test)
P-Associated-URI: <sip:alice@example.com>, <tel:+1-555-0100>
Date: Sat, 13 Nov 2010 23:29:00 GMT
X-Custom: one, "two, three", <sip:a,b@c>
X-Custom: four
Content-Type: application/sdp
Content-Length: 5

v=0
`);

describe('SipMessage accessors', () => {
  const m = parseMessage(INVITE);

  it('reads the start line', () => {
    expect(m.isRequest).toBe(true);
    expect(m.method).toBe('INVITE');
    expect(m.ruri).toBe('sip:bob@biloxi.example.com');
    expect(m.requestUri!.user).toBe('bob');
    expect(m.status).toBe(0);
    expect(m.reason).toBe('');
  });

  it('reads every Via across lines and comma lists', () => {
    expect(m.vias).toHaveLength(3);
    expect(m.via).toBe(m.vias[0]);
    expect(m.vias[0]).toMatchObject({ protocol: 'SIP/2.0', transport: 'UDP', host: 'pc33.atlanta.example.com', port: 5062, branch: 'z9hG4bK776asdhds', rport: true, received: '192.0.2.9' });
    expect(m.vias[1]).toMatchObject({ transport: 'TCP', host: '[2001:db8::1]', port: 5070, rport: 4000, ttl: 16, maddr: '224.2.0.1' });
    expect(m.vias[2]).toMatchObject({ transport: 'TLS', host: 'proxy.example.com', port: undefined, rport: undefined, branch: 'z9hG4bKcd' });
    expect({ ...m.vias[0].params }).toEqual({ branch: 'z9hG4bK776asdhds', rport: null, received: '192.0.2.9' });
    expect(m.vias).toBe(m.vias); // cached
  });

  it('reads From, To, Call-ID, CSeq', () => {
    expect(m.from!.displayName).toBe('Alice "A"');
    expect(m.from!.uri).toBe('sip:alice@atlanta.example.com');
    expect(m.from!.tag).toBe('1928301774');
    expect(m.from!.params.x).toBe('y');
    expect(m.to!.displayName).toBe('Bob');
    expect(m.to!.tag).toBeUndefined();
    expect(m.to!.parsedUri.host).toBe('biloxi.example.com');
    expect(m.callId).toBe('a84b4c76e66710@pc33.atlanta.example.com');
    expect(m.cseq).toEqual({ seq: 314159, method: 'INVITE' });
  });

  it('reads Contacts with expires and q, across compact and long names', () => {
    expect(m.contactStar).toBe(false);
    expect(m.contacts.map((c) => c.uri)).toEqual(['sip:alice@pc33.atlanta.example.com', 'sip:other@example.com;transport=tcp', 'sip:third@example.com']);
    expect(m.contacts[0].expires).toBe(600);
    expect(m.contacts[0].q).toBe(0.7);
    expect(m.contacts[1].displayName).toBe('Other');
    expect(m.contacts[1].expires).toBeUndefined();
    expect(m.contacts[2].q).toBe(1);
  });

  it('reads numbers, lists and the rest', () => {
    expect(m.maxForwards).toBe(70);
    expect(m.expires).toBe(3600);
    expect(m.minExpires).toBe(60);
    expect(m.contentLength).toBe(5);
    expect(m.contentType).toBe('application/sdp');
    expect(m.routes.map((r) => r.uri)).toEqual(['sip:p1.example.com;lr', 'sip:p2.example.com;lr']);
    expect(m.recordRoutes[0].parsedUri.lr).toBe(true);
    expect(m.paths[0].uri).toBe('sip:edge.example.com;lr;ob');
    expect(m.supported).toEqual(['path', 'outbound', 'gruu']);
    expect(m.require).toEqual(['100rel']);
    expect(m.proxyRequire).toEqual([]);
    expect(m.allowEvents).toEqual(['presence', 'reg']);
    expect(m.event).toMatchObject({ package: 'presence', id: '17' });
    expect('extra' in m.event!.params).toBe(true);
    expect(m.subscriptionState).toMatchObject({ state: 'active', expires: 120, reason: 'timeout', retryAfter: 30 });
    expect(m.sipETag).toBe('dx200xyz');
    expect(m.sipIfMatch).toBe('dx200xyz');
    expect(m.userAgent).toBe('tsips/0.1 (test)');
    expect(m.pAssociatedUris.map((u) => u.uri)).toEqual(['sip:alice@example.com', 'tel:+1-555-0100']);
    expect(m.date!.time!.toISOString()).toBe('2010-11-13T23:29:00.000Z');
    expect(m.body.toString()).toBe('v=0\r\n');
  });

  it('gives generic header access', () => {
    expect(m.header('x-custom')).toBe('one, "two, three", <sip:a,b@c>');
    expect(m.headers('X-CUSTOM')).toEqual(['one, "two, three", <sip:a,b@c>', 'four']);
    expect(m.headerValues('x-custom')).toEqual(['one', '"two, three"', '<sip:a,b@c>', 'four']);
    expect(m.hasHeader('l')).toBe(true);
    expect(m.hasHeader('k')).toBe(true);
    expect(m.header('i')).toBe(m.callId);
    expect(m.hasHeader('Proxy-Require')).toBe(false);
    expect(m.header('nope')).toBeUndefined();
    expect(m.headerCount).toBe(29);
    expect(m.headerLineCount('contact')).toBe(2);
  });
});

describe('header values', () => {
  it('unfolds continuation lines and decodes UTF-8', () => {
    const m = parseMessage(Buffer.from('MESSAGE sip:a@b SIP/2.0\r\nSubject: one\r\n  two\r\n\tthree\r\nX-Name: h\u00e9llo w\u00f6rld\r\nFrom: "J\u00fcrgen" <sip:j@b>;tag=1\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\n ;received=192.0.2.1\r\nContent-Length: 0\r\n\r\n', 'utf8'));
    expect(m.subject).toBe('one two three');
    expect(m.header('x-name')).toBe('h\u00e9llo w\u00f6rld');
    expect(m.from!.displayName).toBe('J\u00fcrgen');
    expect(m.via!.received).toBe('192.0.2.1');
  });

  it('reads the top Via alone, then all of them', () => {
    const m = parseMessage(Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b;branch=z9hG4bK2\r\nl: 0\r\n\r\n'));
    expect(m.via!.host).toBe('a');
    expect(m.vias.map((v) => v.host)).toEqual(['a', 'b']);
    expect(m.via).toBe(m.vias[0]);
    const bad = parseMessage(Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1 junk\r\nl: 0\r\n\r\n'));
    expect(() => bad.via).toThrow(SipParseError);
  });

  it('keeps a parameter named like an Object property as a plain parameter', () => {
    const m = parseMessage(Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nFrom: <sip:a@b>;constructor=1;__proto__;tag=x\r\nl: 0\r\n\r\n'));
    expect(m.from!.params.constructor).toBe('1');
    expect(m.from!.params.__proto__).toBeNull();
    expect(m.from!.params.toString).toBeUndefined();
    expect(m.from!.param('TAG')).toBe('x');
  });
});

describe('parseMessage', () => {
  it('reads responses', () => {
    const r = parseMessage(crlf('SIP/2.0 486 Busy Here\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\nCSeq: 2 INVITE\nContent-Length: 0\n\n'));
    expect(r.isRequest).toBe(false);
    expect(r.status).toBe(486);
    expect(r.reason).toBe('Busy Here');
    expect(r.method).toBe('INVITE');
    expect(r.ruri).toBe('');
    expect(r.requestUri).toBeUndefined();
  });

  it('reads Contact: * and rejects it among others', () => {
    const m = parseMessage(crlf('REGISTER sip:r SIP/2.0\nContact: *\nExpires: 0\nl: 0\n\n'));
    expect(m.contactStar).toBe(true);
    expect(m.contacts).toEqual([]);
    const bad = parseMessage(crlf('REGISTER sip:r SIP/2.0\nContact: *\nContact: <sip:a@b>\nl: 0\n\n'));
    expect(() => bad.contacts).toThrow(SipParseError);
  });

  it('tolerates leading empty lines and bare LF line ends', () => {
    const m = parseMessage(Buffer.from('\r\n\r\nOPTIONS sip:a@b SIP/2.0\nCall-ID: x\nContent-Length: 0\n\n'));
    expect(m.method).toBe('OPTIONS');
    expect(m.callId).toBe('x');
  });

  it('applies datagram Content-Length rules', () => {
    const base = 'MESSAGE sip:a@b SIP/2.0\r\nCall-ID: x\r\n';
    expect(parseMessage(Buffer.from(base + 'Content-Length: 2\r\n\r\nhello'), { datagram: true }).body.toString()).toBe('he');
    expect(parseMessage(Buffer.from(base + '\r\nhello'), { datagram: true }).body.toString()).toBe('hello');
    expect(() => parseMessage(Buffer.from(base + 'Content-Length: 9\r\n\r\nhello'), { datagram: true })).toThrow(/Content-Length 9/);
    // stream framing: exact length only
    expect(() => parseMessage(Buffer.from(base + 'Content-Length: 2\r\n\r\nhello'))).toThrow(SipParseError);
    expect(() => parseMessage(Buffer.from(base + '\r\nhello'))).toThrow(SipParseError);
    expect(parseMessage(Buffer.from(base + '\r\n')).body.length).toBe(0);
  });

  it('enforces limits with typed errors', () => {
    const many = 'OPTIONS sip:a@b SIP/2.0\r\n' + 'X-A: 1\r\n'.repeat(20) + '\r\n';
    expect(() => parseMessage(Buffer.from(many), { maxHeaders: 10 })).toThrow(expect.objectContaining({ code: 'SIP_TOO_MANY_HEADERS' }));
    expect(() => parseMessage(Buffer.from(many), { maxHeaderBytes: 50 })).toThrow(expect.objectContaining({ code: 'SIP_TOO_LARGE' }));
    const long = 'OPTIONS sip:a@b SIP/2.0\r\nX-A: ' + 'a'.repeat(9000) + '\r\n\r\n';
    expect(() => parseMessage(Buffer.from(long))).toThrow(expect.objectContaining({ code: 'SIP_TOO_LARGE' }));
    expect(() => parseMessage(Buffer.alloc(70000, 0x41))).toThrow(expect.objectContaining({ code: 'SIP_TOO_LARGE' }));
  });

  it('rejects broken start lines and headers', () => {
    const code = (s: string) => {
      try {
        parseMessage(Buffer.from(s));
        return 'ok';
      } catch (e) {
        return (e as SipParseError).code;
      }
    };
    expect(code('')).toBe('SIP_BAD_START_LINE');
    expect(code('INVITE')).toBe('SIP_INCOMPLETE');
    expect(code('SIP/2.0 20 OK\r\n\r\n')).toBe('SIP_BAD_STATUS');
    expect(code('SIP/2.0 700 OK\r\n\r\n')).toBe('SIP_BAD_STATUS');
    expect(code('SIP/3.0 200 OK\r\n\r\n')).toBe('SIP_BAD_VERSION');
    expect(code('INVITE sip:a@b HTTP/1.1\r\n\r\n')).toBe('SIP_BAD_START_LINE');
    expect(code('INV ITE sip:a@b SIP/2.0\r\n\r\n')).toBe('SIP_BAD_START_LINE');
    expect(code('INVITE sip:a@b SIP/2.0\r\n folded first\r\n\r\n')).toBe('SIP_BAD_HEADER');
    expect(code('INVITE sip:a@b SIP/2.0\r\nNoColon\r\n\r\n')).toBe('SIP_BAD_HEADER');
    expect(code('INVITE sip:a@b SIP/2.0\r\nVia: x\r\n')).toBe('SIP_INCOMPLETE');
    expect(code('INVITE sip:a@b SIP/2.0\r\nl: 1x\r\n\r\n')).toBe('SIP_CONTENT_LENGTH');
  });

  it('throws SipParseError from accessors of malformed values', () => {
    const m = parseMessage(crlf('INVITE sip:a@b SIP/2.0\nVia: SIP/2.0/UDP\nMax-Forwards: 256\nExpires: -1\nCSeq: 1\nFrom: <sip:a@b\nTo: a b c\nEvent: ;x\nSubscription-State: active;reason\nSIP-ETag: a b\nCall-ID: a b\nl: 0\n\n'));
    for (const read of [() => m.vias, () => m.maxForwards, () => m.expires, () => m.cseq, () => m.from, () => m.to, () => m.event, () => m.subscriptionState, () => m.sipETag, () => m.callId]) {
      expect(read).toThrow(SipParseError);
    }
  });
});
