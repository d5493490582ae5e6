// The checking half of start-up: module statements in script order, sockets and their
// protocol modules, all problems located and reported together.
import { describe, it, expect, afterAll } from 'vitest';
import { loadScriptText } from '../../../../engine/config/index.js';
import { checkScript } from '../../../../engine/core/server/index.js';
import { tempTree, jsModule } from '../../modules/helpers.js';

// User modules in an mpath folder stand in for proto_udp/proto_tcp and a function module.
const mods = tempTree({
  'proto_udp/index.js': jsModule('proto_udp'),
  'proto_tcp/index.js': jsModule('proto_tcp'),
  'demo/index.js': jsModule('demo'),
});
afterAll(() => mods.cleanup());

async function check(body: string, listen: string[] = []) {
  const text = `mpath="${mods.dir}"\n${body}`;
  const load = loadScriptText(text, 'main.cfg', mods.dir);
  const r = await checkScript(load, { listen, version: '0.0.0' });
  const diags = r.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ code: d.code, line: d.loc.line - 1, message: d.message }));
  return { r, diags, errors: r.errors };
}

describe('checkScript', () => {
  it('no socket at all is "no transport protocol loaded"', async () => {
    const { diags, errors } = await check('loadmodule "proto_udp.so"\nroute { exit; }\n');
    expect(diags).toEqual([]);
    expect(errors).toEqual([expect.stringMatching(/^no transport protocol loaded/)]);
  });

  it('a socket whose proto module is not loaded is an error at the socket line', async () => {
    const { diags } = await check('loadmodule "proto_udp.so"\nsocket=udp:127.0.0.1:5060\nsocket=tcp:127.0.0.1:5060\nroute { exit; }\n');
    expect(diags).toEqual([{ code: 'TSIPS_SOCKET_NO_PROTO', line: 3, message: expect.stringMatching(/no transport protocol loaded.*proto_tcp/) }]);
  });

  it('-l needs its proto module too; its protocol defaults to udp', async () => {
    const { errors } = await check('route { exit; }\n', ['127.0.0.1:5070']);
    expect(errors).toEqual([expect.stringMatching(/^-l 127\.0\.0\.1:5070: no transport protocol loaded: module 'proto_udp'/)]);
  });

  it('accepts -l alone for the sockets (the sipssert harness way)', async () => {
    const { r, diags, errors } = await check('loadmodule "proto_udp.so"\nloadmodule "proto_tcp.so"\nroute { exit; }\n', ['127.0.0.1:5070', 'tcp:127.0.0.1:0']);
    expect(diags).toEqual([]);
    expect(errors).toEqual([]);
    if (r.checked) expect(r.checked.sockets.map((s) => `${s.proto}:${s.host}:${s.port}`)).toEqual(['udp:127.0.0.1:5070', 'tcp:127.0.0.1:0']);
  });

  it('expands port ranges and keeps "as" and tag', async () => {
    const { r, diags } = await check('loadmodule "proto_udp.so"\nsocket=udp:127.0.0.1:5100-5101 as 192.0.2.1:6100-6101 tag t1\nroute { exit; }\n');
    expect(diags).toEqual([]);
    if (r.checked) {
      expect(r.checked.sockets).toEqual([
        { proto: 'udp', host: '127.0.0.1', port: 5100, advertised: { host: '192.0.2.1', port: 6100 }, tag: 't1' },
        { proto: 'udp', host: '127.0.0.1', port: 5101, advertised: { host: '192.0.2.1', port: 6101 }, tag: 't1' },
      ]);
    }
  });

  it('warns that listen= is deprecated', async () => {
    const { r } = await check('loadmodule "proto_udp.so"\nlisten=udp:127.0.0.1:5060\nroute { exit; }\n');
    expect(r.diagnostics.filter((d) => d.code === 'TSIPS_DEPRECATED').map((d) => d.message)).toEqual(["'listen' is deprecated, use 'socket' instead"]);
  });

  it('an unknown module is an error at its loadmodule line', async () => {
    const { diags } = await check('loadmodule "proto_udp.so"\nsocket=udp:127.0.0.1:5060\n\nloadmodule "no_such_mod.so"\nroute { exit; }\n');
    expect(diags).toEqual([{ code: 'TSIPS_MODULE_NOT_FOUND', line: 4, message: expect.stringMatching(/unknown module 'no_such_mod'/) }]);
  });

  it('an unknown modparam, and a modparam above its loadmodule, are located errors', async () => {
    const { diags } = await check([
      'modparam("demo", "p", 2)',
      'loadmodule "demo.so"', 'loadmodule "proto_udp.so"', 'socket=udp:127.0.0.1:5060',
      'modparam("demo", "q", 1)', 'modparam("demo", "p", "x")', 'route { exit; }', '',
    ].join('\n'));
    expect(diags.map((d) => [d.code, d.line])).toEqual([
      ['TSIPS_MODPARAM_NO_MODULE', 1], ['TSIPS_MODPARAM_UNKNOWN', 5], ['TSIPS_MODPARAM_TYPE', 6],
    ]);
  });

  it('reports globals, module and socket problems together', async () => {
    const { diags } = await check('foo_param=1\nloadmodule "nope.so"\nsocket=tcp:127.0.0.1:5060\nroute { exit; }\n');
    expect(diags.map((d) => d.code)).toEqual(['TSIPS_GLOBAL_UNKNOWN', 'TSIPS_MODULE_NOT_FOUND', 'TSIPS_SOCKET_NO_PROTO']);
  });

  it('an unsupported protocol is an error at the socket line', async () => {
    const { diags } = await check('socket=tls:127.0.0.1:5061\nroute { exit; }\n');
    expect(diags).toEqual([{ code: 'TSIPS_SOCKET_BAD', line: 1, message: "protocol 'tls' is not supported by tsips yet" }]);
  });
});
