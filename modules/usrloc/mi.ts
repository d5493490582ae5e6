// usrloc's MI commands (reference 5.1) under the 3.x `ul_*` names and the 4.x `usrloc:*`
// ones, with OpenSIPS's JSON shapes and error codes.
import { miCommand, type ModuleMiCommand } from '../../engine/modules/index.js';
import { miInt, miString, type MiParams } from '../../engine/mi/command.js';
import { MiError } from '../../engine/mi/mi-error.js';
import { processFlags } from '../../engine/core/flags.js';
import type { UContact, UDomain, URecord } from './store.js';
import type { UlState } from './state.js';
import { UL_AOR_DELETE } from './api.js';

/** q as OpenSIPS prints it: "" unspecified, else the shortest decimal ("1", "0.5"). */
export function qText(q: number): string {
  return q < 0 ? '' : String(q / 1000);
}

function contactJson(st: UlState, c: UContact): Record<string, unknown> {
  const now = st.ul.nowSec();
  const o: Record<string, unknown> = {
    Contact: c.uri,
    ContactID: c.id.toString(),
    Expires: c.expires === 0 ? 'permanent' : c.expires <= now ? 'expired' : c.expires - now,
    Q: qText(c.q),
    Callid: c.callid,
    Cseq: c.cseq,
  };
  if (c.userAgent) o['User-agent'] = c.userAgent;
  if (c.received) o.Received = c.received;
  if (c.path) o.Path = c.path;
  o.State = c.state;
  o.Flags = c.flags;
  o.Cflags = processFlags.names(c.cflags).join(' ');
  if (c.socket) o.Socket = c.socket;
  o.Methods = c.methods >>> 0;
  if (c.attr) o.Attr = c.attr;
  if (c.instance) o.SIP_instance = c.instance;
  if (st.dumpKv && c.kv && c.kv.size > 0) o['KV-Store'] = JSON.stringify(Object.fromEntries(c.kv));
  return o;
}

function aorJson(st: UlState, r: URecord, brief: boolean): Record<string, unknown> {
  if (brief) return { AOR: r.aor };
  const o: Record<string, unknown> = { AOR: r.aor, Contacts: r.contacts.map((c) => contactJson(st, c)) };
  if (st.dumpKv && r.kv && r.kv.size > 0) o['KV-Store'] = JSON.stringify(Object.fromEntries(r.kv));
  return o;
}

function domainOf(st: UlState, p: MiParams): UDomain {
  const d = st.ul.getUdomain(miString(p, 'table_name'));
  if (!d) throw new MiError(404, 'Table not found');
  return d;
}

/** The AOR key as usrloc stores it: without use_domain, everything after '@' goes. */
function aorOf(st: UlState, p: MiParams): string {
  const aor = miString(p, 'aor');
  if (!st.ul.useDomain) return aor.split('@')[0]!;
  if (!aor.includes('@')) throw new MiError(400, 'Domain missing in AOR');
  return aor;
}

function dump(p: MiParams, st: UlState): unknown {
  // OpenSIPS parses `brief` as an integer although its README says "brief" (reference 8 #3).
  const b = p.brief;
  const brief = b !== undefined && b !== 0 && b !== '0';
  return {
    Domains: [...st.ul.domains.values()].map((d) => ({
      name: d.name, hash_size: 512, AORs: [...d.records.values()].map((r) => aorJson(st, r, brief)),
    })),
  };
}

function showContact(p: MiParams, st: UlState): unknown {
  const r = st.ul.getUrecord(domainOf(st, p), aorOf(st, p));
  if (!r) throw new MiError(404, 'AOR not found');
  return aorJson(st, r, false);
}

async function rm(p: MiParams, st: UlState): Promise<unknown> {
  const d = domainOf(st, p);
  const aor = aorOf(st, p);
  const r = st.ul.getUrecord(d, aor);
  st.ul.deleteUrecord(d, aor, 'mi');
  if (r) await st.ul.persisted(r)?.catch(() => undefined);
  return 'OK';
}

async function rmContact(p: MiParams, st: UlState): Promise<unknown> {
  const r = st.ul.getUrecord(domainOf(st, p), aorOf(st, p));
  if (!r) throw new MiError(404, 'AOR not found');
  const uri = miString(p, 'contact');
  const found = st.ul.getUcontact(r, uri, '', 0, { mode: 0 });
  if (found.rc === 1) throw new MiError(404, 'Contact not found');
  st.ul.deleteUcontact(r, found.c, 'mi');
  if (r.contacts.length === 0) st.ul.dropRecord(r, UL_AOR_DELETE, 'mi');
  await st.ul.persisted(r)?.catch(() => undefined);
  return 'OK';
}

async function add(p: MiParams, st: UlState): Promise<unknown> {
  const d = domainOf(st, p);
  const aor = aorOf(st, p);
  const uri = miString(p, 'contact');
  const expires = miInt(p, 'expires');
  const qs = miString(p, 'q');
  const q = qs === '' ? -1 : Math.round(Number(qs) * 1000);
  if (!Number.isFinite(q) || q > 1000) throw new MiError(400, 'Invalid q value');
  const now = st.ul.nowSec();
  const ci = {
    expires: expires === 0 ? 0 : now + expires, q, callid: 'dfjrewr12386fd6-343@opensips.mi', cseq: 1,
    flags: miInt(p, 'flags'), cflags: miInt(p, 'cflags'), userAgent: 'OpenSIPS MI Server', methods: miInt(p, 'methods') >>> 0,
  };
  const r = st.ul.insertUrecord(d, aor, 'mi');
  const existing = st.ul.getUcontact(r, uri, '', 0, { mode: 0 });
  if (existing.rc === 1) st.ul.insertUcontact(r, uri, ci, 'mi');
  else st.ul.updateUcontact(r, existing.c, { ...ci, cseq: existing.c.cseq, callid: existing.c.callid }, 'mi');
  await st.ul.persisted(r);
  return 'OK';
}

async function flush(_p: MiParams, st: UlState): Promise<unknown> {
  await st.tick();
  return 'OK';
}

async function sync(p: MiParams, st: UlState): Promise<unknown> {
  if (!st.persistence) throw new MiError(200, 'Contacts already synced');
  const d = domainOf(st, p);
  const only = p.aor !== undefined ? aorOf(st, p) : undefined;
  const q = st.db!.knex(d.name);
  if (only !== undefined) {
    const at = only.indexOf('@');
    await (st.ul.useDomain && at > 0 ? q.where({ username: only.slice(0, at), domain: only.slice(at + 1) }) : q.where({ username: only })).del();
  } else await q.del();
  for (const r of d.records.values()) {
    if (only !== undefined && r.aor !== only) continue;
    for (const c of r.contacts) { c.state = 'CS_NEW'; st.persistence.saved(r, c); }
  }
  return 'OK';
}

const cmd = (doc: string, handler: ModuleMiCommand<UlState>['handler'], params?: ModuleMiCommand['params'], recipes?: ModuleMiCommand['recipes']) =>
  miCommand<UlState>({ doc, handler, params, recipes });

const COMMANDS: Record<string, ModuleMiCommand<UlState>> = {
  dump: cmd('Every domain with its AORs and contacts (brief=1: AORs only).', dump, undefined, [[], ['brief']]),
  show_contact: cmd('One AOR and its contacts.', showContact, [{ name: 'table_name' }, { name: 'aor' }]),
  rm: cmd('Deletes an AOR and all its contacts.', rm, [{ name: 'table_name' }, { name: 'aor' }]),
  rm_contact: cmd('Deletes one contact of an AOR (matched by URI comparison).', rmContact, [{ name: 'table_name' }, { name: 'aor' }, { name: 'contact' }]),
  add: cmd('Adds (or updates) a contact: expires in seconds (0 = permanent), q as text, flags, cflags and methods as integers.', add,
    [{ name: 'table_name' }, { name: 'aor' }, { name: 'contact' }, { name: 'expires' }, { name: 'q' }, { name: 'flags' }, { name: 'cflags' }, { name: 'methods' }]),
  flush: cmd('Runs the timer now: expires contacts and writes pending changes to SQL.', flush),
  sync: cmd('Rewrites the table (or one AOR) in SQL from memory.', sync, undefined, [['table_name'], ['table_name', 'aor']]),
};

export const UL_MI: Record<string, ModuleMiCommand<UlState>> = Object.fromEntries(
  Object.entries(COMMANDS).flatMap(([name, c]) => [[`ul_${name}`, c], [`usrloc:${name}`, c]]),
);
