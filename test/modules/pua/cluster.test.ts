// Clustering pieces on the real PostgreSQL (TSIPS_TEST_PG_URL): a record another node wrote
// is loaded from the shared table when needed; a notice from another node reloads a record
// held here. The two-node flow is in test/e2e/pua.
import { afterEach, describe, expect, it } from 'vitest';
import { puaRig, answer, last, ALICE } from './rig.js';
import type { Rig } from '../script-rig.js';
import type { PuaState } from '../../../modules/pua/state.js';
import { until } from '../../e2e/until.js';

const pgUrl = process.env.TSIPS_TEST_PG_URL;
let rig: Rig | undefined;
afterEach(async () => { await rig?.stop(); rig = undefined; });

const table = () => `pua_unit_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
const cluster = (t: string) => [`modparam("pua", "db_table", "${t}")`, 'modparam("pua", "cluster_id", 7)', 'modparam("pua", "cluster_sharing_tag", "vip")'];

function row(now: number, etag: string) {
  return {
    pres_uri: ALICE, pres_id: '', event: 1, expires: now + 600, desired_expires: now + 3600, flag: 128, etag, tuple_id: null, watcher_uri: null,
    to_uri: null, call_id: 'other-node-call', to_tag: null, from_tag: 'ft', cseq: 4, record_route: null, contact: null, remote_contact: null,
    version: 3, extra_headers: null, sharing_tag: 'vip', outbound_proxy: null,
  };
}

describe.skipIf(!pgUrl)('pua clustering on PostgreSQL', () => {
  it('loads a record it does not hold from the shared table when a PUBLISH needs it', async () => {
    const t = table();
    rig = await puaRig(cluster(t), pgUrl);
    const st = rig.state<PuaState>('pua');
    await st.db.knex(t).insert(row(st.pua.nowSec(), 'other-etag'));
    expect(st.pua.table.size).toBe(0);
    const done = rig.mi('pua_publish', { presentity_uri: ALICE, expires: 3600, event_package: 'presence', etag: 'other-etag', body: 'new state' });
    await new Promise((r) => setTimeout(r, 300));
    await rig.settle();
    const p = last(rig, 'PUBLISH');
    expect(p.msg.header('sip-if-match')).toBe('other-etag');
    expect(p.msg.callId).toBe('other-node-call');
    expect(p.msg.cseq.seq).toBe(5);
    answer(rig, p, 200, 'OK', ['SIP-ETag: mine', 'Expires: 600']);
    expect(await done).toMatchObject({ code: 200, etag: 'mine' });
    await new Promise((r) => setTimeout(r, 300));
    expect(await st.db.knex(t).select('etag', 'cseq')).toEqual([{ etag: 'mine', cseq: 5 }]); // written at once
  });

  it('reloads a record it holds when another node says it changed, and forgets it when told it is gone', async () => {
    const t = table();
    rig = await puaRig(cluster(t), pgUrl);
    const st = rig.state<PuaState>('pua');
    const [{ id }] = await st.db.knex(t).insert(row(st.pua.nowSec(), 'v1')).returning('id') as { id: number }[];
    const key = `p\n${ALICE}\n\n128\n1`;
    const notice = (o: string) => st.db.knex.raw('select pg_notify(?, ?)', ['tsips_pua_7', JSON.stringify({ n: 'elsewhere', o, k: key, i: id })]);
    await notice('update');
    await until('the record is loaded', () => st.pua.table.size === 1, 5000);
    await st.db.knex(t).where({ id }).update({ etag: 'v2' });
    await notice('update');
    await until('the change is reloaded', async () => ((await rig!.mi('pua_list')) as { Publications: { etag: string }[] }).Publications[0]?.etag === 'v2', 5000);
    await notice('delete');
    await until('the record is forgotten', () => st.pua.table.size === 0, 5000);
  });
});

