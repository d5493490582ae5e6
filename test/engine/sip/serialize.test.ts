import { describe, expect, it } from 'vitest';
import { parseMessage, editMessage, SipParseError } from '../../../engine/sip/index.js';

const REQ = Buffer.from(
  'INVITE sip:bob@biloxi.example.com SIP/2.0\r\n' +
    'Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/UDP b.example.com;branch=z9hG4bK2\r\n' +
    'Via: SIP/2.0/UDP c.example.com;branch=z9hG4bK3\r\n' +
    'Max-Forwards: 70\r\n' +
    'To: <sip:bob@biloxi.example.com>\r\n' +
    'From: <sip:alice@atlanta.example.com>;tag=1\r\n' +
    'Call-ID: abc\r\n' +
    'CSeq: 1 INVITE\r\n' +
    'X-Folded: one\r\n two\r\n' +
    'Content-Type: text/plain\r\n' +
    'Content-Length: 5\r\n' +
    '\r\n' +
    'hello',
);

describe('MessageEditor', () => {
  it('reproduces an untouched message byte for byte', () => {
    expect(editMessage(parseMessage(REQ)).toBuffer().equals(REQ)).toBe(true);
  });

  it('pushes and pops Vias', () => {
    const m = parseMessage(REQ);
    const out = parseMessage(editMessage(m).prependVia('SIP/2.0/UDP proxy.example.com;branch=z9hG4bKp').toBuffer());
    expect(out.vias.map((v) => v.host)).toEqual(['proxy.example.com', 'a.example.com', 'b.example.com', 'c.example.com']);
    const popped = parseMessage(editMessage(m).removeTopVia().toBuffer());
    expect(popped.vias.map((v) => v.host)).toEqual(['b.example.com', 'c.example.com']);
    const twice = parseMessage(editMessage(m).removeTopVia().removeTopVia().removeTopVia().toBuffer());
    expect(twice.vias).toEqual([]);
    expect(() => editMessage(twice).removeTopVia()).toThrow(SipParseError);
    const pushPop = editMessage(m).prependVia('SIP/2.0/UDP p;branch=z9hG4bKp').removeTopVia().toBuffer();
    expect(pushPop.equals(REQ)).toBe(true);
  });

  it('adds, removes and replaces headers and copies the rest', () => {
    const m = parseMessage(REQ);
    const e = editMessage(m);
    e.addHeader('Record-Route', '<sip:p.example.com;lr>', 'top').addHeader('x-new', 'v');
    expect(e.removeHeader('x-folded')).toBe(1);
    e.replaceHeader('max-forwards', '69');
    const out = e.toBuffer().toString();
    expect(out.startsWith('INVITE sip:bob@biloxi.example.com SIP/2.0\r\nRecord-Route: <sip:p.example.com;lr>\r\nVia:')).toBe(true);
    expect(out).toContain('Max-Forwards: 69\r\n');
    expect(out).toContain('Content-Length: 5\r\nX-New: v\r\n\r\nhello');
    expect(out).not.toContain('X-Folded');
    const back = parseMessage(Buffer.from(out));
    expect(back.maxForwards).toBe(69);
    expect(back.recordRoutes[0].uri).toBe('sip:p.example.com;lr');
  });

  it('changes the Request-URI and the body', () => {
    const m = parseMessage(REQ);
    const out = parseMessage(editMessage(m).setRequestUri('sip:bob@192.0.2.4:5060').setBody('v=0\r\n', 'application/sdp').toBuffer());
    expect(out.ruri).toBe('sip:bob@192.0.2.4:5060');
    expect(out.contentType).toBe('application/sdp');
    expect(out.contentLength).toBe(5);
    expect(out.body.toString()).toBe('v=0\r\n');
    const empty = parseMessage(editMessage(m).setBody(Buffer.alloc(0)).toBuffer());
    expect(empty.contentLength).toBe(0);
    expect(empty.hasHeader('content-type')).toBe(false);
  });

  it('adds Content-Length when a datagram had none, and drops trailing datagram bytes', () => {
    const dg = Buffer.from('MESSAGE sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\nhi');
    expect(editMessage(parseMessage(dg, { datagram: true })).toBuffer().toString()).toBe('MESSAGE sip:a@b SIP/2.0\r\nCall-ID: x\r\nContent-Length: 2\r\n\r\nhi');
    const extra = Buffer.from('MESSAGE sip:a@b SIP/2.0\r\nl: 2\r\n\r\nhiJUNK');
    expect(editMessage(parseMessage(extra, { datagram: true })).toBuffer().toString()).toBe('MESSAGE sip:a@b SIP/2.0\r\nl: 2\r\n\r\nhi');
  });

  it('refuses header injection', () => {
    const e = editMessage(parseMessage(REQ));
    expect(() => e.addHeader('X-A', 'a\r\nVia: evil')).toThrow(SipParseError);
    expect(() => e.addHeader('X A', 'a')).toThrow(SipParseError);
    expect(() => e.setRequestUri('sip:a b')).toThrow(SipParseError);
  });
});
