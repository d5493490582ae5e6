import { describe, it, expect } from 'vitest';
import { parseSocketSpec, TransportError, bindAddresses } from '../../../engine/transport/index.js';

describe('parseSocketSpec', () => {
  const valid: [string, object[]][] = [
    ['udp:127.0.0.1:5060', [{ proto: 'udp', host: '127.0.0.1', port: 5060 }]],
    ['tcp:[::1]:5061', [{ proto: 'tcp', host: '::1', port: 5061 }]],
    ['127.0.0.1', [{ proto: 'udp', host: '127.0.0.1', port: 5060 }]],
    ['tcp:10.0.0.1', [{ proto: 'tcp', host: '10.0.0.1', port: 5060 }]],
    ['udp:*:5060', [{ proto: 'udp', host: '*', port: 5060 }]],
    ['UDP:localhost:5070', [{ proto: 'udp', host: 'localhost', port: 5070 }]],
    ['udp:::1', [{ proto: 'udp', host: '::1', port: 5060 }]],
    ['[::1]:5099', [{ proto: 'udp', host: '::1', port: 5099 }]],
    ['udp:"sip.example.com":5060', [{ proto: 'udp', host: 'sip.example.com', port: 5060 }]],
    ['udp:eth0:5060', [{ proto: 'udp', host: 'eth0', port: 5060 }]],
    ['udp:127.0.0.1:0', [{ proto: 'udp', host: '127.0.0.1', port: 0 }]],
    ['udp:127.0.0.1:5060-5062', [5060, 5061, 5062].map((port) => ({ proto: 'udp', host: '127.0.0.1', port }))],
    ['udp:127.0.0.1:5060,5070-5071', [5060, 5070, 5071].map((port) => ({ proto: 'udp', host: '127.0.0.1', port }))],
    ['udp:10.0.0.5:5060 as 203.0.113.7:5080', [{ proto: 'udp', host: '10.0.0.5', port: 5060, advertised: { host: '203.0.113.7', port: 5080 } }]],
    ['udp:10.0.0.5 as sip.example.com', [{ proto: 'udp', host: '10.0.0.5', port: 5060, advertised: { host: 'sip.example.com' } }]],
    ['udp:10.0.0.5:5060-5061 as 203.0.113.7:6060-6061', [
      { proto: 'udp', host: '10.0.0.5', port: 5060, advertised: { host: '203.0.113.7', port: 6060 } },
      { proto: 'udp', host: '10.0.0.5', port: 5061, advertised: { host: '203.0.113.7', port: 6061 } },
    ]],
    ['  tcp:127.0.0.1:5060 use_workers 2 tag mytag  ', [{ proto: 'tcp', host: '127.0.0.1', port: 5060, tag: 'mytag' }]],
    ['udp:127.0.0.1:5060 anycast reuse_port frag', [{ proto: 'udp', host: '127.0.0.1', port: 5060 }]],
  ];
  it.each(valid)('%s', (text, expected) => {
    expect(parseSocketSpec(text)).toEqual(expected);
  });

  const invalid: [string, string][] = [
    ['', 'TRANSPORT_BAD_SOCKET_SPEC'],
    ['udp:', 'TRANSPORT_BAD_SOCKET_SPEC'],
    ['udp:127.0.0.1:70000', 'TRANSPORT_BAD_SOCKET_SPEC'],
    ['udp:127.0.0.1:abc', 'TRANSPORT_BAD_SOCKET_SPEC'],
    ['udp:127.0.0.1:5062-5060', 'TRANSPORT_BAD_SOCKET_SPEC'],
    ['udp:127.0.0.1:1-65535', 'TRANSPORT_BAD_SOCKET_SPEC'],
    ['udp:999.1.1.1:5060', 'TRANSPORT_BAD_SOCKET_SPEC'],
    ['udp:[::1:5060', 'TRANSPORT_BAD_SOCKET_SPEC'],
    ['udp:[1.2.3.4]:5060', 'TRANSPORT_BAD_SOCKET_SPEC'],
    ['udp:bad_host!:5060', 'TRANSPORT_BAD_SOCKET_SPEC'],
    ['udp:127.0.0.1:5060 as', 'TRANSPORT_BAD_SOCKET_SPEC'],
    ['udp:127.0.0.1:5060-5061 as 1.2.3.4:5060', 'TRANSPORT_BAD_SOCKET_SPEC'],
    ['udp:127.0.0.1:5060 bogus', 'TRANSPORT_BAD_SOCKET_SPEC'],
    ['udp:127.0.0.1:5060 use_workers x', 'TRANSPORT_BAD_SOCKET_SPEC'],
    ['tls:127.0.0.1:5061', 'TRANSPORT_UNSUPPORTED_PROTO'],
    ['ws:127.0.0.1:8080', 'TRANSPORT_UNSUPPORTED_PROTO'],
  ];
  it.each(invalid)('refuses %j with %s', (text, code) => {
    let err: unknown;
    try {
      parseSocketSpec(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).code).toBe(code);
    expect((err as TransportError).message).toContain(text.trim() === '' ? 'empty' : text.trim().slice(0, 8));
  });

  it('needs the protocol for socket= when asked to (3.x grammar)', () => {
    expect(() => parseSocketSpec('127.0.0.1:5060', { protoRequired: true })).toThrow(/protocol is missing/);
    expect(parseSocketSpec('udp:127.0.0.1:5060', { protoRequired: true })).toHaveLength(1);
  });
});

describe('bindAddresses', () => {
  const ifaces = {
    lo: [
      { address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '', internal: true, cidr: null },
      { address: '::1', netmask: '', family: 'IPv6', mac: '', internal: true, cidr: null, scopeid: 0 },
    ],
    eth0: [
      { address: '10.0.0.5', netmask: '255.0.0.0', family: 'IPv4', mac: '', internal: false, cidr: null },
      { address: 'fe80::1', netmask: '', family: 'IPv6', mac: '', internal: false, cidr: null, scopeid: 2 },
    ],
  } as never;
  it('expands * to every usable local address and an interface name to its addresses', async () => {
    expect(await bindAddresses('*', ifaces)).toEqual(['127.0.0.1', '::1', '10.0.0.5']);
    expect(await bindAddresses('eth0', ifaces)).toEqual(['10.0.0.5']);
    expect(await bindAddresses('192.0.2.1', ifaces)).toEqual(['192.0.2.1']);
  });
  it('resolves a host name, and names the host when it cannot', async () => {
    expect(await bindAddresses('localhost', {} as never)).toHaveLength(1);
    await expect(bindAddresses('no-such-host.invalid', {} as never)).rejects.toMatchObject({ code: 'TRANSPORT_RESOLVE_FAILED' });
  });
});
