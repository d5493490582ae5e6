import { describe, it, expect } from 'vitest';
import { createStatsRegistry, declareCoreStats, statisticsMiCommands, createPrometheusExporter, stat, CORE_STATS } from '../../../engine/stats/index.js';
import { createMiRegistry, handleJsonRpc } from '../../../engine/mi/index.js';

function setup() {
  const stats = createStatsRegistry();
  const core = declareCoreStats(stats);
  const users = stats.declare('usrloc', 'registered_users', stat.gauge({ doc: 'users' }));
  const mi = createMiRegistry();
  for (const c of statisticsMiCommands(stats)) mi.register(c);
  const run = async (method: string, params?: unknown) =>
    JSON.parse((await handleJsonRpc(mi, JSON.stringify({ jsonrpc: '2.0', method, params, id: 1 }))).body!);
  return { stats, core, users, run };
}

describe('statistics', () => {
  it('declares the OpenSIPS core counters', () => {
    const { stats } = setup();
    expect(stats.group('core').map((s) => s.name)).toEqual([
      'rcv_requests', 'rcv_replies', 'fwd_requests', 'fwd_replies', 'drop_requests', 'drop_replies',
      'err_requests', 'err_replies', 'bad_URIs_rcvd', 'unsupported_methods', 'bad_msg_hdr',
    ]);
    expect(Object.keys(CORE_STATS)).toHaveLength(11);
    expect(() => stats.declare('core', 'rcv_requests', stat.counter({ doc: 'x' }))).toThrow(/already registered/);
  });

  it('get_statistics by name, group: and all, in OpenSIPS result shape', async () => {
    const { core, users, run } = setup();
    core.rcv_requests.inc(); core.rcv_requests.inc(2); users.set(7);
    expect((await run('get_statistics', { statistics: ['rcv_requests'] })).result).toEqual({ 'core:rcv_requests': 3 });
    expect((await run('get_statistics', [['core:rcv_requests', 'usrloc:']])).result).toEqual({ 'core:rcv_requests': 3, 'usrloc:registered_users': 7 });
    expect(Object.keys((await run('get_statistics', { statistics: ['core:'] })).result)).toHaveLength(11);
    expect(Object.keys((await run('get_statistics', { statistics: 'all' })).result)).toHaveLength(12);
    expect((await run('get_statistics', { statistics: ['nosuch', 'x:'] })).error).toEqual({ code: 404, message: 'Statistics Not Found' });
    expect((await run('get_statistics', { statistics: [1] })).error).toMatchObject({ code: -32602 });
    expect((await run('list_statistics', { statistics: ['usrloc:', 'rcv_replies'] })).result)
      .toEqual({ 'usrloc:registered_users': 'non-incremental', 'core:rcv_replies': 'incremental' });
  });

  it('reset_statistics resets counters but not gauges', async () => {
    const { core, users, run } = setup();
    core.rcv_requests.inc(5); users.set(4);
    expect((await run('reset_statistics', { statistics: ['rcv_requests', 'registered_users'] })).result).toBe('OK');
    expect(core.rcv_requests.get()).toBe(0);
    expect(users.get()).toBe(4);
    expect((await run('reset_statistics', { statistics: ['nosuch'] })).error).toEqual({ code: 404, message: 'Statistics Not Found' });
  });

  it('exports Prometheus text, including statistics declared later', async () => {
    const { stats, core, users } = setup();
    const exporter = createPrometheusExporter(stats);
    core.rcv_requests.inc(3); users.set(2);
    let text = await exporter.metrics();
    expect(text).toContain('# TYPE opensips_core_rcv_requests counter');
    expect(text).toContain('opensips_core_rcv_requests 3');
    expect(text).toContain('# TYPE opensips_usrloc_registered_users gauge');
    expect(text).toContain('opensips_usrloc_registered_users 2');
    stats.declare('tm', 'UAS-transactions', stat.counter({ doc: 'uas' })).inc();
    core.rcv_requests.inc();
    text = await exporter.metrics();
    expect(text).toContain('opensips_tm_UAS_transactions 1');
    expect(text).toContain('opensips_core_rcv_requests 4');
  });
});
