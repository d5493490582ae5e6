import { describe, it, expect } from 'vitest';
import { responseTarget, receivedParams, sameAddress, type ViaLike } from '../../../engine/transport/index.js';
import { parseMessage } from '../../../engine/sip/index.js';

const via = (v: Partial<ViaLike>): ViaLike => ({ transport: 'UDP', host: '192.0.2.1', ...v });
const udpSrc = { proto: 'udp', address: '198.51.100.7', port: 40000 };
const tcpSrc = { proto: 'tcp', address: '198.51.100.7', port: 40001, connectionId: 12 };

describe('responseTarget (RFC 3261 18.2.2, RFC 3581 4)', () => {
  const cases: [string, ViaLike, typeof udpSrc & { connectionId?: number }, object][] = [
    ['reliable: the connection it came on, fallback received + sent-by port', via({ transport: 'TCP', port: 5070 }), tcpSrc,
      { proto: 'tcp', address: '198.51.100.7', port: 5070, connectionId: 12 }],
    ['reliable: rport does not move the port', via({ transport: 'TCP', rport: true }), tcpSrc,
      { proto: 'tcp', address: '198.51.100.7', port: 5060, connectionId: 12 }],
    ['reliable TLS: default port 5061', via({ transport: 'TLS' }), { ...tcpSrc, proto: 'tls' },
      { proto: 'tls', address: '198.51.100.7', port: 5061, connectionId: 12 }],
    ['maddr: to maddr and the sent-by port', via({ maddr: '239.255.255.1', port: 5080 }), udpSrc,
      { proto: 'udp', address: '239.255.255.1', port: 5080 }],
    ['maddr without port: 5060', via({ maddr: '239.255.255.1' }), udpSrc, { proto: 'udp', address: '239.255.255.1', port: 5060 }],
    ['received + rport: source address and source port', via({ rport: true, port: 5070 }), udpSrc,
      { proto: 'udp', address: '198.51.100.7', port: 40000 }],
    ['rport already filled: that port', via({ rport: 41000, received: '198.51.100.9' }), udpSrc,
      { proto: 'udp', address: '198.51.100.9', port: 41000 }],
    ['received, no rport: received address, sent-by port', via({ port: 5070 }), udpSrc,
      { proto: 'udp', address: '198.51.100.7', port: 5070 }],
    ['not receiver-tagged: sent-by, default port', via({ host: '198.51.100.7' }), udpSrc,
      { proto: 'udp', address: '198.51.100.7', port: 5060 }],
  ];
  it.each(cases)('%s', (_name, v, src, expected) => {
    expect(responseTarget(v, src)).toEqual(expected);
  });

  it('works on the Via engine/sip parses', () => {
    const m = parseMessage(Buffer.from(
      'OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP [::1]:5070;rport;branch=z9hG4bK1\r\nVia: SIP/2.0/UDP 10.0.0.1\r\n' +
      'Call-ID: x\r\nCSeq: 1 OPTIONS\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n'), { datagram: true });
    const src = { proto: 'udp', address: '::1', port: 39999 };
    expect(responseTarget(m.vias[0], src)).toEqual({ proto: 'udp', address: '::1', port: 39999 });
    expect(receivedParams(m.vias[0], src)).toEqual({ rport: 39999, received: '::1' });
  });
});

describe('receivedParams (RFC 3261 18.2.1, RFC 3581 4)', () => {
  it('adds received when sent-by is another address or a name', () => {
    expect(receivedParams(via({ host: '192.0.2.1' }), udpSrc)).toEqual({ received: '198.51.100.7' });
    expect(receivedParams(via({ host: 'pc33.example.com' }), udpSrc)).toEqual({ received: '198.51.100.7' });
  });
  it('adds nothing when sent-by is the source address, however written', () => {
    expect(receivedParams(via({ host: '198.51.100.7' }), udpSrc)).toEqual({});
    expect(receivedParams(via({ host: '[2001:DB8::1]' }), { ...udpSrc, address: '2001:db8:0:0::1' })).toEqual({});
  });
  it('fills a bare rport and then always adds received', () => {
    expect(receivedParams(via({ host: '198.51.100.7', rport: true }), udpSrc)).toEqual({ rport: 40000, received: '198.51.100.7' });
  });
  it('leaves an rport that has a value alone', () => {
    expect(receivedParams(via({ host: '198.51.100.7', rport: 5999 }), udpSrc)).toEqual({});
  });
});

describe('sameAddress', () => {
  it('compares IPv6 in full form and never equates a name with an address', () => {
    expect(sameAddress('::1', '0:0:0:0:0:0:0:1')).toBe(true);
    expect(sameAddress('[::ffff:1.2.3.4]', '::ffff:102:304')).toBe(true);
    expect(sameAddress('1.2.3.4', '1.2.3.5')).toBe(false);
    expect(sameAddress('localhost', '127.0.0.1')).toBe(false);
    expect(sameAddress('::1', '127.0.0.1')).toBe(false);
  });
});
