// GET /metrics: the statistics as Prometheus text (what OpenSIPS's prometheus module serves
// on httpd's "metrics" root).
import type { HttpHandler } from '../mi/http-server.js';
import { send } from '../mi/http-server.js';
import type { PrometheusExporter } from './prometheus.js';

export function createMetricsHttpHandler(exporter: PrometheusExporter): HttpHandler {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method Not Allowed', { allow: 'GET' });
    const text = await exporter.metrics();
    res.writeHead(200, { 'content-type': exporter.contentType });
    res.end(req.method === 'HEAD' ? undefined : text);
  };
}
