// proto_tcp: in OpenSIPS the module that implements the TCP transport. In tsips the transport
// is part of the engine (engine/transport); loading this module is what allows `socket=tcp:...`
// definitions, as in OpenSIPS. Its tuning parameters are accepted so scripts load unchanged
// (inert-params.ts says why each has no effect).
import { defineModule, param } from '../../engine/modules/index.js';
import { LogLevel } from '../../engine/core/log.js';
import { INERT_TCP_PARAMS, changedInertParams } from './inert-params.js';
import type { ProtoTcpApi } from './api.js';

export type { ProtoTcpApi } from './api.js';

const DEFAULT_PORT = 5060;

export default defineModule({
  name: 'proto_tcp',
  doc: 'Enables TCP listening sockets (`socket=tcp:IP[:PORT]`). The TCP transport itself (RFC 3261 18.3 framing, connection reuse, RFC 5626 CRLF keep-alives) is built into tsips; without this module a TCP socket definition is refused at start-up, as in OpenSIPS. Connection limits and timeouts are the core parameters (`tcp_connect_timeout`, `tcp_connection_lifetime`, `tcp_max_connections`). No script functions.',
  params: {
    tcp_port: param.int({ default: DEFAULT_PORT, min: 1, max: 65535, doc: 'Port of TCP sockets declared without one. Exported to the server as `defaultPort` in the module API; tsips socket definitions without a port currently use 5060, so another value logs a warning at start-up (write the port in the socket definition).' }),
    ...INERT_TCP_PARAMS,
  },
  init: (ctx) => {
    const port = ctx.params.tcp_port;
    if (port !== DEFAULT_PORT) ctx.log(LogLevel.WARN, `tcp_port ${port}: sockets declared without a port still use 5060; give the port in the socket definition`);
    const ignored = changedInertParams(ctx.params);
    if (ignored.length) ctx.log(LogLevel.WARN, `accepted for compatibility but without effect in tsips: ${ignored.join(', ')}`);
    return { defaultPort: port };
  },
  api: (st): ProtoTcpApi => st,
});
