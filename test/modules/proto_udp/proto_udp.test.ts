// proto_udp: no script functions; udp_port and what the module tells the server.
import { describe, it, expect } from 'vitest';
import { startModules } from '../harness.js';
import type { ProtoUdpApi } from '../../../modules/proto_udp/index.js';

describe('proto_udp', () => {
  it('loads quietly with the OpenSIPS default and exports the default port', async () => {
    const m = await startModules(['proto_udp']);
    expect(m.api<ProtoUdpApi>('proto_udp').defaultPort).toBe(5060);
    expect(m.def('proto_udp').functions ?? {}).toEqual({});
    expect(m.services.lines.filter((l) => /WARNING/.test(l))).toEqual([]);
  });

  it('accepts udp_port and warns that port-less sockets still use 5060', async () => {
    const m = await startModules(['proto_udp'], [['proto_udp', 'udp_port', 5070]]);
    expect(m.api<ProtoUdpApi>('proto_udp').defaultPort).toBe(5070);
    expect(m.services.lines.join('')).toMatch(/udp_port 5070/);
  });
});
