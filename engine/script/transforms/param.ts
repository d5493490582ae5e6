// The param.* transformations: on a ';'-separated parameter list such as "a=1;b=2;lr"
// (what uri.params or a header's parameters give). A leading ';' is skipped; quoted values
// may contain ';'. Names compare case-insensitively, as SIP parameter names do.
import { int, str, type MaybeValue } from '../value.js';
import { transform, type TransformDef } from './types.js';

interface Param { name: string; value: string }

export function splitParams(s: string): Param[] {
  const out: Param[] = [];
  let k = s.startsWith(';') ? 1 : 0;
  while (k < s.length) {
    let end = k;
    let quoted = false;
    for (; end < s.length; end++) {
      const c = s[end];
      if (c === '"' && s[end - 1] !== '\\') quoted = !quoted;
      else if (c === ';' && !quoted) break;
    }
    const item = s.slice(k, end).trim();
    if (item) {
      const eq = item.indexOf('=');
      out.push(eq < 0 ? { name: item, value: '' } : { name: item.slice(0, eq).trim(), value: item.slice(eq + 1).trim() });
    }
    k = end + 1;
  }
  return out;
}

const text = (v: NonNullable<MaybeValue>) => v.s ?? String(v.i ?? '');
const find = (s: string, name: string) => splitParams(s).find((p) => p.name.toLowerCase() === name.toLowerCase());
const at = (list: Param[], n: number) => list[n < 0 ? list.length + n : n];

export const paramTransforms: readonly TransformDef[] = [
  transform({
    name: 'param.value', args: [{ kind: 'str' }], tier: 1, doc: 'value of the named parameter (empty for a flag parameter)',
    apply: (v, [name]) => { const p = v && find(text(v), String(name)); return p ? str(p.value) : null; },
  }),
  transform({
    name: 'param.exist', args: [{ kind: 'str' }], tier: 2, doc: '1 when the named parameter is present, else 0',
    apply: (v, [name]) => (v === null ? null : int(find(text(v), String(name)) ? 1 : 0)),
  }),
  transform({
    name: 'param.count', args: [], tier: 1, doc: 'number of parameters',
    apply: (v) => (v === null ? null : int(splitParams(text(v)).length)),
  }),
  transform({
    name: 'param.valueat', args: [{ kind: 'int' }], tier: 2, doc: 'value of the n-th parameter (0-based; negative from the end)',
    apply: (v, [n]) => { const p = v && at(splitParams(text(v)), Number(n)); return p ? str(p.value) : null; },
  }),
  transform({
    name: 'param.name', args: [{ kind: 'int' }], tier: 2, doc: 'name of the n-th parameter (0-based; negative from the end)',
    apply: (v, [n]) => { const p = v && at(splitParams(text(v)), Number(n)); return p ? str(p.name) : null; },
  }),
];
