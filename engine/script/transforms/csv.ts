// The csv.* transformations: on a comma-separated list ("a,b,c"); quoted fields may hold
// commas. Fields are trimmed of blanks, as header lists are.
import { int, str, type MaybeValue } from '../value.js';
import { transform, type TransformDef } from './types.js';

export function splitCsv(s: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) { out.push(field.trim()); field = ''; } else field += c;
  }
  out.push(field.trim());
  return out;
}

const text = (v: NonNullable<MaybeValue>) => v.s ?? String(v.i ?? '');

export const csvTransforms: readonly TransformDef[] = [
  transform({
    name: 'csv.count', args: [], tier: 2, doc: 'number of comma-separated fields',
    apply: (v) => (v === null ? null : int(splitCsv(text(v)).length)),
  }),
  transform({
    name: 'csv.value', args: [{ kind: 'int' }], tier: 2, doc: 'the n-th field (0-based; negative from the end)',
    apply: (v, [n]) => {
      if (v === null) return null;
      const f = splitCsv(text(v));
      const k = Number(n) < 0 ? f.length + Number(n) : Number(n);
      return k >= 0 && k < f.length ? str(f[k]) : null;
    },
  }),
];
