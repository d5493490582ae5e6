// Interop of the reg event with Debian's Kamailio 5.6 as a real peer (issue "pua_reginfo",
// flows a and b; flow c, tsips with tsips, is test/e2e/reginfo):
//  (a) a tsips registrar publishes to a Kamailio presence server, and a Kamailio subscriber's
//      usrloc follows;
//  (b) a Kamailio registrar with pua_reginfo publishes to a tsips reg-event server, and a tsips
//      mirror's usrloc follows.
// Kamailio's presence and pua keep their tables in PostgreSQL (its SQLite driver fails under
// concurrency); a database of their own is made for them from Kamailio's SQL scripts.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dgram from 'node:dgram';
import { kamailioDatabase, fillTemplate } from '../../scripts/bench/_kamailio.js';
import { startTsips, repoRoot, type TsipsProcess } from '../e2e/tsips-process.js';
import { freePort } from '../e2e/free-port.js';
import { until } from '../e2e/until.js';
import { callMi, miStatistic, miUrl } from '../../engine/cli/mi-client.js';

const pgUrl = process.env.TSIPS_TEST_PG_URL;
const haveKamailio = !spawnSync('kamailio', ['-v']).error;
const dir = mkdtempSync(join(tmpdir(), 'tsips-kamailio-interop-'));
const KAMAILIO_DB = 'kamailio_interop';
let kamailioDbUrl = '';
const kids: ChildProcess[] = [];
const tsips: TsipsProcess[] = [];

async function makeKamailioDb(): Promise<void> {
  kamailioDbUrl = await kamailioDatabase(pgUrl!, KAMAILIO_DB);
}

async function kamailio(cfgName: string, values: Record<string, string | number>): Promise<{ port: number; output: () => string }> {
  const cfg = fillTemplate(readFileSync(join(repoRoot, 'test', 'interop', 'kamailio', cfgName), 'utf8'), values);
  const file = join(dir, cfgName);
  writeFileSync(file, cfg);
  const run = mkdtempSync(join(dir, 'run-'));
  const child = spawn('kamailio', ['-f', file, '-DD', '-E', '-Y', run, '-m', '64', '-M', '8'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  kids.push(child);
  let out = '';
  child.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
  child.stderr!.on('data', (b: Buffer) => { out += b.toString(); });
  const port = Number(values.PORT);
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null) throw new Error(`kamailio ${cfgName} exited:\n${out.slice(-3000)}`);
    if (await answers(port)) return { port, output: () => out };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`kamailio ${cfgName} did not answer:\n${out.slice(-3000)}`);
}

/** Sends a request over UDP and resolves with the first line of the reply (or undefined). */
function ask(port: number, text: string, timeoutMs = 1000): Promise<string | undefined> {
  const sock = dgram.createSocket('udp4');
  return new Promise((resolve) => {
    const t = setTimeout(() => { sock.close(); resolve(undefined); }, timeoutMs);
    sock.on('message', (b) => { clearTimeout(t); sock.close(); resolve(b.toString().split('\r\n')[0]); });
    sock.bind(0, '127.0.0.1', () => {
      const me = (sock.address() as { port: number }).port;
      sock.send(text.replaceAll('@ME@', String(me)), port, '127.0.0.1');
    });
  });
}

let seq = 0;
const options = (user: string) => [`OPTIONS sip:${user}@127.0.0.1 SIP/2.0`, `Via: SIP/2.0/UDP 127.0.0.1:@ME@;branch=z9hG4bK-ko${++seq}`, 'Max-Forwards: 70',
  'From: <sip:test@127.0.0.1>;tag=ko', `To: <sip:${user}@127.0.0.1>`, `Call-ID: ko-${seq}`, 'CSeq: 1 OPTIONS', 'Content-Length: 0', '', ''].join('\r\n');
const register = (contacts: string[], expires: number, cseq: number) => ['REGISTER sip:example.com SIP/2.0', `Via: SIP/2.0/UDP 127.0.0.1:@ME@;branch=z9hG4bK-kr${++seq}`,
  'Max-Forwards: 70', 'From: <sip:alice@example.com>;tag=kr', 'To: <sip:alice@example.com>', 'Call-ID: kr-alice', `CSeq: ${cseq} REGISTER`,
  ...contacts.map((c) => `Contact: <${c}>;expires=${expires}`), 'Content-Length: 0', '', ''].join('\r\n');

const answers = async (port: number) => (await ask(port, options('ping'), 300)) !== undefined;

async function tsipsNode(example: string, ports: Record<string, number>): Promise<void> {
  let cfg = readFileSync(join(repoRoot, 'examples', example), 'utf8');
  for (const [from, to] of Object.entries(ports)) cfg = cfg.replaceAll(from, String(to));
  const file = join(dir, `tsips-${example}`);
  writeFileSync(file, cfg);
  const p = startTsips(['-f', file]);
  tsips.push(p);
  await p.waitFor(/ready/, 20_000);
}


async function rpc(port: number, method: string): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${port}/RPC`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', method, id: 1 }) });
  return ((await res.json()) as { result?: unknown }).result;
}

const tsipsMi = async (port: number, method: string): Promise<unknown> => (await callMi(miUrl(port), method)).result;

let lastDump: unknown;
const addresses = (dump: unknown) => (lastDump = dump, 0) ||  [...JSON.stringify(dump).matchAll(/"(?:Address|Contact)":"(sip:[^"]+)"/g)].map((m) => m[1]!).sort();

beforeAll(async () => {
  if (pgUrl && haveKamailio) await makeKamailioDb();
}, 30_000);

afterAll(async () => {
  for (const k of kids) { try { process.kill(-k.pid!, 'SIGTERM'); } catch { /* gone */ } }
  await Promise.all(tsips.map((p) => p.stop()));
});

describe.skipIf(!pgUrl || !haveKamailio)('reg event interop with Kamailio 5.6', () => {
  it('(a) a tsips registrar publishes to a Kamailio presence server; a Kamailio subscriber\'s usrloc follows', async () => {
    const [kp, ks, ksHttp, a, ah] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
    const presence = await kamailio('presence-server.cfg', { PORT: kp, DB_URL: kamailioDbUrl });
    const sub = await kamailio('reginfo-subscriber.cfg', { PORT: ks, HTTP_PORT: ksHttp, PRESENCE_PORT: kp, DB_URL: kamailioDbUrl });
    await tsipsNode('reginfo-publisher.cfg', { 5060: kp, 5070: a, 8870: ah });
    expect(await ask(ks, options('alice'))).toBe('SIP/2.0 200 OK'); // Kamailio subscribes to alice
    expect(await ask(a, register(['sip:alice@192.0.2.30:5060', 'sip:alice@192.0.2.31:5060'], 600, 1))).toBe('SIP/2.0 200 OK');
    const detail = () => `${JSON.stringify(lastDump)}\npresence:\n${presence.output().slice(-2000)}\nsubscriber:\n${sub.output().slice(-2000)}`;
    await until('both contacts in Kamailio\'s usrloc', async () => addresses(await rpc(ksHttp, 'ul.dump')).length === 2, 5000, { detail });
    expect(addresses(await rpc(ksHttp, 'ul.dump'))).toEqual(['sip:alice@192.0.2.30:5060', 'sip:alice@192.0.2.31:5060']);
    expect(JSON.stringify(await rpc(ksHttp, 'ul.dump'))).toContain('alice@example.com'); // Kamailio keys user@domain (see the issue)
    expect(await ask(a, register(['sip:alice@192.0.2.31:5060'], 0, 2))).toBe('SIP/2.0 200 OK');
    // Kamailio drops a contact only when told expires="0", which tsips sends for terminated ones.
    await until('the removed contact left Kamailio', async () => addresses(await rpc(ksHttp, 'ul.dump')).length === 1, 5000, { detail });
    expect(addresses(await rpc(ksHttp, 'ul.dump'))).toEqual(['sip:alice@192.0.2.30:5060']);
  }, 60_000);

  it('(b) a Kamailio registrar publishes to a tsips reg-event server; a tsips mirror\'s usrloc follows', async () => {
    const [s, sh, b, bh, kr] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
    await tsipsNode('default.cfg', { 5060: s, 8888: sh });
    await tsipsNode('reginfo-mirror.cfg', { 5060: s, 5080: b, 8880: bh });
    const registrar = await kamailio('reginfo-registrar.cfg', { PORT: kr, PRESENCE_PORT: s, DB_URL: kamailioDbUrl });
    await until('the mirror subscribed', async () => (await miStatistic(miUrl(sh), 'presence:active_watchers')) >= 2, 10_000);
    expect(await ask(kr, register(['sip:alice@192.0.2.40:5060', 'sip:alice@192.0.2.41:5060'], 600, 1))).toBe('SIP/2.0 200 OK');
    const mirror = async () => {
      const dump = await tsipsMi(bh, 'ul_dump') as { Domains: { AORs: { AOR: string; Contacts: { Contact: string }[] }[] }[] };
      return dump.Domains.flatMap((d) => d.AORs).filter((x) => x.AOR === 'alice@example.com').flatMap((x) => x.Contacts.map((c) => c.Contact)).sort();
    };
    await until('both contacts in the tsips mirror', async () => (await mirror()).length === 2, 5000, { detail: () => registrar.output().slice(-3000) });
    expect(await mirror()).toEqual(['sip:alice@192.0.2.40:5060', 'sip:alice@192.0.2.41:5060']);
    expect(await ask(kr, register(['sip:alice@192.0.2.41:5060'], 0, 2))).toBe('SIP/2.0 200 OK');
    await until('the removed contact left the mirror', async () => (await mirror()).length === 1, 5000, { detail: () => registrar.output().slice(-3000) });
    expect(await mirror()).toEqual(['sip:alice@192.0.2.40:5060']);
  }, 60_000);
});
