// usrloc as users meet it: the MI commands' JSON (what opensips-cli and SIPssert read), the
// kv-store script functions, and persistence in the location table on PGlite (and on the
// real PostgreSQL when TSIPS_TEST_PG_URL is set): write-through, write-back, load at start.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scriptRig, type Rig, scriptHead } from '../script-rig.js';
import { openDatabase } from '../../../engine/db/index.js';

const CFG = (params: string, route = 'if (is_method("REGISTER")) save("location"); exit;') => `
${scriptHead(['usrloc', 'registrar', 'sipmsgops'])}
${params}
route { ${route} }`;

let n = 0;
function register(rig: Rig, user: string, contact: string, expires = 600) {
  const id = `u${++n}`;
  rig.receive([
    'REGISTER sip:127.0.0.1:5060 SIP/2.0', `Via: SIP/2.0/UDP 127.0.0.1:5000;branch=z9hG4bK-${id}`, 'Max-Forwards: 70',
    `From: <sip:${user}@127.0.0.1>;tag=${id}`, `To: <sip:${user}@127.0.0.1>`, `Call-ID: ${id}`, 'CSeq: 1 REGISTER',
    `Contact: <${contact}>;q=0.5`, `Expires: ${expires}`, 'User-Agent: Phone/1.0', 'Content-Length: 0', '', '',
  ].join('\r\n'));
}

async function until(rig: Rig, cond: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await cond()); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('usrloc MI', () => {
  it('ul_dump has OpenSIPS\'s shape; ul_show_contact, ul_add, ul_rm_contact, ul_rm answer as OpenSIPS does', async () => {
    const rig = await scriptRig(CFG(''));
    register(rig, 'alice', 'sip:alice@127.0.0.1:5001');
    await rig.settle();
    const dump = (await rig.mi('ul_dump')) as { Domains: { name: string; hash_size: number; AORs: { AOR: string; Contacts: Record<string, unknown>[] }[] }[] };
    expect(dump.Domains).toHaveLength(1);
    expect(dump.Domains[0]!.name).toBe('location');
    expect(dump.Domains[0]!.hash_size).toBe(512);
    const c = dump.Domains[0]!.AORs[0]!.Contacts[0]!;
    expect(Object.keys(c)).toEqual(['Contact', 'ContactID', 'Expires', 'Q', 'Callid', 'Cseq', 'User-agent', 'State', 'Flags', 'Cflags', 'Socket', 'Methods']);
    expect(c).toMatchObject({ Contact: 'sip:alice@127.0.0.1:5001', Expires: 600, Q: '0.5', Cseq: 1, 'User-agent': 'Phone/1.0', State: 'CS_NEW', Methods: 4294967295, Socket: 'udp:127.0.0.1:5060' });
    expect(typeof c.ContactID).toBe('string');
    expect(await rig.mi('usrloc:dump', { brief: 1 })).toEqual({ Domains: [{ name: 'location', hash_size: 512, AORs: [{ AOR: 'alice' }] }] });
    expect(await rig.mi('ul_add', { table_name: 'location', aor: 'alice', contact: 'sip:alice@10.0.0.9', expires: 0, q: '', flags: 0, cflags: 0, methods: 0 })).toBe('OK');
    const shown = (await rig.mi('ul_show_contact', { table_name: 'location', aor: 'alice' })) as { AOR: string; Contacts: { Contact: string; Expires: unknown; Callid: string }[] };
    expect(shown.Contacts.map((x) => [x.Contact, x.Expires])).toEqual([['sip:alice@127.0.0.1:5001', 600], ['sip:alice@10.0.0.9', 'permanent']]);
    expect(shown.Contacts[1]!.Callid).toBe('dfjrewr12386fd6-343@opensips.mi');
    expect(await rig.mi('ul_rm_contact', { table_name: 'location', aor: 'alice', contact: 'sip:alice@10.0.0.9' })).toBe('OK');
    await expect(rig.mi('ul_rm_contact', { table_name: 'location', aor: 'alice', contact: 'sip:nobody@x' })).rejects.toMatchObject({ code: 404, message: 'Contact not found' });
    await expect(rig.mi('ul_show_contact', { table_name: 'nope', aor: 'alice' })).rejects.toMatchObject({ code: 404, message: 'Table not found' });
    expect(await rig.mi('ul_rm', { table_name: 'location', aor: 'alice@example.com' })).toBe('OK'); // use_domain=0: the domain goes
    await expect(rig.mi('ul_show_contact', { table_name: 'location', aor: 'alice' })).rejects.toMatchObject({ code: 404, message: 'AOR not found' });
    await expect(rig.mi('ul_sync', { table_name: 'location' })).rejects.toMatchObject({ code: 200, message: 'Contacts already synced' });
  });

  it('ul_add_key / ul_get_key / ul_del_key work on a registered AOR only', async () => {
    const rig = await scriptRig(CFG('', `
      if (is_method("REGISTER")) { save("location"); exit; }
      if (!ul_add_key("location", "$rU", "k", "v1")) xlog("L_ERR", "add failed for $rU\\n");
      if (ul_get_key("location", "$rU", "k", $var(v))) append_to_reply("X-K: $var(v)\\r\\n");
      ul_del_key("location", "$rU", "k");
      if (!ul_get_key("location", "$rU", "k", $var(w))) append_to_reply("X-Gone: yes\\r\\n");
      sl_send_reply(200, "OK");`));
    register(rig, 'bob', 'sip:bob@127.0.0.1:5002');
    rig.receive(['OPTIONS sip:bob@127.0.0.1 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5000;branch=z9hG4bK-o1', 'From: <sip:x@y>;tag=1',
      'To: <sip:bob@127.0.0.1>', 'Call-ID: o1', 'CSeq: 1 OPTIONS', 'Content-Length: 0', '', ''].join('\r\n'));
    rig.receive(['OPTIONS sip:nobody@127.0.0.1 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5000;branch=z9hG4bK-o2', 'From: <sip:x@y>;tag=1',
      'To: <sip:nobody@127.0.0.1>', 'Call-ID: o2', 'CSeq: 1 OPTIONS', 'Content-Length: 0', '', ''].join('\r\n'));
    await rig.settle();
    const bob = rig.to(5000).find((s) => s.msg.callId === 'o1')!.msg;
    expect([bob.header('x-k'), bob.header('x-gone')]).toEqual(['v1', 'yes']);
    const nobody = rig.to(5000).find((s) => s.msg.callId === 'o2')!.msg;
    expect(nobody.header('x-k')).toBeUndefined();
  });
});

const backends: [string, () => string][] = [['pglite', () => `pglite://${mkdtempSync(join(tmpdir(), 'tsips-ul-'))}`]];
if (process.env.TSIPS_TEST_PG_URL) backends.push(['postgres', () => process.env.TSIPS_TEST_PG_URL!]);

describe.each(backends)('usrloc on %s', (_name, makeUrl) => {
  async function fresh(): Promise<string> {
    const url = makeUrl();
    const db = await openDatabase(url);
    await db.knex.schema.dropTableIfExists('location');
    if (await db.knex.schema.hasTable('version')) await db.knex('version').where({ table_name: 'location' }).del();
    await db.close();
    return url;
  }
  const rows = async (url: string) => {
    const db = await openDatabase(url);
    try { return await db.knex('location').select('username', 'contact', 'expires', 'q', 'callid', 'cseq', 'user_agent', 'socket'); } finally { await db.close(); }
  };

  it('write-through: the row is in the table when the 200 goes out; loaded back after a restart', async () => {
    const url = await fresh();
    const cfg = CFG(`modparam("usrloc", "working_mode_preset", "single-instance-sql-write-through")\nmodparam("usrloc", "db_url", "${url}")`);
    const rig = await scriptRig(cfg);
    register(rig, 'carol', 'sip:carol@127.0.0.1:5003');
    await until(rig, () => rig.to(5000).length > 0);
    expect(rig.to(5000)[0]!.msg.status).toBe(200);
    const r = await rows(url);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ username: 'carol', contact: 'sip:carol@127.0.0.1:5003', cseq: 1, user_agent: 'Phone/1.0', socket: 'udp:127.0.0.1:5060' });
    expect(Number(r[0]!.q)).toBeCloseTo(0.5);
    await rig.stop();
    const again = await scriptRig(cfg);
    const dump = (await again.mi('ul_dump')) as { Domains: { AORs: { AOR: string; Contacts: { State: string }[] }[] }[] };
    expect(dump.Domains[0]!.AORs.map((a) => [a.AOR, a.Contacts[0]!.State])).toEqual([['carol', 'CS_SYNC']]);
    await again.stop();
    if (url.startsWith('pglite:')) rmSync(url.slice('pglite://'.length), { recursive: true, force: true });
  });

  it('write-back: rows appear on the timer, deletes too; a clean stop writes what is pending', async () => {
    const url = await fresh();
    const rig = await scriptRig(CFG(`modparam("usrloc", "working_mode_preset", "single-instance-sql-write-back")\nmodparam("usrloc", "db_url", "${url}")\nmodparam("usrloc", "timer_interval", 5)`));
    register(rig, 'dave', 'sip:dave@127.0.0.1:5004');
    register(rig, 'erin', 'sip:erin@127.0.0.1:5005');
    await until(rig, () => rig.to(5000).length === 2);
    expect(await rows(url)).toHaveLength(0);
    await rig.advance(5000);
    await until(rig, async () => (await rows(url)).length === 2);
    expect((await rows(url)).map((x) => x.username).sort()).toEqual(['dave', 'erin']);
    expect(await rig.mi('ul_rm', { table_name: 'location', aor: 'dave' })).toBe('OK');
    register(rig, 'frank', 'sip:frank@127.0.0.1:5006');
    await rig.settle();
    await rig.stop();
    expect((await rows(url)).map((x) => x.username).sort()).toEqual(['erin', 'frank']);
    if (url.startsWith('pglite:')) rmSync(url.slice('pglite://'.length), { recursive: true, force: true });
  });
});
