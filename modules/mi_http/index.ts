// mi_http: MI over HTTP JSON-RPC 2.0 on httpd's server, compatible with OpenSIPS's mi_http
// (POST /mi, {"jsonrpc":"2.0","method":"ps","id":1}). It also serves the statistics as
// Prometheus text on /metrics, the job of OpenSIPS's prometheus module, which tsips does
// not have as a separate module yet.
import { defineModule, param } from '../../engine/modules/index.js';
import { createMiHttpHandler } from '../../engine/mi/index.js';
import { createPrometheusExporter, createMetricsHttpHandler } from '../../engine/stats/index.js';
import { LogLevel } from '../../engine/core/log.js';

export default defineModule({
  name: 'mi_http',
  doc: 'Serves the management interface as JSON-RPC 2.0 over HTTP: POST to `/ROOT` on the httpd server (ROOT is the `root` parameter).',
  deps: { httpd: 'abort' },
  params: {
    root: param.str({ default: 'mi', doc: 'Path the JSON-RPC requests are posted to: `http://IP:PORT/ROOT`, with IP and PORT from httpd.' }),
    pretty_printing: param.int({ default: 0, oneOf: [0, 1], doc: 'Indent the JSON answers (1) or not (0).' }),
    metrics_root: param.str({ default: 'metrics', doc: 'tsips extension: path of the Prometheus text export of the statistics; "" turns it off.' }),
    trace_destination: param.str({ doc: 'Accepted for OpenSIPS compatibility; MI tracing (HEP) is not supported, so it is ignored with a warning.' }),
    trace_bwlist: param.str({ doc: 'Accepted for OpenSIPS compatibility; ignored (see trace_destination).' }),
  },
  init: (ctx) => {
    const httpd = ctx.api('httpd');
    const { root, pretty_printing, metrics_root, trace_destination } = ctx.params;
    if (trace_destination !== undefined) ctx.log(LogLevel.WARN, 'trace_destination is not supported; MI requests are not traced');
    httpd.registerHandler(root, createMiHttpHandler(ctx.services.mi, { pretty: pretty_printing === 1 }), 'mi_http');
    if (metrics_root !== '') {
      httpd.registerHandler(metrics_root, createMetricsHttpHandler(createPrometheusExporter(ctx.services.stats)), 'mi_http');
    }
    return { root };
  },
});
