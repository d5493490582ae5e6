// tm end to end: a real tsips process relaying between real sipp callers and callees on
// 127.0.0.1 (test/e2e/tm/proxy.cfg). Calls with ACK and BYE through the route set, serial
// forking after a 486, CANCEL while ringing, timeouts for INVITE and MESSAGE, an
// onreply_route edit, a forged reply, 10% packet loss on both ends, and no transaction left.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import dgram from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTsips, repoRoot, type TsipsProcess } from '../tsips-process.js';
import { freePort } from '../free-port.js';
import { sipp } from '../sipp.js';
import { callMi, miUrl } from '../../../engine/cli/mi-client.js';

const here = join(repoRoot, 'test', 'e2e', 'tm');
const xml = (name: string) => join(here, 'sipp', name);
const dir = mkdtempSync(join(tmpdir(), 'tsips-tm-e2e-'));

let p: TsipsProcess;
let proxy: number;
let http: number;
let uas: number;
let uas2: number;

beforeAll(async () => {
  [proxy, http, uas, uas2] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const dead = await freePort();
  const cfg = readFileSync(join(here, 'proxy.cfg'), 'utf8')
    .replaceAll('@HTTP_PORT@', String(http)).replaceAll('@UAS@', String(uas)).replaceAll('@UAS2@', String(uas2)).replaceAll('@DEAD@', String(dead));
  const file = join(dir, 'proxy.cfg');
  writeFileSync(file, cfg);
  p = startTsips(['-f', file, '-l', `udp:127.0.0.1:${proxy}`]);
  await p.waitFor(/ready/, 15_000);
}, 20_000);

afterAll(async () => {
  await p?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const mi = async (method: string, params: unknown = {}): Promise<unknown> => (await callMi(miUrl(http), method, params)).result;

/** A callee (or two) and a caller; resolves when the caller is done. */
async function call(o: { uas: string[]; uas2?: string[]; uac: string[]; timeoutS?: number }) {
  const callee = sipp([...o.uas, '-p', String(uas)], o.timeoutS ?? 20);
  const callee2 = o.uas2 ? sipp([...o.uas2, '-p', String(uas2)], o.timeoutS ?? 20) : undefined;
  await new Promise((r) => setTimeout(r, 300)); // let the callees bind
  const caller = await sipp([`127.0.0.1:${proxy}`, ...o.uac, '-p', String(await freePort())], o.timeoutS ?? 20).done;
  const c1 = await callee.done;
  const c2 = callee2 ? await callee2.done : undefined;
  return { caller, callee: c1, callee2: c2 };
}

const ok = (r: { code: number | null; output: string }) => expect(r.code, r.output).toBe(0);

describe('tm through sipp', () => {
  it('INVITE / 200 / ACK / BYE: ten calls complete', async () => {
    const r = await call({ uas: ['-sn', 'uas', '-m', '10'], uac: ['-sn', 'uac', '-s', 'call', '-m', '10', '-r', '10'] });
    ok(r.caller);
    ok(r.callee);
    expect(r.caller.successful).toBe(10);
  }, 30_000);

  it('a 486 is ACKed by the proxy and failure_route sends the call to a second callee', async () => {
    const r = await call({ uas: ['-sf', xml('uas-486.xml'), '-m', '1'], uas2: ['-sn', 'uas', '-m', '1'], uac: ['-sf', xml('uac-rr.xml'), '-s', 'busy', '-m', '1'] });
    ok(r.caller);
    ok(r.callee); // it got the ACK for its 486
    ok(r.callee2!);
  }, 30_000);

  it('CANCEL while ringing: 200 for the CANCEL, the callee cancelled, 487 to the caller', async () => {
    const r = await call({ uas: ['-sf', xml('uas-ring.xml'), '-m', '1'], uac: ['-sf', xml('uac-cancel.xml'), '-s', 'cancel', '-m', '1'] });
    ok(r.caller);
    ok(r.callee);
  }, 30_000);

  it('no answer: fr_inv_timeout cancels the callee and answers the caller 408', async () => {
    const started = Date.now();
    const r = await call({ uas: ['-sf', xml('uas-ring.xml'), '-m', '1'], uac: ['-sf', xml('uac-noanswer.xml'), '-s', 'ring', '-m', '1'] });
    ok(r.caller);
    ok(r.callee);
    expect(Date.now() - started).toBeGreaterThan(1500);
  }, 30_000);

  it('a MESSAGE to a next hop that never answers gets 408 after fr_timeout', async () => {
    const r = await sipp([`127.0.0.1:${proxy}`, '-sf', xml('uac-message-timeout.xml'), '-s', 'dead', '-m', '1', '-p', String(await freePort())], 15).done;
    ok(r);
  }, 20_000);

  it('onreply_route removes a header from the 200 and adds one', async () => {
    const r = await call({ uas: ['-sf', xml('uas-secret.xml'), '-m', '1'], uac: ['-sf', xml('uac-check-header.xml'), '-s', 'edit', '-m', '1'] });
    ok(r.caller);
    ok(r.callee);
  }, 30_000);

  it('drops a reply whose branch it never sent, and keeps serving', async () => {
    const sock = dgram.createSocket('udp4');
    const got: string[] = [];
    sock.on('message', (m) => got.push(m.toString()));
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
    const mine = sock.address().port;
    sock.send([
      'SIP/2.0 200 OK', `Via: SIP/2.0/UDP 127.0.0.1:${proxy};branch=z9hG4bKforged1`, `Via: SIP/2.0/UDP 127.0.0.1:${mine};branch=z9hG4bKme`,
      'From: <sip:a@127.0.0.1>;tag=1', 'To: <sip:b@127.0.0.1>;tag=2', 'Call-ID: forged', 'CSeq: 1 INVITE', 'Content-Length: 0', '', '',
    ].join('\r\n'), proxy, '127.0.0.1');
    await new Promise((r) => setTimeout(r, 1000));
    expect(got).toEqual([]);
    sock.send([
      `OPTIONS sip:nobody@127.0.0.1:${proxy} SIP/2.0`, `Via: SIP/2.0/UDP 127.0.0.1:${mine};branch=z9hG4bKo1`, 'Max-Forwards: 70',
      'From: <sip:a@127.0.0.1>;tag=1', `To: <sip:nobody@127.0.0.1:${proxy}>`, 'Call-ID: alive', 'CSeq: 1 OPTIONS', 'Content-Length: 0', '', '',
    ].join('\r\n').replace(`nobody@127.0.0.1:${proxy} SIP`, `dead@127.0.0.1:${proxy} SIP`), proxy, '127.0.0.1');
    for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(got[0]).toMatch(/^SIP\/2\.0 408 /);
    await new Promise<void>((r) => sock.close(() => r()));
  }, 15_000);

  it('with 10% loss at both ends, completes at least as many calls as sipp talking directly', async () => {
    const lossy = ['-lost', '10', '-recv_timeout', '15000'];
    const calls = ['-m', '300', '-r', '50'];
    // Direct: caller to callee, no proxy. Both runs at once, on their own ports.
    const directUas = await freePort();
    const dUas = sipp(['-sn', 'uas', '-p', String(directUas), ...lossy], 70);
    const pUas = sipp(['-sn', 'uas', '-p', String(uas), ...lossy], 70);
    await new Promise((r) => setTimeout(r, 300));
    const dUac = sipp([`127.0.0.1:${directUas}`, '-sn', 'uac', '-s', 'call', ...calls, ...lossy, '-p', String(await freePort())], 60);
    const pUac = sipp([`127.0.0.1:${proxy}`, '-sn', 'uac', '-s', 'call', ...calls, ...lossy, '-p', String(await freePort())], 60);
    const [direct, proxied] = await Promise.all([dUac.done, pUac.done]);
    dUas.kill();
    pUas.kill();
    await Promise.all([dUas.done, pUas.done]);
    process.stdout.write(`packet loss 10%: direct ${direct.successful}/300, through tsips ${proxied.successful}/300\n`);
    expect(direct.successful + direct.failed).toBeGreaterThan(250);
    expect(proxied.successful).toBeGreaterThanOrEqual(direct.successful);
  }, 90_000);

  it('leaves no transaction behind', async () => {
    let inuse = -1;
    // The longest life: a lossy call's branch times out (fr_timeout 30 s), then its 408 waits
    // for an ACK that never comes (Timer H, 30 s), then wt_timer.
    for (let i = 0; i < 350; i++) {
      const r = (await mi('get_statistics', { statistics: ['tm:inuse_transactions'] })) as Record<string, number>;
      inuse = r['tm:inuse_transactions'];
      if (inuse === 0) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    expect(inuse).toBe(0);
  }, 80_000);
});
