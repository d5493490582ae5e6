// Two tsips registrars kept in sync through a tsips reg-event server, with the example
// scripts (ports changed): A (examples/reginfo-publisher.cfg) publishes its registrations
// to S (examples/default.cfg); B (examples/reginfo-mirror.cfg) subscribes at S and follows
// in its own usrloc. Register two contacts at A: both are in B's ul_dump within a second;
// unregister one: it leaves B.
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dgram from 'node:dgram';
import { startTsips, repoRoot, type TsipsProcess } from '../tsips-process.js';
import { freePort } from '../free-port.js';
import { until } from '../until.js';
import { callMi, miStatistic, miUrl } from '../../../engine/cli/mi-client.js';

const dir = mkdtempSync(join(tmpdir(), 'tsips-reginfo-e2e-'));
const procs: TsipsProcess[] = [];
afterAll(async () => { await Promise.all(procs.map((p) => p.stop())); });

async function node(example: string, ports: Record<string, number>): Promise<TsipsProcess> {
  let cfg = readFileSync(join(repoRoot, 'examples', example), 'utf8');
  for (const [from, to] of Object.entries(ports)) cfg = cfg.replaceAll(from, String(to));
  const file = join(dir, example);
  writeFileSync(file, cfg);
  const p = startTsips(['-f', file]);
  procs.push(p);
  await p.waitFor(/ready/, 20_000);
  return p;
}

const mi = async (port: number, method: string): Promise<unknown> => (await callMi(miUrl(port), method)).result;

/** Contact URIs of an AOR in a node's usrloc (ul_dump). */
async function contacts(http: number, aor: string): Promise<string[]> {
  const dump = await mi(http, 'ul_dump') as { Domains: { name: string; AORs: { AOR: string; Contacts: { Contact: string }[] }[] }[] };
  const rec = dump.Domains.flatMap((d) => d.AORs).find((a) => a.AOR === aor);
  return rec ? rec.Contacts.map((c) => c.Contact).sort() : [];
}


function register(port: number, target: number, contacts: string[], expires: number, cseq: number): Promise<string> {
  const sock = dgram.createSocket('udp4');
  const msg = [`REGISTER sip:example.com SIP/2.0`, `Via: SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK-e2e-${cseq}`, 'Max-Forwards: 70',
    'From: <sip:alice@example.com>;tag=e2e', 'To: <sip:alice@example.com>', 'Call-ID: e2e-reginfo-alice', `CSeq: ${cseq} REGISTER`,
    ...contacts.map((c) => `Contact: <${c}>;expires=${expires}`), 'Content-Length: 0', '', ''].join('\r\n');
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => { sock.close(); reject(new Error('no reply to REGISTER')); }, 5000);
    sock.on('message', (b) => { clearTimeout(t); sock.close(); resolve(b.toString().split('\r\n')[0]!); });
    sock.bind(port, '127.0.0.1', () => sock.send(msg, target, '127.0.0.1'));
  });
}

describe('two registrars in sync through a tsips reg-event server', () => {
  it('mirrors two contacts registered at A into B within a second, and the removal of one', async () => {
    const [s, a, b, hs, ha, hb] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
    const ports = { 5060: s, 5070: a, 5080: b, 8888: hs, 8870: ha, 8880: hb };
    await node('default.cfg', ports);
    await node('reginfo-publisher.cfg', ports);
    await node('reginfo-mirror.cfg', ports);
    // B's two subscriptions (alice, bob) are in place at S.
    await until('B subscribed at S', async () => (await miStatistic(miUrl(hs), 'presence:active_watchers')) === 2, 10_000);

    const uac = await freePort();
    expect(await register(uac, a, ['sip:alice@192.0.2.10:5060', 'sip:alice@192.0.2.11:5060'], 600, 1)).toBe('SIP/2.0 200 OK');
    expect(await contacts(ha, 'alice@example.com')).toEqual(['sip:alice@192.0.2.10:5060', 'sip:alice@192.0.2.11:5060']);
    const took = await until('both contacts at B', async () => (await contacts(hb, 'alice@example.com')).length === 2, 1000, { everyMs: 20 });
    expect(await contacts(hb, 'alice@example.com')).toEqual(['sip:alice@192.0.2.10:5060', 'sip:alice@192.0.2.11:5060']);

    expect(await register(uac, a, ['sip:alice@192.0.2.11:5060'], 0, 2)).toBe('SIP/2.0 200 OK');
    await until('the removed contact left B', async () => (await contacts(hb, 'alice@example.com')).length === 1, 1000, { everyMs: 20 });
    expect(await contacts(hb, 'alice@example.com')).toEqual(['sip:alice@192.0.2.10:5060']);
    // B learnt; it does not publish back (it has no publish_reginfo) and S holds one state.
    expect(took).toBeLessThan(1000);
  }, 60_000);
});
