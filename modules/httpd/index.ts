// httpd: the one HTTP server of the process, shared by the modules that register a root
// path on it (OpenSIPS's httpd, without libmicrohttpd). It listens only after every module's
// init (the per-worker phase), as OpenSIPS starts its HTTPD process after mod_init, so no
// request meets a half-initialised engine. Loopback by default: OpenSIPS binds all
// addresses when `ip` is unset, which exposes MI to the network.
import { defineModule, param, miCommand } from '../../engine/modules/index.js';
import { createHttpServer, type HttpServer } from '../../engine/mi/index.js';
import { LogLevel } from '../../engine/core/log.js';
import type { HttpdApi } from './api.js';

interface HttpdState { readonly server: HttpServer; readonly ip: string; readonly port: number }

export default defineModule({
  name: 'httpd',
  doc: 'An HTTP server shared by the modules that serve over HTTP (mi_http). It starts listening once every module is initialised.',
  params: {
    ip: param.str({ default: '127.0.0.1', doc: 'Address to listen on. tsips defaults to loopback (OpenSIPS: all addresses); set "0.0.0.0" to listen on every address.' }),
    port: param.int({ default: 8888, min: 0, max: 65535, doc: 'TCP port to listen on; 0 picks a free port.' }),
    post_buf_size: param.int({ default: 65536, min: 256, doc: 'Largest request body accepted, in bytes; a larger one is answered 413. OpenSIPS default: 1024.' }),
    buf_size: param.int({ default: 0, min: 0, doc: 'Accepted for OpenSIPS compatibility; responses are not built in a fixed buffer, so it has no effect.' }),
    receive_buf_size: param.int({ default: 0, min: 0, doc: 'Accepted for OpenSIPS compatibility; no effect.' }),
    conn_timeout: param.int({ default: 30, min: 0, doc: 'Seconds an idle connection is kept open; 0 keeps it forever.' }),
    tls_cert_file: param.str({ doc: 'HTTPS is not supported yet: setting this stops start-up rather than serving plain HTTP.' }),
    tls_key_file: param.str({ doc: 'HTTPS is not supported yet: setting this stops start-up.' }),
    tls_ciphers: param.str({ doc: 'HTTPS is not supported yet: setting this stops start-up.' }),
  },
  mi: {
    httpd_list_root_path: miCommand<HttpdState>({
      doc: 'Lists the registered HTTP root paths and the module serving each.',
      handler: (_p, st) => st.server.roots().map((r) => ({ http_root: r.root, module: r.owner ?? '' })),
    }),
  },
  init: (ctx): HttpdState => {
    const p = ctx.params;
    if (p.tls_cert_file !== undefined || p.tls_key_file !== undefined || p.tls_ciphers !== undefined) {
      throw new Error('HTTPS (tls_cert_file, tls_key_file, tls_ciphers) is not supported yet');
    }
    const server = createHttpServer({
      ip: p.ip, port: p.port, maxBodyBytes: p.post_buf_size, timeoutMs: p.conn_timeout * 1000,
      onError: (m) => ctx.log(LogLevel.ERR, m),
    });
    return { server, ip: p.ip, port: p.port };
  },
  api: (st): HttpdApi => ({
    registerHandler: (root, handler, module) => st.server.registerHandler(root, handler, module),
    address: () => {
      const a = st.server.address();
      return a ? { ip: a.address, port: a.port } : undefined;
    },
  }),
  childInit: async (st, ctx) => {
    const a = await st.server.listen();
    ctx.log(LogLevel.INFO, `listening on http://${a.address}:${a.port}/`);
  },
  destroy: (st) => st.server.close(),
});
