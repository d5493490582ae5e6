import { describe, it, expect } from 'vitest';
import { createMiRegistry, handleJsonRpc, MiError, miInt, coreMiCommands, ctime } from '../../../engine/mi/index.js';

function registry() {
  const mi = createMiRegistry();
  mi.register({ name: 'echo', doc: 'echo', params: [{ name: 'a' }, { name: 'b', optional: true }], handler: (p) => p });
  mi.register({ name: 'two_sets', doc: 'x', recipes: [['x'], ['y']], handler: (p) => p });
  mi.register({ name: 'noparams', doc: 'x', handler: () => undefined });
  mi.register({ name: 'fails', doc: 'x', handler: () => { throw new MiError(404, 'AOR not found'); } });
  mi.register({ name: 'crashes', doc: 'x', handler: () => { throw new Error('bug'); } });
  mi.register({ name: 'num', doc: 'x', params: [{ name: 'n' }], handler: (p) => miInt(p, 'n') * 2 });
  return mi;
}

const call = async (body: unknown) => {
  const a = await handleJsonRpc(registry(), typeof body === 'string' ? body : JSON.stringify(body));
  return { status: a.status, json: a.body === undefined ? undefined : JSON.parse(a.body) };
};
const req = (method: string, params?: unknown, id: unknown = 1) => ({ jsonrpc: '2.0', method, ...(params !== undefined ? { params } : {}), id });

describe('JSON-RPC handling', () => {
  it('accepts params by name and by position', async () => {
    expect(await call(req('echo', { a: 1 }))).toEqual({ status: 200, json: { jsonrpc: '2.0', result: { a: 1 }, id: 1 } });
    expect((await call(req('echo', ['x', 'y']))).json.result).toEqual({ a: 'x', b: 'y' });
    expect((await call(req('echo', { a: 1, b: 2 }, 'abc'))).json).toMatchObject({ result: { a: 1, b: 2 }, id: 'abc' });
    expect((await call(req('noparams', {}))).json.result).toBe('OK');
    expect((await call(req('num', ['21']))).json.result).toBe(42);
  });

  it('answers OpenSIPS error objects', async () => {
    const err = async (body: unknown) => (await call(body)).json.error;
    expect(await err('{nope')).toEqual({ code: -32700, message: 'Parse error' });
    expect(await err({ method: 'echo', id: 1 })).toEqual({ code: -32600, message: 'Invalid Request' });
    expect(await err([req('echo', { a: 1 })])).toEqual({ code: -32600, message: 'Invalid Request' });
    expect(await err({ jsonrpc: '2.0', method: 'echo', params: 'a', id: 1 })).toMatchObject({ code: -32600 });
    expect(await err(req('nosuch'))).toEqual({ code: -32601, message: 'Method not found' });
    expect(await err(req('echo'))).toEqual({ code: -32602, message: 'Invalid params', data: 'Too few or too many parameters' });
    expect(await err(req('echo', { z: 1 }))).toEqual({ code: -32602, message: 'Invalid params', data: 'Named parameters do not match' });
    expect(await err(req('two_sets', [1]))).toEqual({ code: -32602, message: 'Invalid params', data: 'Ambiguous call, use named parameters instead' });
    expect(await err(req('num', { n: 'x' }))).toEqual({ code: -32602, message: 'Invalid params', data: "Bad type for parameter 'n'" });
    expect(await err(req('fails'))).toEqual({ code: 404, message: 'AOR not found' });
    expect(await err(req('crashes'))).toEqual({ code: -32000, message: 'Server error', data: 'bug' });
  });

  it('gives no body to a notification unless the request was unreadable', async () => {
    expect(await call({ jsonrpc: '2.0', method: 'noparams' })).toEqual({ status: 202, json: undefined });
    expect(await call({ jsonrpc: '2.0', method: 'nosuch' })).toEqual({ status: 202, json: undefined });
    expect((await call('{')).status).toBe(200);
  });
});

describe('core MI commands', () => {
  const setup = () => {
    const mi = createMiRegistry();
    const logger = { level: 2 };
    const start = new Date(2024, 10, 7, 9, 1, 20);
    for (const c of coreMiCommands({ registry: mi, version: '1.2.3', startTime: start, logger, now: () => new Date(start.getTime() + 65_000) })) mi.register(c);
    const run = async (method: string, params?: unknown) => JSON.parse((await handleJsonRpc(mi, JSON.stringify(req(method, params)))).body!);
    return { run, logger };
  };

  it('version, uptime, ps, which, help', async () => {
    const { run } = setup();
    expect((await run('version')).result.Server).toMatch(/^tsips \(1\.2\.3 \(.+\/.+\)\)$/);
    expect((await run('uptime')).result).toEqual({ Now: 'Thu Nov  7 09:02:25 2024', 'Up since': 'Thu Nov  7 09:01:20 2024', 'Up time': '65 [sec]' });
    expect((await run('ps')).result).toEqual({ Processes: [{ ID: 0, PID: process.pid, Type: 'attendant' }] });
    expect((await run('which')).result).toEqual(['version', 'uptime', 'which', 'help', 'ps', 'log_level']);
    expect((await run('which', { command: 'log_level' })).result).toEqual([[], ['level'], ['level', 'pid']]);
    expect((await run('which', ['nosuch'])).error).toEqual({ code: 404, message: 'unknown MI command' });
    expect((await run('help', ['ps'])).result.Help).toContain('processes');
    expect(ctime(new Date(2024, 0, 15, 1, 2, 3))).toBe('Mon Jan 15 01:02:03 2024');
  });

  it('log_level reads and sets the logger level', async () => {
    const { run, logger } = setup();
    expect((await run('log_level')).result).toEqual({ Processes: [{ PID: process.pid, 'Log level': 2, Type: 'attendant' }] });
    expect((await run('log_level', [4])).result).toEqual({ 'New global log level': 4 });
    expect(logger.level).toBe(4);
    expect((await run('log_level', { level: 1, pid: process.pid })).result).toEqual({ 'Log level': 1 });
    expect(logger.level).toBe(1);
    expect((await run('log_level', { level: 3, pid: -5 })).error).toEqual({ code: -32602, message: 'Invalid params', data: 'Bad PID' });
  });
});
