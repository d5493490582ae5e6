// httpd + mi_http loaded like a script loads them, serving MI over real HTTP on 127.0.0.1.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { request } from 'node:http';
import { Diagnostics } from '../../engine/script/diagnostics.js';
import {
  loadModule, applyModparam, prepareModules, initModules, childInitModules, destroyModules, builtinModulesDir,
  type LoadedModule, type ModuleSet,
} from '../../engine/modules/index.js';
import { coreMiCommands } from '../../engine/mi/index.js';
import { declareCoreStats, statisticsMiCommands } from '../../engine/stats/index.js';
import type { HttpdApi } from '../../modules/httpd/api.js';
import { testServices } from '../engine/modules/services.js';

const at = (line: number) => ({ file: 'main.cfg', line, col: 1 });

function http(port: number, method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; type?: string; text: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c) => (text += c)).on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('mi_http over HTTP', () => {
  let set: ModuleSet;
  let port: number;
  const services = testServices();
  const rpc = async (payload: unknown, path = '/mi') => {
    const r = await http(port, 'POST', path, JSON.stringify(payload));
    return { ...r, json: r.text ? JSON.parse(r.text) : undefined };
  };

  beforeAll(async () => {
    const out = new Diagnostics();
    const loaded: LoadedModule[] = [];
    // mi_http first: the dependency order, not the load order, decides who inits first.
    for (const [i, spec] of ['mi_http.so', 'httpd.so'].entries()) {
      const m = await loadModule({ spec, loc: at(i + 1), mpaths: ['/usr/lib/x86_64-linux-gnu/opensips/modules/'] }, builtinModulesDir(), loaded, out);
      if (m) loaded.push(m);
    }
    applyModparam(loaded, 'httpd', 'port', 0, at(3), out);
    applyModparam(loaded, 'httpd', 'post_buf_size', 512, at(4), out);
    expect(out.list).toEqual([]);
    const mods = prepareModules(loaded, out)!;
    expect(mods.map((m) => m.name)).toEqual(['httpd', 'mi_http']);
    for (const c of coreMiCommands({ registry: services.mi, version: '0.0.0', startTime: new Date(), logger: services.log })) services.mi.register(c);
    for (const c of statisticsMiCommands(services.stats)) services.mi.register(c);
    declareCoreStats(services.stats).rcv_requests.inc(5);
    set = await initModules(mods, services, { timeoutMs: 5000 });
    await childInitModules(set);
    const api = set.modules[0]!.def.api!(set.modules[0]!.state) as HttpdApi;
    const addr = api.address()!;
    expect(addr.ip).toBe('127.0.0.1');
    port = addr.port;
  });
  afterAll(async () => { if (set) await destroyModules(set); });

  it('answers a request with params by name and by position', async () => {
    const byName = await rpc({ jsonrpc: '2.0', method: 'get_statistics', params: { statistics: ['rcv_requests'] }, id: 1 });
    expect(byName.status).toBe(200);
    expect(byName.type).toBe('application/json');
    expect(byName.json).toEqual({ jsonrpc: '2.0', result: { 'core:rcv_requests': 5 }, id: 1 });
    const byPos = await rpc({ jsonrpc: '2.0', method: 'which', params: ['httpd_list_root_path'], id: 2 });
    expect(byPos.json.result).toEqual([[]]);
    const roots = await rpc({ jsonrpc: '2.0', method: 'httpd_list_root_path', id: 3 });
    expect(roots.json.result).toEqual([{ http_root: 'mi', module: 'mi_http' }, { http_root: 'metrics', module: 'mi_http' }]);
  });

  it('answers JSON-RPC errors', async () => {
    expect((await rpc({ jsonrpc: '2.0', method: 'nosuch', id: 1 })).json.error).toEqual({ code: -32601, message: 'Method not found' });
    expect((await rpc({ jsonrpc: '2.0', method: 'ps', params: ['extra'], id: 1 })).json.error.code).toBe(-32602);
    const bad = await http(port, 'POST', '/mi', '{"jsonrpc": "2.0", "method": ');
    expect(bad.status).toBe(200);
    expect(JSON.parse(bad.text).error).toEqual({ code: -32700, message: 'Parse error' });
    const notification = await rpc({ jsonrpc: '2.0', method: 'ps' });
    expect(notification.status).toBe(202);
    expect(notification.text).toBe('');
  });

  it('answers 405 to other methods, 404 to other paths, 400 to an empty body, 413 past post_buf_size', async () => {
    const get = await http(port, 'GET', '/mi');
    expect(get.status).toBe(405);
    expect((await http(port, 'POST', '/json', '{}')).status).toBe(404);
    expect((await http(port, 'POST', '/', '{}')).status).toBe(404);
    expect((await http(port, 'POST', '/mi', '')).status).toBe(400);
    const big = JSON.stringify({ jsonrpc: '2.0', method: 'ps', params: { pad: 'x'.repeat(600) }, id: 1 });
    expect((await http(port, 'POST', '/mi', big)).status).toBe(413);
  });

  it('serves the statistics as Prometheus text on GET /metrics', async () => {
    const r = await http(port, 'GET', '/metrics');
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/plain/);
    expect(r.text).toContain('opensips_core_rcv_requests 5');
  });
});

describe('httpd', () => {
  it('refuses TLS settings instead of serving plain HTTP', async () => {
    const out = new Diagnostics();
    const m = (await loadModule({ spec: 'httpd.so', loc: at(1), mpaths: [] }, builtinModulesDir(), [], out))!;
    applyModparam([m], 'httpd', 'tls_cert_file', '/etc/cert.pem', at(2), out);
    applyModparam([m], 'httpd', 'port', 0, at(3), out);
    await expect(initModules(prepareModules([m], out)!, testServices())).rejects.toMatchObject({ code: 'TSIPS_MODULE_INIT_FAILED', module: 'httpd' });
  });

  it('binds loopback port 8888 by default', async () => {
    const out = new Diagnostics();
    const m = (await loadModule({ spec: 'httpd.so', loc: at(1), mpaths: [] }, builtinModulesDir(), [], out))!;
    expect(prepareModules([m], out)![0]!.params).toMatchObject({ ip: '127.0.0.1', port: 8888 });
  });
});
