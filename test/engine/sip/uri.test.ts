import { describe, expect, it } from 'vitest';
import { parseUri, SipParseError } from '../../../engine/sip/index.js';

describe('parseUri', () => {
  it('reads every part of a SIP URI', () => {
    const u = parseUri('sips:alice:secret@Atlanta.example.com:5061;transport=TCP;user=phone;method=INVITE;ttl=15;maddr=239.255.255.1;lr;x=1?subject=project%20x&priority=urgent');
    expect(u.scheme).toBe('sips');
    expect(u.user).toBe('alice');
    expect(u.password).toBe('secret');
    expect(u.host).toBe('Atlanta.example.com');
    expect(u.port).toBe(5061);
    expect(u.transport).toBe('tcp');
    expect(u.userParam).toBe('phone');
    expect(u.method).toBe('INVITE');
    expect(u.ttl).toBe(15);
    expect(u.maddr).toBe('239.255.255.1');
    expect(u.lr).toBe(true);
    expect(u.param('X')).toBe('1');
    expect({ ...u.headers }).toEqual({ subject: 'project%20x', priority: 'urgent' });
    expect({ ...u.headersUnescaped }).toEqual({ subject: 'project x', priority: 'urgent' });
    expect(String(u)).toBe(u.raw);
  });

  it('reads hosts: names, IPv4, IPv6 references', () => {
    expect(parseUri('sip:example.com').host).toBe('example.com');
    expect(parseUri('sip:192.0.2.1:5060').port).toBe(5060);
    const v6 = parseUri('sip:bob@[2001:db8::10]:5070;transport=udp');
    expect(v6.host).toBe('[2001:db8::10]');
    expect(v6.port).toBe(5070);
    expect(v6.user).toBe('bob');
  });

  it('keeps escapes raw and decodes them on request', () => {
    const u = parseUri('sip:I%20have%20spaces@example.net;n%61me=v%61lue%25%34%31');
    expect(u.user).toBe('I%20have%20spaces');
    expect(u.userUnescaped).toBe('I have spaces');
    expect({ ...u.paramsUnescaped }).toEqual({ name: 'value%41' });
    expect(parseUri('sip:null-%00-null@example.com').userUnescaped).toBe('null-\0-null');
    expect(parseUri('sip:100%@example.com').userUnescaped).toBe('100%');
  });

  it('reads tel and keeps unknown schemes opaque', () => {
    const t = parseUri('tel:+1-201-555-0123;phone-context=example.com');
    expect(t.scheme).toBe('tel');
    expect(t.user).toBe('+1-201-555-0123');
    expect(t.params['phone-context']).toBe('example.com');
    const o = parseUri('soap.beep://192.0.2.103:3002');
    expect(o.scheme).toBe('soap.beep');
    expect(o.opaque).toBe('//192.0.2.103:3002');
  });

  it('rejects malformed URIs with SIP_BAD_URI', () => {
    for (const bad of ['', 'sip', ':x', 'sip:', 'sip:@host', 'sip:host:99999', 'sip:host:', 'sip:[::1', 'sip:a@b;', 'sip:a@b;x=', 'sip:a@b c', 'sip:a@b?x', 'tel:', 'tel:+', 'tel:12 3', 'http:']) {
      expect(() => parseUri(bad), bad).toThrow(SipParseError);
    }
  });
});
