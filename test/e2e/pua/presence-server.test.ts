// pua end to end against sipp playing the presence server: a real tsips process publishing
// and subscribing through pua_mi, on PostgreSQL when TSIPS_TEST_PG_URL is set (embedded
// PGlite otherwise).
import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sipp } from '../sipp.js';
import { freePort } from '../free-port.js';
import { startNode, until, scenario, tableName, PIDF, type PuaNode } from './node.js';

const dbUrl = () => process.env.TSIPS_TEST_PG_URL ?? `pglite://${mkdtempSync(join(tmpdir(), 'tsips-pua-db-'))}`;
const ok = (r: { code: number | null; output: string }) => expect(r.code, r.output).toBe(0);

let nodes: PuaNode[] = [];
afterEach(async () => {
  await Promise.all(nodes.map((n) => n.p.stop()));
  nodes = [];
});

describe('pua against a sipp presence server', () => {
  it('PUBLISH: 200 with SIP-ETag, refresh with SIP-If-Match, 412 -> re-publish, 423 -> Min-Expires, no answer, removal', async () => {
    const server = await freePort();
    const run = sipp(['-sf', scenario('presence-server-publish.xml'), '-p', String(server), '-m', '1'], 40);
    const node = await startNode({ dbUrl: dbUrl(), table: tableName('pub') });
    nodes.push(node);
    const uri = `sip:alice@127.0.0.1:${server}`;
    const publish = (p: Record<string, unknown>) => node.mi('pua_publish', { presentity_uri: uri, event_package: 'presence', ...p });

    expect((await publish({ expires: 3600, content_type: 'application/pidf+xml', body: PIDF })).result).toEqual({ code: 200, reason: 'OK', etag: 'e1', expires: 4 });
    // The refresh (about 2 s later) meets a 412; pua publishes the state again and gets e2.
    await until('re-published after 412', async () => {
      const r = await node.mi('pua_show', { pres_uri: uri });
      return (r.result as { Publications?: { etag: string }[] } | undefined)?.Publications?.[0]?.etag === 'e2';
    });
    expect((await publish({ expires: 3600, body: PIDF.replace('open', 'away') })).result).toMatchObject({ code: 200, etag: 'e3', expires: 7200 });
    expect((await publish({ expires: 3600, body: PIDF })).result).toMatchObject({ code: 408 });
    expect((await publish({ expires: 0 })).result).toMatchObject({ code: 200, expires: 0 });
    const r = await run.done;
    ok(r);
    expect(r.successful).toBe(1);
    expect((await node.mi('pua_list')).result).toEqual({ Publications: [], Subscriptions: [] });
  }, 60_000);

  it('SUBSCRIBE: 200 + NOTIFY, refresh in the dialog, 481 -> new subscription, terminated;reason=rejected ends it', async () => {
    const server = await freePort();
    const run = sipp(['-sf', scenario('notifier-subscribe.xml'), '-p', String(server), '-m', '2'], 40);
    const node = await startNode({ dbUrl: dbUrl(), table: tableName('sub') });
    nodes.push(node);
    const res = await node.mi('pua_subscribe', { presentity_uri: `sip:alice@127.0.0.1:${server}`, watcher_uri: 'sip:bob@example.com', event_package: 'presence', expires: 3600 });
    expect(res.result).toBe('OK');
    const r = await run.done;
    ok(r);
    expect(r.successful).toBe(2);
    await new Promise((x) => setTimeout(x, 1500));
    expect((await node.mi('pua_list')).result).toEqual({ Publications: [], Subscriptions: [] });
    expect(await node.stat('pua:subscribe_sent')).toBe(3); // initial, refresh, the one after 481
    expect(await node.stat('pua:notify_matched')).toBe(2);
  }, 60_000);
});
