// proto_udp: in OpenSIPS the module that implements the UDP transport. In tsips the transport
// is part of the engine (engine/transport); loading this module is what allows `socket=udp:...`
// definitions, as in OpenSIPS, where a UDP socket without proto_udp is a start-up error.
import { defineModule, param } from '../../engine/modules/index.js';
import { LogLevel } from '../../engine/core/log.js';
import type { ProtoUdpApi } from './api.js';

export type { ProtoUdpApi } from './api.js';

const DEFAULT_PORT = 5060;

export default defineModule({
  name: 'proto_udp',
  doc: 'Enables UDP listening sockets (`socket=udp:IP[:PORT]`). The UDP transport itself is built into tsips; without this module a UDP socket definition is refused at start-up, as in OpenSIPS. No script functions.',
  params: {
    udp_port: param.int({ default: DEFAULT_PORT, min: 1, max: 65535, doc: 'Port of UDP sockets declared without one. Exported to the server as `defaultPort` in the module API; tsips socket definitions without a port currently use 5060, so another value logs a warning at start-up (write the port in the socket definition).' }),
  },
  init: (ctx) => {
    const port = ctx.params.udp_port;
    if (port !== DEFAULT_PORT) ctx.log(LogLevel.WARN, `udp_port ${port}: sockets declared without a port still use 5060; give the port in the socket definition`);
    return { defaultPort: port };
  },
  api: (st): ProtoUdpApi => st,
});
