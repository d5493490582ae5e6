// Global parameters: kinds, unknown names, deprecations, notices, the values tsips honours.
import { describe, it, expect } from 'vitest';
import { loadScriptText } from '../../../../engine/config/index.js';
import { Diagnostics } from '../../../../engine/script/diagnostics.js';
import { readCoreConfig } from '../../../../engine/core/server/index.js';

function read(text: string) {
  const load = loadScriptText(text, 'main.cfg', '/tmp');
  expect(load.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const out = new Diagnostics();
  const config = readCoreConfig(load.script, '0.0.0', out);
  return { config, diags: out.list.map((d) => ({ code: d.code, line: d.loc.line, col: d.loc.col, severity: d.severity, message: d.message, hint: d.hint })) };
}

describe('global parameters', () => {
  it('reads the honoured ones', () => {
    const { config, diags } = read([
      'log_level=3', 'xlog_level=1', 'xlog_print_level=-1', 'stderror_enabled=no', 'syslog_enabled=yes',
      'syslog_facility=LOG_LOCAL0', 'max_while_loops=50', 'tcp_connect_timeout=250', 'tcp_connection_lifetime=60',
      'tcp_max_connections=10', 'advertised_address="sip.example.com"', 'advertised_port=5080',
      'server_header="Server: Test"', 'user_agent_header="User-Agent: Test"', 'server_signature=no',
      'db_default_url="pglite://memory"', 'alias=udp:example.org:5060', 'alias=example.net accept_subdomain', '',
    ].join('\n'));
    expect(diags).toEqual([]);
    expect(config).toMatchObject({
      logLevel: 3, xlogLevel: 1, xlogPrintLevel: -1, stderrEnabled: false, syslogEnabled: true,
      syslogFacility: 'LOG_LOCAL0', maxWhileLoops: 50, tcpConnectTimeoutMs: 250, tcpConnectionLifetimeSec: 60,
      tcpMaxConnections: 10, advertisedAddress: 'sip.example.com', advertisedPort: 5080,
      serverHeader: 'Server: Test', userAgentHeader: 'User-Agent: Test', serverSignature: false,
      dbDefaultUrl: 'pglite://memory',
      aliases: [
        { proto: 'udp', host: 'example.org', port: 5060, acceptSubdomain: false },
        { proto: null, host: 'example.net', port: 0, acceptSubdomain: true },
      ],
    });
  });

  it('keeps OpenSIPS defaults', () => {
    const { config } = read('route { exit; }\n');
    expect(config).toMatchObject({ logLevel: 2, xlogLevel: 2, xlogPrintLevel: 2, stderrEnabled: true, maxWhileLoops: 10000, serverSignature: true });
  });

  it('reports an unknown name at the name, with a did-you-mean', () => {
    const { diags } = read('log_levl=3\n');
    expect(diags).toEqual([expect.objectContaining({ code: 'TSIPS_GLOBAL_UNKNOWN', line: 1, col: 1, hint: "did you mean 'log_level'?" })]);
  });

  it('reports a value of the wrong kind at the value', () => {
    const { diags } = read('log_level="3"\nserver_header=5\nstderror_enabled="yes"\n');
    expect(diags.map((d) => [d.code, d.line, d.col, d.message])).toEqual([
      ['TSIPS_GLOBAL_TYPE', 1, 11, 'log_level: number expected'],
      ['TSIPS_GLOBAL_TYPE', 2, 15, 'server_header: string value expected'],
      ['TSIPS_GLOBAL_TYPE', 3, 18, 'stderror_enabled: boolean value expected'],
    ]);
  });

  it('checks ranges', () => {
    const { diags } = read('tcp_connect_timeout=0\nadvertised_port=70000\n');
    expect(diags.map((d) => d.code)).toEqual(['TSIPS_GLOBAL_VALUE', 'TSIPS_GLOBAL_VALUE']);
  });

  it('warns on the 3.x spellings OpenSIPS deprecates, and applies them', () => {
    const { config, diags } = read('log_stderror=no\nlog_facility=LOG_LOCAL3\n');
    expect(diags.map((d) => [d.code, d.severity])).toEqual([['TSIPS_DEPRECATED', 'warning'], ['TSIPS_DEPRECATED', 'warning']]);
    expect(config).toMatchObject({ stderrEnabled: false, syslogEnabled: true, syslogFacility: 'LOG_LOCAL3' });
  });

  it('debug_mode forces log level 4 whatever log_level says', () => {
    const { config } = read('debug_mode=yes\nlog_level=1\n');
    expect(config.logLevel).toBe(4);
  });

  it('accepts worker counts and the rest of OpenSIPS globals with a notice', () => {
    const { config, diags } = read('udp_workers=4\ntcp_workers=2\nchildren=8\nopen_files_limit=1024\ndns_try_ipv6=no\n');
    expect(diags).toEqual([]);
    expect(config.notices).toHaveLength(5);
    expect(config.notices[0]).toMatch(/udp_workers=4 accepted; it has no effect/);
    expect(config.notices[3]).toMatch(/open_files_limit/);
  });
});
