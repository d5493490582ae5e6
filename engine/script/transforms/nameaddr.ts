// The nameaddr.* transformations: on a name-addr such as `"Bob" <sip:b@x>;tag=1` (a From,
// To or Contact value). A value that does not parse makes the variable NULL.
import { parseNameAddrValue, type NameAddr } from '../../sip/index.js';
import { int, str, type MaybeValue } from '../value.js';
import { transform, type TransformDef } from './types.js';

const text = (v: NonNullable<MaybeValue>): string => v.s ?? String(v.i ?? '');

function parsed(v: MaybeValue): NameAddr | undefined {
  if (v === null) return undefined;
  try { return parseNameAddrValue(text(v).trim(), 'nameaddr'); } catch { return undefined; }
}

/** Parameters after the URI, as written: `tag=1;expires=60`. */
function paramsText(s: string): string {
  const close = s.lastIndexOf('>');
  const from = s.indexOf(';', close < 0 ? 0 : close);
  return from < 0 ? '' : s.slice(from + 1).trim();
}

export const nameaddrTransforms: readonly TransformDef[] = [
  transform({ name: 'nameaddr.uri', args: [], tier: 1, doc: 'the URI', apply: (v) => { const n = parsed(v); return n ? str(n.uri) : null; } }),
  transform({ name: 'nameaddr.name', args: [], tier: 2, doc: 'the display name', apply: (v) => { const n = parsed(v); return n ? str(n.displayName ?? '') : null; } }),
  transform({ name: 'nameaddr.len', args: [], tier: 2, doc: 'length of the whole value', apply: (v) => (parsed(v) ? int(text(v!).trim().length) : null) }),
  transform({
    name: 'nameaddr.param', args: [{ kind: 'str' }], tier: 2, doc: 'value of a header parameter',
    apply: (v, [name]) => { const n = parsed(v); if (!n) return null; const p = n.param(String(name)); return p === undefined ? null : str(p ?? ''); },
  }),
  transform({ name: 'nameaddr.params', args: [], tier: 2, doc: 'the header parameters as written', apply: (v) => (parsed(v) ? str(paramsText(text(v!))) : null) }),
];
