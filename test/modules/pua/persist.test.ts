import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { puaRig, answer, last, count, ALICE, SERVER } from './rig.js';
import type { Rig } from '../script-rig.js';

let rig: Rig | undefined;
let dir: string | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('pua table', () => {
  it('carries a publication and a subscription over a restart: refreshes use the stored ETag and dialog', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsips-pua-'));
    const url = `pglite://${dir}`;
    rig = await puaRig([], url);
    const pub = rig.mi('pua_publish', { presentity_uri: ALICE, expires: 3600, event_package: 'presence', body: 'state' });
    await rig.settle();
    answer(rig, last(rig, 'PUBLISH'), 200, 'OK', ['SIP-ETag: before-restart', 'Expires: 30']);
    await pub;
    await rig.mi('pua_subscribe', { presentity_uri: ALICE, watcher_uri: 'sip:bob@example.com', event_package: 'presence', expires: 3600 });
    await rig.settle();
    const sub = last(rig, 'SUBSCRIBE');
    answer(rig, sub, 200, 'OK', ['Expires: 30', 'Contact: <sip:presence@127.0.0.1:7000>', 'Record-Route: <sip:127.0.0.1:7000;lr>']);
    await rig.settle();
    await rig.stop(); // flushes
    rig = undefined;

    rig = await puaRig([], url);
    const list = await rig.mi('pua_list') as { Publications: Record<string, unknown>[]; Subscriptions: Record<string, unknown>[] };
    expect(list.Publications).toMatchObject([{ pres_uri: ALICE, etag: 'before-restart' }]);
    expect(list.Subscriptions).toMatchObject([{ call_id: sub.msg.callId, to_tag: 'srv1', remote_target: 'sip:presence@127.0.0.1:7000', cseq: 1 }]);
    await rig.advance(16_000);
    expect(count(rig, 'PUBLISH')).toBe(1);
    expect(last(rig, 'PUBLISH').msg.header('sip-if-match')).toBe('before-restart');
    const refresh = last(rig, 'SUBSCRIBE');
    expect(refresh.msg.callId).toBe(sub.msg.callId);
    expect(refresh.msg.from?.tag).toBe(sub.msg.from?.tag);
    expect(refresh.msg.to?.tag).toBe('srv1');
    expect(refresh.msg.cseq.seq).toBe(2);
    expect(refresh.msg.headerValues('route')).toEqual(['<sip:127.0.0.1:7000;lr>']);
    expect(refresh.to.port).toBe(SERVER);
  });

  it('writes changes every update_period, not before', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsips-pua-'));
    rig = await puaRig(['modparam("pua", "db_table", "pua_alt")'], `pglite://${dir}`);
    const pub = rig.mi('pua_publish', { presentity_uri: ALICE, expires: 3600, event_package: 'presence', body: 'state' });
    await rig.settle();
    answer(rig, last(rig, 'PUBLISH'), 200, 'OK', ['SIP-ETag: e1', 'Expires: 3600']);
    await pub;
    const st = rig.state<{ db: { knex: (t: string) => { select: (c: string) => Promise<{ etag: string }[]> } } }>('pua');
    expect(await st.db.knex('pua_alt').select('etag')).toEqual([]);
    await rig.advance(20_500);
    await new Promise((r) => setTimeout(r, 100));
    expect(await st.db.knex('pua_alt').select('etag')).toEqual([{ etag: 'e1' }]);
  });

  it('deletes expired rows: at start-up, and on each flush those long past their expiry', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsips-pua-'));
    const url = `pglite://${dir}`;
    rig = await puaRig([], url);
    type Db = { knex: ((t: string) => { insert: (r: object) => Promise<unknown>; select: (c: string) => Promise<{ pres_uri: string }[]> }) };
    let st = rig.state<{ db: Db; pua: { nowSec(): number } }>('pua');
    const row = (uri: string, expires: number) => ({ pres_uri: uri, pres_id: '', event: 1, expires, desired_expires: 0, flag: 128, etag: 'x' });
    const now = st.pua.nowSec();
    await st.db.knex('pua').insert(row('sip:stale@x', now - 20));
    await st.db.knex('pua').insert(row('sip:live@x', now + 3600));
    await rig.advance(20_500); // update_period
    await new Promise((r) => setTimeout(r, 100));
    expect((await st.db.knex('pua').select('pres_uri')).map((r) => r.pres_uri)).toEqual(['sip:live@x']);
    await st.db.knex('pua').insert(row('sip:expired@x', now - 1));
    await rig.stop();
    rig = await puaRig([], url);
    st = rig.state<{ db: Db; pua: { nowSec(): number } }>('pua');
    expect((await st.db.knex('pua').select('pres_uri')).map((r) => r.pres_uri)).toEqual(['sip:live@x']);
    expect(rig.stat('pua:publications')).toBe(1);
  });
});
