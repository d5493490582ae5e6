// The acting half of start-up, in process with a stand-in compiled script: core MI commands
// and statistics registered, startup_route run once before serving, timer routes ticking,
// stop() waiting for a busy script run before tearing down.
import { describe, it, expect } from 'vitest';
import { createLogger, LogLevel } from '../../../../engine/core/log.js';
import { startServer, defaultCoreConfig, type CheckedScript } from '../../../../engine/core/server/index.js';
import type { CompiledScript } from '../../../../engine/script/compiled-script.js';
import type { MessageContext } from '../../../../engine/core/message-context.js';
import { udpClient, closer, waitFor, request } from '../../transport/net-helpers.js';

function checked(script: CompiledScript): CheckedScript {
  return {
    config: { ...defaultCoreConfig('0.0.0'), notices: [] },
    modules: [], prepared: [],
    linked: { script: { type: 'Script', items: [], loc: { file: 'x', line: 1, col: 1 } }, modules: new Map() } as unknown as CheckedScript['linked'],
    sockets: [{ proto: 'udp', host: '127.0.0.1', port: 0 }],
    runtime: {
      linkScript: () => undefined,
      compileScript: () => script,
      createDummyContext: (core, routeType) => ({ core, routeType } as unknown as MessageContext),
    },
  };
}

describe('startServer', () => {
  it('runs startup_route first, ticks timer routes, serves, and drains on stop', async () => {
    const calls: string[] = [];
    let release = () => {};
    const script: CompiledScript = {
      runRequest: (ctx) => {
        calls.push('request');
        return new Promise<void>((r) => { release = () => { ctx.core.sendReply(ctx, 200, 'OK'); r(); }; });
      },
      runReply: () => {},
      runRoute: (type, name) => { calls.push(`${type}:${name ?? ''}`); return 1; },
      hasRoute: (type) => type === 'startup',
      timers: [{ name: 'tick', intervalSec: 1 }],
      events: [],
    };
    const c = closer();
    const server = await startServer(checked(script), { log: createLogger(LogLevel.ERR, () => true), version: '0.0.0' });
    try {
      expect(calls).toEqual(['startup:']);
      expect(server.mi.lookup('get_statistics')).toBeDefined();
      expect(server.mi.lookup('uptime')).toBeDefined();
      expect(server.stats.find('core:rcv_requests')).toBeDefined();
      const cl = await udpClient(c);
      await cl.send(request({ sentBy: `127.0.0.1:${cl.port}` }), server.sockets[0].port, '127.0.0.1');
      await waitFor(() => calls.includes('request'));
      await waitFor(() => calls.includes('timer:tick'), 2500);
      // stop() must wait for the busy run, which still answers on the open socket.
      const stopped = server.stop(2000);
      setTimeout(() => release(), 50);
      await stopped;
      await waitFor(() => cl.received.length > 0);
      expect(cl.received.map((r) => r.text.split('\r\n')[0])).toEqual(['SIP/2.0 200 OK']);
    } finally {
      await server.stop();
      await c.closeAll();
    }
  });
});
