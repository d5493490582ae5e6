// A real tsips process on loopback running stateless scripts: OPTIONS over UDP and TCP, the
// sipssert registration/01 script without its registrar part, Max-Forwards, malformed input,
// and MI over HTTP counting what happened (read directly and through tsips-cli).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startTsips, repoRoot, type TsipsProcess } from './tsips-process.js';
import { freePort } from './free-port.js';
import { sipRequest, tcpPeer, udpPeer, type SipPeer } from './sip-client.js';
import { callMi, miUrl } from '../../engine/cli/mi-client.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'tsips-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Running { p: TsipsProcess; sip: number; http: number }

async function startFixture(name: string, protos: readonly string[] = ['udp', 'tcp']): Promise<Running> {
  const sip = await freePort();
  const http = await freePort();
  const text = readFileSync(join(repoRoot, 'test', 'e2e', 'fixtures', name), 'utf8').replace('@HTTP_PORT@', String(http));
  const file = join(dir, name);
  writeFileSync(file, text);
  const p = startTsips(['-f', file, ...protos.flatMap((proto) => ['-l', `${proto}:127.0.0.1:${sip}`])]);
  await p.waitFor(/ready/, 15_000);
  return { p, sip, http };
}

const mi = async (http: number, method: string, params: unknown = {}): Promise<unknown> => (await callMi(miUrl(http), method, params)).result;

const status = (reply: string) => Number(/^SIP\/2\.0 (\d{3}) /.exec(reply)?.[1]);

describe('stateless script (examples-like) over UDP and TCP', () => {
  let t: Running;
  let udp: SipPeer;
  beforeAll(async () => {
    t = await startFixture('stateless.cfg');
    udp = await udpPeer(t.sip);
  });
  afterAll(async () => {
    await udp?.close();
    if (t) expect(await t.p.stop()).toEqual({ code: 0, signal: null });
  });

  it('answers OPTIONS with 200 over UDP', async () => {
    const r = await udp.ask(sipRequest({ method: 'OPTIONS', callId: 'u1', port: udp.port }), 'u1');
    expect(status(r)).toBe(200);
    expect(r).toMatch(/\r\nTo: <sip:service@127\.0\.0\.1>;tag=/);
  });

  it('answers OPTIONS with 200 over TCP, on the same connection', async () => {
    const tcp = await tcpPeer(t.sip);
    try {
      const r = await tcp.ask(sipRequest({ method: 'OPTIONS', callId: 't1', port: tcp.port, proto: 'TCP' }), 't1');
      expect(status(r)).toBe(200);
    } finally {
      await tcp.close();
    }
  });

  it('answers Max-Forwards: 0 with 483', async () => {
    const r = await udp.ask(sipRequest({ method: 'OPTIONS', callId: 'mf0', port: udp.port, maxForwards: 0 }), 'mf0');
    expect(status(r)).toBe(483);
  });

  it('answers a malformed request with 400 or drops it, and keeps answering', async () => {
    const bad = sipRequest({ method: 'OPTIONS', callId: 'bad1', port: udp.port }).replace('CSeq: 1 OPTIONS', 'CSeq: x OPTIONS');
    const r = await udp.ask(bad, 'bad1');
    expect(status(r)).toBe(400);
    udp.send(Buffer.from('\x00\x01garbage\r\n\r\n', 'latin1'));
    const ok = await udp.ask(sipRequest({ method: 'OPTIONS', callId: 'after-bad', port: udp.port }), 'after-bad');
    expect(status(ok)).toBe(200);
  });

  it('absorbs the ACK of its own stateless reply before the script (sl), and lets others through', async () => {
    const r = await udp.ask(sipRequest({ method: 'INVITE', callId: 'ack1', port: udp.port }), 'ack1');
    expect(status(r)).toBe(501);
    const tag = /\r\nTo: [^\r]*;tag=([^;\r]+)/.exec(r)?.[1];
    expect(tag).toBeTruthy();
    // RFC 3261 17.1.1.3: the ACK has the INVITE's branch and the reply's To tag.
    udp.send(sipRequest({ method: 'ACK', callId: 'ack1', port: udp.port, toTag: tag }));
    udp.send(sipRequest({ method: 'ACK', callId: 'ack-foreign', port: udp.port, toTag: 'not-ours' }));
    await t.p.waitFor(/ACK reached the script: ack-foreign/, 3000);
    expect(t.p.output()).not.toMatch(/ACK reached the script: ack1\b/);
    const sl = (await mi(t.http, 'get_statistics', { statistics: ['sl:received_ACKs'] })) as Record<string, number>;
    expect(sl['sl:received_ACKs']).toBe(1);
  });

  it('counts what it received; MI get_statistics over HTTP and tsips-cli agree', async () => {
    const stats = (await mi(t.http, 'get_statistics', { statistics: ['core:'] })) as Record<string, number>;
    expect(stats['core:rcv_requests']).toBeGreaterThanOrEqual(4);
    expect(stats['core:err_requests']).toBeGreaterThanOrEqual(2);
    const cli = await run(process.execPath, [join(repoRoot, 'bin', 'tsips-cli.js'), '-u', `http://127.0.0.1:${t.http}/mi`, 'mi', 'get_statistics', 'statistics=core:rcv_requests'], { timeout: 10_000 });
    const printed = JSON.parse(cli.stdout) as Record<string, number>;
    expect(printed['core:rcv_requests']).toBeGreaterThanOrEqual(stats['core:rcv_requests']);
  });
});

describe('sipssert registration/01 without its registrar part', () => {
  let t: Running;
  let udp: SipPeer;
  beforeAll(async () => {
    // Only proto_udp is loaded, as in the sipssert harness (-l udp:...).
    t = await startFixture('sipssert-registration-01.no-registrar.cfg', ['udp']);
    udp = await udpPeer(t.sip);
  });
  afterAll(async () => {
    await udp?.close();
    if (t) expect(await t.p.stop('SIGINT')).toEqual({ code: 0, signal: null });
  });

  it('answers a request that is not REGISTER with 503', async () => {
    const r = await udp.ask(sipRequest({ method: 'INVITE', callId: 'inv1', port: udp.port }), 'inv1');
    expect(status(r)).toBe(503);
    expect(r).toMatch(/^SIP\/2\.0 503 Service Unavailable\r\n/);
  });

  it('answers an in-dialog request (To tag) with 481', async () => {
    const r = await udp.ask(sipRequest({ method: 'BYE', callId: 'bye1', port: udp.port, toTag: 'abc' }), 'bye1');
    expect(r).toMatch(/^SIP\/2\.0 481 Call\/Transaction Does Not Exist\r\n/);
  });

  it('prints the worker-count notice and the listen sockets at start-up', () => {
    expect(t.p.output()).toMatch(/udp_workers=4 accepted; it has no effect/);
    expect(t.p.output()).toMatch(new RegExp(`udp:127\\.0\\.0\\.1:${t.sip}`));
  });

  it('serves MI over HTTP on the modparam port', async () => {
    const stats = (await mi(t.http, 'get_statistics', { statistics: ['rcv_requests'] })) as Record<string, number>;
    expect(stats['core:rcv_requests']).toBeGreaterThanOrEqual(2);
  });
});
