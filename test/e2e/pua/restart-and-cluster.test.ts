// pua state across a restart and between two nodes sharing one PostgreSQL: a real tsips
// killed with SIGKILL refreshes, after its restart, with the ETag it had; in a two-node
// cluster only the node holding the sharing tag refreshes, and the other takes over when it
// dies.
import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sipp } from '../sipp.js';
import { freePort } from '../free-port.js';
import { udpServer, type UdpServer } from './udp-server.js';
import { startNode, until, scenario, tableName, PIDF, type PuaNode } from './node.js';

const pgUrl = process.env.TSIPS_TEST_PG_URL;
const ok = (r: { code: number | null; output: string }) => expect(r.code, r.output).toBe(0);

let nodes: PuaNode[] = [];
let server: UdpServer | undefined;
afterEach(async () => {
  await Promise.all(nodes.map((n) => n.p.stop()));
  nodes = [];
  await server?.close();
  server = undefined;
});

describe('pua persistence and clustering', () => {
  it(`refreshes after a SIGKILL and restart with the ETag from before (${pgUrl ? 'PostgreSQL' : 'PGlite'})`, async () => {
    const dbUrl = pgUrl ?? `pglite://${mkdtempSync(join(tmpdir(), 'tsips-pua-db-'))}`;
    const table = tableName('restart');
    const server = await freePort();
    const run = sipp(['-sf', scenario('presence-server-restart.xml'), '-p', String(server), '-m', '1'], 40);
    const sip = await freePort();
    const first = await startNode({ dbUrl, table, sip });
    nodes.push(first);
    const uri = `sip:alice@127.0.0.1:${server}`;
    expect((await first.mi('pua_publish', { presentity_uri: uri, expires: 3600, event_package: 'presence', body: PIDF })).result)
      .toMatchObject({ code: 200, etag: 'kept-etag' });
    await new Promise((r) => setTimeout(r, 1500)); // update_period 1 s: the row is written
    await first.p.stop('SIGKILL');
    nodes = [];
    const second = await startNode({ dbUrl, table, sip });
    nodes.push(second);
    const r = await run.done;
    ok(r);
    expect(r.successful).toBe(1);
    await until('the refresh answer is stored', async () =>
      ((await second.mi('pua_show', { pres_uri: uri })).result as { Publications: { etag: string }[] }).Publications[0]?.etag === 'after-restart');
  }, 60_000);

  it.skipIf(!pgUrl)('two nodes on one PostgreSQL: the sharing tag owner refreshes, never both; the other takes over when it dies', async () => {
    const table = tableName('cluster');
    const cluster = ['modparam("pua", "cluster_id", 1)', 'modparam("pua", "cluster_sharing_tag", "vip")'];
    // Grants 6 s (a refresh 5 s later) until the third PUBLISH, then an hour.
    const srv = await udpServer((_r, i) => ({ code: 200, reason: 'OK', headers: [`SIP-ETag: p${i + 1}`, `Expires: ${i < 2 ? 6 : 3600}`] }));
    server = srv;
    const [portA, portB] = [await freePort(), await freePort()];
    const b = await startNode({ dbUrl: pgUrl!, table, sip: portB, extra: cluster });
    nodes.push(b);
    await b.p.waitFor(/sharing tag 'vip' of cluster 1 is active on this node/, 10_000);
    const a = await startNode({ dbUrl: pgUrl!, table, sip: portA, extra: cluster });
    nodes.push(a);
    expect((await a.mi('pua_cluster_status')).result).toMatchObject({ cluster_id: 1, sharing_tag: 'vip', state: 'backup' });
    const uri = `sip:alice@127.0.0.1:${srv.port}`;
    expect((await a.mi('pua_publish', { presentity_uri: uri, expires: 3600, event_package: 'presence', body: PIDF })).result)
      .toMatchObject({ code: 200, etag: 'p1' });
    // B learnt the record from A's notice and refreshes it; A stays quiet and learns the ETag.
    await until('B refreshed', () => srv.received.length === 2);
    await until('A learnt the ETag B earned', async () =>
      ((await a.mi('pua_show', { pres_uri: uri })).result as { Publications: { etag: string }[] }).Publications[0]?.etag === 'p2');
    await b.p.stop('SIGKILL');
    await until('A took the tag over and refreshed', () => srv.received.length === 3, 15_000);
    await new Promise((r) => setTimeout(r, 1500));
    const seen = srv.received.map((r) => ({ from: r.fromPort, ifMatch: r.msg.header('sip-if-match') ?? '', callId: r.msg.callId, cseq: r.msg.cseq.seq }));
    expect(seen.map(({ from, ifMatch }) => ({ from, ifMatch }))).toEqual([
      { from: portA, ifMatch: '' }, { from: portB, ifMatch: 'p1' }, { from: portA, ifMatch: 'p2' },
    ]);
    // One publication, one conversation: same Call-ID, CSeq counting up across the nodes.
    expect(new Set(seen.map((x) => x.callId)).size).toBe(1);
    expect(seen.map((x) => x.cseq)).toEqual([1, 2, 3]);
    expect((await a.mi('pua_cluster_status')).result).toMatchObject({ state: 'active' });
  }, 60_000);
});
