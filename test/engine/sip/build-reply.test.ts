import { describe, expect, it } from 'vitest';
import { parseMessage, buildReply, buildRequest, generateBranch, generateTag, generateCallId, SipParseError } from '../../../engine/sip/index.js';

const REQ = Buffer.from(
  'INVITE sip:bob@biloxi.example.com SIP/2.0\r\n' +
    'Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\n' +
    'v: SIP/2.0/UDP b.example.com;branch=z9hG4bK2;received=192.0.2.2\r\n' +
    'Max-Forwards: 70\r\n' +
    'Record-Route: <sip:rr.example.com;lr>\r\n' +
    'To: Bob <sip:bob@biloxi.example.com>\r\n' +
    'From: <sip:alice@atlanta.example.com>;tag=1\r\n' +
    'Call-ID: abc@host\r\n' +
    'CSeq: 7 INVITE\r\n' +
    'Content-Length: 0\r\n\r\n',
);

describe('buildReply', () => {
  const req = parseMessage(REQ);

  it('copies Vias, From, Call-ID, CSeq and tags the To', () => {
    const r = parseMessage(buildReply(req, 486, 'Busy Here', { toTag: 'xyz' }));
    expect(r.status).toBe(486);
    expect(r.reason).toBe('Busy Here');
    expect(r.vias.map((v) => v.branch)).toEqual(['z9hG4bK1', 'z9hG4bK2']);
    expect(r.vias[1].received).toBe('192.0.2.2');
    expect(r.from!.tag).toBe('1');
    expect(r.to!.tag).toBe('xyz');
    expect(r.to!.displayName).toBe('Bob');
    expect(r.callId).toBe('abc@host');
    expect(r.cseq).toEqual({ seq: 7, method: 'INVITE' });
    expect(r.contentLength).toBe(0);
    expect(r.hasHeader('record-route')).toBe(false);
    expect(r.hasHeader('max-forwards')).toBe(false);
  });

  it('adds no tag to 100 Trying and keeps an existing one', () => {
    expect(parseMessage(buildReply(req, 100, 'Trying')).to!.tag).toBeUndefined();
    const generated = parseMessage(buildReply(req, 200, 'OK')).to!.tag;
    expect(generated).toMatch(/^[0-9a-f]{16}$/);
    const tagged = parseMessage(Buffer.from(REQ.toString().replace('To: Bob <sip:bob@biloxi.example.com>', 'To: <sip:b@c>;tag=t1')));
    expect(parseMessage(buildReply(tagged, 200, 'OK', { toTag: 'other' })).to!.tag).toBe('t1');
  });

  it('adds headers, body and Record-Route when asked', () => {
    const r = parseMessage(buildReply(req, 200, 'OK', { headers: [['Contact', '<sip:bob@192.0.2.4>'], ['Allow', 'INVITE, ACK']], body: 'v=0\r\n', contentType: 'application/sdp', copyRecordRoute: true }));
    expect(r.contacts[0].uri).toBe('sip:bob@192.0.2.4');
    expect(r.allow).toEqual(['INVITE', 'ACK']);
    expect(r.contentType).toBe('application/sdp');
    expect(r.body.toString()).toBe('v=0\r\n');
    expect(r.recordRoutes[0].uri).toBe('sip:rr.example.com;lr');
  });

  it('answers a request whose To does not parse', () => {
    const broken = parseMessage(Buffer.from(REQ.toString().replace('To: Bob <sip:bob@biloxi.example.com>', 'To: "unterminated <sip:b@c>')));
    const out = buildReply(broken, 400, 'Bad Request').toString();
    expect(out).toContain('To: "unterminated <sip:b@c>\r\n');
  });

  it('refuses bad input', () => {
    expect(() => buildReply(req, 99, 'x')).toThrow(SipParseError);
    expect(() => buildReply(req, 200, 'O\r\nK')).toThrow(SipParseError);
    const resp = parseMessage(buildReply(req, 200, 'OK'));
    expect(() => buildReply(resp, 200, 'OK')).toThrow(SipParseError);
  });
});

describe('buildRequest', () => {
  it('builds a request that parses back', () => {
    const branch = generateBranch();
    const buf = buildRequest({
      method: 'SUBSCRIBE',
      ruri: 'sip:alice@example.com',
      via: `SIP/2.0/UDP 192.0.2.1:5060;branch=${branch}`,
      from: `<sip:tsips@example.com>;tag=${generateTag()}`,
      to: '<sip:alice@example.com>',
      callId: generateCallId('192.0.2.1'),
      cseq: 1,
      contact: '<sip:tsips@192.0.2.1:5060>',
      route: ['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>'],
      headers: { Event: 'reg', Expires: '3600' },
      body: '',
    });
    const m = parseMessage(buf);
    expect(m.method).toBe('SUBSCRIBE');
    expect(m.via!.branch).toBe(branch);
    expect(m.maxForwards).toBe(70);
    expect(m.routes).toHaveLength(2);
    expect(m.cseq).toEqual({ seq: 1, method: 'SUBSCRIBE' });
    expect(m.event!.package).toBe('reg');
    expect(m.expires).toBe(3600);
    expect(m.callId).toMatch(/^[0-9a-f]{32}@192\.0\.2\.1$/);
    expect(m.contentLength).toBe(0);
  });

  it('writes a body with its type and length', () => {
    const m = parseMessage(buildRequest({ method: 'MESSAGE', ruri: 'sip:a@b', via: ['SIP/2.0/TCP h;branch=z9hG4bKa'], from: '<sip:x@y>;tag=1', to: '<sip:a@b>', callId: 'c', cseq: 2, maxForwards: 10, body: Buffer.from('héllo'), contentType: 'text/plain;charset=utf-8' }));
    expect(m.body.toString()).toBe('héllo');
    expect(m.contentLength).toBe(6);
    expect(m.maxForwards).toBe(10);
  });

  it('refuses bad parts', () => {
    const ok = { method: 'OPTIONS', ruri: 'sip:a@b', via: 'SIP/2.0/UDP h', from: '<sip:x@y>', to: '<sip:a@b>', callId: 'c', cseq: 1 };
    expect(() => buildRequest({ ...ok, method: 'BAD METHOD' })).toThrow(SipParseError);
    expect(() => buildRequest({ ...ok, cseq: 2 ** 31 })).toThrow(SipParseError);
    expect(() => buildRequest({ ...ok, via: [] })).toThrow(SipParseError);
    expect(() => buildRequest({ ...ok, from: 'a\nb' })).toThrow(SipParseError);
    expect(() => buildRequest({ ...ok, maxForwards: 300 })).toThrow(SipParseError);
  });

  it('generates distinct identifiers', () => {
    const set = new Set(Array.from({ length: 1000 }, () => generateBranch()));
    expect(set.size).toBe(1000);
    for (const b of set) expect(b.startsWith('z9hG4bK')).toBe(true);
  });
});
