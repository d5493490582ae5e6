// Globals, every socket=/listen= form of reference 2.3, alias, mpath, loadmodule, modparam.
import { describe, expect, it } from 'vitest';
import type { Socket, TopLevel } from '../../engine/script/ast.js';
import { parseScript, stripLocs } from './helpers.js';

const item = (text: string): TopLevel => stripLocs(parseScript(text + '\n').items[0]);
const sock = (text: string): Socket => item(text) as Socket;

describe('sockets', () => {
  it('proto:host:port, *, default port', () => {
    expect(sock('socket = udp:*:5060')).toMatchObject({ keyword: 'socket', proto: 'udp', host: { kind: 'any', value: '*' }, ports: [{ from: 5060, to: 5060 }] });
    expect(sock('socket=udp:127.0.0.1')).toMatchObject({ host: { kind: 'ipv4', value: '127.0.0.1' }, ports: [] });
    expect(sock('listen=tcp:my-host.example.com:5060')).toMatchObject({ keyword: 'listen', host: { kind: 'name', value: 'my-host.example.com' } });
    expect(sock('socket=udp:eth0:5060')).toMatchObject({ host: { kind: 'name', value: 'eth0' } });
    expect(sock('socket=udp:"tag":5060')).toMatchObject({ host: { kind: 'string', value: 'tag' } });
  });
  it('port ranges and lists (3.5+)', () => {
    expect(sock('socket=udp:127.0.0.1:5100-5101').ports).toEqual([{ from: 5100, to: 5101 }]);
    expect(sock('socket=udp:127.0.0.1:5060,5070-5072').ports).toEqual([{ from: 5060, to: 5060 }, { from: 5070, to: 5072 }]);
  });
  it('IPv6 in brackets', () => {
    expect(sock('socket=udp:[::1]:5099')).toMatchObject({ host: { kind: 'ipv6', value: '::1' }, ports: [{ from: 5099 }] });
  });
  it('as, use_workers, tag and flags', () => {
    expect(sock('listen=udp:10.0.0.5:5060 as 203.0.113.7:5060').params).toEqual([
      { type: 'SocketParam', name: 'as', value: null, host: { type: 'Host', value: '203.0.113.7', kind: 'ipv4' }, ports: [{ from: 5060, to: 5060 }] }]);
    expect(sock('socket= tcp:127.0.0.1:5060 use_workers 2 tag mytag anycast reuse_port').params.map((p) => (p.type === 'SocketParam' ? [p.name, p.value] : p.type)))
      .toEqual([['use_workers', 2], ['tag', 'mytag'], ['anycast', null], ['reuse_port', null]]);
  });
  it('a trailing comment is not a parameter', () => {
    expect(sock('socket=udp:127.0.0.1:5060   # CUSTOMIZE ME').params).toEqual([]);
  });
});

describe('other globals', () => {
  it('name = value with every value kind', () => {
    expect(item('log_level=-1')).toMatchObject({ type: 'Global', name: 'log_level', value: { type: 'Number', value: -1 } });
    expect(item('syslog_facility=LOG_LOCAL0')).toMatchObject({ value: { type: 'Word', value: 'LOG_LOCAL0' } });
    expect(item('server_header="Server: x"')).toMatchObject({ value: { type: 'String', value: 'Server: x' } });
    expect(item('advertised_address=203.0.113.7')).toMatchObject({ value: { type: 'Ip', address: '203.0.113.7' } });
    expect(item('udp_workers=4 use_auto_scaling_profile PROF')).toMatchObject({ value: { value: 4 }, scalingProfile: 'PROF' });
    expect(item('dst_blacklist = gw:{ ( tcp , 192.168.2.100 , 5060 , "" ) }')).toMatchObject({ value: { type: 'Raw' } });
  });
  it('alias', () => {
    expect(item('alias=udp:example.com:5060 accept_subdomain')).toMatchObject({ type: 'Alias', proto: 'udp', host: { value: 'example.com' }, port: 5060, acceptSubdomain: true });
    expect(item('alias=example.com:5060')).toMatchObject({ proto: null, host: { value: 'example.com' }, port: 5060 });
    expect(item('alias=example')).toMatchObject({ proto: null, port: null, acceptSubdomain: false });
  });
  it('mpath, loadmodule, modparam with a regex module name', () => {
    expect(item('mpath="/a/" : "/b/"')).toMatchObject({ type: 'MPath', paths: [{ value: '/a/' }, { value: '/b/' }] });
    expect(item('loadmodule "tm.so"')).toMatchObject({ type: 'LoadModule', path: { value: 'tm.so' } });
    expect(item('modparam("auth_db|usrloc", "use_domain", yes)')).toMatchObject({ module: { value: 'auth_db|usrloc' }, value: { value: 1, raw: 'yes' } });
  });
  it('import_file at top level', () => {
    expect(item("import_file 'other.cfg'")).toMatchObject({ type: 'Include', keyword: 'import_file', path: { quote: "'", value: 'other.cfg' } });
  });
});
