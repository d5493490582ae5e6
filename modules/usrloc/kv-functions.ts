// ul_add_key / ul_get_key / ul_del_key (reference 4): the record-level kv store of a
// registered AOR, in any route.
import type { MessageContext, PvarRef } from '../../engine/modules/index.js';
import { str, int } from '../../engine/script/value.js';
import type { UlState } from './state.js';

function recordOf(st: UlState, domain: string, aor: string) {
  const d = st.ul.getUdomain(domain) ?? st.ul.registerUdomain(domain);
  return st.ul.getUrecord(d, aor);
}

/** An omitted or empty value deletes the key (OpenSIPS crashes on the omitted one, 8 #2). */
export function ulAddKey(_ctx: MessageContext, st: UlState, domain: string, aor: string, key: string, value: string | undefined): number {
  const r = recordOf(st, domain, aor);
  if (!r) return -1;
  if (value === undefined || value === '') st.ul.delUrecordKey(r, key);
  else st.ul.putUrecordKey(r, key, value);
  return 1;
}

export function ulGetKey(_ctx: MessageContext, st: UlState, domain: string, aor: string, key: string, dest: PvarRef): number {
  const r = recordOf(st, domain, aor);
  const v = r ? st.ul.getUrecordKey(r, key) : undefined;
  if (v === undefined) return -1;
  dest.set(typeof v === 'number' ? int(v) : str(v));
  return 1;
}

export function ulDelKey(_ctx: MessageContext, st: UlState, domain: string, aor: string, key: string): number {
  const r = recordOf(st, domain, aor);
  if (!r) return -1;
  st.ul.delUrecordKey(r, key);
  return 1;
}
