import { describe, it, expect } from 'vitest';
import { requestTarget, chooseRequestTransport } from '../../../engine/transport/index.js';

describe('requestTarget', () => {
  it.each([
    [{ host: '192.0.2.1' }, { proto: 'udp', address: '192.0.2.1', port: 5060, needsResolution: false }],
    [{ host: '192.0.2.1', transport: 'TCP' }, { proto: 'tcp', address: '192.0.2.1', port: 5060, needsResolution: false }],
    [{ host: '[2001:db8::1]', port: 5070 }, { proto: 'udp', address: '2001:db8::1', port: 5070, needsResolution: false }],
    [{ host: 'example.com', secure: true }, { proto: 'tls', address: 'example.com', port: 5061, needsResolution: true }],
    [{ host: 'example.com', port: 5080 }, { proto: 'udp', address: 'example.com', port: 5080, needsResolution: false }],
    [{ host: 'example.com', maddr: '192.0.2.9' }, { proto: 'udp', address: '192.0.2.9', port: 5060, needsResolution: false }],
  ])('%j', (uri, expected) => {
    expect(requestTarget(uri)).toEqual(expected);
  });
});

describe('chooseRequestTransport (RFC 3261 18.1.1)', () => {
  it('moves a UDP request above 1300 bytes to TCP when the path MTU is unknown', () => {
    expect(chooseRequestTransport(1300, 'udp')).toBe('udp');
    expect(chooseRequestTransport(1301, 'udp')).toBe('tcp');
  });
  it('uses 200 bytes under a known path MTU', () => {
    expect(chooseRequestTransport(1300, 'udp', 1500)).toBe('udp');
    expect(chooseRequestTransport(1301, 'udp', 1500)).toBe('tcp');
    expect(chooseRequestTransport(8000, 'udp', 9000)).toBe('udp');
  });
  it('leaves other protocols alone', () => {
    expect(chooseRequestTransport(5000, 'tcp')).toBe('tcp');
    expect(chooseRequestTransport(5000, 'tls')).toBe('tls');
  });
});
