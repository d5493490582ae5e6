// is_myself: sockets (bound and advertised), alias= with ports and accept_subdomain,
// advertised_address; IPv6 in any spelling.
import { describe, it, expect } from 'vitest';
import { createMyselfCheck } from '../../../../engine/core/server/is-myself.js';
import { defaultCoreConfig } from '../../../../engine/core/server/index.js';
import type { ListenSocket } from '../../../../engine/transport/index.js';

const sock = (address: string, port: number, advertised?: { host: string; port?: number }): ListenSocket =>
  ({ id: 1, proto: 'udp', address, port, family: address.includes(':') ? 'IPv6' : 'IPv4', advertised, spec: { proto: 'udp', host: address, port }, name: `udp:${address}:${port}` });

describe('is_myself', () => {
  const cfg = { ...defaultCoreConfig('0'), aliases: [
    { proto: null, host: 'example.com', port: 0, acceptSubdomain: false },
    { proto: 'udp', host: 'example.org', port: 5080, acceptSubdomain: true },
  ], advertisedAddress: 'public.example.net' };
  const me = createMyselfCheck(() => [sock('127.0.0.1', 5060), sock('::1', 5060, { host: '203.0.113.5', port: 5070 })], cfg);

  it.each([
    ['127.0.0.1', 5060, true], ['127.0.0.1', 0, true], ['127.0.0.1', 5061, false],
    ['[::1]', 5060, true], ['0:0::1', 5060, true], ['203.0.113.5', 5070, true],
    ['EXAMPLE.com', 0, true], ['example.com', 9999, true], ['a.example.com', 0, false],
    ['sub.example.org', 5080, true], ['example.org', 5060, false],
    ['public.example.net', 0, true], ['192.0.2.1', 5060, false],
  ] as const)('%s:%d -> %s', (host, port, expected) => {
    expect(me(host, port)).toBe(expected);
  });
});
