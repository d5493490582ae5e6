// proto_tcp: no script functions; OpenSIPS's parameters accepted, those without effect named.
import { describe, it, expect } from 'vitest';
import { startModules } from '../harness.js';
import type { ProtoTcpApi } from '../../../modules/proto_tcp/index.js';

describe('proto_tcp', () => {
  it('loads quietly with the OpenSIPS defaults and exports the default port', async () => {
    const m = await startModules(['proto_tcp']);
    expect(m.api<ProtoTcpApi>('proto_tcp').defaultPort).toBe(5060);
    expect(m.def('proto_tcp').functions ?? {}).toEqual({});
    expect(m.services.lines.filter((l) => /WARNING/.test(l))).toEqual([]);
  });

  it('accepts the OpenSIPS parameters, warning about changed ones without effect', async () => {
    const m = await startModules(['proto_tcp'], [
      ['proto_tcp', 'tcp_port', 5071],
      ['proto_tcp', 'tcp_max_msg_chunks', 8],
      ['proto_tcp', 'tcp_async', 1],
      ['proto_tcp', 'trace_on', 1],
    ]);
    expect(m.api<ProtoTcpApi>('proto_tcp').defaultPort).toBe(5071);
    const log = m.services.lines.join('');
    expect(log).toMatch(/tcp_port 5071/);
    expect(log).toMatch(/without effect in tsips: tcp_max_msg_chunks, trace_on/);
  });
});
