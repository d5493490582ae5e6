// mi_http's request handler: POST a JSON-RPC 2.0 request to /<root>, get the answer.
// As OpenSIPS's mi_http: another method is 405, an empty body 400.
import type { HttpHandler } from './http-server.js';
import { send } from './http-server.js';
import { handleJsonRpc } from './json-rpc.js';
import type { MiRegistry } from './registry.js';

export function createMiHttpHandler(registry: MiRegistry, opts: { pretty?: boolean } = {}): HttpHandler {
  return async (req, res, body) => {
    if (req.method !== 'POST') return send(res, 405, 'Method Not Allowed', { allow: 'POST' });
    if (body.length === 0) return send(res, 400, 'Bad Request');
    const answer = await handleJsonRpc(registry, body.toString('utf8'));
    if (answer.body === undefined) {
      res.writeHead(answer.status);
      return void res.end();
    }
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(opts.pretty ? JSON.stringify(JSON.parse(answer.body), null, 2) : answer.body);
  };
}
