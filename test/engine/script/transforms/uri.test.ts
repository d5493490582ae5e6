// uri.*, nameaddr.* and via.* transformations on their own (engine/script/transforms).
import { describe, it, expect } from 'vitest';
import { findTransform } from '../../../../engine/script/transforms/index.js';
import { str, type MaybeValue } from '../../../../engine/script/value.js';

const apply = (name: string, input: MaybeValue, ...args: (string | number)[]) => {
  const r = findTransform(name)!.apply(input, args);
  return r === null ? null : r.s;
};
const U = 'sip:alice:secret@atlanta.example.com:5061;transport=TCP;lr;maddr=10.0.0.1;user=phone;method=INVITE;ttl=5;r2=on?subject=hi&x=y';

describe('uri.*', () => {
  it('reads every part', () => {
    const v = str(U);
    expect(['uri.user', 'uri.host', 'uri.domain', 'uri.port', 'uri.passwd', 'uri.headers', 'uri.transport', 'uri.ttl', 'uri.uparam', 'uri.maddr', 'uri.method', 'uri.lr', 'uri.r2', 'uri.schema']
      .map((n) => apply(n, v))).toEqual(['alice', 'atlanta.example.com', 'atlanta.example.com', '5061', 'secret', 'subject=hi&x=y', 'TCP', '5', 'phone', '10.0.0.1', 'INVITE', '', 'on', 'sip']);
    expect(apply('uri.params', v)).toBe('transport=TCP;lr;maddr=10.0.0.1;user=phone;method=INVITE;ttl=5;r2=on');
    expect(apply('uri.param', v, 'maddr')).toBe('10.0.0.1');
  });
  it('gives empty strings for absent parts and the port an integer form', () => {
    const v = str('sip:example.com');
    expect([apply('uri.user', v), apply('uri.port', v), apply('uri.params', v), apply('uri.param', v, 'x')]).toEqual(['', '', '', '']);
    expect(findTransform('uri.port')!.apply(str('sip:a@b:5080'), [])).toEqual({ s: '5080', i: 5080, intFirst: false });
  });
  it('makes a non-URI NULL and passes NULL through', () => {
    expect(apply('uri.user', str('not a uri'))).toBeNull();
    expect(apply('uri.host', null)).toBeNull();
  });
});

describe('nameaddr.*', () => {
  const v = str('"Bob Smith" <sip:bob@biloxi.example.com;transport=udp>;tag=a6c85cf;expires=60');
  it('reads the URI, name, params and length', () => {
    expect(apply('nameaddr.uri', v)).toBe('sip:bob@biloxi.example.com;transport=udp');
    expect(apply('nameaddr.name', v)).toBe('Bob Smith');
    expect(apply('nameaddr.param', v, 'tag')).toBe('a6c85cf');
    expect(apply('nameaddr.params', v)).toBe('tag=a6c85cf;expires=60');
    expect(findTransform('nameaddr.len')!.apply(v, [])!.i).toBe(v.s!.length);
  });
  it('works on a bare addr-spec and refuses garbage', () => {
    expect(apply('nameaddr.uri', str('sip:a@b'))).toBe('sip:a@b');
    expect(apply('nameaddr.uri', str('<<<'))).toBeNull();
  });
});

describe('via.*', () => {
  const v = str('SIP/2.0/TCP client.example.com:5070;branch=z9hG4bK74b;received=192.0.2.1;rport=5071 (comment here)');
  it('reads every part', () => {
    expect(['via.name', 'via.version', 'via.transport', 'via.host', 'via.port', 'via.branch', 'via.received', 'via.rport', 'via.comment']
      .map((n) => apply(n, v))).toEqual(['SIP', '2.0', 'TCP', 'client.example.com', '5070', 'z9hG4bK74b', '192.0.2.1', '5071', 'comment here']);
    expect(apply('via.param', v, 'BRANCH')).toBe('z9hG4bK74b');
  });
  it('defaults the port and gives NULL for absent parameters', () => {
    const w = str('SIP/2.0/UDP host.example.com;branch=z9hG4bKx');
    expect([apply('via.port', w), apply('via.received', w), apply('via.params', w)]).toEqual(['5060', null, 'branch=z9hG4bKx']);
  });
});
